"""The trash: deleting hides an article, editors restore it with its history, Quản trị empties."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.content.revisions import record_revision
from articles.models import Article, ArticleRevision, Attachment
from tests.articles.admin.test_article import ADMINISTRATOR, EDITOR, REPORTER, login
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

TRASH = "/admin/articles/article/trash/"


def text(response):
    return " ".join(response.content.decode().split())


def delete_in_admin(client, article):
    return client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}, follow=True
    )


def trashed(days_ago, **fields):
    return make_article(deleted_at=timezone.now() - datetime.timedelta(days=days_ago), **fields)


def test_deleting_moves_the_article_to_the_trash_hidden_from_readers(
    client, django_capture_on_commit_callbacks
):
    editor = login(client, EDITOR)
    editor.first_name, editor.last_name = "Bình", "Trần Văn"
    editor.save()
    article = make_article(title="Tin sẽ bị xóa")
    attachment = Attachment.objects.create(
        article=article, title="Kế hoạch", file=ContentFile(b"%PDF-1", "a.pdf")
    )
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # renews the page cache
        response = delete_in_admin(client, article)

    assert "Đã chuyển “Tin sẽ bị xóa” vào thùng rác; có thể khôi phục trong 30 ngày." in text(
        response
    )
    assert "Tin sẽ bị xóa" not in text(client.get(reverse("admin:articles_article_changelist")))
    page = text(client.get(TRASH))
    assert "<h2>Tin sẽ bị xóa</h2>" in page and "bởi Trần Văn Bình" in page
    purge_day = timezone.localdate() + datetime.timedelta(days=30)
    assert f"xóa hẳn ngày {purge_day:%d/%m/%Y}" in page
    assert reader.get(article.get_absolute_url()).status_code == 404
    assert reader.get(attachment.get_absolute_url()).status_code == 404
    assert "Tin sẽ bị xóa" not in text(reader.get("/tim-kiem/?q=bi+xoa"))
    assert "Tin sẽ bị xóa" not in text(reader.get("/rss/"))


def test_delete_confirmation_says_the_article_goes_to_the_trash(client):
    login(client, EDITOR)
    article = make_article(title="Tin cần xác nhận")

    response = client.get(reverse("admin:articles_article_delete", args=[article.pk]))

    assert "Chuyển bài viết “Tin cần xác nhận” vào thùng rác?" in text(response)
    assert Article.objects.in_trash().count() == 0


def test_editor_restores_from_the_trash_with_history_and_address(
    client, django_capture_on_commit_callbacks
):
    editor = login(client, EDITOR)
    article = make_article(title="Tin được cứu")
    record_revision(article, editor)
    delete_in_admin(client, article)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_untrash", args=[article.pk]), follow=True
        )

    assert "Đã khôi phục “Tin được cứu” từ thùng rác." in text(response)
    assert Client().get(article.get_absolute_url()).status_code == 200
    history = text(client.get(reverse("admin:articles_article_history", args=[article.pk])))
    assert "Khôi phục từ thùng rác" in history and "Chuyển vào thùng rác" in history
    assert "Phiên bản 1" in history
    assert "Thùng rác trống." in text(client.get(TRASH))


def test_bulk_action_moves_the_selected_articles_to_the_trash(client):
    login(client, EDITOR)
    articles = [make_article() for _ in range(2)]

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "move_selected_to_trash", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )

    assert "Đã chuyển 2 bài viết vào thùng rác" in text(response)
    assert Article.objects.in_trash().count() == 2


def test_only_quan_tri_empties_the_trash(client):
    article = trashed(3, title="Tin trong thùng rác")
    record_revision(article)
    login(client, EDITOR)

    editor_page = text(client.get(TRASH))
    refused = client.post(TRASH)
    login(client, ADMINISTRATOR)
    admin_page = text(client.get(TRASH))
    emptied = client.post(TRASH, follow=True)

    assert "Khôi phục" in editor_page and "Xóa hẳn" not in editor_page
    assert refused.status_code == 403
    assert "Xóa hẳn" in admin_page and "Dọn sạch thùng rác" in admin_page
    assert "Đã xóa hẳn 1 bài viết." in text(emptied)
    assert not Article.objects.exists() and not ArticleRevision.objects.exists()


def test_reporter_has_no_trash(client):
    article = trashed(1)
    login(client, REPORTER)

    assert client.get(TRASH).status_code == 403
    assert (
        client.post(reverse("admin:articles_article_untrash", args=[article.pk])).status_code == 403
    )
    assert Article.objects.in_trash().count() == 1


def test_purge_trash_deletes_what_waited_more_than_30_days(capsys):
    old = trashed(31, title="Xóa từ lâu")
    record_revision(old)
    recent = trashed(29, title="Mới xóa")
    kept = make_article(title="Không xóa")

    call_command("purge_trash")

    assert set(Article.objects.values_list("title", flat=True)) == {recent.title, kept.title}
    assert not ArticleRevision.objects.filter(article_id=old.pk).exists()
    assert "Đã xóa hẳn 1 bài viết ở thùng rác quá 30 ngày." in capsys.readouterr().out


@pytest.mark.parametrize("count", [1, 20])
def test_trash_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, count):
    deleter = make_user(EDITOR)
    for _ in range(count):
        trashed(1, deleted_by=deleter)
    login(client, EDITOR)

    # session, user, the user's permissions (2), the trashed articles with who deleted them
    with django_assert_num_queries(5):
        response = client.get(TRASH)

    assert text(response).count('class="trash-item"') == count
