"""Public pages for readers: what they show, what they never show, and what bad input gets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category, OfficialMention, Tag
from people.models import Province
from tests.factories import (
    hidden_article_fields,
    make_article,
    make_event,
    make_figure,
    make_official,
    make_organisation,
    make_position,
    make_province,
)
from tests.samples import image_bytes, uploaded

pytestmark = pytest.mark.django_db

HIDDEN = hidden_article_fields()


@pytest.fixture
def world():
    """One of everything, with a published article and three that must never leak."""
    province = make_province(name="Điện Biên")
    category = Category.objects.create(name="Hoạt động ngành")
    tag = Tag.objects.create(name="COVID-19")
    event = make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    position = make_position(
        official=make_official("Phạm Giang Nam"),
        organisation=make_organisation(name="Sở Y tế Điện Biên", province=province),
    )
    articles = [make_article(title="Tin đã đăng công khai")] + [make_article(**f) for f in HIDDEN]
    for article in articles:
        article.province = province
        article.category = category
        article.commemoration = event
        article.commemoration_year = 2025
        article.save()
        article.tags.add(tag)
        article.organisations.add(position.organisation)
        OfficialMention.objects.create(
            article=article, official=position.official, position=position
        )
    return {
        "province": province,
        "category": category,
        "tag": tag,
        "event": event,
        "official": position.official,
        "organisation": position.organisation,
    }


def public_urls(world):
    news = reverse("articles:article_list")
    return [
        reverse("articles:home"),
        news,
        f"{news}?tinh={world['province'].slug}",
        f"{news}?chuyen_muc={world['category'].slug}",
        f"{news}?the={world['tag'].slug}",
        f"{news}?ngay_ky_niem={world['event'].slug}&nam=2025",
        f"{news}?can_bo={world['official'].slug}",
        f"{news}?don_vi={world['organisation'].slug}",
        world["official"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["province"].get_absolute_url(),
        world["event"].get_absolute_url(),
        reverse("articles:event_list"),
        Article.objects.get(title="Tin đã đăng công khai").get_absolute_url(),
        f"/en{news}",
    ]


def test_no_public_page_shows_a_draft_review_or_scheduled_article(client, world):
    for url in public_urls(world):
        response = client.get(url)

        html = response.content.decode()
        assert response.status_code == 200, url
        assert "bí mật" not in html, url
        if "tin-tuc/tin-da-dang" not in url and url != reverse("articles:event_list"):
            assert "Tin đã đăng công khai" in html, url


def test_event_list_counts_only_published_articles(client, world):
    response = client.get(reverse("articles:event_list"))

    event = response.context["object_list"][0]
    assert event.article_count == 1
    assert "1 bài viết" in response.content.decode()


@pytest.mark.parametrize("fields", HIDDEN, ids=["draft", "review", "scheduled", "trashed"])
def test_unpublished_article_page_is_a_vietnamese_404(client, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    html = response.content.decode()
    assert fields["title"] not in html
    assert "Không tìm thấy trang" in html


# Home ------------------------------------------------------------------------------------------


def titles(articles):
    return [article.title for article in articles]


def test_home_has_lead_story_latest_and_news_by_province(client):
    hue = make_province(name="Huế", kind="thanh-pho")
    lao_cai = make_province(name="Lào Cai")
    older = make_article(
        title="Tin Lào Cai", province=lao_cai, published_at=timezone.now() - datetime.timedelta(2)
    )
    newest = make_article(title="Tin Huế", province=hue)

    response = client.get(reverse("articles:home"))

    assert response.context["lead"] == newest
    assert list(response.context["latest"]) == [older]
    assert [(p.name, titles(a)) for p, a in response.context["by_province"]] == [
        ("Huế", ["Tin Huế"]),
        ("Lào Cai", ["Tin Lào Cai"]),
    ]
    html = " ".join(response.content.decode().split())
    assert (
        f'<h3 id="tinh-lao-cai"><a href="{lao_cai.get_absolute_url()}">Tỉnh Lào Cai</a></h3> '
        f'<ul class="plain"><li><a href="{older.get_absolute_url()}">Tin Lào Cai</a></li></ul>'
    ) in html


def test_home_announces_the_next_commemoration_with_its_number_and_days_left(client, monkeypatch):
    make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    make_event(name="Ngày thành lập ngành Y tế Điện Biên", origin_date=datetime.date(1953, 5, 1))
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 23))

    html = client.get(reverse("articles:home")).content.decode()

    assert "Kỷ niệm 72 năm Ngày Thầy thuốc Việt Nam" in html
    assert "còn 96 ngày" in html


def test_home_shows_at_most_three_articles_per_province(client):
    province = make_province()
    for index in range(5):
        make_article(title=f"Tin tỉnh số {index}", province=province)

    response = client.get(reverse("articles:home"))

    assert [len(articles) for _province, articles in response.context["by_province"]] == [3]


# News list and filters -------------------------------------------------------------------------


def test_news_filters_combine(client):
    dien_bien, lao_cai = make_province(name="Điện Biên"), make_province(name="Lào Cai")
    covid = Tag.objects.create(name="COVID-19")
    wanted = make_article(title="Điện Biên chống dịch", province=dien_bien)
    wanted.tags.add(covid)
    make_article(title="Điện Biên khác", province=dien_bien)
    make_article(title="Lào Cai chống dịch", province=lao_cai).tags.add(covid)

    response = client.get(
        reverse("articles:article_list"), {"tinh": dien_bien.slug, "the": covid.slug}
    )

    assert [a.title for a in response.context["object_list"]] == ["Điện Biên chống dịch"]


def test_province_filter_includes_the_units_it_absorbed(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    make_article(title="Tin năm 2024", province=old)
    make_article(title="Tin năm 2025", province=hue)

    response = client.get(reverse("articles:article_list"), {"tinh": "hue"})

    assert {a.title for a in response.context["object_list"]} == {"Tin năm 2024", "Tin năm 2025"}


def test_a_merged_province_without_news_says_so(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)

    response = client.get(reverse("articles:article_list"), {"tinh": "hue"})

    assert response.status_code == 200
    assert "Không có bài viết nào khớp với bộ lọc." in response.content.decode()


def test_a_merged_province_pages_through_all_its_units_newest_first(
    client, django_assert_num_queries, settings
):
    """Pages read through each unit's index (NewestOfUnits) show what one sorted list shows."""
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    other = make_province(name="Điện Biên")
    now = timezone.now()
    for minutes in range(45):  # interleaved in time: the 2nd, 3rd... page mixes both units
        unit = old if minutes % 3 == 0 else hue
        make_article(
            title=f"Tin {minutes:02d}",
            province=unit,
            published_at=now - datetime.timedelta(minutes=minutes + 1),
        )
    make_article(title="Tin Điện Biên", province=other)
    make_article(title="Tin hẹn giờ", province=old, published_at=now + datetime.timedelta(days=1))
    url = reverse("articles:article_list")

    shown = []
    for number in (1, 2, 3):
        response = client.get(url, {"tinh": "hue", "page": number})
        shown.extend(a.title for a in response.context["object_list"])
        assert "45 bài viết" in response.content.decode()
    assert shown == [f"Tin {minutes:02d}" for minutes in range(45)]

    # The same on every page: filter options, union, rows, their photos... (the total,
    # counted once per content version, comes from the cache after the first page).
    for number in (1, 3):
        with django_assert_num_queries(8):
            client.get(url, {"tinh": "hue", "page": number})
    # Another filter with it: the plain filtered query, same answer.
    category = Category.objects.create(name="Sự kiện", slug="su-kien")
    Article.objects.filter(title__in=["Tin 00", "Tin 03"]).update(category=category)
    response = client.get(url, {"tinh": "hue", "chuyen_muc": "su-kien"})
    assert [a.title for a in response.context["object_list"]] == ["Tin 00", "Tin 03"]


def test_news_date_range_is_typed_day_first(client):
    make_article(
        title="Tin tháng ba", published_at=timezone.make_aware(datetime.datetime(2025, 3, 5, 9))
    )
    make_article(
        title="Tin tháng năm", published_at=timezone.make_aware(datetime.datetime(2025, 5, 3, 9))
    )

    response = client.get(
        reverse("articles:article_list"), {"tu_ngay": "01/03/2025", "den_ngay": "31/03/2025"}
    )

    assert [a.title for a in response.context["object_list"]] == ["Tin tháng ba"]


def test_pagination_keeps_the_filters(client):
    province = make_province(name="Điện Biên")
    for index in range(25):
        make_article(title=f"Tin {index}", province=province)

    html = client.get(reverse("articles:article_list"), {"tinh": "dien-bien"}).content.decode()

    assert 'href="?tinh=dien-bien&amp;page=2"' in html
    assert "25 bài viết" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tinh": "khong-co-tinh-nay"}, "Tỉnh, thành phố:"),
        ({"nam": "abc"}, "Năm tổ chức kỷ niệm:"),
        ({"tu_ngay": "32/13/2025"}, "Từ ngày:"),
        ({"tu_ngay": "20/02/2025", "den_ngay": "01/01/2025"}, "Ngày bắt đầu phải trước"),
        ({"tinh": "x" * 5000}, "Tỉnh, thành phố:"),
        ({"can_bo": "'; DROP TABLE articles_article; --"}, "Cán bộ:"),
    ],
    ids=["unknown", "malformed-year", "malformed-date", "reversed-range", "5000-chars", "sql"],
)
def test_bad_filter_gives_an_empty_result_and_a_message(client, params, message):
    make_article(title="Tin bình thường")

    response = client.get(reverse("articles:article_list"), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bộ lọc không hợp lệ" in html and message in html
    assert "Tin bình thường" not in html


@pytest.mark.parametrize("page_number", ["abc", "99999", "-1", "0", "1" * 5000])
def test_bad_page_number_is_a_vietnamese_404(client, page_number):
    make_article()

    response = client.get(reverse("articles:article_list"), {"page": page_number})

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unknown_parameters_are_ignored(client):
    make_article(title="Tin bình thường")

    response = client.get(reverse("articles:article_list"), {"la": "gi", "page": "1"})

    assert "Tin bình thường" in response.content.decode()


# Article page ----------------------------------------------------------------------------------


def test_article_page_shows_figures_between_the_right_paragraphs(client):
    article = make_article(lead="Sapo.", body="<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>")
    photo = uploaded("anh.jpg", image_bytes("JPEG", size=(800, 600)), "image/jpeg")
    make_figure(article, position=1, caption="Ảnh giữa hai đoạn", image=photo)

    html = client.get(article.get_absolute_url()).content.decode()

    first, caption, second = (
        html.index("Đoạn thứ nhất."),
        html.index("<figcaption>Ảnh giữa hai đoạn"),
        html.index("Đoạn thứ hai."),
    )
    assert first < caption < second


def test_article_page_links_officials_organisations_tags_and_commemoration(client, world):
    article = Article.objects.get(title="Tin đã đăng công khai")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{world["official"].get_absolute_url()}">Phạm Giang Nam</a>' in html
    assert "Giám đốc Sở Y tế Điện Biên" in html
    assert f'href="{world["organisation"].get_absolute_url()}">Sở Y tế Điện Biên</a>' in html
    assert 'href="/tin-tuc/?the=covid-19">COVID-19</a>' in html
    assert "Kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam" in html


def test_article_page_offers_related_published_news_only(client, world):
    article = Article.objects.get(title="Tin đã đăng công khai")
    sibling = make_article(title="Tin cùng tỉnh", province=world["province"])
    make_article(title="Tin không liên quan")

    response = client.get(article.get_absolute_url())

    assert list(response.context["related"]) == [sibling]


def test_article_page_names_the_province_as_it_was_and_is_now(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(
        name="Thừa Thiên Huế",
        valid_to=datetime.date(2024, 12, 31),
        successor=hue,
        change=Province.Change.UPGRADED,
    )
    merged = make_province(
        name="Hải Dương",
        valid_to=datetime.date(2025, 6, 30),
        successor=make_province(name="Hải Phòng", kind="thanh-pho"),
        change=Province.Change.MERGED,
    )
    article = make_article(province=old)
    other = make_article(province=merged)

    html = client.get(article.get_absolute_url()).content.decode()
    other_html = client.get(other.get_absolute_url()).content.decode()

    assert "Tỉnh Thừa Thiên Huế, nay là thành phố Huế." in html
    assert "Tỉnh Hải Dương, nay thuộc thành phố Hải Phòng." in other_html  # merged, not renamed


def test_article_page_escapes_what_editors_typed_outside_the_body(client):
    article = make_article(title="<script>alert(1)</script> Tin", lead="<b>sapo</b>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tin" in html
    assert "&lt;b&gt;sapo&lt;/b&gt;" in html


def test_article_page_shows_date_day_first_with_weekday(client):
    article = make_article(
        published_at=datetime.datetime(2024, 2, 28, 6, 38, 16, tzinfo=datetime.UTC)
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Thứ Tư, 28/02/2024 13:38" in html


def test_favicon_request_is_sent_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


# Commemorative days ----------------------------------------------------------------------------


def test_event_page_lists_each_year_with_its_number_and_articles(client, monkeypatch):
    event = make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    make_article(title="Tin năm 2022", commemoration=event, commemoration_year=2022)
    make_article(title="Tin năm 2025", commemoration=event, commemoration_year=2025)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 23))

    response = client.get(event.get_absolute_url())

    rows = [
        (row["year"], row["number"], [a.title for a in row["articles"]])
        for row in response.context["anniversaries"]
    ]
    assert rows == [(2027, 72, []), (2025, 70, ["Tin năm 2025"]), (2022, 67, ["Tin năm 2022"])]
    assert "Năm 2025: kỷ niệm 70 năm" in response.content.decode()


def test_event_page_shows_the_newest_five_of_a_year_and_links_to_the_rest(client):
    event = make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    now = timezone.now()
    for hours in range(1, 8):
        make_article(
            title=f"Tin 2025 số {hours}",
            commemoration=event,
            commemoration_year=2025,
            published_at=now - datetime.timedelta(hours=hours),
        )

    response = client.get(event.get_absolute_url())

    year = next(row for row in response.context["anniversaries"] if row["year"] == 2025)
    assert [a.title for a in year["articles"]] == [f"Tin 2025 số {n}" for n in range(1, 6)]
    assert (
        f'<a href="/tin-tuc/?ngay_ky_niem={event.slug}&amp;nam=2025">Tất cả bài viết năm 2025</a>'
        in response.content.decode()
    )


# Constant queries ------------------------------------------------------------------------------


def fill(rows):
    """A site whose every list and every detail page has `rows` rows to show."""
    event = make_event()
    tag = Tag.objects.create(name=f"Thẻ chung {event.pk}")
    province = make_province()
    position = make_position(organisation=make_organisation(province=province))
    articles = []
    for _ in range(rows):
        make_position(organisation=make_organisation(province=make_province()))
        article = make_article(province=province, commemoration=event, commemoration_year=2025)
        article.tags.add(tag)
        article.organisations.add(position.organisation)
        OfficialMention.objects.create(
            article=article, official=position.official, position=position
        )
        articles.append(article)
    first = articles[0]
    for index in range(rows):
        make_figure(first)
        first.tags.add(Tag.objects.create(name=f"Thẻ riêng {event.pk}-{index}"))
    return event, tag, first, position, province


LIST_PAGES = {
    "home": lambda e, t, a, p, pr: reverse("articles:home"),
    "news": lambda e, t, a, p, pr: reverse("articles:article_list"),
    "news-filtered": lambda e, t, a, p, pr: f"{reverse('articles:article_list')}?the={t.slug}",
    "events": lambda e, t, a, p, pr: reverse("articles:event_list"),
    "officials": lambda e, t, a, p, pr: reverse("directory:official_list"),
    "organisations": lambda e, t, a, p, pr: reverse("directory:organisation_list"),
    "provinces": lambda e, t, a, p, pr: reverse("directory:province_list"),
}
DETAIL_PAGES = {
    "event": lambda e, t, a, p, pr: e.get_absolute_url(),
    "article": lambda e, t, a, p, pr: a.get_absolute_url(),
    "official": lambda e, t, a, p, pr: p.official.get_absolute_url(),
    "organisation": lambda e, t, a, p, pr: p.organisation.get_absolute_url(),
    "province": lambda e, t, a, p, pr: pr.get_absolute_url(),
}


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches that do not depend on rows (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", list(LIST_PAGES) + list(DETAIL_PAGES))
def test_page_query_count_does_not_grow_with_rows(client, page_name):
    pages = {**LIST_PAGES, **DETAIL_PAGES}
    # Two rows, not one: with a single article there is no related news to read at all.
    small_count = count_queries(client, pages[page_name](*fill(2)))
    large = fill(50)

    large_count = count_queries(client, pages[page_name](*large))

    assert large_count == small_count, (page_name, small_count, large_count)


def test_server_error_page_is_vietnamese_and_needs_no_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Xin lỗi, đã có lỗi xảy ra" in html and 'lang="vi"' in html


def test_home_groups_a_merged_units_news_under_todays_province(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    earlier = make_article(
        title="Tin năm 2024", province=old, published_at=timezone.now() - datetime.timedelta(9)
    )
    later = make_article(title="Tin năm 2025", province=hue)

    response = client.get(reverse("articles:home"))

    by_province = response.context["by_province"]
    assert [(p.name, titles(a)) for p, a in by_province] == [("Huế", [later.title, earlier.title])]


def test_news_filter_offers_all_as_the_empty_choice(client):
    html = client.get(reverse("articles:article_list")).content.decode()

    assert '<option value="" selected>Tất cả</option>' in html
    assert "---------" not in html


def test_every_page_offers_search_and_feed_autodiscovery(client):
    html = client.get(reverse("articles:home")).content.decode()

    assert '<form class="site-search" role="search" method="get" action="/tim-kiem/">' in html
    assert 'type="application/rss+xml" title="Tin tức Y tế (RSS)" href="/rss/"' in html
    assert 'type="application/atom+xml" title="Tin tức Y tế (Atom)" href="/atom/"' in html


def test_each_news_request_shows_its_own_filters_and_errors(client):
    """Each request shows its own choices, values and errors: none leaks into the next."""
    make_province(name="Điện Biên")
    url = reverse("articles:article_list")

    chosen = client.get(url, {"tinh": "dien-bien", "tu_ngay": "05/03/2025"}).content.decode()
    refused = client.get(url, {"tinh": "khong-co", "nam": "99"}).content.decode()
    plain = client.get(url).content.decode()

    assert '<option value="dien-bien" selected>' in chosen and 'value="2025-03-05"' in chosen
    assert "Bộ lọc không hợp lệ" in refused and "Bộ lọc không hợp lệ" not in chosen
    assert '<option value="dien-bien" selected>' not in refused + plain
    assert 'value="2025-03-05"' not in refused + plain and 'value="99"' not in plain
    assert "Bộ lọc không hợp lệ" not in plain
    assert '<option value="" selected>Tất cả</option>' in plain


def test_article_page_reads_its_officials_positions_and_organisations_in_one_query(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    province = make_province(name="Điện Biên")
    article = make_article(title="Giao ban y tế", province=province)
    for name in ("Giám đốc", "Phó Giám đốc"):
        position = make_position(
            title=name, organisation=make_organisation(name=f"Sở Y tế {name}", province=province)
        )
        OfficialMention.objects.create(
            article=article, official=position.official, position=position
        )
    client.get(article.get_absolute_url())  # warm what does not depend on rows

    # the article with its joins; its tags, figures, attachments, organisations, mentions
    # (with officials, positions and their organisations) and cited documents; the ids of
    # related news (none)
    with django_assert_num_queries(8):
        html = client.get(article.get_absolute_url()).content.decode()

    assert "Giám đốc Sở Y tế Giám đốc" in html and "Phó Giám đốc Sở Y tế Phó Giám đốc" in html
