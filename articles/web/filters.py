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


class DateInput(forms.DateInput):
    """A native date picker (phones show their own), which sends and is given ISO dates.

    The browser shows the date in the reader's own order (day first in Vietnam); the value
    it sends is 2024-01-31, which the day-first DATE_INPUT_FORMATS also read, as they read the
    16/11/2023 of links written by hand. Without `format` the value would be written in the
    first input format, 31/01/2024, which a date input refuses and shows empty. Browsers
    without a date picker show a text field: the placeholder says how to type it there.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", **(attrs or {})}, format="%Y-%m-%d")

    def format_value(self, value):
        # A date typed day first in a link (?tu_ngay=15/02/2024) is given back as ISO too.
        if isinstance(value, str):
            try:
                value = forms.DateField().to_python(value)
            except forms.ValidationError:
                return value
        return super().format_value(value)


class YearFilter(django_filters.NumberFilter):
    """A year typed as four digits: an integer field with messages that name the year."""

    field_class = forms.IntegerField


DATE_ERRORS = {"invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 16/11/2023.")}


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
    nam = YearFilter(
        field_name="commemoration_year",
        label=_("Năm tổ chức kỷ niệm"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs={"placeholder": _("ví dụ: 2025"), "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Nhập năm bằng chữ số, ví dụ 2025."),
            "min_value": _("Nhập một năm từ 1900 đến 2200."),
            "max_value": _("Nhập một năm từ 1900 đến 2200."),
        },
        help_text=_("Năm diễn ra ngày kỷ niệm mà bài viết nhắc đến."),
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
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )
    den_ngay = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label=_("Đến ngày"),
        widget=DateInput,
        error_messages=DATE_ERRORS,
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
