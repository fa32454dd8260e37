"""Health statistics: indicator pages, the chart and its table, CSV, province figures, admin."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Indicator, Statistic
from tests.factories import make_article, make_province, make_user

pytestmark = pytest.mark.django_db


def make_indicator(**fields):
    fields.setdefault("name", "Tỷ lệ dân số tham gia bảo hiểm y tế")
    fields.setdefault("unit", "%")
    fields.setdefault("maximum", Decimal(100))
    return Indicator.objects.create(**fields)


def make_figure(indicator, province, year, value, article=None, **fields):
    article = article or make_article(province=province)
    fields.setdefault("order", article.statistics.count())
    fields.setdefault("subject", indicator.name)
    fields.setdefault("as_written", str(value))
    return Statistic.objects.create(
        article=article,
        indicator=indicator,
        province=province,
        year=year,
        value=Decimal(value),
        unit=indicator.unit,
        **fields,
    )


@pytest.fixture
def hue():
    city = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=city)
    return city, old


def test_indicator_page_compares_provinces_in_vietnamese_numbers(client, hue):
    _city, old = hue
    coverage = make_indicator()
    make_figure(coverage, old, 2023, "99.30")
    make_figure(coverage, make_province(name="Quảng Ninh"), 2023, "95.00")
    patients = make_indicator(name="Lượt điều trị nội trú", unit="lượt", maximum=None)
    make_figure(patients, old, 2023, "87500", qualifier=Statistic.Qualifier.NEARLY)

    page = client.get(coverage.get_absolute_url()).content.decode()
    other = client.get(patients.get_absolute_url()).content.decode()

    assert "99,3" in page and "95" in page
    assert "nay là Huế" in page  # the unit as named in 2023, and what it is now
    assert "gần 87.500" in other
    assert 'role="img"' in page and "<title" in page  # the chart is named for screen readers
    assert "<table" in page and 'scope="row"' in page  # and its figures are a table too


def test_the_largest_value_has_the_longest_bar(client):
    indicator = make_indicator(name="Giường bệnh trên một vạn dân", unit="giường", maximum=None)
    make_figure(indicator, make_province(name="Tỉnh A"), 2023, "60")
    make_figure(indicator, make_province(name="Tỉnh B"), 2023, "30")

    bars = client.get(indicator.get_absolute_url()).context["bars"]

    lengths = {bar.figure.province.name: bar.length for bar in bars}
    assert lengths == {"Tỉnh A": 220, "Tỉnh B": 110}


def test_english_page_writes_numbers_the_english_way(client):
    indicator = make_indicator()
    make_figure(indicator, make_province(name="Lào Cai"), 2024, "99.30")

    page = client.get(f"/en{indicator.get_absolute_url()}").content.decode()

    assert "99.3" in page and "99,3" not in page


def test_csv_download_has_every_published_figure_with_its_source(client):
    indicator = make_indicator()
    article = make_article(title="Bảo hiểm y tế năm 2023")
    make_figure(indicator, make_province(name="Lào Cai"), 2023, "99.30", article=article)

    response = client.get(reverse("articles:indicator_csv", args=[indicator.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the diacritics
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Chỉ số", "Tỉnh, thành phố", "Năm", "Giá trị"]
    assert rows[1][1:4] == ["tỉnh Lào Cai", "2023", "99.3"]
    assert rows[1][-1].endswith(article.get_absolute_url())


def test_figures_of_unpublished_articles_never_reach_readers(client):
    indicator = make_indicator()
    province = make_province(name="Điện Biên")
    make_figure(indicator, province, 2022, "91.00")
    for fields in (
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {
            "status": Article.Status.PUBLISHED,
            "published_at": datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
        },
    ):
        make_figure(
            indicator, province, 2023, "77.70", article=make_article(province=province, **fields)
        )

    pages = [
        client.get(reverse("articles:indicator_list")).content.decode(),
        client.get(indicator.get_absolute_url()).content.decode(),
        client.get(reverse("articles:indicator_csv", args=[indicator.slug])).content.decode(),
        client.get(province.get_absolute_url()).content.decode(),
    ]

    for page in pages[1:]:
        assert "91" in page
    for page in pages:
        assert "77,7" not in page and "77.7" not in page
    assert "1 số liệu" in pages[0]


def test_an_indicator_with_only_hidden_figures_is_not_listed(client):
    indicator = make_indicator(name="Chỉ số chưa công bố")
    make_figure(
        indicator, make_province(), 2023, "10", article=make_article(status=Article.Status.DRAFT)
    )

    listing = client.get(reverse("articles:indicator_list")).content.decode()
    page = client.get(indicator.get_absolute_url()).content.decode()
    sitemap = client.get("/sitemap-so-lieu.xml").content.decode()

    assert "Chỉ số chưa công bố" not in listing
    assert "Chưa có số liệu nào được công bố cho chỉ số này." in page
    assert indicator.slug not in sitemap


def test_sitemap_lists_indicators_with_published_figures(client):
    indicator = make_indicator()
    make_figure(indicator, make_province(), 2023, "50")

    sitemap = client.get("/sitemap-so-lieu.xml").content.decode()

    assert f"{indicator.get_absolute_url()}</loc>" in sitemap


def test_province_page_shows_its_figures_and_its_predecessors(client, hue):
    city, old = hue
    indicator = make_indicator(name="Bác sĩ trên một vạn dân", unit="bác sĩ/vạn dân", maximum=None)
    make_figure(indicator, old, 2023, "4")
    make_figure(indicator, make_province(name="Quảng Ninh"), 2023, "9")

    page = client.get(city.get_absolute_url()).content.decode()

    assert "Số liệu y tế" in page
    assert "Bác sĩ trên một vạn dân" in page and "4 <span" in page
    assert ">9 <span" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": "người"}, "unit", "Chỉ số “Tỷ lệ dân số tham gia bảo hiểm y tế” tính bằng “%”."),
        (
            {"value": Decimal("103.5")},
            "value",
            "Giá trị của chỉ số này nằm trong khoảng 0 đến 100.",
        ),
        ({"province": None}, "province", "Số liệu theo chỉ số cần tỉnh, thành phố."),
        ({"year": None}, "year", "Số liệu theo chỉ số cần năm."),
    ],
)
def test_a_figure_filed_under_an_indicator_is_checked(changes, field, message):
    figure = Statistic(
        article=make_article(),
        subject="BHYT",
        indicator=make_indicator(),
        province=make_province(),
        year=2023,
        value=Decimal("99.3"),
        unit="%",
        as_written="99,3%",
    )
    for name, value in changes.items():
        setattr(figure, name, value)

    with pytest.raises(ValidationError) as raised:
        figure.full_clean()

    assert raised.value.message_dict[field] == [message]


def test_a_figure_without_unit_takes_its_indicators():
    figure = Statistic(
        article=make_article(),
        subject="BHYT",
        indicator=make_indicator(),
        province=make_province(),
        year=2023,
        value=Decimal("99.3"),
        as_written="99,3%",
    )

    figure.full_clean()

    assert figure.unit == "%"


def test_editors_manage_indicators_and_reporters_only_read_them(client):
    from articles.roles import EDITOR, REPORTER

    client.force_login(make_user(REPORTER))
    refused = client.post(
        reverse("admin:articles_indicator_add"), {"name": "X", "unit": "%", "minimum": "0"}
    )
    client.force_login(make_user(EDITOR))
    added = client.post(
        reverse("admin:articles_indicator_add"),
        {"name": "Tỷ lệ tiêm chủng đầy đủ", "unit": "%", "minimum": "0", "maximum": "100"},
    )

    assert refused.status_code == 403
    assert added.status_code == 302
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Tỷ lệ tiêm chủng đầy đủ"]


def query_count(client, url):
    client.get(url)  # warm what does not depend on rows (the site settings, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail", "csv", "province"])
def test_statistics_pages_read_a_constant_number_of_queries(client, settings, page):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not the page cache
    province = make_province(name="Lào Cai")
    main = make_indicator()

    def add(count):
        for index in range(count):
            indicator = make_indicator(name=f"Chỉ số {Indicator.objects.count()}", maximum=None)
            make_figure(indicator, province, 2000 + index, "10")
            make_figure(main, make_province(), 2000 + index, "20")

    add(1)
    url = {
        "list": reverse("articles:indicator_list"),
        "detail": main.get_absolute_url(),
        "csv": reverse("articles:indicator_csv", args=[main.slug]),
        "province": province.get_absolute_url(),
    }[page]
    one = query_count(client, url)
    add(30)

    assert query_count(client, url) == one
