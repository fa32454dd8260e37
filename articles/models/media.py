"""Photos and documents attached to an article."""

import uuid
from pathlib import PurePath

from django.core.files.images import get_image_dimensions
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import ImageFieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.content import photos
from articles.content.uploads import (
    ImageUploadField,
    strip_image_metadata,
    validate_attachment,
    validate_image,
)
from articles.models.article import Article, ArticleChildManager

ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods"]


def _upload_to(folder, filename):
    """Store uploads under a random name so that no path is guessable or overwritten."""
    suffix = PurePath(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def figure_upload_to(instance, filename):
    return _upload_to("figures", filename)


def attachment_upload_to(instance, filename):
    return _upload_to("attachments", filename)


class PhotoFieldFile(ImageFieldFile):
    """A stored photo. However a new file arrives (admin, shell, importer), it is stored
    re-encoded, upright, without EXIF or GPS, and scaled down to STORED_LONG_SIDE; the
    figure's width and height follow it."""

    def save(self, name, content, save=True):
        cleaned = strip_image_metadata(content)
        self.instance.width, self.instance.height = get_image_dimensions(cleaned)
        super().save(cleaned.name, cleaned, save)


class PhotoField(models.ImageField):
    """An image field whose form field leaves the checks to validate_image."""

    attr_class = PhotoFieldFile
    default_validators = []

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


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
    # Declared after the image: a new photo gets its size while it is stored, as the row
    # is written field by field. Empty until the photo could be read (photos.ensure_renditions).
    width = models.PositiveIntegerField(_("chiều rộng"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("chiều cao"), null=True, blank=True, editable=False)
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
        if not self.image:
            self.width = self.height = None
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article"]

    @property
    def has_photo(self):
        """Whether readers see this figure: its photo is stored and could be read.

        A caption whose photo is missing is kept for editors, never shown alone in the text.
        """
        return bool(self.image) and self.width is not None

    @cached_property
    def photo(self):
        """The photo's renditions (articles.content.photos.Photo), None without a photo."""
        return photos.photo(self.image.name, self.width, self.height) if self.has_photo else None

    @cached_property
    def is_lead_photo(self):
        """Whether this is the article's first photo in reading order (its figures prefetched)."""
        shown = [figure for figure in self.article.figures.all() if figure.has_photo]
        first = min(shown, key=lambda figure: (figure.position, figure.order), default=None)
        return first is not None and first.pk == self.pk


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
