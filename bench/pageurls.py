"""What the page benchmarks request: URLs of each public page type, sampled from the database."""

import json
from urllib.parse import quote

from databases import manage

PER_PAGE = 20  # articles on a page of the news list
SEARCH_QUERIES = ["sốt", "dien bien", "bệnh viện", "tiem chung", '"sốt xuất huyết"', "huế"]

SAMPLE_CODE = """
import json
from django.db.models import Count, Q
from articles.models import Article
from people.models import Official, Organisation, Province
published = Article.objects.published()
count = published.count()
step = max(1, count // {articles})
slugs = list(published.order_by("pk").values_list("slug", flat=True)[::step][:{articles}])
def full_first_page(queryset, link):
    # Named in a full first page of published articles (20), as at every size: a page of 3
    # cards at 1,000 articles and of 20 at 100,000 would measure the content, not the growth.
    # Else those with the most news, never one without (a small archive leaves some empty).
    named = queryset.annotate(n=Count(link, filter=Q(**{{link + "__in": published}})))
    full = named.filter(n__gte=20).order_by("slug")
    return list((full if full.exists() else named.filter(n__gte=1).order_by("-n", "slug"))
                .values_list("slug", flat=True)[:{others}])
provinces = full_first_page(Province.objects.all(), "articles")
officials = full_first_page(Official.objects.all(), "mentions__article")
kinds = [Organisation.Kind.HOSPITAL, Organisation.Kind.HEALTH_CENTRE, Organisation.Kind.CDC,
         Organisation.Kind.HEALTH_STATION]
facilities = full_first_page(Organisation.objects.filter(kind__in=kinds), "articles")
print("SAMPLE " + json.dumps({{"published": count, "articles": slugs, "provinces": provinces,
                               "officials": officials, "facilities": facilities}}))
"""


def sample_site(env, articles=200, others=30):
    """Slugs to rotate over: articles spread over the archive, provinces with news, officials,
    facilities; read through the site's own models in a subprocess."""
    code = SAMPLE_CODE.format(articles=articles, others=others)
    out = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    line = next(line for line in out.splitlines() if line.startswith("SAMPLE "))
    return json.loads(line.removeprefix("SAMPLE "))


def page_urls(sample):
    """The public page types and the paths each rotates over."""
    last = min(5, -(-sample["published"] // PER_PAGE))  # pages 1-5 of the news list, if there

    return {
        "home": ["/"],
        "news list": ["/tin-tuc/"] + [f"/tin-tuc/?page={page}" for page in range(2, last + 1)],
        "filtered list": [f"/tin-tuc/?tinh={slug}" for slug in sample["provinces"]],
        "article": [f"/tin-tuc/{slug}/" for slug in sample["articles"]],
        "official": [f"/can-bo/{slug}/" for slug in sample["officials"]],
        "facility": [f"/don-vi/{slug}/" for slug in sample["facilities"]],
        "search": [f"/tim-kiem/?q={quote(query)}" for query in SEARCH_QUERIES],
        "feed": ["/rss/"] + [f"/rss/tinh/{slug}/" for slug in sample["provinces"][:5]],
    }


def other_page_urls(sample):
    """The public page types outside the budget table, for bench/growth.py --every-page: a page
    that reads the whole archive shows up as growth (a province page took 250 ms at 100,000
    articles before its figures were read through their own index)."""
    provinces = sample["provinces"][:5]
    return {
        "province": [f"/tinh-thanh/{slug}/" for slug in provinces],
        "provinces": ["/tinh-thanh/"],
        "officials": ["/can-bo/"],
        "organisations": ["/don-vi/"],
        "year filter": ["/tin-tuc/?nam=2024", "/tin-tuc/?nam=2020"],
        "events": ["/ngay-ky-niem/"],
        "event": ["/ngay-ky-niem/ngay-thay-thuoc-viet-nam/"],
        "documents": ["/van-ban/"],
        "statistics": ["/so-lieu/", "/so-lieu/luot-kham-chua-benh/"],
        "about": ["/gioi-thieu/"],
        "schedule": ["/lich-cong-tac/"],
        "sitemaps": [
            "/sitemap.xml",
            "/sitemap-can-bo.xml",
            "/sitemap-don-vi.xml",
            "/sitemap-tinh-thanh.xml",
            "/sitemap-ngay-ky-niem.xml",
        ],
        "news sitemap": ["/sitemap-news.xml"],
    }
