"""Documents (văn bản): the list with its filters and search, a document's page, its files."""

from pathlib import PurePath

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from articles.models import Article, Document, DocumentFile, DocumentSector
from articles.web.filters import MAX_PARAMETER_LENGTH, SlugChoiceFilter
from healthnews.text import vn_slugify
from people.models import Organisation

NEWEST, OLDEST = "moi-nhat", "cu-nhat"


class DocumentFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "filter-input")


def issuers(request):
    """The bodies that issued a published document: the issuer filter's options."""
    return Organisation.objects.filter(pk__in=Document.objects.published().values("issuer"))


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Tìm văn bản"),
        max_length=MAX_PARAMETER_LENGTH,
        widget=forms.TextInput(
            attrs={"placeholder": _("Số ký hiệu, trích yếu: 42-CT/TU, chỉ thị 42…")}
        ),
    )
    loai = django_filters.ChoiceFilter(
        field_name="kind",
        choices=Document.Kind.choices,
        label=_("Loại văn bản"),
        empty_label=_("Tất cả"),
    )
    co_quan = SlugChoiceFilter(
        # Read per request, and only those bodies: not the whole directory.
        queryset=issuers,
        field_name="issuer",
        label=_("Cơ quan ban hành"),
    )
    linh_vuc = SlugChoiceFilter(
        queryset=DocumentSector.objects.all(), field_name="sector", label=_("Lĩnh vực")
    )
    nam = django_filters.NumberFilter(
        field_name="issued_on",
        lookup_expr="year",
        label=_("Năm ban hành"),
        min_value=1945,
        max_value=2200,
    )
    hieu_luc = django_filters.ChoiceFilter(
        field_name="validity",
        choices=Document.Validity.choices,
        label=_("Tình trạng hiệu lực"),
        empty_label=_("Tất cả"),
    )
    du_thao = django_filters.BooleanFilter(
        method="only_for_comment",
        label=_("Dự thảo lấy ý kiến"),
        widget=forms.CheckboxInput,
    )
    sap_xep = django_filters.ChoiceFilter(
        method="sort",
        choices=[(NEWEST, _("Mới nhất")), (OLDEST, _("Cũ nhất"))],
        label=_("Ngày ban hành"),
        empty_label=None,
    )

    class Meta:
        model = Document
        fields = []
        form = DocumentFilterForm

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def only_for_comment(self, queryset, name, value):
        # An unticked box means every document, not only those that are no draft.
        return queryset.filter(for_comment=True) if value else queryset

    def sort(self, queryset, name, value):
        return queryset.oldest_issued_first() if value == OLDEST else queryset


class DocumentListView(FilterView):
    """Published documents, newest issued first, filtered and searched."""

    filterset_class = DocumentFilter
    paginate_by = 20
    template_name = "articles/document_list.html"

    def get_queryset(self):
        return Document.objects.published().for_listing().newest_issued_first()


class DocumentDetailView(DetailView):
    """One published document: its particulars, files, validity and the articles citing it."""

    template_name = "articles/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        published = Document.objects.published()
        return (
            published.select_related("issuer", "signer", "sector", "replaced_by")
            .annotate(
                # A replacement still in draft is named, never linked.
                replacement_public=Exists(published.filter(pk=OuterRef("replaced_by")))
            )
            .prefetch_related(
                "files",
                Prefetch(
                    "replaces",
                    queryset=published.order_by("-issued_on", "-pk"),
                    to_attr="replaced_documents",
                ),
                Prefetch(
                    "cited_by",
                    queryset=Article.objects.published().for_listing(),
                    to_attr="citing_articles",
                ),
            )
        )


def document_file_download(request, pk):
    """A file of a published document, always as a download, never rendered inline."""
    document_file = get_object_or_404(
        DocumentFile.objects.filter(document__in=Document.objects.published()), pk=pk
    )
    extension = PurePath(document_file.file.name).suffix
    return FileResponse(
        document_file.file.open("rb"),
        as_attachment=True,
        filename=f"{vn_slugify(document_file.title) or 'van-ban'}{extension}",
    )
