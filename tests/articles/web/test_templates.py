"""The parts many public pages share, as a reader gets them: header and footer, article cards,
meta lines, the home page's news by province and the filter form's choices."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Category
from articles.web.views import Headline
from tests.factories import make_article, make_official, make_province

pytestmark = pytest.mark.django_db

# 06:38:16 UTC is 13:38:16 in Vietnam, on a Wednesday.
WEDNESDAY = datetime.datetime(2024, 2, 28, 6, 38, 16, tzinfo=datetime.UTC)
ODD_TITLE = 'Tiêm <b>chủng</b> & "sởi"'
ODD_TITLE_ESCAPED = "Tiêm &lt;b&gt;chủng&lt;/b&gt; &amp; &quot;sởi&quot;"
SEARCH_FORM = '<form class="site-search" role="search" method="get" action="{}">'


def tight(html):
    """The markup without the whitespace between tags, which a browser does not show here."""
    return re.sub(r">\s+<", "><", html)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return tight(response.content.decode())


def test_a_news_list_card_shows_title_date_place_category_and_the_start_of_the_lead(client):
    province = make_province(name="Điện Biên <&>")
    category = Category.objects.create(name='Chỉ đạo "điều hành"', slug="chi-dao")
    article = make_article(
        title=ODD_TITLE,
        province=province,
        category=category,
        published_at=WEDNESDAY,
        lead=" ".join(f"từ{number}" for number in range(50)),
    )

    html = page(client, reverse("articles:article_list"))

    shortened = " ".join(f"từ{number}" for number in range(35)) + " …"
    assert (
        f'<article class="card"><h2 class="card-title"><a href="{article.get_absolute_url()}" '
        'lang="vi">'
        f'{ODD_TITLE_ESCAPED}</a></h2><p class="meta">'
        '<time datetime="2024-02-28T13:38:16+07:00">Thứ Tư, 28/02/2024 13:38</time>'
        f'<a href="{province.get_absolute_url()}">tỉnh Điện Biên &lt;&amp;&gt;</a>'
        f'<a href="/tin-tuc/?chuyen_muc=chi-dao" lang="vi">Chỉ đạo &quot;điều hành&quot;</a></p>'
        f'<p class="summary" lang="vi">{shortened}</p></article>'
    ) in html
    assert ODD_TITLE not in html


@pytest.mark.parametrize(
    ("language", "precision", "shown"),
    [
        ("vi", "exact", "Thứ Tư, 28/02/2024 13:38"),
        ("vi", "date", "Thứ Tư, 28/02/2024"),
        ("vi", "estimated", "Thứ Tư, 28/02/2024"),
        ("en", "exact", "Wednesday, 28/02/2024 13:38"),
        ("en", "estimated", "Wednesday, 28/02/2024"),
    ],
)
def test_the_meta_line_gives_the_date_as_precisely_as_the_editor_knew_it(
    client, language, precision, shown
):
    article = make_article(published_at=WEDNESDAY, published_at_precision=precision)
    prefix = "" if language == "vi" else f"/{language}"
    urls = [reverse("articles:article_list"), article.get_absolute_url()]

    pages = [page(client, f"{prefix}{url}") for url in urls]

    for html in pages:
        assert (
            f'<p class="meta"><time datetime="2024-02-28T13:38:16+07:00">{shown}</time></p>'
        ) in html


def test_related_news_are_compact_cards_without_the_lead(client):
    province = make_province(name="Lai Châu")
    article = make_article(title="Tin chính", province=province)
    sibling = make_article(
        title="Tin cùng tỉnh", province=province, lead="Sapo không hiện.", published_at=WEDNESDAY
    )

    html = page(client, article.get_absolute_url())

    related = html.split('id="tin-lien-quan"')[1]
    assert (
        f'<article class="card"><h3 class="card-title"><a href="{sibling.get_absolute_url()}" '
        'lang="vi">'
        "Tin cùng tỉnh</a></h3>"
        '<p class="meta"><time datetime="2024-02-28T13:38:16+07:00">Thứ Tư, 28/02/2024 13:38'
        f'</time><a href="{province.get_absolute_url()}">tỉnh Lai Châu</a></p></article>'
    ) in related
    assert "Sapo không hiện." not in related


def test_an_officials_page_lists_the_articles_naming_them_as_compact_cards(client):
    from articles.models import OfficialMention

    official = make_official("Phạm Giang Nam")
    article = make_article(title=ODD_TITLE, lead="Sapo không hiện.")
    OfficialMention.objects.create(article=article, official=official)

    html = page(client, official.get_absolute_url())

    link = f'<a href="{article.get_absolute_url()}" lang="vi">{ODD_TITLE_ESCAPED}</a>'
    assert f'<h3 class="card-title">{link}</h3>' in html
    assert "Sapo không hiện." not in html


def test_home_shows_each_provinces_newest_titles_under_its_linked_name(client):
    city = make_province(name="Hồ Chí Minh", kind="thanh-pho")
    odd = make_province(name='Điện Biên <&> "x"')
    first = make_article(title=ODD_TITLE, province=city)
    second = make_article(title="Tin <i>hai</i>", province=odd)
    make_article(title="Tin mới nhất, không thuộc tỉnh nào")

    html = page(client, reverse("articles:home"))

    assert (
        f'<section class="province-news" aria-labelledby="tinh-{city.slug}">'
        f'<h3 id="tinh-{city.slug}"><a href="{city.get_absolute_url()}">Thành phố Hồ Chí Minh</a>'
        f'</h3><ul class="plain"><li><a href="{first.get_absolute_url()}">{ODD_TITLE_ESCAPED}</a>'
        "</li></ul></section>"
    ) in html
    assert (
        f'<h3 id="tinh-{odd.slug}"><a href="{odd.get_absolute_url()}">'
        "Tỉnh Điện Biên &lt;&amp;&gt; &quot;x&quot;</a></h3>"
        f'<ul class="plain"><li><a href="{second.get_absolute_url()}">'
        "Tin &lt;i&gt;hai&lt;/i&gt;</a></li></ul>"
    ) in html
    assert ODD_TITLE not in html


def test_a_headline_links_the_article_page_in_the_readers_language():
    from django.utils import translation

    headline = Headline("Tin", "tin-thu", WEDNESDAY)

    with translation.override("en"):
        english = headline.get_absolute_url()
    vietnamese = headline.get_absolute_url()

    assert (vietnamese, english) == ("/tin-tuc/tin-thu/", "/en/tin-tuc/tin-thu/")


def test_english_pages_get_the_english_header_and_vietnamese_ones_the_vietnamese(client):
    urls = [make_article(title="Tin thử").get_absolute_url(), reverse("articles:article_list")]

    vietnamese = [page(client, url) for url in urls]
    english = [page(client, f"/en{url}") for url in urls]
    vietnamese_again = [page(client, url) for url in urls]

    for html in vietnamese + vietnamese_again:
        assert '<li><a href="/tin-tuc/">Tin tức</a></li>' in html
        assert '<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>' in html
        assert SEARCH_FORM.format("/tim-kiem/") in html
        assert "Trang tin tức ngành Y tế." in html
    for html in english:
        assert '<li><a href="/en/tin-tuc/">News</a></li>' in html
        assert SEARCH_FORM.format("/en/tim-kiem/") in html
        assert "Bỏ qua" not in html
        assert "Trang tin tức ngành Y tế." not in html


def test_the_news_filter_escapes_a_province_name_in_its_choices(client):
    make_province(name='Thừa Thiên Huế <&> "cũ"')

    html = page(client, reverse("articles:article_list"))

    assert re.search(r"<option [^>]*>[^<]*Thừa Thiên Huế &lt;&amp;&gt; &quot;cũ&quot;", html)
    assert '<&> "cũ"' not in html
