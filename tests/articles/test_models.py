import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, CommemorativeEvent, OfficialMention, Tag
from people.models import Province
from tests.factories import (
    make_article,
    make_event,
    make_figure,
    make_official,
    make_organisation,
    make_province,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST = NOW - datetime.timedelta(days=1)
FUTURE = NOW + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("origin", "year", "number"),
    [
        (datetime.date(1955, 2, 27), 2022, 67),
        (datetime.date(1955, 2, 27), 2024, 69),
        (datetime.date(1955, 2, 27), 2025, 70),
        (datetime.date(1953, 5, 1), 2023, 70),
    ],
)
def test_event_anniversary_is_year_minus_origin(origin, year, number):
    event = CommemorativeEvent(name="Ngày thử", origin_date=origin)

    assert event.anniversary(year) == number


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 23), (datetime.date(2027, 2, 27), 72)),
        (datetime.date(2027, 2, 27), (datetime.date(2027, 2, 27), 72)),
        (datetime.date(2027, 2, 28), (datetime.date(2028, 2, 27), 73)),
        (datetime.date(2026, 1, 1), (datetime.date(2026, 2, 27), 71)),
    ],
)
def test_event_next_occurrence_counts_from_today(today, expected):
    event = CommemorativeEvent(
        name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27)
    )

    assert event.next_occurrence(today) == expected


def test_event_on_leap_day_falls_on_28_february_in_other_years():
    event = CommemorativeEvent(name="Ngày thử", origin_date=datetime.date(1956, 2, 29))

    assert event.occurrence(2027) == datetime.date(2027, 2, 28)
    assert event.occurrence(2028) == datetime.date(2028, 2, 29)


def test_published_is_exactly_the_published_articles_whose_time_has_come():
    visible = make_article(status=Article.Status.PUBLISHED, published_at=PAST)
    make_article(status=Article.Status.PUBLISHED, published_at=FUTURE)
    make_article(status=Article.Status.DRAFT, published_at=PAST)
    make_article(status=Article.Status.DRAFT, published_at=FUTURE)
    make_article(status=Article.Status.DRAFT, published_at=None)
    make_article(status=Article.Status.IN_REVIEW, published_at=PAST)
    make_article(status=Article.Status.IN_REVIEW, published_at=None)

    assert list(Article.objects.published()) == [visible]
    assert Article.objects.count() == 7


def test_scheduled_article_appears_when_its_time_comes():
    scheduled = make_article(published_at=NOW + datetime.timedelta(minutes=5))

    assert scheduled not in Article.objects.published()
    Article.objects.filter(pk=scheduled.pk).update(published_at=NOW - datetime.timedelta(seconds=1))
    assert list(Article.objects.published()) == [scheduled]


def test_published_article_without_time_is_refused():
    with pytest.raises(IntegrityError, match="article_published_has_time"):
        Article.objects.create(title="Thiếu giờ", status=Article.Status.PUBLISHED)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"event_month": 13}, "article_event_month_range"),
        ({"event_day": 7}, "article_event_day_range"),
        ({"event_month": 2, "event_day": 32}, "article_event_day_range"),
        ({"event_year_inferred": True}, "article_inferred_year_present"),
        ({"commemoration_year": 2025}, "article_commemoration_year_needs_event"),
    ],
)
def test_article_event_fields_are_checked_by_the_database(fields, constraint):
    with pytest.raises(IntegrityError, match=constraint):
        make_article(**fields)


def test_article_day_and_month_without_year_are_kept():
    article = make_article(event_month=7, event_day=7, event_date_text="Chiều 7/7")

    article.refresh_from_db()
    assert (article.event_year, article.event_month, article.event_day) == (None, 7, 7)
    assert article.event_date is None


def test_article_clean_refuses_a_date_not_in_the_calendar():
    article = make_article(event_year=2025, event_month=2, event_day=30)

    with pytest.raises(ValidationError) as error:
        article.clean()

    assert list(error.value.message_dict) == ["event_day"]


def test_article_clean_refuses_commemoration_year_before_origin():
    event = make_event(origin_date=datetime.date(1955, 2, 27))
    article = make_article(commemoration=event, commemoration_year=1950)

    with pytest.raises(ValidationError) as error:
        article.clean()

    assert list(error.value.message_dict) == ["commemoration_year"]


def test_article_anniversary_is_computed_from_its_commemoration_year():
    event = make_event(origin_date=datetime.date(1955, 2, 27))

    article = make_article(commemoration=event, commemoration_year=2025)

    assert article.anniversary == 70


def test_article_slug_is_made_from_the_vietnamese_title():
    article = make_article(title="Điện Biên: Sở Y tế gặp mặt cán bộ")

    assert article.slug == "dien-bien-so-y-te-gap-mat-can-bo"


def test_article_body_is_sanitised_on_save():
    article = make_article(
        body='<p onclick="x()">Xin chào <script>alert(1)</script>'
        '<a href="javascript:alert(1)">xấu</a></p><iframe src="https://evil"></iframe>'
    )

    article.refresh_from_db()
    assert article.body == "<p>Xin chào <a>xấu</a></p>"


def test_body_with_figures_places_each_figure_after_its_blocks():
    article = make_article(body="<p>Một</p><p>Hai</p><p>Ba</p>")
    first = make_figure(article, position=0, caption="Trước đoạn một")
    middle = make_figure(article, position=2, caption="Sau đoạn hai")
    last = make_figure(article, position=9, caption="Cuối bài")

    layout = [
        ([f.caption for f in figures], block) for figures, block in article.body_with_figures()
    ]

    assert layout == [
        ([first.caption], "<p>Một</p>"),
        ([], "<p>Hai</p>"),
        ([middle.caption], "<p>Ba</p>"),
        ([last.caption], None),
    ]


def test_figure_needs_a_photo_or_a_caption():
    article = make_article()

    with pytest.raises(IntegrityError, match="figure_has_image_or_caption"):
        make_figure(article, caption="")


def test_newest_in_each_keeps_the_newest_published_of_every_group():
    now = timezone.now()
    one, two = make_province(), make_province()
    tag = Tag.objects.create(name="Tiêm chủng")
    made = {}
    for hours in range(1, 5):
        for province in (one, two):
            article = make_article(
                title=f"{province.name} {hours}",
                province=province,
                published_at=now - datetime.timedelta(hours=hours),
            )
            made[province.pk, hours] = article
    made[one.pk, 4].tags.add(tag)
    make_article(title="Bản nháp", province=one, status=Article.Status.DRAFT)

    newest = Article.objects.published().newest_in_each(
        [("province_id", one.pk), ("province_id", two.pk), ("tags", tag.pk)], 2
    )

    assert set(newest.values_list("title", flat=True)) == {
        f"{one.name} 1",
        f"{one.name} 2",
        f"{two.name} 1",
        f"{two.name} 2",
        f"{one.name} 4",
    }


def test_newest_keys_name_the_newest_published_of_each_group_by_rank():
    now = timezone.now()
    one, two, empty = make_province(), make_province(), make_province()
    made = {
        (province.pk, hours): make_article(
            province=province, published_at=now - datetime.timedelta(hours=hours)
        )
        for hours in range(1, 4)
        for province in (one, two)
    }
    make_article(province=two, status=Article.Status.DRAFT)
    make_article(province=two, published_at=now + datetime.timedelta(hours=1))  # scheduled

    newest = Article.objects.published().newest_keys("province", 2)
    rows = Province.objects.filter(pk__in=[one.pk, two.pk, empty.pk]).annotate(**newest)

    assert {row.pk: (row.newest_0, row.newest_1) for row in rows} == {
        one.pk: (made[one.pk, 1].pk, made[one.pk, 2].pk),
        two.pk: (made[two.pk, 1].pk, made[two.pk, 2].pk),
        empty.pk: (None, None),
    }


def test_newest_linked_reads_the_newest_published_articles_of_the_links_only():
    official = make_official()
    now = timezone.now()
    named = []
    for hours in range(1, 5):
        article = make_article(published_at=now - datetime.timedelta(hours=hours))
        OfficialMention.objects.create(article=article, official=official)
        named.append(article)
    for hidden in [
        make_article(status=Article.Status.DRAFT),
        make_article(published_at=now + datetime.timedelta(hours=1)),  # scheduled
    ]:
        OfficialMention.objects.create(article=hidden, official=official)
    make_article(title="Không nêu tên")
    links = OfficialMention.objects.filter(official=official)

    newest = Article.objects.published().newest_linked(links, 3)

    assert list(newest) == named[:3]


def test_link_rows_follow_their_articles_publication_time():
    """Whichever way an official or organisation gets named (a save, add(), loaddata), and
    however the article's time changes (a save, loaddata), the entry's page starts with its
    newest article."""
    official, organisation = make_official(), make_organisation()
    now = timezone.now()
    # Written in the other order than published: the newest is not the last row.
    newer = make_article(title="Mới hơn", published_at=now - datetime.timedelta(days=1))
    older = make_article(title="Cũ hơn", published_at=now - datetime.timedelta(days=2))
    for article in [newer, older]:
        OfficialMention.objects.create(article=article, official=official)
        article.organisations.add(organisation)
    published = Article.objects.published()

    def newest():
        return [
            published.newest_linked(links, 1).get().title
            for links in [official.mentions.all(), organisation.mentions.all()]
        ]

    assert newest() == ["Mới hơn", "Mới hơn"]
    older.published_at = now - datetime.timedelta(hours=1)
    older.save()
    assert newest() == ["Cũ hơn", "Cũ hơn"]
    # Named from the organisation's side, and loaded from a fixture (a raw save).
    latest = make_article(title="Mới nhất", published_at=now - datetime.timedelta(minutes=5))
    organisation.articles.add(latest)
    data = serializers.serialize("json", [OfficialMention(article=latest, official=official)])
    for row in serializers.deserialize("json", data):
        row.save()
    assert newest() == ["Mới nhất", "Mới nhất"]
    # The article itself loaded again from a fixture (a raw save), three days older.
    latest.published_at = now - datetime.timedelta(days=3)
    for row in serializers.deserialize("json", serializers.serialize("json", [latest])):
        row.save()
    assert newest() == ["Cũ hơn", "Cũ hơn"]
