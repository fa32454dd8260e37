"""Legal and administrative documents (văn bản) a Sở Y tế portal publishes, and their files.

Nghị định 42/2022/NĐ-CP asks a provincial department's portal to publish the documents it
issues or applies: type, number and symbol, issuer, signer, dates of issue and effect, abstract,
validity and the file, with a search. Articles cite them (`Document.cited_by`).
"""

import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles.content.uploads import validate_attachment
from articles.models.article import Article
from articles.models.media import ATTACHMENT_EXTENSIONS, attachment_upload_to
from healthnews.text import fold_chars, normalize_text
from people.models import Official, Organisation, SortedByName, unique_slug

# A number or a run of letters: "42-CT/TU", "42/CT-TU", "42ct tu" are all 42 ct tu.
_SEARCH_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# A reader's query beyond this many words is cut: each word is one more LIKE.
MAX_SEARCH_TOKENS = 12


def search_tokens(text):
    """The folded words of a text for matching documents, numbers apart from letters.

    Leading zeros go ("08-NQ/TU" is 8 nq tu), so that "8-nq-tu" finds it too.
    """
    tokens = _SEARCH_TOKEN.findall(fold_chars(normalize_text(text)))
    return [(token.lstrip("0") or "0") if token.isdecimal() else token for token in tokens]


class DocumentSector(SortedByName):
    """A field a document belongs to (lĩnh vực): khám, chữa bệnh; y tế dự phòng; dược..."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("lĩnh vực văn bản")
        verbose_name_plural = _("lĩnh vực văn bản")
        ordering = ["sort_key"]


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """Documents a reader may see: published, and their publication time has come."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What the list, search results and feed show of each document, with its issuer."""
        return self.select_related("issuer", "sector")

    def matching(self, text):
        """Documents whose folded text has a word starting with each token of `text`.

        A LIKE per token over the stored search text: a scan, fine for the hundreds of
        documents a department publishes (not meant for the article archive).
        """
        documents = self
        for token in search_tokens(text)[:MAX_SEARCH_TOKENS]:
            documents = documents.filter(search_text__contains=f" {token}")
        return documents

    def newest_issued_first(self):
        """Newest date of issue first; undated documents last, then the newest entered."""
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-published_at", "-pk")

    def oldest_issued_first(self):
        """Oldest date of issue first; undated documents still last."""
        return self.order_by(models.F("issued_on").asc(nulls_last=True), "published_at", "pk")


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Document(models.Model):
    class Kind(models.TextChoices):
        LAW = "luat", _("Luật")
        DECREE = "nghi-dinh", _("Nghị định")
        RESOLUTION = "nghi-quyet", _("Nghị quyết")
        DIRECTIVE = "chi-thi", _("Chỉ thị")
        DECISION = "quyet-dinh", _("Quyết định")
        CIRCULAR = "thong-tu", _("Thông tư")
        PLAN = "ke-hoach", _("Kế hoạch")
        SCHEME = "de-an", _("Đề án")
        OFFICIAL_LETTER = "cong-van", _("Công văn")
        NOTICE = "thong-bao", _("Thông báo")
        REPORT = "bao-cao", _("Báo cáo")

    class Validity(models.TextChoices):
        IN_FORCE = "con-hieu-luc", _("còn hiệu lực")
        EXPIRED = "het-hieu-luc", _("hết hiệu lực")
        REPLACED = "bi-thay-the", _("bị thay thế")
        UNKNOWN = "chua-xac-dinh", _("chưa xác định")

    class Status(models.TextChoices):
        """An article's statuses, but a document is never "returned" to a reporter."""

        DRAFT = Article.Status.DRAFT.value, Article.Status.DRAFT.label
        IN_REVIEW = Article.Status.IN_REVIEW.value, Article.Status.IN_REVIEW.label
        PUBLISHED = Article.Status.PUBLISHED.value, Article.Status.PUBLISHED.label

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("số ký hiệu"),
        max_length=100,
        blank=True,
        help_text=_("Như trên văn bản: 42-CT/TU, 42/2022/NĐ-CP. Để trống nếu không rõ."),
    )
    title = models.TextField(
        _("trích yếu"), blank=True, help_text=_("Ví dụ: về việc ban hành Bộ Tiêu chí …")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    issuer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        null=True,
        blank=True,
        verbose_name=_("cơ quan ban hành"),
    )
    signer = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        related_name="signed_documents",
        null=True,
        blank=True,
        verbose_name=_("người ký"),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    sector = models.ForeignKey(
        DocumentSector,
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
        verbose_name=_("lĩnh vực"),
    )
    validity = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=20,
        choices=Validity.choices,
        default=Validity.UNKNOWN,
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
        verbose_name=_("bị thay thế bởi"),
    )
    for_comment = models.BooleanField(
        _("dự thảo lấy ý kiến"),
        default=False,
        help_text=_("Dự thảo đăng để lấy ý kiến góp ý của tổ chức, cá nhân."),
    )
    comment_deadline = models.DateField(_("hạn góp ý"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("thời gian đăng"), null=True, blank=True)
    cited_by = models.ManyToManyField(
        Article,
        related_name="documents",
        blank=True,
        verbose_name=_("bài viết nhắc đến"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # The folded words of type, number, abstract and issuer, space-padded: what ?q= matches.
    search_text = models.TextField(editable=False, blank=True)

    objects = DocumentManager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_document", _("Có thể đăng và gỡ văn bản"))]
        indexes = [
            # The feed and "newest documents": published ones, newest first.
            models.Index(fields=["status", "-published_at", "-id"], name="document_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                name="document_has_number_or_title", condition=~Q(number="") | ~Q(title="")
            ),
            models.CheckConstraint(
                name="document_published_has_time",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="document_replaced_names_replacement",
                condition=Q(validity="bi-thay-the", replaced_by__isnull=False)
                | (~Q(validity="bi-thay-the") & Q(replaced_by__isnull=True)),
            ),
            models.CheckConstraint(
                name="document_comment_deadline_for_drafts",
                condition=Q(for_comment=True, comment_deadline__isnull=False)
                | Q(for_comment=False, comment_deadline__isnull=True),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_text())
        self.search_text = self.fold_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:document_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if not self.number.strip() and not self.title.strip():
            errors["title"] = _("Văn bản cần có số ký hiệu hoặc trích yếu.")
        if self.validity == self.Validity.REPLACED and self.replaced_by_id is None:
            errors["replaced_by"] = _("Hãy chọn văn bản thay thế.")
        if self.validity != self.Validity.REPLACED and self.replaced_by_id is not None:
            errors["validity"] = _("Văn bản có văn bản thay thế thì ở tình trạng “bị thay thế”.")
        if self.replaced_by_id is not None and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("Văn bản không thể tự thay thế chính nó.")
        if self.for_comment and self.comment_deadline is None:
            errors["comment_deadline"] = _("Dự thảo lấy ý kiến cần có hạn góp ý.")
        if not self.for_comment and self.comment_deadline is not None:
            errors["comment_deadline"] = _("Chỉ dự thảo lấy ý kiến mới có hạn góp ý.")
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày hiệu lực không thể trước ngày ban hành.")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors["published_at"] = _("Văn bản đã đăng cần có thời gian đăng.")
        if errors:
            raise ValidationError(errors)

    @property
    def kind_name(self):
        """The type as documents write it ("Chỉ thị"), whatever the interface language."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.get_kind_display())

    @property
    def name(self):
        """How a document is named: "Chỉ thị số 42-CT/TU"; without a number, by its abstract
        ("Quyết định về việc ban hành Bộ Tiêu chí …"), which is then not repeated below."""
        if not self.number:
            return f"{self.kind_name} {self.title}"
        return f"{self.kind_name} số {self.number}"

    def slug_text(self):
        """What the slug is made of: "Chỉ thị 42-CT/TU" (chi-thi-42-ct-tu), else the name."""
        if self.number:
            # slugify drops "/" and ".": "CT/TU" would run together as "cttu".
            return f"{self.kind_name} {re.sub(r'[/.]', ' ', self.number)}"
        return self.name

    def fold_search_text(self):
        """The stored search text: folded words of type, number, abstract and issuer, padded."""
        parts = [self.kind_name, "số", self.number, self.title]
        if self.issuer_id:
            parts.append(self.issuer.name)
        return f" {' '.join(search_tokens(' '.join(parts)))} "


class DocumentFile(models.Model):
    """A file of a document: the signed PDF, an office version, an annex."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("văn bản")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(
        _("tên tệp"), max_length=300, help_text=_("Ví dụ: Toàn văn, Phụ lục I.")
    )
    file = models.FileField(
        _("tệp"),
        upload_to=attachment_upload_to,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS), validate_attachment],
    )
    # In bytes, kept at save so that lists need not ask the storage for each file.
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0, editable=False)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["document", "order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:document_file_download", kwargs={"pk": self.pk})

    @property
    def extension(self):
        """The file's type as readers know it: PDF, DOCX..."""
        return PurePath(self.file.name).suffix.lstrip(".").upper()
