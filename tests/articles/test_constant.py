"""{% constant %}: the site's header and footer, rendered once per language."""

import re

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation

from tests.factories import make_article

pytestmark = pytest.mark.django_db

ENGINE = Engine(libraries={"constant": "articles.templatetags.constant"})


def test_a_constant_part_is_rendered_once_per_language():
    template = ENGINE.from_string("{% load constant %}{% constant %}{{ n }}{% endconstant %}")
    with translation.override("vi"):
        assert template.render(Context({"n": 1})) == "1"
        assert template.render(Context({"n": 2})) == "1"
    with translation.override("en"):
        assert template.render(Context({"n": 3})) == "3"


def test_constant_takes_no_argument():
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string("{% load constant %}{% constant x %}{% endconstant %}")


def constant_parts(source):
    return re.findall(r"{% constant %}(.*?){% endconstant %}", source, re.S)


def test_the_constant_parts_of_the_base_template_use_no_page_variable():
    """Only tags that depend on the language (translate, url, static) and literal HTML."""
    from django.conf import settings

    source = (settings.BASE_DIR / "templates" / "base.html").read_text()
    parts = constant_parts(source)
    assert len(parts) >= 3
    for part in parts:
        assert "{{" not in part
        tags = re.findall(r"{%\s*(\w+)", part)
        assert set(tags) <= {"translate", "url", "static"}, tags


def test_english_pages_get_the_english_header_and_vietnamese_ones_the_vietnamese():
    from django.test import Client

    article = make_article(title="Tin thử")
    vietnamese = Client().get(article.get_absolute_url()).content.decode()
    english = Client().get(f"/en{article.get_absolute_url()}").content.decode()
    vietnamese_again = Client().get("/tin-tuc/").content.decode()
    english_again = Client().get("/en/tin-tuc/").content.decode()

    for page in (vietnamese, vietnamese_again):
        assert '<li><a href="/tin-tuc/">Tin tức</a></li>' in page
        assert "Bỏ qua, đến nội dung chính" in page
    for page in (english, english_again):
        assert '<li><a href="/en/tin-tuc/">News</a></li>' in page
        assert "Bỏ qua" not in page
