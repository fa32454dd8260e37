"""The backup restores into an empty database as it was: same ids, same pages, same history."""

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from articles.content.revisions import record_revision, restore_revision
from articles.models import ArticleRevision, Attachment, Category, OfficialMention, Tag
from articles.roles import ADMINISTRATOR, EDITOR, sync_roles
from tests.factories import make_article, make_official, make_organisation, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Django's bookkeeping, made again by migrate on the target; sessions are not worth keeping.
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


@pytest.fixture(autouse=True)
def _pages_rendered_afresh(settings):
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()


def made_then_deleted(factory, count=2):
    """Rows of which the first is deleted: the ids that remain have a gap before them."""
    rows = [factory() for _ in range(count)]
    rows[0].delete()
    return rows[1:]


def content_with_id_gaps():
    """Every kind of row an editor makes, each table with deleted rows among its ids."""
    tag, other_tag = made_then_deleted(
        lambda: Tag.objects.create(name=f"Thẻ {Tag.objects.count()}"), 3
    )
    tag.name, other_tag.name = "Sởi", "Tiêm chủng"
    tag.save()
    other_tag.save()
    category = made_then_deleted(
        lambda: Category.objects.create(name=f"Mục {Category.objects.count()}")
    )[0]
    organisation, other_organisation = made_then_deleted(make_organisation, 3)
    official, other_official = made_then_deleted(make_official, 3)
    made_then_deleted(make_article)
    editor = made_then_deleted(lambda: make_user(EDITOR))[0]
    article = make_article(title="Tiêm vắc xin sởi cho trẻ", category=category, last_editor=editor)
    article.tags.set([tag])
    article.organisations.set([organisation])
    OfficialMention.objects.create(article=article, official=official, as_written="ông Thử")
    gone = Attachment.objects.create(
        article=article, order=0, title="Cũ", file=ContentFile(b"%PDF-1 cu", "cu.pdf")
    )
    attachment = Attachment.objects.create(
        article=article,
        order=1,
        title="Kế hoạch tiêm chủng",
        file=ContentFile(b"%PDF-1 ke hoach", "ke-hoach.pdf"),
    )
    gone.delete()
    first = record_revision(article, editor)
    article.tags.set([other_tag])
    article.organisations.set([other_organisation])
    article.mentions.all().delete()
    OfficialMention.objects.create(article=article, official=other_official, as_written="bà Thử")
    article.title = "Tiêm vắc xin sởi cho trẻ: đợt hai"
    article.save()
    record_revision(article, editor)
    LogEntry.objects.log_actions(
        editor.pk, [article], CHANGE, change_message="Sửa tiêu đề", single_object=True
    )
    return article, attachment, first


def public_paths(article, attachment):
    """The public addresses that name these rows."""
    return [
        "/",
        "/tin-tuc/",
        article.get_absolute_url(),
        attachment.get_absolute_url(),
        f"/tin-tuc/?the={article.tags.get().slug}",
        f"/don-vi/{article.organisations.get().slug}/",
        f"/can-bo/{article.mentions.get().official.slug}/",
        "/rss/",
        "/tim-kiem/?q=vắc+xin",
    ]


def public_pages(paths):
    """What a reader gets at each address."""
    client = Client()
    pages = {}
    for path in paths:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[path] = (response.status_code, response.get("Content-Disposition"), body)
    return pages


def rows():
    """Every backed-up row's id (a group's name: groups are restored by name), per model."""
    return {
        model._meta.label_lower: set(
            model._default_manager.values_list("name" if model is Group else "pk", flat=True)
        )
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_BACKED_UP
    }


def restored_revision(revision):
    """The article as restoring this revision makes it, then rolled back."""
    with transaction.atomic():
        article = restore_revision(ArticleRevision.objects.get(pk=revision.pk), None)
        restored = (
            article.title,
            [tag.name for tag in article.tags.all()],
            [organisation.name for organisation in article.organisations.all()],
            [mention.official.full_name for mention in article.mentions.all()],
        )
        transaction.set_rollback(True)
    return restored


def test_backup_then_restore_into_an_empty_database_serves_every_page_the_same(tmp_path):
    article, attachment, first = content_with_id_gaps()
    Group.objects.create(name="Nhóm riêng của Sở").permissions.set(Permission.objects.all()[:3])
    make_user(ADMINISTRATOR).groups.add(Group.objects.get(name="Nhóm riêng của Sở"))
    paths = public_paths(article, attachment)
    before_pages, before_rows = public_pages(paths), rows()
    before_revision = restored_revision(first)
    backup = tmp_path / "backup.json"

    call_command("backup", output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    sync_roles(Group, Permission)  # what the migration does on a new database
    call_command("loaddata", str(backup), verbosity=0)

    after_pages = public_pages(paths)
    assert [path for path in before_pages if after_pages[path] != before_pages[path]] == []
    assert restored_revision(first) == before_revision
    assert before_revision[:2] == ("Tiêm vắc xin sởi cho trẻ", ["Sởi"])
    assert rows() == before_rows
