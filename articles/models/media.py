"""Photos and documents attached to an article."""

import uuid
from pathlib import PurePath

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class PhotoField(models.ImageField):
    """An image field whose form field leaves the checks to validate_image."""

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
