"""History that tells everything, restores that keep attachment addresses, concurrent saves."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.content.revisions import record_revision, restore_revision
from articles.models import Article, Attachment, Category, Tag
from tests.articles.admin.test_article import EDITOR, change_url, form_data, login
from tests.factories import make_article, make_figure, make_user

pytestmark = pytest.mark.django_db


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def attach(article, title="Kế hoạch tiêm chủng", order=0):
    return Attachment.objects.create(
        article=article, order=order, title=title, file=ContentFile(b"%PDF-1 ke hoach", "a.pdf")
    )


def text(response):
    return " ".join(response.content.decode().split())


# History -----------------------------------------------------------------------------------------


def test_history_shows_every_field_old_and_new_value_and_the_editor_full_name(client):
    editor = make_user(EDITOR, first_name="Hà", last_name="Nguyễn Thu")
    client.force_login(editor)
    old_category = Category.objects.create(name="Hoạt động ngành")
    new_category = Category.objects.create(name="Khám chữa bệnh")
    article = make_article(
        status=Article.Status.DRAFT, category=old_category, event_year=2024, last_editor=editor
    )
    article.tags.set([Tag.objects.create(name="Sởi")])
    record_revision(article, editor)
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.make_aware(datetime.datetime(2024, 2, 28, 13, 38, 16))
    article.category = new_category
    article.event_year = 2025
    article.save()
    article.tags.set([Tag.objects.create(name="Tiêm chủng")])
    attach(article)
    record_revision(article, editor)

    page = text(client.get(history_url(article)))

    assert '<span class="author">Nguyễn Thu Hà</span>' in page
    assert (
        '<strong>Trạng thái</strong>: <span class="diff values">'
        "<del>bản nháp</del> → <ins>đã xuất bản</ins></span>" in page
    )
    assert "<del>(trống)</del> → <ins>13:38:16 28/02/2024</ins>" in page
    assert "<del>Hoạt động ngành</del> → <ins>Khám chữa bệnh</ins>" in page
    assert "<del>2024</del> → <ins>2025</ins>" in page
    assert (
        '<strong>Thẻ</strong>: <span class="diff values">'
        "<del>Sởi</del> → <ins>Tiêm chủng</ins></span>" in page
    )
    assert "<ins>thứ tự: 0; tên tài liệu: Kế hoạch tiêm chủng; tệp: attachments/" in page


@pytest.mark.parametrize("saves", [1, 12])
def test_history_page_query_count_does_not_grow_with_versions(
    client, django_assert_num_queries, saves
):
    editor = login(client, EDITOR)
    category = Category.objects.create(name="Hoạt động ngành")
    article = make_article(category=category)
    article.tags.set([Tag.objects.create(name="Sởi")])
    make_figure(article, caption="Ảnh")
    for number in range(saves):
        article.title = f"Tiêu đề {number}"
        article.save()
        record_revision(article, editor)

    # session, user, article, the user's permissions (2), revisions with their editors,
    # one query per kind of named row (categories, tags), the workflow's notes
    with django_assert_num_queries(9):
        response = client.get(history_url(article))

    assert text(response).count('class="revision"') == saves


def test_history_shows_the_workflow_notes_in_full_with_who_wrote_them(client):
    from articles.models import ArticleNote

    login(client, EDITOR)
    article = make_article(status=Article.Status.RETURNED)
    record_revision(article)
    returned_by = make_user(EDITOR, first_name="Lan", last_name="Nguyễn Thị")
    long_note = "Cần bổ sung nguồn số liệu BHYT năm 2023. " * 8
    ArticleNote.objects.create(
        article=article, step=ArticleNote.Step.RETURNED, text=long_note, author=returned_by
    )

    page = text(client.get(history_url(article)))

    assert "Trả lại" in page
    assert long_note.strip() in page  # the whole note, not the revision's 200 characters
    assert "Nguyễn Thị Lan" in page  # family name first, as Vietnamese names are written


def test_restore_keeps_every_attachment_public_address(client):
    editor = login(client, EDITOR)
    article = make_article()
    kept, removed = attach(article, "Kế hoạch", 0), attach(article, "Báo cáo", 1)
    first = record_revision(article, editor)
    removed_pk = removed.pk
    removed.delete()
    kept.title = "Kế hoạch (sửa)"
    kept.save()
    article.save()
    record_revision(article, editor)

    restore_revision(first, editor)

    assert sorted(article.attachments.values_list("pk", "title")) == [
        (kept.pk, "Kế hoạch"),
        (removed_pk, "Báo cáo"),
    ]
    for attachment in article.attachments.all():
        response = Client().get(attachment.get_absolute_url())
        assert b"".join(response.streaming_content) == b"%PDF-1 ke hoach"


def test_backfill_gives_earlier_snapshots_their_attachment_ids():
    from importlib import import_module

    from django.apps import apps

    editor = make_user(EDITOR)
    article = make_article()
    attachment = attach(article)
    first = record_revision(article, editor)
    for row in first.data["attachments"]:
        del row["id"]
    first.save()

    import_module("articles.migrations.0016_article_trash").keep_attachment_ids(apps, None)

    first.refresh_from_db()
    assert [row["id"] for row in first.data["attachments"]] == [attachment.pk]


# Concurrent saves --------------------------------------------------------------------------------


def colleague_saves(client, article, **changes):
    """A colleague opens the article and saves their changes through the admin."""
    colleague = make_user(EDITOR, first_name="Lan", last_name="Nguyễn Thị")
    browser = Client()
    browser.force_login(colleague)
    browser.post(change_url(article), form_data(article, **changes))


def opened_article(client, **fields):
    editor = login(client, EDITOR)
    article = make_article(status=Article.Status.DRAFT, created_by=editor, **fields)
    client.post(change_url(article), form_data(article))  # the first admin save records it
    article.refresh_from_db()
    return article


def test_concurrent_saves_of_different_fields_merge_by_themselves(client):
    article = opened_article(client, title="Tiêu đề ban đầu", lead="Sapo ban đầu.")
    opened = form_data(article, lead="Sapo của tôi.")
    colleague_saves(client, article, title="Tiêu đề của đồng nghiệp")

    response = client.post(change_url(article), opened, follow=True)

    article.refresh_from_db()
    assert (article.title, article.lead) == ("Tiêu đề của đồng nghiệp", "Sapo của tôi.")
    assert "hai người sửa những phần khác nhau nên bản lưu giữ cả hai" in text(response)
    assert "Giữ phần của Nguyễn Thị Lan: tiêu đề." in text(response)
    assert article.revisions.first().note.startswith("Tự gộp với bản của")


def test_concurrent_saves_of_the_same_field_are_refused_side_by_side(client):
    article = opened_article(client, title="Tiêu đề ban đầu", lead="Sapo ban đầu.")
    opened = form_data(article, title="Tiêu đề của tôi", lead="Sapo của tôi.")
    colleague_saves(client, article, title="Tiêu đề của đồng nghiệp")

    response = client.post(change_url(article), opened)

    article.refresh_from_db()
    page = text(response)
    assert (article.title, article.lead) == ("Tiêu đề của đồng nghiệp", "Sapo ban đầu.")
    assert "CHƯA được lưu" in page and "hai người cùng sửa: tiêu đề." in page
    assert 'value="Tiêu đề của tôi"' in page  # what the editor typed is still in the form
    assert (
        '<div class="conflict-mine"><h4>Bản của bạn (chưa lưu)</h4> <p>Tiêu đề của tôi</p> </div>'
        in page
    )
    assert "<p>Tiêu đề của đồng nghiệp</p>" in page
    assert "<del>ban đầu</del> <ins>của đồng nghiệp</ins>" in page


def test_concurrent_save_is_refused_when_the_colleague_changed_a_table_of_the_form(client):
    article = opened_article(client, title="Tiêu đề ban đầu")
    opened = form_data(article, title="Tiêu đề của tôi")
    make_figure(article, caption="Ảnh đồng nghiệp thêm")
    article.save()
    record_revision(article, make_user(EDITOR))

    response = client.post(change_url(article), opened)

    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu"
    assert "hai người cùng sửa: ảnh." in text(response)
    assert "<p>thứ tự: 0; vị trí: 0; chú thích: Ảnh đồng nghiệp thêm</p>" in text(response)
