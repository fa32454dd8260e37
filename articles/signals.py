"""Keep derived data current: the search index, the publication times on link rows, and the
renditions of photos.

The index follows every save (loaddata's raw ones too) and every delete. Link rows get
their article's time from their own save(); here, from every save of the article (admin,
importer, shell, loaddata) and from the saves that skip a link's save(): loaddata's raw
ones and Article.organisations.add()/set().
QuerySet.update(), bulk_create() and raw SQL send no signal: see articles/search/.
"""

from functools import partial

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver

from articles import search
from articles.content import photos
from articles.models import (
    Article,
    Figure,
    OfficialMention,
    OrganisationMention,
    copy_publication_times,
)
from healthnews.text import xml_safe

# Fields whose text the index holds: a save limited to other fields leaves it as it is.
INDEXED_FIELDS = {"title", "lead", "body"}


@receiver(post_save, sender=Article, dispatch_uid="articles.search.index_saved_article")
def index_saved_article(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    search.index_articles([instance], using=using)


@receiver(post_delete, sender=Article, dispatch_uid="articles.search.unindex_deleted_article")
def unindex_deleted_article(sender, instance, using=None, **kwargs):
    search.unindex_articles([instance.pk], using=using)


@receiver(post_save, sender=Article, dispatch_uid="articles.links.timed_article")
def time_links_of_saved_article(
    sender, instance, created, raw=False, using=None, update_fields=None, **kwargs
):
    """The article's link rows carry its publication time: give them the one just saved."""
    if created and not raw:  # a new article has no link rows yet (a fixture's may)
        return
    if update_fields is not None and "published_at" not in update_fields:
        return
    for link_model in (OfficialMention, OrganisationMention):
        copy_publication_times(link_model, using, article=instance)


@receiver(post_save, sender=OfficialMention, dispatch_uid="articles.links.loaded_mention")
@receiver(post_save, sender=OrganisationMention, dispatch_uid="articles.links.loaded_organisation")
def time_loaded_link(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        copy_publication_times(sender, using, pk=instance.pk)


@receiver(m2m_changed, sender=OrganisationMention, dispatch_uid="articles.links.named")
def time_named_organisations(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    if action != "post_add":
        return
    if reverse:
        copy_publication_times(sender, using, organisation=instance, article__in=pk_set)
    else:
        copy_publication_times(sender, using, article=instance, organisation__in=pk_set)


@receiver(post_save, sender=Figure, dispatch_uid="articles.photos.renditions")
def make_renditions_of_saved_figure(sender, instance, using=None, **kwargs):
    """A saved figure's photo, whatever path it came by (loaddata's raw saves too), gets its
    size and renditions once the save is committed: what is on disk already is kept."""
    if instance.image:
        transaction.on_commit(partial(photos.ensure_renditions, instance), using=using)


def prune_after_migrate(sender, using=None, **kwargs):
    """A flush (tests, `manage.py flush`) empties Django's tables only, then sends post_migrate."""
    search.prune_index(using=using)


def connect(app_config):
    post_migrate.connect(
        prune_after_migrate, sender=app_config, dispatch_uid="articles.search.prune_index"
    )


# Apps whose text reaches the feeds and sitemaps (XML 1.0): article titles, leads, captions,
# and the names of provinces, categories and tags in feed titles.
XML_TEXT_APPS = {"articles", "people"}


@receiver(pre_save, dispatch_uid="articles.text.xml_safe")
def drop_xml_invalid_characters(sender, instance, **kwargs):
    # pre_save also sees loaddata's raw saves, which skip Model.save().
    if sender._meta.app_label not in XML_TEXT_APPS:
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            # A one-line field (a title) gets a space where a text field gets a line break.
            line_break = " " if isinstance(field, models.CharField) else "\n"
            setattr(instance, field.attname, xml_safe(value, line_break))
