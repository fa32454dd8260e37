"""The article itself."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.content.html import html_to_text, split_blocks
from articles.models.queryset import ArticleManager
from articles.models.vocabulary import Category, CommemorativeEvent, SourceOutlet, Tag
from healthnews.text import fold_article_text, has_no_diacritics
from people.models import (
    Official,
    Organisation,
    Province,
    unique_slug,
)

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Figures placed between blocks (see DJANGO_PROSE_EDITOR_EXTENSIONS): the document allows
    # the marker at its top level only, never inside a quote, a list or a table.
    "Document": False,
    "FigureDocument": True,
    "FigureMarker": True,
    "NoSpellCheck": False,  # on by default in django-prose-editor: editors want spell-checking
}


class ArticleChildManager(models.Manager):
    """Look up a row that belongs to an article by the article's slug and its order."""

    def get_by_natural_key(self, article, order):
        return self.get(article__slug=article, order=order)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("bản nháp")
        IN_REVIEW = "review", _("chờ duyệt")
        # Sent back to its author with a note (ArticleNote); the author edits and submits again.
        RETURNED = "returned", _("trả lại")
        PUBLISHED = "published", _("đã xuất bản")

    class DatePrecision(models.TextChoices):
        EXACT = "exact", _("rõ ngày và giờ")
        DATE = "date", _("chỉ rõ ngày")
        ESTIMATED = "estimated", _("ước tính")

    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    lead = models.TextField(_("sapo"), blank=True)
    body = ProseEditorField(_("nội dung"), extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("thời gian xuất bản"), null=True, blank=True)
    published_at_precision = models.CharField(
        _("độ chính xác thời gian xuất bản"),
        max_length=20,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
    )
    event_year = models.PositiveSmallIntegerField(
        _("năm diễn ra"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    event_month = models.PositiveSmallIntegerField(
        _("tháng diễn ra"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    event_day = models.PositiveSmallIntegerField(
        _("ngày diễn ra"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    event_year_inferred = models.BooleanField(
        _("năm được suy ra"),
        default=False,
        help_text=_("Năm không ghi trong bài, được suy ra (ví dụ từ số năm kỷ niệm)."),
    )
    event_date_text = models.CharField(
        _("thời gian diễn ra như trong bài"), max_length=100, blank=True
    )
    source_outlet = models.ForeignKey(
        SourceOutlet,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("nguồn tin"),
    )
    source_url = models.URLField(_("địa chỉ bài gốc"), max_length=500, blank=True)
    byline = models.CharField(_("tác giả"), max_length=200, blank=True)
    credit_line = models.CharField(
        _("dòng trích nguồn"), max_length=300, blank=True, help_text=_("Ví dụ: Theo CDC Lào Cai.")
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("chuyên mục"),
    )
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True, verbose_name=_("thẻ"))
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("tỉnh, thành phố"),
        help_text=_("Đơn vị hành chính như tên gọi tại thời điểm bài viết."),
    )
    officials = models.ManyToManyField(
        Official,
        through="OfficialMention",
        related_name="articles",
        blank=True,
        verbose_name=_("cán bộ được nhắc đến"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="OrganisationMention",
        related_name="articles",
        blank=True,
        verbose_name=_("cơ quan, đơn vị được nhắc đến"),
    )
    commemoration = models.ForeignKey(
        CommemorativeEvent,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("ngày kỷ niệm"),
    )
    commemoration_year = models.PositiveSmallIntegerField(_("năm kỷ niệm"), null=True, blank=True)
    needs_title = models.BooleanField(
        _("cần đặt tiêu đề"),
        default=False,
        help_text=_("Văn bản nhập vào không có tiêu đề: tiêu đề hiện tại được đề xuất từ sapo."),
    )
    import_file_name = models.CharField(_("tệp nhập"), max_length=255, blank=True, editable=False)
    # SHA-256 of the imported text once normalised: importing the same text again adds nothing.
    import_hash = models.CharField(
        _("mã nội dung tệp nhập"), max_length=64, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("người tạo"),
    )
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="articles_edited",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("người sửa cuối"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # Raised by every save: an editor's form remembers it to refuse a lost update.
    version = models.PositiveIntegerField(_("phiên bản"), default=0, editable=False)
    # Title, lead and body text folded (no case, no diacritics, đ -> d) for searching.
    search_text = models.TextField(editable=False, blank=True)
    # Set when an editor deletes the article: it waits in the trash, hidden from readers and
    # from the admin's list, until restored or purged (articles.content.trash).
    deleted_at = models.DateTimeField(
        _("chuyển vào thùng rác lúc"), null=True, blank=True, editable=False
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="articles_trashed",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("người chuyển vào thùng rác"),
    )

    objects = ArticleManager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Có thể xuất bản, hẹn giờ và gỡ bài viết")),
            ("empty_trash", _("Có thể xóa hẳn bài viết trong thùng rác")),
        ]
        indexes = [
            # Every public list: published articles, newest first, read in index order with
            # no sort (the primary key settles ties between articles of the same minute).
            models.Index(fields=["status", "-published_at", "-id"], name="article_newest"),
            # The same per province (home page, province page, ?tinh=), per category
            # (?chuyen_muc=, related news) and per commemoration (its page, ?ngay_ky_niem=).
            models.Index(
                fields=["province", "status", "-published_at", "-id"],
                name="article_province_newest",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="article_category_newest",
            ),
            models.Index(
                fields=["commemoration", "status", "-published_at", "-id"],
                name="article_event_newest",
            ),
            # A commemoration's page: the newest articles of each anniversary year.
            models.Index(
                fields=["commemoration", "commemoration_year", "status", "-published_at", "-id"],
                name="article_event_year_newest",
            ),
            # ?nam= alone: the newest articles of any commemoration held that year (read down
            # the news index instead, a rare year walked all of it: 94 ms at 100,000 articles).
            models.Index(
                fields=["commemoration_year", "status", "-published_at", "-id"],
                name="article_year_newest",
            ),
            # The sitemap index: when the newest edit of a published article was made.
            models.Index(fields=["status", "-updated_at"], name="article_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                name="article_published_has_time",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="article_event_month_range",
                condition=Q(event_month__isnull=True) | Q(event_month__gte=1, event_month__lte=12),
            ),
            models.CheckConstraint(
                name="article_event_day_range",
                condition=Q(event_day__isnull=True)
                | Q(event_day__gte=1, event_day__lte=31, event_month__isnull=False),
            ),
            models.CheckConstraint(
                name="article_inferred_year_present",
                condition=Q(event_year_inferred=False) | Q(event_year__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["import_hash"],
                condition=~Q(import_hash=""),
                name="article_unique_import_hash",
            ),
            models.CheckConstraint(
                name="article_commemoration_year_needs_event",
                condition=Q(commemoration_year__isnull=True) | Q(commemoration__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = self._meta.get_field("body").sanitize(self.body)
        self.search_text = fold_article_text(self.title, self.lead, html_to_text(self.body))
        self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.event_year and self.event_month and self.event_day:
            try:
                datetime.date(self.event_year, self.event_month, self.event_day)
            except ValueError:
                errors["event_day"] = _("Ngày diễn ra không có trong lịch.")
        if (
            self.commemoration_id
            and self.commemoration_year
            and self.commemoration_year <= self.commemoration.origin_date.year
        ):
            errors["commemoration_year"] = _("Năm kỷ niệm phải sau năm khởi nguồn.")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors["published_at"] = _("Bài đã xuất bản cần có thời gian xuất bản.")
        if errors:
            raise ValidationError(errors)

    @property
    def event_date(self):
        """The event date when day, month and year are all known, else None."""
        if self.event_year and self.event_month and self.event_day:
            try:
                return datetime.date(self.event_year, self.event_month, self.event_day)
            except ValueError:
                return None
        return None

    @property
    def anniversary(self):
        """The anniversary number of the commemoration this article marks."""
        if self.commemoration_id and self.commemoration_year:
            return self.commemoration.anniversary(self.commemoration_year)
        return None

    def body_blocks(self):
        """The body's top-level HTML blocks, in order."""
        return split_blocks(self.body)

    def content_warnings(self):
        """What an editor should fix before publishing, in Vietnamese."""
        warnings = []
        if self.needs_title:
            warnings.append(_("Tiêu đề được đề xuất từ sapo khi nhập từ tệp; hãy đặt tiêu đề."))
        if has_no_diacritics(self.title):
            warnings.append(_("Tiêu đề có vẻ được gõ không dấu."))
        if not self.lead.strip():
            warnings.append(_("Bài viết chưa có sapo."))
        if self.province_id is None:
            warnings.append(_("Bài viết chưa gắn tỉnh, thành phố."))
        for figure in self.figures.all():
            if not figure.caption.strip():
                warnings.append(_("Ảnh số %(order)s chưa có chú thích.") % {"order": figure.order})
            if figure.image and not figure.alt_text.strip():
                warnings.append(
                    _("Ảnh số %(order)s chưa có mô tả (alt) cho người khiếm thị.")
                    % {"order": figure.order}
                )
        return warnings

    def body_with_figures(self):
        """The body as (block HTML or None, figures placed before it) pairs, then the rest."""
        figures = sorted(self.figures.all(), key=lambda figure: (figure.position, figure.order))
        parts = []
        for index, block in enumerate(self.body_blocks()):
            parts.append(([f for f in figures if f.position == index], block))
        last = len(parts)
        trailing = [f for f in figures if f.position >= last]
        if trailing:
            parts.append((trailing, None))
        return parts
