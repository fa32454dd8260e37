"""Which articles a page reads, and how: visibility, lists, the newest of each group."""

from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

NEWEST_FIRST = ("-published_at", "-pk")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see: published, their time has come, not in the trash."""
        return self.not_in_trash().filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def not_in_trash(self):
        """Articles nobody has deleted: what the admin lists and readers may be shown."""
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        """Deleted articles waiting to be restored or purged, the latest deleted first."""
        return self.filter(deleted_at__isnull=False).order_by("-deleted_at", "-pk")

    def newest_in_each(self, groups, count):
        """This queryset's newest `count` articles in each of a few groups, newest first.

        groups: (field, value) pairs such as ("province_id", 7): the units of a merged
        province, an article's tags, category and province. Each group is read through its
        own index with its own LIMIT, the groups joined with UNION ALL in a subquery: the
        cost follows the number of groups, not of articles (an OR of their conditions would
        test, and sort, every article of all of them). Each group costs building and
        planning a branch: for many groups, newest_keys() on a queryset of the groups.
        """
        newest = self.order_by(*NEWEST_FIRST).values("pk")
        # SQLite refuses LIMIT in a branch of a UNION: each branch wraps its LIMIT in an IN.
        branches = [
            self.model._default_manager.filter(
                pk__in=newest.filter(**{field: value})[:count]
            ).values("pk")
            for field, value in groups
        ]
        if not branches:
            return self.none()
        chosen = branches[0].union(*branches[1:], all=True)
        # Not self.filter(): with the visibility filter again, the database may walk the
        # newest-first index through the whole archive looking for these few rows.
        return self.model._default_manager.filter(pk__in=chosen).order_by(*NEWEST_FIRST)

    def newest_keys(self, field, count):
        """Annotations for a queryset of groups: the keys of each group's `count` newest.

        field: the article's field naming the group ("province"). Annotated on the groups,
        newest_0 is each group's newest article, newest_1 the next one, and so on (None
        when it has fewer): subqueries read through the group's index, in one query planned
        once, however many groups and articles there are.
        """
        newest = self.filter(**{field: OuterRef("pk")}).order_by(*NEWEST_FIRST).values("pk")
        return {f"newest_{rank}": Subquery(newest[rank : rank + 1]) for rank in range(count)}

    def newest_linked(self, links, count):
        """This queryset's newest `count` articles among links, newest first.

        links: the link rows (ArticleLink) naming one official or organisation. Each carries
        its article's publication time, so they are read newest first down their own index
        (entry, time, article) and each is checked against this queryset with a primary-key
        lookup until `count` pass: the cost follows the page, not how often the entry is
        named nor the size of the archive.
        """
        newest = links.filter(self.includes("article_id")).order_by("-published_at", "-article_id")
        chosen = newest.values("article_id")[:count]
        return self.model._default_manager.filter(pk__in=chosen).order_by(*NEWEST_FIRST)

    def includes(self, ref):
        """An Exists() condition for another model's rows: the article that OuterRef(ref)
        names is in this queryset (ref: "article_id", "statistics__article_id"...).

        One primary-key lookup per row, so a query filtered this way is driven by its own
        indexes (a province's figures, a post's attestations), never by the list of every
        article in this queryset: an `article__in=` list of the 90,000 published articles of
        a 100,000 archive cost 250 ms.
        """
        return Exists(self.order_by().filter(pk=OuterRef(ref)).values("pk"))

    def for_listing(self):
        """What every list of articles shows (LISTING_FIELDS), with category, province, outlet,
        and `photos`: the figures with a photo, in reading order (a card shows the first)."""
        figure_model = self.model._meta.get_field("figures").related_model
        photos = (
            figure_model.objects.exclude(image="")
            .order_by("position", "order")
            .only(*LISTING_PHOTO_FIELDS)
        )
        return (
            self.only(*LISTING_FIELDS)
            .select_related(*LISTING_RELATED)
            .prefetch_related(models.Prefetch("figures", queryset=photos, to_attr="photos"))
        )

    def for_detail(self):
        """Joins the article page needs: figures, mentions, tags, documents, places in history."""
        mention_model = self.model._meta.get_field("mentions").related_model
        mentions = mention_model.objects.select_related("official", "position__organisation")
        document_model = self.model._meta.get_field("documents").related_model
        documents = document_model.objects.published().for_listing().newest_issued_first()
        return self.select_related(
            "category", "province__successor", "source_outlet", "commemoration"
        ).prefetch_related(
            "tags",
            "figures",
            "attachments",
            "organisations",
            # one query, not three (mentions, then their officials, then positions)
            models.Prefetch("mentions", queryset=mentions),
            # the documents it cites that readers may see ("Văn bản được nhắc đến")
            models.Prefetch("documents", queryset=documents, to_attr="cited_documents"),
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

# What a card's thumbnail and a feed's enclosure read of a figure.
LISTING_PHOTO_FIELDS = (
    "article",
    "position",
    "order",
    "image",
    "width",
    "height",
    "alt_text",
    "caption",
)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
