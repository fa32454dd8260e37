"""The news list's filters: every parameter a reader can combine in /tin-tuc/."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, CommemorativeEvent, Tag
from articles.pagecache import per_version_in_process
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


class SlugNameChoiceFilter(django_filters.ChoiceFilter):
    """Choose a row by its slug in the URL (?tinh=dien-bien) from a <select> of its names.

    The options are plain (slug, name) pairs kept per content version: no query and no model
    instance per request, unlike a ModelChoiceFilter over the same rows.
    """

    def __init__(self, model, *args, **kwargs):
        kwargs.setdefault("choices", slug_choices(model))
        kwargs.setdefault("null_label", None)
        kwargs.setdefault("empty_label", _("Tất cả"))
        super().__init__(*args, **kwargs)


class OneFormClass:
    """FilterSet mixin: one form class for all requests (django-filter builds one per request).

    The form's fields come from the filters, which depend on nothing per request: the options
    are read when the form is rendered or validated, and every form copies the fields.
    """

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class


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
        for name in LINKED:
            self.form.fields[name].widget = forms.HiddenInput()
        for field in self.form.fields.values():
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
        province = Province.objects.get(slug=slug)  # a valid choice: it exists
        self.province_units = province.with_predecessors()
        return queryset.filter(province__in=self.province_units)

    @property
    def only_province(self):
        """The units of the chosen province when it is the only filter in use, else None."""
        units = getattr(self, "province_units", None)
        if not units or not self.is_valid():
            return None
        used = [name for name, value in self.form.cleaned_data.items() if value not in EMPTY]
        return units if used == ["tinh"] else None
