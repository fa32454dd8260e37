"""bench/engines.py compares the two template engines only on the same page of cards."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import make_article, make_province

pytestmark = pytest.mark.django_db


def _cards():
    province = make_province(name="Lào Cai")
    category = Category.objects.create(name="Hoạt động ngành")
    at = timezone.make_aware(datetime.datetime(2025, 2, 27, 8, 30))
    make_article(
        title="Kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam <27/2>",
        lead="Sở Y tế tổ chức gặp mặt " * 20,
        province=province,
        category=category,
        published_at=at,
        published_at_precision="exact",
    )
    make_article(title="Tiêm chủng mở rộng", published_at=at, published_at_precision="day")
    return list(Article.objects.published().for_listing())


def test_both_engines_write_the_same_cards(bench_on_path):
    from bench.engines import engines, same_markup

    articles = _cards()
    django_page, jinja2_page = (render(articles) for render in engines().values())

    assert same_markup(django_page, jinja2_page)
    # What a reader sees is there, escaped, in local time, in both.
    for page in (django_page, jinja2_page):
        assert "Kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam &lt;27/2&gt;" in page
        assert "27/02/2025 08:30" in page
        assert 'href="/tinh-thanh/lao-cai/"' in page


def test_a_difference_in_the_cards_is_not_hidden_by_the_whitespace_rule(bench_on_path):
    from bench.engines import engines, same_markup

    articles = _cards()
    render_django, render_jinja2 = engines().values()
    django_page = render_django(articles)
    articles[0].title = "Một tiêu đề khác"

    assert not same_markup(django_page, render_jinja2(articles))
    assert same_markup("<p>a</p>\n  <p>b  c</p>", "<p>a</p><p>b c</p>")
