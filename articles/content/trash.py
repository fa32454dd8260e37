"""The trash: a deleted article waits here, history included, until restored or purged."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.content.revisions import record_revision
from articles.models import Article

# How long a deleted article can be restored before `purge_trash` deletes it for good.
KEPT_FOR = datetime.timedelta(days=30)


def purge_date(article):
    """When the article leaves the trash for good."""
    return article.deleted_at + KEPT_FOR


@transaction.atomic
def move_to_trash(article, user):
    """Hide the article from readers and from the admin's list; its history stays."""
    article.deleted_at = timezone.now()
    article.deleted_by = user
    article.last_editor = user
    article.save()
    record_revision(article, user, note=_("Chuyển vào thùng rác"))


@transaction.atomic
def restore_from_trash(article, user):
    """Bring the article back as it was deleted: same status, same address, same history."""
    article.deleted_at = None
    article.deleted_by = None
    article.last_editor = user
    article.save()
    record_revision(article, user, note=_("Khôi phục từ thùng rác"))


def purge(queryset):
    """Delete trashed articles of the queryset for good (with their history); return how many."""
    _total, per_model = queryset.in_trash().delete()
    return per_model.get(Article._meta.label, 0)


def expired(now=None):
    """Trashed articles kept longer than KEPT_FOR."""
    return Article.objects.in_trash().filter(deleted_at__lte=(now or timezone.now()) - KEPT_FOR)
