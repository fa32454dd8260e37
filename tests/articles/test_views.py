import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, OfficialMention, Tag
from tests.factories import make_article, make_figure, make_position, make_province

pytestmark = pytest.mark.django_db

HIDDEN = [
    {"status": Article.Status.DRAFT, "title": "Bản nháp bí mật"},
    {"status": Article.Status.IN_REVIEW, "title": "Bài chờ duyệt bí mật"},
    {
        "status": Article.Status.PUBLISHED,
        "title": "Bài hẹn giờ bí mật",
        "published_at": timezone.now() + datetime.timedelta(days=1),
    },
]


def test_home_lists_published_articles_newest_first(client):
    older = make_article(title="Tin cũ", published_at=timezone.now() - datetime.timedelta(days=2))
    newer = make_article(title="Tin mới", published_at=timezone.now() - datetime.timedelta(hours=1))

    response = client.get(reverse("articles:home"))

    assert [a.title for a in response.context["object_list"]] == [newer.title, older.title]
    assert response.content.decode().index("Tin mới") < response.content.decode().index("Tin cũ")


def test_home_never_shows_drafts_reviews_or_scheduled_articles(client):
    for fields in HIDDEN:
        make_article(**fields)
    make_article(title="Tin đã đăng")

    html = client.get(reverse("articles:home")).content.decode()

    assert "Tin đã đăng" in html
    assert "bí mật" not in html


@pytest.mark.parametrize("fields", HIDDEN, ids=["draft", "review", "scheduled"])
def test_unpublished_article_page_is_not_found(client, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert fields["title"] not in response.content.decode()


def test_article_page_shows_figures_between_the_right_paragraphs(client):
    article = make_article(lead="Sapo.", body="<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>")
    make_figure(article, position=1, caption="Ảnh giữa hai đoạn")

    html = client.get(article.get_absolute_url()).content.decode()

    first, caption, second = (
        html.index("Đoạn thứ nhất."),
        html.index("<figcaption>Ảnh giữa hai đoạn"),
        html.index("Đoạn thứ hai."),
    )
    assert first < caption < second


def test_article_page_names_the_province_as_it_was_and_is_now(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    article = make_article(province=old)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "tỉnh Thừa Thiên Huế, nay là thành phố Huế." in html


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

    assert "28/02/2024 13:38" in html
    assert "Thứ Tư, 28/02/2024 13:38" in html


@pytest.mark.parametrize("rows", [1, 30])
def test_home_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    province = make_province()
    for _ in range(rows):
        make_article(province=province)

    with django_assert_num_queries(2):
        client.get(reverse("articles:home"))


@pytest.mark.parametrize("rows", [1, 20])
def test_article_page_query_count_does_not_grow_with_related_rows(
    client, django_assert_num_queries, rows
):
    article = make_article()
    for index in range(rows):
        make_figure(article)
        position = make_position()
        OfficialMention.objects.create(
            article=article, official=position.official, position=position
        )
        article.organisations.add(position.organisation)
        article.tags.add(Tag.objects.create(name=f"Thẻ {index}"))

    with django_assert_num_queries(9):
        response = client.get(article.get_absolute_url())

    assert response.content.decode().count("<figure") == rows


@pytest.mark.parametrize("page_number", ["abc", "99999", "-1", "0"])
def test_home_bad_page_number_is_not_found(client, page_number):
    make_article()

    response = client.get(reverse("articles:home"), {"page": page_number})

    assert response.status_code == 404


def test_favicon_request_is_sent_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
