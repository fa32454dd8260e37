"""Cards, meta lines and title lists, written in Python: `{% article_card %}`, `{% article_meta %}`,
`{% province_news %}`.

Every list of the site shows twenty of these. As template includes they cost about a quarter
of a millisecond each (two includes, two date filters, a URL reversal, context pushes); built
as one string with the standard library's html.escape (what Django's escape calls, without its
lazy-string wrapper) they cost a fraction of that, with the same markup and the same escaping
(tests/articles/test_rendering.py compares them with the templates they replaced).
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

register = template.Library()

LEAD_WORDS = 35


def published_time(article):
    """<time> of the publication, with the weekday and the precision the editor gave."""
    when = article.published_at
    if when is None:
        return ""
    when = timezone.localtime(when)
    shown = f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y}"
    if article.published_at_precision == "exact":
        shown += f" {when:%H:%M}"
    note = ""
    if article.published_at_precision == "estimated":
        note = f' <span class="note">({escape(gettext("ngày ước tính"))})</span>'
    return f'<time datetime="{when.isoformat()}">{escape(shown)}{note}</time>'


def meta_html(article):
    parts = [published_time(article)]
    if article.province_id:
        parts.append(f"<span>{escape(article.province.full_name)}</span>")
    if article.category_id:
        parts.append(f"<span>{escape(article.category.name)}</span>")
    return f'<p class="meta">\n  {"\n  ".join(parts)}\n</p>'


@register.simple_tag
def article_meta(article):
    """Date, province and category of an article (the line under its title)."""
    return mark_safe(meta_html(article))


@register.simple_tag
def article_card(article, level=3, compact=False):
    """Title link, meta line and (unless compact) the lead cut to 35 words."""
    level = int(level)
    summary = ""
    if article.lead and not compact:
        lead = Truncator(article.lead).words(LEAD_WORDS, truncate=" …")
        summary = f'\n  <p class="summary">{escape(lead)}</p>'
    return mark_safe(
        f'<article class="card">\n  <h{level} class="card-title">'
        f'<a href="{escape(article.get_absolute_url())}">{escape(article.title)}</a></h{level}>\n'
        f"  {meta_html(article)}{summary}\n</article>"
    )


@register.simple_tag
def province_news(by_province):
    """The home page's news by province: each province's name, linked, over its newest titles.

    by_province: (province, headlines) pairs; a headline has a title and get_absolute_url().
    Sixty-odd sections of a hundred links, a template loop cost 3 ms (a tenth of that here).
    """
    sections = []
    for province, headlines in by_province:
        slug = escape(province.slug)
        links = "".join(
            f'<li><a href="{escape(headline.get_absolute_url())}">{escape(headline.title)}</a></li>'
            for headline in headlines
        )
        sections.append(
            f'<section class="province-news" aria-labelledby="tinh-{slug}">\n'
            f'  <h3 id="tinh-{slug}"><a href="{escape(province.get_absolute_url())}">'
            f"{escape(capfirst(province.full_name))}</a></h3>\n"
            f'  <ul class="plain">{links}</ul>\n</section>'
        )
    return mark_safe("\n".join(sections))
