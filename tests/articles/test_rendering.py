"""Widgets written in Python (articles/rendering.py) give the HTML Django's templates give."""

import pytest
from django import forms
from django.contrib import admin
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory

from articles.filters import ArticleFilter
from articles.models import Article
from articles.rendering import FastFormRenderer
from people.models import Official, Organisation
from people.views import OrganisationFilter
from tests.factories import make_event, make_province, make_user

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
