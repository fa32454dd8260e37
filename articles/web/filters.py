"""The news list's filters: every parameter a reader can combine in /tin-tuc/."""

import copy

import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, CommemorativeEvent, Tag, listing_rows
from healthnews.pagecache import per_version_in_process
from people.models import Official, Organisation, Province

# Reached through links (a tag on an article, an official's or an organisation's page), not
# chosen from a list: a <select> of every tag, official and organisation would grow with the
# directory and cost more to render than the news it filters.
LINKED = ("the", "can_bo", "don_vi")
EMPTY = (None, "", [])
# Longer values cannot be a slug of ours: refuse them before touching the database.
MAX_PARAMETER_LENGTH = 200


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Choose a row by its slug in the URL (?tinh=dien-bien)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("null_label", None)
        kwargs.setdefault("empty_label", _("Tất cả"))
        super().__init__(*args, **kwargs)


def slug_choices(model):
    """(slug, name) of every row, in the model's order, read once per content version."""

    def choices():
        return per_version_in_process(
            f"choices:{model._meta.label_lower}",
            lambda: list(model.objects.values_list("slug", "name")),
        )

    return choices


class KeptSelect(forms.Select):
    """A <select> whose HTML is kept per content version, choice and language, in this process.

    Its options are the rows of a table (the provinces, the categories): for a value among
    them, or none, the HTML is the same until the content changes. Building the options cost
    more than half of rendering the news filters (0.7 of 1.25 ms). Any other value (typed in
    the URL by hand) is rendered as usual and not kept: what is kept is bounded by the options.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, "") and value not in {str(option) for option, _ in self.choices}:
            return super().render(name, value, attrs, renderer)
        kept = per_version_in_process(f"select:{name}", dict)
        key = (get_language(), value, repr(attrs))
        html = kept.get(key)
        if html is None:
            html = kept[key] = super().render(name, value, attrs, renderer)
        return html


class SlugNameChoiceFilter(django_filters.ChoiceFilter):
    """Choose a row by its slug in the URL (?tinh=dien-bien) from a <select> of its names.

    The options are plain (slug, name) pairs kept per content version: no query and no model
    instance per request, unlike a ModelChoiceFilter over the same rows.
    """

    def __init__(self, model, *args, **kwargs):
        kwargs.setdefault("choices", slug_choices(model))
        kwargs.setdefault("widget", KeptSelect)
        kwargs.setdefault("null_label", None)
        kwargs.setdefault("empty_label", _("Tất cả"))
        super().__init__(*args, **kwargs)


class _FilterCopies(dict):
    """A FilterSet's base filters: copy.deepcopy gives a copy of each filter, not of its contents.

    Each FilterSet needs filters of its own (it sets their parent), not copies of the
    querysets, choices and labels they hold, which nothing changes: deep-copying those cost
    0.4 ms of each request.
    """

    def __deepcopy__(self, memo):
        copies = {}
        for name, filter_ in self.items():
            copies[name] = copied = copy.copy(filter_)
            if copied._method is not None:
                copied.method = copied._method  # the copy calls the method of its own parent
        return copies


class _SharedFields(dict):
    """A form class's fields: copy.deepcopy gives the same fields, shared by every form.

    Safe because nothing changes them once OneFormClass has built the class: a form reads its
    fields to validate and to render; what it changes (its data, its errors, its bound
    fields) is its own.
    """

    def __deepcopy__(self, memo):
        return dict(self)


class OneFormClass:
    """FilterSet mixin: one form class and one set of fields for every request.

    django-filter builds a form class per request, and the form deep-copies its fields: the
    fields depend on nothing per request (the options are read when the form is rendered or
    validated), so the class and its fields are built once, and prepare_fields() adjusts them
    then. Each FilterSet copies its filters shallowly (_FilterCopies).
    """

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), _FilterCopies):
            cls.base_filters = _FilterCopies(cls.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            self.prepare_fields(form_class.base_fields)
            form_class.base_fields = _SharedFields(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    def prepare_fields(self, fields):
        """Adjust the form class's fields once (widgets, attributes)."""


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return cleaned


class ArticleFilter(OneFormClass, django_filters.FilterSet):
    tinh = SlugNameChoiceFilter(Province, method="filter_province", label=_("Tỉnh, thành phố"))
    chuyen_muc = SlugNameChoiceFilter(Category, field_name="category__slug", label=_("Chuyên mục"))
    the = SlugChoiceFilter(queryset=Tag.objects.all(), field_name="tags", label=_("Thẻ"))
    ngay_ky_niem = SlugNameChoiceFilter(
        CommemorativeEvent, field_name="commemoration__slug", label=_("Ngày kỷ niệm")
    )
    nam = django_filters.NumberFilter(
        field_name="commemoration_year", label=_("Năm kỷ niệm"), min_value=1900, max_value=2200
    )
    can_bo = SlugChoiceFilter(
        queryset=Official.objects.all(), field_name="officials", label=_("Cán bộ")
    )
    don_vi = SlugChoiceFilter(
        queryset=Organisation.objects.all(), field_name="organisations", label=_("Cơ quan, đơn vị")
    )
    tu_ngay = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Từ ngày")
    )
    den_ngay = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label=_("Đến ngày")
    )

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and any(len(value) > MAX_PARAMETER_LENGTH for value in data.values()):
            data = data.copy()
            for key, value in list(data.items()):
                if len(value) > MAX_PARAMETER_LENGTH:
                    data[key] = value[:MAX_PARAMETER_LENGTH]
        super().__init__(data, *args, **kwargs)

    def prepare_fields(self, fields):
        for name in LINKED:
            fields[name].widget = forms.HiddenInput()
        for field in fields.values():
            field.widget.attrs.setdefault("class", "filter-input")
            if isinstance(field.widget, forms.DateInput):
                field.widget.attrs["placeholder"] = "dd/mm/yyyy"

    @property
    def linked(self):
        """The filters a link set (a tag, an official, an organisation) as (label, row)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        cleaned = self.form.cleaned_data
        return [(self.form.fields[name].label, cleaned[name]) for name in LINKED if cleaned[name]]

    def filter_province(self, queryset, name, slug):
        """A province's news includes that of the units it absorbed (Thừa Thiên Huế in Huế)."""
        provinces = listing_rows("province")
        province = next((unit for unit in provinces.values() if unit.slug == slug), None)
        if province is None:  # newer than the copy of this process
            province = Province.objects.get(slug=slug)  # a valid choice: it exists
            provinces = None
        self.province_units = province.with_predecessors(among=provinces)
        return queryset.filter(province__in=self.province_units)

    @property
    def only_province(self):
        """The units of the chosen province when it is the only filter in use, else None."""
        units = getattr(self, "province_units", None)
        if not units or not self.is_valid():
            return None
        used = [name for name, value in self.form.cleaned_data.items() if value not in EMPTY]
        return units if used == ["tinh"] else None
