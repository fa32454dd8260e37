"""The news filters as readers use them: date pickers, the commemoration year, their errors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_event

pytestmark = pytest.mark.django_db


def news(client, **params):
    response = client.get(reverse("articles:article_list"), params)
    assert response.status_code == 200
    return response


def titles(response):
    return [article.title for article in response.context["object_list"]]


def published_on(day):
    return timezone.make_aware(datetime.datetime(2024, 2, day, 9))


def test_dates_are_native_date_pickers_given_and_reading_iso_dates(client):
    make_article(title="Tin ngày 10", published_at=published_on(10))
    make_article(title="Tin ngày 20", published_at=published_on(20))

    picked = news(client, tu_ngay="2024-02-15")
    typed = news(client, tu_ngay="15/02/2024")

    html = picked.content.decode()
    assert titles(picked) == titles(typed) == ["Tin ngày 20"]
    # A date input shows only an ISO value: 15/02/2024 there would show an empty field.
    assert '<input type="date" name="tu_ngay" value="2024-02-15"' in html
    assert '<input type="date" name="tu_ngay" value="2024-02-15"' in typed.content.decode()
    assert '<input type="date" name="den_ngay" placeholder="dd/mm/yyyy"' in html


def test_a_date_that_does_not_exist_gets_a_message_next_to_its_field(client):
    make_article(title="Tin bình thường")

    html = news(client, tu_ngay="31/02/2024").content.decode()

    assert 'aria-describedby="id_tu_ngay_error"' in html
    assert (
        '<ul class="errorlist" id="id_tu_ngay_error">'
        "<li>Nhập ngày theo dạng ngày/tháng/năm, ví dụ 16/11/2023.</li></ul>"
    ) in html
    assert "Tin bình thường" not in html


def test_the_year_filter_says_what_it_is_and_finds_that_years_anniversary(client):
    event = make_event(name="Ngày Thầy thuốc Việt Nam")
    make_article(title="Kỷ niệm 70 năm", commemoration=event, commemoration_year=2025)
    make_article(title="Kỷ niệm 69 năm", commemoration=event, commemoration_year=2024)

    response = news(client, nam="2025")

    html = response.content.decode()
    assert titles(response) == ["Kỷ niệm 70 năm"]
    assert '<label for="id_nam">Năm tổ chức kỷ niệm</label>' in html
    assert "Năm diễn ra ngày kỷ niệm mà bài viết nhắc đến." in html
    assert 'placeholder="ví dụ: 2025"' in html
    assert 'step="any"' not in html


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("abc", "Nhập năm bằng chữ số, ví dụ 2025."),
        ("2025.5", "Nhập năm bằng chữ số, ví dụ 2025."),
        ("99", "Nhập một năm từ 1900 đến 2200."),
        ("1e9", "Nhập năm bằng chữ số, ví dụ 2025."),
    ],
)
def test_a_wrong_year_gets_a_clean_message(client, year, message):
    make_article(title="Tin bình thường")

    html = news(client, nam=year).content.decode()

    assert f'<ul class="errorlist" id="id_nam_error"><li>{message}</li></ul>' in html
    assert f"<li>Năm tổ chức kỷ niệm: {message}</li>" in html
    assert " ." not in html.split('role="alert"')[1].split("</div>")[0]
    assert "Tin bình thường" not in html


def test_the_english_filters_name_the_year_and_the_dates(client):
    html = client.get("/en/tin-tuc/", {"nam": "x"}).content.decode()

    assert ">Year commemorated</label>" in html
    assert "<li>Year commemorated: Type the year in digits, for example 2025.</li>" in html
