"""Directory entries named in an article: officials (with the post attested) and organisations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article
from people.models import (
    Official,
    Organisation,
    Position,
)


class ArticleLink(models.Model):
    """A row naming a directory entry in an article, with the article's publication time.

    The time is a copy, for the entry's page: its newest articles are read down an index on
    (entry, time), however often it is named (ArticleQuerySet.newest_linked). A link's save
    and the article's (a post_save receiver in articles/signals.py) keep it current, and
    copy_publication_times after saves that skip save() (loaddata, bulk_create,
    ManyToManyField.set). It stays out of fixtures.
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
        db_index=False,  # position_attested leads with it
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
            # An official's or a facility's page: when the news first and last saw each post.
            models.Index(fields=["position", "published_at"], name="position_attested"),
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
