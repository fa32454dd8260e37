"""Search-engine and sharing metadata for the public pages: one tag, `{% seo_head %}`.

It renders includes/seo_head.html: the meta description, the canonical URL, the hreflang
alternates between a page and its /en/ twin, OpenGraph and Twitter card tags and, on an
article, JSON-LD (NewsArticle and BreadcrumbList). Everything is computed from objects the
view already put in the context (an article from `for_detail()` has its figures prefetched
and its category and province joined), so the tag makes no database query.

JSON-LD is a data block (`type="application/ld+json"`), never executed, so the
Content-Security-Policy does not apply to it and it carries no nonce: public pages may be
cached, and a cached nonce would not match the next response's header.
"""

import html
import json
import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from articles.content.html import html_to_text

register = template.Library()

DESCRIPTION_LENGTH = 160
HEADLINE_LENGTH = 110  # Google's limit for a NewsArticle headline
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
# A list is indexed page by page (Django's paginated views read ?page=).
PAGE_PARAMETER = "page"
# What json_script escapes: editor text can never close the <script> element.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """A JSON-LD block's text: UTF-8 JSON with <, > and & escaped, safe inside its <script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(text)


def iso_datetime(value):
    """An aware datetime in Vietnam's time: 2024-02-28T13:38:16+07:00."""
    return timezone.localtime(value, timezone.get_default_timezone()).isoformat(timespec="seconds")


def plain(text, length):
    """Text on one line, at most `length` characters: cut between words, with an ellipsis.

    A string already escaped by the template ({% blocktranslate asvar %}) is unescaped first:
    the include escapes it once, when it is written into an attribute.
    """
    text = html.unescape(str(text)) if isinstance(text, SafeData) else str(text or "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if not text[length - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # never end on half a word
    return cut.rstrip(" ,;:.-–") + "…"


def canonical_path(request, page_obj, filterset=None):
    """The page's own path; a list's page number is kept unless the list is filtered.

    A filtered list (or any page of it) is a view of the whole list, which is its canonical
    URL. Parameters that are no filter (utm_source=..., an empty field of the filter form)
    change nothing.
    """
    path = request.path
    filters = set(filterset.form.fields) if filterset is not None else set()
    filtered = any(value.strip() for key in filters for value in request.GET.getlist(key))
    if page_obj is not None and page_obj.number > 1 and not filtered:
        path = f"{path}?{PAGE_PARAMETER}={page_obj.number}"
    return path


def language_path(path, code):
    """The same page in another language: Vietnamese at the root, the others under /<code>/.

    The public URL patterns are the same in every language (i18n_patterns without a prefix
    for the default one), so no pattern needs resolving: translate_url() cost 0.3 ms a page.
    """
    for other, _name in settings.LANGUAGES:
        if other != settings.LANGUAGE_CODE and path.startswith(f"/{other}/"):
            path = path[len(other) + 1 :]
            break
    # One leading slash: "/en//evil.example/" must not become "//evil.example/", another site.
    path = "/" + path.lstrip("/")
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


@register.simple_tag(takes_context=True)
def language_url(context, code):
    """This page in another language, on this site, with its query string (its filters)."""
    request = context["request"]
    path = language_path(request.path, code)
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


def alternates(request, path):
    """(hreflang, absolute URL) of the page in each language, x-default being Vietnamese."""
    urls = [
        (code, request.build_absolute_uri(language_path(path, code)))
        for code, _name in settings.LANGUAGES
    ]
    return [*urls, ("x-default", urls[0][1])]


def article_images(request, article):
    """Absolute URLs of the article's photos, in their order (figures are prefetched)."""
    figures = sorted(article.figures.all(), key=lambda figure: (figure.position, figure.order))
    return [
        (request.build_absolute_uri(figure.image.url), figure.alt_text or figure.caption)
        for figure in figures
        if figure.image
    ]


def article_description(article):
    return plain(article.lead or html_to_text(article.body), DESCRIPTION_LENGTH)


def article_dates(article):
    """(published, modified) as ISO 8601; an edit before publication time counts as the latter."""
    published = article.published_at or article.updated_at
    return iso_datetime(published), iso_datetime(max(published, article.updated_at))


def news_article(request, article, url, images, site_name):
    """schema.org NewsArticle of an article page."""
    home = request.build_absolute_uri(reverse("articles:home"))
    publisher = {"@type": "Organization", "name": site_name, "url": home}
    published, modified = article_dates(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain(article.title, HEADLINE_LENGTH),
        "description": article_description(article),
        "datePublished": published,
        "dateModified": modified,
        "author": (
            [{"@type": "Person", "name": article.byline.strip()}]
            if article.byline.strip()
            else [publisher]
        ),
        "publisher": publisher,
        "inLanguage": "vi",  # the article's text is Vietnamese on /en/ pages too
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if images:
        data["image"] = [image for image, _alt in images]
    if article.category_id:
        data["articleSection"] = article.category.name
    return data


def breadcrumbs(request, article, url):
    """schema.org BreadcrumbList: home > news > the article's province or category > it."""
    trail = [
        (gettext("Trang chủ"), reverse("articles:home")),
        (gettext("Tin tức"), reverse("articles:article_list")),
    ]
    if article.province_id:
        trail.append((capfirst(article.province.full_name), article.province.get_absolute_url()))
    elif article.category_id:
        trail.append((article.category.name, article.category.get_absolute_url()))
    items = [(name, request.build_absolute_uri(path)) for name, path in trail]
    items.append((plain(article.title, HEADLINE_LENGTH), url))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(items, start=1)
        ],
    }


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context, title, description="", article=None):
    """Description, canonical, alternates, OpenGraph, Twitter card and, for an article, JSON-LD.

    `title` is the page's own name (the <title> adds the site's); an article's description
    is its lead, or the start of its text when it has none.
    """
    request = context["request"]
    language = get_language() or settings.LANGUAGE_CODE
    path = canonical_path(request, context.get("page_obj"), context.get("filter"))
    url = request.build_absolute_uri(path)
    site_name = context["site"].display_name  # the site settings' name, in the page's language
    meta = {
        "title": plain(title, 300),
        "description": plain(description, DESCRIPTION_LENGTH),
        "url": url,
        "alternates": alternates(request, path),
        "site_name": site_name,
        "locale": OG_LOCALES.get(language, "vi_VN"),
        "locale_alternates": [locale for code, locale in OG_LOCALES.items() if code != language],
        "type": "website",
        "images": [],
        "json_ld": [],
    }
    if article is not None:
        images = article_images(request, article)
        published, modified = article_dates(article)
        meta.update(
            type="article",
            description=article_description(article),
            images=images,
            published_time=published,
            modified_time=modified,
            json_ld=[
                json_ld(news_article(request, article, url, images, site_name)),
                json_ld(breadcrumbs(request, article, url)),
            ],
        )
    return meta
