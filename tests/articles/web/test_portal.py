"""The portal's frame as a reader meets it: masthead, navigation, breadcrumbs, sections by
category on the home page, share and print links, and the footer of Nghị định 42/2022."""

import base64
import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Category, SiteSettings, SourceOutlet
from tests.factories import (
    hidden_article_fields,
    make_article,
    make_official,
    make_organisation,
    make_province,
)

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r">\s+<", "><", response.content.decode())


def current_links(html):
    """The navigation's links that say they are the current page or section."""
    nav = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a (?:class="[^"]*" )?href="([^"]*)" aria-current="(page|true)"', nav)


def test_the_masthead_shows_the_emblem_and_the_configured_name(client):
    SiteSettings.objects.create(name="Sở Y tế Lào Cai", tagline="Cổng thông tin điện tử")

    html = page(client, reverse("articles:home"))

    masthead = html.split('<header class="masthead">')[1].split("</header>")[0]
    assert '<img class="brand-logo" src="/static/img/emblem.svg" alt=""' in masthead
    assert '<span class="brand-name">Sở Y tế Lào Cai</span>' in masthead
    assert '<span class="brand-tagline">Cổng thông tin điện tử</span>' in masthead
    assert "<title>Sở Y tế Lào Cai</title>" in html


def test_an_uploaded_logo_replaces_the_emblem(client):
    SiteSettings.objects.create(logo="figures/bieu-trung.png")

    html = page(client, reverse("articles:home"))

    assert '<img class="brand-logo" src="/media/figures/bieu-trung.png" alt=""' in html
    assert "img/emblem.svg" not in html.split("</header>")[0]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", [("/", "page")]),
        ("/tin-tuc/", [("/tin-tuc/", "page")]),
        ("/ngay-ky-niem/", [("/ngay-ky-niem/", "page")]),
        ("/can-bo/", [("/can-bo/", "page")]),
        ("/en/tinh-thanh/", [("/en/tinh-thanh/", "page")]),
        ("/tim-kiem/", []),
    ],
)
def test_the_navigation_marks_the_current_section(client, url, expected):
    assert current_links(page(client, url)) == expected


def test_a_detail_page_marks_its_section_and_shows_the_way_back(client):
    province = make_province(name="Lai Châu")
    article = make_article(title="Tin Lai Châu", province=province)
    official = make_official("Phạm Giang Nam")

    article_page = page(client, article.get_absolute_url())
    official_page = page(client, official.get_absolute_url())

    assert current_links(article_page) == [("/tin-tuc/", "true")]
    assert (
        '<nav class="breadcrumbs" aria-label="Đường dẫn"><ol>'
        '<li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li>'
        f'<li><a href="{province.get_absolute_url()}">Tỉnh Lai Châu</a></li></ol></nav>'
    ) in article_page
    assert current_links(official_page) == [("/can-bo/", "true")]
    assert (
        '<ol><li><a href="/">Trang chủ</a></li><li><a href="/can-bo/">Cán bộ</a></li></ol>'
    ) in official_page


def test_an_article_without_province_has_its_category_in_the_breadcrumbs(client):
    category = Category.objects.create(name="Khám chữa bệnh", slug="kham-chua-benh")
    article = make_article(category=category)

    html = page(client, article.get_absolute_url())

    assert (
        '<li><a href="/tin-tuc/">Tin tức</a></li>'
        '<li><a href="/tin-tuc/?chuyen_muc=kham-chua-benh">Khám chữa bệnh</a></li></ol>'
    ) in html


def test_list_pages_have_no_breadcrumbs(client):
    assert "breadcrumbs" not in page(client, "/tin-tuc/")


def test_share_links_are_plain_links_to_zalo_facebook_and_the_article_itself(client):
    article = make_article(title="Tin chia sẻ")

    html = page(client, article.get_absolute_url())

    address = f"http://testserver{article.get_absolute_url()}"
    links = dict(re.findall(r'<a class="share-(\w+)" href="([^"]*)"', html))
    zalo = urlsplit(links["zalo"].replace("&amp;", "&"))
    assert (zalo.scheme, zalo.netloc, zalo.path) == (
        "https",
        "button-share.zalo.me",
        "/share_external",
    )
    assert json.loads(base64.b64decode(parse_qs(zalo.query)["d"][0])) == {"url": address}
    facebook = urlsplit(links["facebook"].replace("&amp;", "&"))
    assert facebook.netloc == "www.facebook.com" and parse_qs(facebook.query) == {"u": [address]}
    assert links["copy"] == address
    assert '<button class="share-print" type="button" data-print hidden>In bài</button>' in html


def test_an_article_prints_with_its_address_and_the_print_stylesheet(client):
    SiteSettings.objects.create(name="Sở Y tế Lào Cai")
    article = make_article()

    html = page(client, article.get_absolute_url())

    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert (
        '<p class="print-only">In từ Sở Y tế Lào Cai: '
        f"http://testserver{article.get_absolute_url()}</p>"
    ) in html


def test_the_source_is_named_not_abbreviated_and_links_to_the_original(client):
    outlet = SourceOutlet.objects.create(code="HPĐT", name="Hải Phòng điện tử")
    linked = make_article(source_outlet=outlet, source_url="https://haiphong.gov.vn/tin/1")
    unlinked = make_article(source_outlet=outlet)

    linked_page = page(client, linked.get_absolute_url())
    unlinked_page = page(client, unlinked.get_absolute_url())

    assert (
        '<p class="source">Nguồn: <a href="https://haiphong.gov.vn/tin/1" rel="noopener">'
        "Hải Phòng điện tử</a></p>"
    ) in linked_page
    assert '<p class="source">Nguồn: Hải Phòng điện tử</p>' in unlinked_page
    assert "HPĐT" not in linked_page + unlinked_page


def test_an_estimated_date_is_shown_without_the_editors_note(client):
    wednesday = datetime.datetime(2024, 2, 28, 6, 38, tzinfo=datetime.UTC)
    article = make_article(published_at=wednesday, published_at_precision="estimated")

    html = page(client, article.get_absolute_url())

    assert '<time datetime="2024-02-28T13:38:00+07:00">Thứ Tư, 28/02/2024</time>' in html
    assert "ước tính" not in html


def test_the_home_page_has_a_section_for_each_category_with_news(client):
    health = Category.objects.create(name="Khám chữa bệnh", slug="kham-chua-benh")
    Category.objects.create(name="Chưa có tin", slug="chua-co-tin")
    now = timezone.now()
    for days in range(6):
        make_article(
            title=f"Khám bệnh {days}", category=health, published_at=now - datetime.timedelta(days)
        )
    for fields in hidden_article_fields():
        make_article(category=health, **fields)

    response = client.get(reverse("articles:home"))

    sections = [
        (category.name, [article.title for article in articles])
        for category, articles in response.context["by_category"]
    ]
    assert sections == [
        ("Khám chữa bệnh", ["Khám bệnh 0", "Khám bệnh 1", "Khám bệnh 2", "Khám bệnh 3"])
    ]
    html = re.sub(r">\s+<", "><", response.content.decode())
    assert (
        '<h3 id="chuyen-muc-kham-chua-benh" class="section-title">'
        '<a href="/tin-tuc/?chuyen_muc=kham-chua-benh">Khám chữa bệnh</a></h3>'
    ) in html
    assert "Chưa có tin" not in html
    assert "bí mật" not in html


@pytest.mark.parametrize("rows", [1, 30])
def test_the_home_page_runs_the_same_queries_however_many_articles(
    client, settings, django_assert_num_queries, rows
):
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    categories = [Category.objects.create(name=f"Chuyên mục {n}") for n in range(3)]
    provinces = [make_province() for _ in range(3)]
    for n in range(rows):
        make_article(category=categories[n % 3], province=provinces[n % 3])
    client.get(reverse("articles:home"))  # the site settings are read once per content version

    # lead and latest; their photos; provinces with their newest keys; those headlines;
    # categories with their newest keys; those articles; their photos; the commemorations
    with django_assert_num_queries(8):
        client.get(reverse("articles:home"))


def test_the_footer_names_the_publisher_and_links_to_the_feeds(client):
    SiteSettings.objects.create(publisher=make_organisation(name="Sở Y tế Lào Cai"))

    html = page(client, reverse("articles:home"))

    footer = html.split('<footer class="site-footer">')[1]
    assert '<strong class="footer-publisher" lang="vi">Sở Y tế Lào Cai</strong>' in footer
    assert '<a href="/rss/">RSS</a>' in footer
    assert "Ghi rõ nguồn khi phát hành lại thông tin từ trang này." in footer


def test_on_english_pages_vietnamese_values_are_marked_as_vietnamese(client):
    SiteSettings.objects.create(governing_body="UBND tỉnh Lào Cai")
    category = Category.objects.create(name="Khám chữa bệnh", slug="kham-chua-benh")
    make_article(category=category)

    html = page(client, "/en/tin-tuc/")

    assert '<div><dt>Governing body</dt><dd lang="vi">UBND tỉnh Lào Cai</dd></div>' in html
    assert '<a href="/en/tin-tuc/?chuyen_muc=kham-chua-benh" lang="vi">Khám chữa bệnh</a>' in html
