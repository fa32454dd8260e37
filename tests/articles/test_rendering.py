"""Widgets and cards written in Python give the HTML Django's templates give."""

import re

import pytest
from django import forms
from django.contrib import admin
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory

from articles.models import Article
from articles.rendering import FastFormRenderer
from articles.web.directory import OrganisationFilter
from articles.web.filters import ArticleFilter
from people.models import Official, Organisation
from tests.factories import make_article, make_event, make_province, make_user

pytestmark = pytest.mark.django_db


def widgets(form):
    return {name: str(form[name]) for name in form.fields}


def both(make_form):
    """Each field of the form rendered by Django's templates and by the fast renderer."""
    return widgets(make_form(DjangoTemplates())), widgets(make_form(FastFormRenderer()))


def filter_form(filterset_class, data):
    def make(renderer):
        form = filterset_class(data, queryset=filterset_class._meta.model.objects.all()).form
        form.renderer = renderer
        return form

    return make


@pytest.fixture
def places():
    province = make_province(name="Điện Biên", slug="dien-bien")
    make_province(name='Thừa Thiên Huế <&> "cũ"', slug="thua-thien-hue")
    make_event()
    return province


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"tinh": "dien-bien", "tu_ngay": "27/02/2025", "nam": "2025"},
        {"tinh": "khong-co", "tu_ngay": "31/02/2025", "den_ngay": '"><script>'},
    ],
    ids=["empty", "chosen", "invalid"],
)
def test_public_filter_forms_render_as_the_templates_do(places, data):
    expected, fast = both(filter_form(ArticleFilter, data))
    assert fast == expected
    assert 'value="dien-bien"' in fast["tinh"]
    assert "Thừa Thiên Huế &lt;&amp;&gt; &quot;cũ&quot;" in fast["tinh"]
    if data.get("tinh") == "dien-bien":
        assert 'value="dien-bien" selected' in fast["tinh"]
    expected, fast = both(filter_form(OrganisationFilter, data))
    assert fast == expected


@pytest.mark.parametrize("model", [Article, Official, Organisation])
def test_admin_forms_render_as_the_templates_do(places, model):
    """Admin widgets wrap the stock ones (related-object links, split date and time)."""
    request = RequestFactory().get("/admin/")
    request.user = make_user(is_superuser=True)
    model_admin = admin.site._registry[model]
    form_class = model_admin.get_form(request)

    def make(renderer):
        return form_class(renderer=renderer)

    expected, fast = both(make)
    assert fast == expected
    assert any("<input" in html for html in fast.values())
    if model is Article:
        assert "<select" in fast["status"]


def test_select_with_option_groups_and_other_option_templates():
    choices = [("Miền Bắc", [("hn", "Hà Nội"), ("db", "Điện Biên")]), ("x", "Khác <b>")]
    select = forms.Select(choices=choices, attrs={"required": True, "disabled": False})
    radios = forms.RadioSelect(choices=choices)
    for widget in (select, radios, forms.SelectMultiple(choices=choices)):
        for value in ("db", ["hn", "x"], None):
            html = [widget.render("khu_vuc", value, renderer=r) for r in both_renderers()]
            assert html[0] == html[1]
    assert "<optgroup" in select.render("khu_vuc", "db", renderer=FastFormRenderer())


def both_renderers():
    return DjangoTemplates(), FastFormRenderer()


# The card and meta includes that {% article_card %} and {% article_meta %} replaced.
OLD_CARD = """{% load i18n %}<article class="card">
  <h{{ level|default:3 }} class="card-title"><a href="{{ article.get_absolute_url }}">{{ article.title }}</a></h{{ level|default:3 }}>
  {% include "meta" %}
  {% if article.lead and not compact %}<p class="summary">{{ article.lead|truncatewords:35 }}</p>{% endif %}
</article>"""  # noqa: E501
OLD_META = """{% load i18n %}<p class="meta">
  {% if article.published_at %}<time datetime="{{ article.published_at|date:'c' }}">{% if article.published_at_precision == "exact" %}{{ article.published_at|date:"l, d/m/Y H:i" }}{% else %}{{ article.published_at|date:"l, d/m/Y" }}{% endif %}{% if article.published_at_precision == "estimated" %} <span class="note">({% translate "ngày ước tính" %})</span>{% endif %}</time>{% endif %}
  {% if article.province %}<span>{{ article.province.full_name }}</span>{% endif %}
  {% if article.category %}<span>{{ article.category.name }}</span>{% endif %}
</p>"""  # noqa: E501


def _tight(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_cards_are_the_markup_of_the_templates_they_replaced(language):
    from django.template import Context, Engine
    from django.utils import translation

    from articles.models import Category
    from articles.templatetags.cards import article_card, article_meta

    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", {"card": OLD_CARD, "meta": OLD_META})],
        libraries={"i18n": "django.templatetags.i18n"},
    )
    province = make_province(name="Điện Biên <&>")
    category = Category.objects.create(name='Chỉ đạo "điều hành"', slug="chi-dao")
    long_lead = " ".join(f"từ{number}" for number in range(50))
    articles = [
        make_article(title='Tiêm <b>chủng</b> & "sởi"', province=province, category=category),
        make_article(published_at_precision="date", lead=long_lead),
        make_article(published_at_precision="estimated", lead=""),
        make_article(status="draft", published_at=None),
    ]
    with translation.override(language):
        for article in articles:
            for options in ({}, {"level": 2}, {"level": 4, "compact": True}):
                context = Context({"article": article, **options})
                expected = engine.get_template("card").render(context)
                assert _tight(article_card(article, **options)) == _tight(expected)
            expected = engine.get_template("meta").render(Context({"article": article}))
            assert _tight(article_meta(article)) == _tight(expected)
    assert "Tiêm &lt;b&gt;chủng&lt;/b&gt; &amp; &quot;sởi&quot;" in article_card(articles[0])


OLD_PROVINCE_NEWS = """{% for province, articles in by_province %}
    <section class="province-news" aria-labelledby="tinh-{{ province.slug }}">
      <h3 id="tinh-{{ province.slug }}"><a href="{{ province.get_absolute_url }}">{{ province.full_name|capfirst }}</a></h3>
      <ul class="plain">{% for article in articles %}<li><a href="{{ article.get_absolute_url }}">{{ article.title }}</a></li>{% endfor %}</ul>
    </section>
    {% endfor %}"""  # noqa: E501


def test_province_news_is_the_markup_of_the_template_it_replaced():
    from django.template import Context, Engine

    from articles.templatetags.cards import province_news
    from articles.web.views import Headline

    city = make_province(name="Hồ Chí Minh", kind="thanh-pho")
    odd = make_province(name='Điện Biên <&> "x"')
    by_province = [
        (city, [make_article(title='Tiêm <b>chủng</b> & "sởi"'), make_article(title="Tin hai")]),
        (odd, [Headline("Tin <i>ba</i>", "tin-ba", None)]),
        (make_province(name="Lào Cai"), []),
    ]
    expected = Engine().from_string(OLD_PROVINCE_NEWS).render(Context({"by_province": by_province}))

    assert _tight(province_news(by_province)) == _tight(expected)
    assert "Tiêm &lt;b&gt;chủng&lt;/b&gt; &amp; &quot;sởi&quot;" in province_news(by_province)
