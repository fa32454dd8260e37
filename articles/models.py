"""What and when: articles with their figures, attachments, statistics and commemorations."""

import calendar
import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.html import html_to_text, split_blocks
from articles.uploads import (
    ImageUploadField,
    strip_image_metadata,
    validate_attachment,
    validate_image,
)
from healthnews.links import slug_url
from healthnews.text import has_no_diacritics, vn_fold
from people.models import (
    NamedBySlug,
    Official,
    Organisation,
    Position,
    Province,
    SortedByName,
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
}

ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods"]


def _upload_to(folder, filename):
    """Store uploads under a random name so that no path is guessable or overwritten."""
    suffix = PurePath(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def figure_upload_to(instance, filename):
    return _upload_to("figures", filename)


def attachment_upload_to(instance, filename):
    return _upload_to("attachments", filename)


class PhotoField(models.ImageField):
    """An image field whose form field leaves the checks to validate_image."""

    default_validators = []

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class ArticleChildManager(models.Manager):
    """Look up a row that belongs to an article by the article's slug and its order."""

    def get_by_natural_key(self, article, order):
        return self.get(article__slug=article, order=order)


class Category(SortedByName):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["sort_key"]

    def get_absolute_url(self):
        return f"{reverse('articles:article_list')}?chuyen_muc={self.slug}"


class Tag(SortedByName):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["sort_key"]

    def get_absolute_url(self):
        return f"{reverse('articles:article_list')}?the={self.slug}"


class SourceOutletManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class SourceOutlet(models.Model):
    """The newspaper or portal an article was first published by (NDO, HPĐT, ...)."""

    code = models.CharField(_("ký hiệu"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("trang web"), blank=True)

    objects = SourceOutletManager()

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.name})"

    def natural_key(self):
        return (self.code,)


class CommemorativeEvent(NamedBySlug):
    """A day the health sector commemorates every year, counted from its origin date."""

    name = models.CharField(_("tên"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    origin_date = models.DateField(_("ngày khởi nguồn"))
    description = models.TextField(_("nguồn gốc"), blank=True)

    class Meta:
        verbose_name = _("ngày kỷ niệm")
        verbose_name_plural = _("ngày kỷ niệm")
        ordering = ["origin_date"]

    def get_absolute_url(self):
        return slug_url("articles:event_detail", self.slug)

    def anniversary(self, year):
        """The anniversary number of the given year: 1955 + 70 = 2025 gives 70."""
        return year - self.origin_date.year

    def occurrence(self, year):
        """The date of the commemoration in the given year (28/2 for a 29/2 origin)."""
        day = min(self.origin_date.day, calendar.monthrange(year, self.origin_date.month)[1])
        return datetime.date(year, self.origin_date.month, day)

    def next_occurrence(self, today=None):
        """The next commemoration on or after today, as (date, anniversary number)."""
        today = today or timezone.localdate()
        year = today.year if self.occurrence(today.year) >= today else today.year + 1
        return self.occurrence(year), self.anniversary(year)


# Where a group's value goes in the parameters of ArticleQuerySet._newest_sql, and the value
# that finds the place (within the range of every integer column, a small positive one too).
_GROUP_VALUE = object()
_MARKER = 32_719


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see: published, and their publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_in_each(self, groups, count):
        """This queryset's newest `count` articles in each group, together.

        groups: (field, value) pairs such as ("province_id", 7). Each group is read through
        its own index with its own LIMIT and the primary keys are joined with UNION ALL (one
        query); the result is this queryset limited to them. An OR of the groups' conditions
        would instead test, and sort, every article of all of them. On PostgreSQL, one
        subquery per field run for each value instead (_newest_lateral).
        """
        if groups and connections[self.db].vendor == "postgresql":
            return self._chosen(self._ids(*self._newest_lateral(groups, count)))
        parts, params = [], []
        for field, value in groups:
            sql, part_params = self._newest_sql(field, count)
            parts.append(f"SELECT * FROM ({sql}) AS group_{len(parts)}")
            params.extend(value if param is _GROUP_VALUE else param for param in part_params)
        if not parts:
            return self.none()
        return self._chosen(self._ids(" UNION ALL ".join(parts), params))

    def _newest_lateral(self, groups, count):
        """PostgreSQL: per field, one subquery run for each of its values (LATERAL).

        PostgreSQL plans every branch of a UNION ALL: for the home page's 64 provinces and
        former provinces, planning took 7.7 of the query's 8.5 ms at 100,000 articles; one
        subquery planned once and run per value took 0.9 ms, through the same index.
        """
        values = {}
        for field, value in groups:
            values.setdefault(field, []).append(value)
        parts, params = [], []
        for field, field_values in values.items():
            each = self.filter(**{field: RawSQL("unit.value", ())})
            sql, each_params = self._sql(each.order_by("-published_at", "-pk").values("pk")[:count])
            parts.append(
                "SELECT newest.pk FROM unnest(%s::bigint[]) AS unit(value) "
                f"CROSS JOIN LATERAL ({sql}) AS newest"
            )
            params.extend([field_values, *each_params])
        return " UNION ALL ".join(parts), params

    def newest_linked(self, links, count):
        """This queryset's newest `count` articles among links, newest first.

        links: the link rows (ArticleLink) naming one official or organisation. Each carries
        its article's publication time, so they are read newest first down their own index
        (entry, time, article) and each is checked against this queryset with a primary-key
        lookup until `count` pass: the cost follows the page, not how often the entry is
        named nor the size of the archive.
        """
        allowed = self.order_by().filter(pk=OuterRef("article_id")).values("pk")
        newest = links.filter(Exists(allowed)).order_by("-published_at", "-article_id")
        return self._chosen(list(newest.values_list("article_id", flat=True)[:count]))

    def correlated_sql(self, outer_id):
        """SQL and parameters of this queryset as a subquery for `EXISTS`, tied to outer_id.

        For a query over another table (the search index, link rows) that checks each row it
        hands over against this queryset's filters with a primary-key lookup, instead of
        listing every id the queryset holds. Raises EmptyResultSet when nothing can match.
        """
        return self._sql(self.order_by().filter(pk=RawSQL(outer_id, ())).values("pk"))

    def _sql(self, queryset):
        """SQL and parameters of a queryset, compiled for this queryset's database."""
        return queryset.query.get_compiler(connection=connections[self.db]).as_sql()

    def _ids(self, sql, params):
        """The first column of each row of raw SQL run on this queryset's database."""
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def _chosen(self, ids):
        """These articles (chosen through this queryset's filters), newest first, by key.

        Only the primary keys are filtered, and the order is an expression, on purpose: with
        the visibility filter or a plain column order, the database walks the newest-first
        index through the whole archive looking for these few rows instead of fetching them
        and sorting a handful (17 ms instead of 1 at 100,000 articles).
        """
        newest = Coalesce("published_at", "published_at").desc()
        return self.model._default_manager.filter(pk__in=ids).order_by(newest, "-pk")

    def _newest_query(self, field, value, count):
        newest = self.filter(**{field: value}).order_by("-published_at", "-pk").values("pk")
        return self._sql(newest[:count])

    def _newest_sql(self, field, count):
        """SQL and parameters of the newest `count` rows where field equals a group value.

        Compiled once per field, with a marker where the value goes: compiling a queryset per
        province costs more than running the query (the marker is found among the parameters).
        """
        cache = self.__dict__.setdefault("_newest_sql_cache", {})
        if (field, count) not in cache:
            sql, params = self._newest_query(field, _MARKER, count)
            at = [index for index, param in enumerate(params) if param == _MARKER]
            if len(at) != 1:  # the marker is also another parameter: compare with a second
                _sql, other = self._newest_query(field, _MARKER + 1, count)
                pairs = enumerate(zip(params, other, strict=True))
                at = [index for index, (first, second) in pairs if first != second]
            if len(at) != 1:
                raise ValueError(f"Cannot find where {field} goes in {sql}")
            params = list(params)
            params[at[0]] = _GROUP_VALUE
            cache[field, count] = sql, params
        return cache[field, count]

    def for_listing(self):
        """What every list of articles needs (LISTING_FIELDS); category, province and outlet.

        With the per-version cache on (production), the three come from this process's copy
        of their tables (listing_rows) instead of joins: joining them cost 0.9 of the
        1.6 ms of reading a page of 20 (compiling three joins, building 60 more instances).
        Without that cache, the joins as before.
        """
        listing = self.only(*LISTING_FIELDS)
        if not settings.COUNT_CACHE_SECONDS:
            return listing.select_related(*LISTING_RELATED)
        listing._iterable_class = _WithDirectory
        return listing

    def for_detail(self):
        """Joins the article page needs: its figures, mentions, tags and places in history."""
        mentions = OfficialMention.objects.select_related("official", "position__organisation")
        if settings.COUNT_CACHE_SECONDS:  # category, province, outlet: as for_listing
            detail = self.select_related("commemoration")
            detail._iterable_class = _WithDirectory
        else:
            detail = self.select_related(
                "category", "province__successor", "source_outlet", "commemoration"
            )
        return detail.prefetch_related(
            "tags",
            "figures",
            "attachments",
            "organisations",
            # one query, not three (mentions, then their officials, then positions)
            models.Prefetch("mentions", queryset=mentions),
        )


LISTING_RELATED = ("category", "province", "source_outlet")
# The columns that cards, feeds and grouped lists show, of the thirty an article has: each
# column costs in compiling the query, converting the rows and building the instances. A
# list that reads another one reads it once per article: the query-count tests would see it.
LISTING_FIELDS = (
    "title",
    "slug",
    "lead",
    "status",
    "published_at",
    "published_at_precision",
    "updated_at",
    "byline",
    "commemoration",
    "commemoration_year",
    *LISTING_RELATED,
)


def listing_rows(name):
    """Every category, province (with its successors) or outlet by key, per content version.

    A few dozen rows each, read once per change of content, in this process's memory. The
    rows are shared by every request of the process: read them, never change them.
    """
    from articles.pagecache import per_version_in_process

    return per_version_in_process(f"listing:{name}", _LISTING_ROWS[name])


_LISTING_ROWS = {
    "category": lambda: Category.objects.in_bulk(),
    "province": lambda: Province.objects.select_related("successor__successor").in_bulk(),
    "source_outlet": lambda: SourceOutlet.objects.in_bulk(),
}


class _WithDirectory(models.query.ModelIterable):
    """Articles with their category, province and outlet taken from listing_rows().

    A key the copy lacks (a row added after the version this process holds) is left alone:
    the instance then reads it itself, as without the copy.
    """

    def __iter__(self):
        directory = [(name, f"{name}_id", listing_rows(name)) for name in LISTING_RELATED]
        for article in super().__iter__():
            fields_cache = article._state.fields_cache
            for name, attname, rows in directory:
                key = getattr(article, attname)
                if key is None or key in rows:
                    fields_cache[name] = rows.get(key)
            yield article


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("bản nháp")
        IN_REVIEW = "review", _("chờ duyệt")
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

    objects = ArticleManager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", _("Có thể xuất bản, hẹn giờ và gỡ bài viết"))]
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
        self.search_text = vn_fold("\n".join([self.title, self.lead, html_to_text(self.body)]))
        self.version += 1
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:  # a new article has no link rows yet
            for link in (OfficialMention, OrganisationMention):
                link._default_manager.filter(article=self).update(published_at=self.published_at)

    def get_absolute_url(self):
        return slug_url("articles:article_detail", self.slug)

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


class ArticleLink(models.Model):
    """A row naming a directory entry in an article, with the article's publication time.

    The time is a copy, for the entry's page: its newest articles are read down an index on
    (entry, time), however often it is named (ArticleQuerySet.newest_linked). A link's save
    and Article.save keep it current, and copy_publication_times after saves that skip
    save() (loaddata, bulk_create, ManyToManyField.set). It stays out of fixtures.
    """

    published_at = models.DateTimeField(null=True, editable=False, serialize=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.published_at = self.article.published_at
        super().save(*args, **kwargs)


def copy_publication_times(link_model, using=None, **filters):
    """Give the link rows matching filters their article's current publication time."""
    time = Article.objects.filter(pk=OuterRef("article_id")).values("published_at")
    link_model._default_manager.using(using).filter(**filters).update(published_at=time)


class OfficialMentionManager(models.Manager):
    def get_by_natural_key(self, article, official):
        return self.get(article__slug=article, official__slug=official)


class OfficialMention(ArticleLink):
    """An official named in an article, with the position the article attests."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("bài viết")
    )
    official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        related_name="mentions",
        verbose_name=_("cán bộ"),
        db_index=False,  # official_newest leads with it
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="attestations",
        null=True,
        blank=True,
        verbose_name=_("chức vụ được nêu"),
    )
    as_written = models.CharField(_("cách viết trong bài"), max_length=300, blank=True)

    objects = OfficialMentionManager()

    class Meta:
        verbose_name = _("cán bộ được nhắc đến")
        verbose_name_plural = _("cán bộ được nhắc đến")
        ordering = ["article", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "official"], name="mention_unique"),
        ]
        indexes = [
            # An official's page: the newest articles naming them.
            models.Index(fields=["official", "-published_at", "-article"], name="official_newest"),
        ]

    def __str__(self):
        return f"{self.official} — {self.article}"

    def natural_key(self):
        return (self.article.slug, self.official.slug)

    natural_key.dependencies = ["articles.article", "people.official", "people.position"]

    def clean(self):
        if self.position_id and self.position.official_id != self.official_id:
            raise ValidationError({"position": _("Chức vụ này thuộc về một cán bộ khác.")})


class OrganisationMentionManager(models.Manager):
    def get_by_natural_key(self, article, organisation):
        return self.get(article__slug=article, organisation__slug=organisation)


class OrganisationMention(ArticleLink):
    """An organisation (a facility, an administration) named in an article."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="organisation_mentions",
        verbose_name=_("bài viết"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentions",
        verbose_name=_("cơ quan, đơn vị"),
        db_index=False,  # organisation_newest leads with it
    )

    objects = OrganisationMentionManager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị được nhắc đến")
        verbose_name_plural = _("cơ quan, đơn vị được nhắc đến")
        ordering = ["article", "pk"]
        # As Django made it for the table this model took over from Article.organisations.
        unique_together = [("article", "organisation")]
        indexes = [
            # An organisation's page: the newest articles naming it.
            models.Index(
                fields=["organisation", "-published_at", "-article"], name="organisation_newest"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.article}"

    def natural_key(self):
        return (self.article.slug, self.organisation.slug)

    natural_key.dependencies = ["articles.article", "people.organisation"]


class Figure(models.Model):
    """A photo with its caption, placed after a given number of body blocks."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="figures", verbose_name=_("bài viết")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    position = models.PositiveSmallIntegerField(
        _("vị trí"),
        default=0,
        help_text=_("Số đoạn nội dung đứng trước ảnh: 0 là ngay sau sapo."),
    )
    image = PhotoField(
        _("ảnh"), upload_to=figure_upload_to, blank=True, validators=[validate_image]
    )
    caption = models.TextField(_("chú thích"), blank=True)
    credit = models.CharField(_("nguồn ảnh"), max_length=200, blank=True)
    alt_text = models.CharField(_("mô tả ảnh (alt)"), max_length=300, blank=True)

    objects = ArticleChildManager()

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="figure_unique_order"),
            models.CheckConstraint(
                name="figure_has_image_or_caption", condition=~Q(image="") | ~Q(caption="")
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text or _("Ảnh %(order)s") % {"order": self.order}

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            # A new upload: re-encode it so no EXIF or GPS position reaches readers.
            cleaned = strip_image_metadata(self.image.file)
            self.image.save(cleaned.name, cleaned, save=False)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article"]


class Attachment(models.Model):
    """A document attached to an article (PDF or office file)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("bài viết")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên tài liệu"), max_length=300)
    file = models.FileField(
        _("tệp"),
        upload_to=attachment_upload_to,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS), validate_attachment],
    )

    objects = ArticleChildManager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="attachment_unique_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:attachment_download", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article"]


class Statistic(models.Model):
    """A figure an article reports: "gần 2,2 triệu lượt khám chữa bệnh (2023)"."""

    class Qualifier(models.TextChoices):
        EXACT = "", _("chính xác")
        NEARLY = "gan", _("gần")
        OVER = "hon", _("hơn")
        ABOUT = "khoang", _("khoảng")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("bài viết")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    subject = models.CharField(_("chỉ số"), max_length=300)
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)
    qualifier = models.CharField(
        _("mức độ"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    as_written = models.CharField(_("cách viết trong bài"), max_length=200)

    objects = ArticleChildManager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="statistic_unique_order"),
            models.CheckConstraint(name="statistic_value_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.subject}: {self.as_written}"

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article"]


class ArticleRevision(models.Model):
    """A snapshot of an article as one save left it: who, when, and every field."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("bài viết")
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    created_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="article_revisions",
        null=True,
        blank=True,
        verbose_name=_("người lưu"),
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    data = models.JSONField(_("nội dung"))

    class Meta:
        verbose_name = _("phiên bản bài viết")
        verbose_name_plural = _("phiên bản bài viết")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.article} #{self.number}"
