"""Keep the search index current: every save (loaddata's raw ones too) and every delete.

QuerySet.update(), bulk_create() and raw SQL send no signal: see articles/search.py.
"""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from articles import search
from articles.models import Article

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


def prune_after_migrate(sender, using=None, **kwargs):
    """A flush (tests, `manage.py flush`) empties Django's tables only, then sends post_migrate."""
    search.prune_index(using=using)


def connect(app_config):
    post_migrate.connect(
        prune_after_migrate, sender=app_config, dispatch_uid="articles.search.prune_index"
    )
