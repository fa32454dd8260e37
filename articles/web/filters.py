"""The news list's filters: every parameter a reader can combine in /tin-tuc/."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, CommemorativeEvent, Tag
from people.models import Official, Organisation, Province

# Reached through links (a tag on an article, an official's or an organisation's page), not
# chosen from a list: a <select> of every tag, official and organisation would grow with the
# directory and cost more to render than the news it filters.
LINKED = ("the", "can_bo", "don_vi")
EMPTY = (None, "", [])
# Longer values cannot be a slug of ours: refuse them before touching the database.
MAX_PARAMETER_LENGTH = 200


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Choose a row by its slug in the URL (?tinh=dien-bien); its options are read per request."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("null_label", None)
        kwargs.setdefault("empty_label", _("Tất cả"))
        super().__init__(*args, **kwargs)


class ArticleFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "filter-input")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return cleaned


DAY_FIRST = {"placeholder": "dd/mm/yyyy"}


class ArticleFilter(django_filters.FilterSet):
    tinh = SlugChoiceFilter(
        queryset=Province.objects.all(), method="filter_province", label=_("Tỉnh, thành phố")
    )
    chuyen_muc = SlugChoiceFilter(
        queryset=Category.objects.all(), field_name="category", label=_("Chuyên mục")
    )
    the = SlugChoiceFilter(
        queryset=Tag.objects.all(), field_name="tags", label=_("Thẻ"), widget=forms.HiddenInput
    )
    ngay_ky_niem = SlugChoiceFilter(
        queryset=CommemorativeEvent.objects.all(),
        field_name="commemoration",
        label=_("Ngày kỷ niệm"),
    )
    nam = django_filters.NumberFilter(
        field_name="commemoration_year", label=_("Năm kỷ niệm"), min_value=1900, max_value=2200
    )
    can_bo = SlugChoiceFilter(
        queryset=Official.objects.all(),
        field_name="officials",
        label=_("Cán bộ"),
        widget=forms.HiddenInput,
    )
    don_vi = SlugChoiceFilter(
        queryset=Organisation.objects.all(),
        field_name="organisations",
        label=_("Cơ quan, đơn vị"),
        widget=forms.HiddenInput,
    )
    tu_ngay = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label=_("Từ ngày"),
        widget=forms.DateInput(attrs=DAY_FIRST),
    )
    den_ngay = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label=_("Đến ngày"),
        widget=forms.DateInput(attrs=DAY_FIRST),
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

    @property
    def linked(self):
        """The filters a link set (a tag, an official, an organisation) as (label, row)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        cleaned = self.form.cleaned_data
        return [(self.form.fields[name].label, cleaned[name]) for name in LINKED if cleaned[name]]

    def filter_province(self, queryset, name, province):
        """A province's news includes that of the units it absorbed (Thừa Thiên Huế in Huế)."""
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
