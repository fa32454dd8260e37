"""What the people models share: a Vietnamese name, its slug and its sort key."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from healthnews.text import vi_sort_string, vn_slugify


class SlugNaturalKeyManager(models.Manager):
    """Look rows up by slug, the natural key used in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def unique_slug(instance, value):
    """A slug from value that no other row of the model uses: "ten", then "ten-2", "ten-3"..."""
    max_length = instance._meta.get_field("slug").max_length
    base = vn_slugify(value, max_length=max_length - 6) or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class NamedBySlug(models.Model):
    """A row with a Vietnamese `name` and a `slug` made from it: its natural key.

    Shared by both apps (articles may import people, never the reverse).
    """

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class SortedByName(NamedBySlug):
    """A named row listed in Vietnamese alphabetical order through a stored sort key."""

    sort_key = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_key = vi_sort_string(self.name)
        super().save(*args, **kwargs)
