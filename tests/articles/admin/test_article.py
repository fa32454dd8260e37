"""The editors' workspace: roles enforced on the server, history, lost updates, previews."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from articles.content.revisions import record_revision
from articles.models import Article, ArticleRevision
from tests.factories import (
    make_article,
    make_event,
    make_figure,
    make_organisation,
    make_province,
    make_user,
)

pytestmark = pytest.mark.django_db

REPORTER, EDITOR, ADMINISTRATOR = "Phóng viên", "Biên tập viên", "Quản trị"
INLINES = ["figures", "attachments", "mentions", "organisation_mentions", "statistics"]


def form_data(article=None, **overrides):
    """The POST an editor's browser sends from the article form, inline management included."""
    data = {
        "title": "Tin thử nghiệm",
        "slug": "",
        "lead": "Sapo thử nghiệm.",
        "body": "<p>Nội dung.</p>",
        "base_version": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "published_at_precision": Article.DatePrecision.EXACT,
        "event_date_text": "",
        "event_day": "",
        "event_month": "",
        "event_year": "",
        "commemoration_year": "",
        "source_url": "",
        "byline": "",
        "credit_line": "",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            base_version=str(article.version),
            status=article.status,
        )
        if article.published_at:
            data.update(typed_time(article.published_at))
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def typed_time(moment):
    """The publication time as an editor types it: day first, then the time."""
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%d/%m/%Y}", "published_at_1": f"{local:%H:%M:%S}"}


def add_url():
    return reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def login(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


# Smoke: every admin page, for every role --------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_every_admin_page_renders_or_refuses_for_each_role(client, role):
    user = login(client, role)
    article = make_article(created_by=user)
    record_revision(article, user)
    objects = {Article: article}

    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        add = client.get(reverse("admin:{}_{}_add".format(*info)))
        can_view = user.has_perm(f"{info[0]}.view_{info[1]}")
        can_add = user.has_perm(f"{info[0]}.add_{info[1]}")

        assert changelist.status_code == (200 if can_view else 403), model
        assert add.status_code == (200 if can_add else 403), model
        if can_view:
            page = changelist.content.decode().lower()
            assert str(model._meta.verbose_name).lower() in page, model
        obj = objects.get(model) or model_admin.get_queryset(None).first()
        if obj is not None:
            change = client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            assert change.status_code == (200 if can_view else 403), model
    assert (
        client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 200
    )


# The permission matrix -----------------------------------------------------------------------

OUTCOMES = {
    # action: (reporter, editor, administrator)
    "create": (True, True, True),
    "edit own draft": (True, True, True),
    "edit others' draft": (False, True, True),
    "publish": (False, True, True),
    "delete": (False, True, True),
    "empty trash": (False, False, True),
}


def perform(client, user, action):
    """Try one action through the admin as the user; return whether it took effect."""
    other = make_user(REPORTER)
    if action == "create":
        client.post(add_url(), form_data(title="Tin mới tạo"))
        return Article.objects.filter(title="Tin mới tạo").exists()
    if action in ("edit own draft", "edit others' draft"):
        owner = user if action == "edit own draft" else other
        article = make_article(status=Article.Status.DRAFT, created_by=owner)
        client.post(change_url(article), form_data(article, title="Tiêu đề đã sửa"))
        article.refresh_from_db()
        return article.title == "Tiêu đề đã sửa"
    if action == "publish":
        article = make_article(status=Article.Status.DRAFT, created_by=user)
        client.post(change_url(article), form_data(article, _workflow="published"))
        article.refresh_from_db()
        return article.status == Article.Status.PUBLISHED
    if action == "delete":
        article = make_article(created_by=user)
        client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
        return Article.objects.in_trash().filter(pk=article.pk).exists()
    if action == "empty trash":
        article = make_article(created_by=user, deleted_at=timezone.now())
        client.post(reverse("admin:articles_article_purge", args=[article.pk]))
        return not Article.objects.filter(pk=article.pk).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(OUTCOMES))
@pytest.mark.parametrize("role_index", [0, 1, 2], ids=[REPORTER, EDITOR, ADMINISTRATOR])
def test_permission_matrix(client, action, role_index):
    role = [REPORTER, EDITOR, ADMINISTRATOR][role_index]
    user = login(client, role)

    took_effect = perform(client, user, action)

    assert took_effect is OUTCOMES[action][role_index]


def test_reporter_forging_a_publish_button_is_refused(client):
    login(client, REPORTER)

    response = client.post(
        add_url(), form_data(title="Tin giả mạo xuất bản", _workflow="published")
    )

    assert response.status_code == 200
    assert not Article.objects.filter(title="Tin giả mạo xuất bản").exists()
    assert "Bạn không có quyền xuất bản bài viết." in response.content.decode()


def test_a_posted_status_is_ignored_the_buttons_change_it(client):
    login(client, EDITOR)

    client.post(
        add_url(),
        form_data(
            title="Tin gửi trạng thái",
            status=Article.Status.PUBLISHED,
            **typed_time(timezone.now()),
        ),
    )

    assert Article.objects.get(title="Tin gửi trạng thái").status == Article.Status.DRAFT


def test_reporter_submits_own_draft_for_review_and_then_cannot_edit_it(client):
    reporter = login(client, REPORTER)
    article = make_article(status=Article.Status.DRAFT, created_by=reporter)

    client.post(change_url(article), form_data(article, _workflow="submitted"))
    article.refresh_from_db()
    second = client.post(change_url(article), form_data(article, title="Sửa sau khi gửi"))

    assert article.status == Article.Status.IN_REVIEW
    assert second.status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa sau khi gửi"


def test_reporter_cannot_add_figures_to_someone_elses_article(client):
    login(client, REPORTER)
    article = make_article(status=Article.Status.DRAFT, created_by=make_user(REPORTER))
    data = form_data(article)
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-order": "0",
            "figures-0-position": "0",
            "figures-0-caption": "Ảnh chen vào",
        }
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 403
    assert not article.figures.exists()


# Lost updates --------------------------------------------------------------------------------


def test_save_over_a_newer_version_is_refused_with_what_changed(client):
    first_editor = login(client, EDITOR)
    article = make_article(title="Tiêu đề ban đầu", created_by=first_editor)
    record_revision(article, first_editor)
    opened = form_data(article, title="Tiêu đề của biên tập viên A")
    second = make_user(EDITOR, username="bientap_b")
    article.title = "Tiêu đề của biên tập viên B"
    article.last_editor = second
    article.save()
    record_revision(article, second)

    response = client.post(change_url(article), opened)

    article.refresh_from_db()
    html = response.content.decode()
    assert article.title == "Tiêu đề của biên tập viên B"
    assert "bientap_b" in html and "CHƯA được lưu" in html
    assert "<del>ban đầu</del>" in html
    assert "<ins>của biên tập viên B</ins>" in html


def test_saving_again_after_seeing_the_conflict_overwrites(client):
    login(client, EDITOR)
    article = make_article(title="Tiêu đề ban đầu")
    opened = form_data(article, title="Tiêu đề của A")
    article.title = "Tiêu đề của B"
    article.save()
    refused = client.post(change_url(article), opened)

    resubmitted = dict(
        opened, base_version=refused.context["adminform"].form["base_version"].value()
    )
    client.post(change_url(article), resubmitted)

    article.refresh_from_db()
    assert article.title == "Tiêu đề của A"


# History ---------------------------------------------------------------------------------------


def test_every_admin_save_is_recorded_with_its_editor(client):
    editor = login(client, EDITOR)

    client.post(add_url(), form_data(title="Tin có lịch sử"))
    article = Article.objects.get(title="Tin có lịch sử")
    client.post(change_url(article), form_data(article, lead="Sapo mới."))

    revisions = list(article.revisions.order_by("number"))
    assert [(r.number, r.user) for r in revisions] == [(1, editor), (2, editor)]
    assert revisions[1].data["lead"] == "Sapo mới."


def test_history_page_shows_who_changed_what_as_a_word_diff(client):
    login(client, EDITOR)
    client.post(add_url(), form_data(title="Tin có lịch sử", body="<p>Một hai ba.</p>"))
    article = Article.objects.get(title="Tin có lịch sử")
    client.post(change_url(article), form_data(article, body="<p>Một bốn ba.</p>"))

    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()

    assert "Phiên bản 2" in html and "Phiên bản 1" in html
    assert "Một <del>hai</del> <ins>bốn</ins> ba." in html


def test_restoring_an_earlier_version_brings_its_content_back_as_a_new_version(client):
    editor = login(client, EDITOR)
    article = make_article(title="Bản một", body="<p>Đoạn một.</p>")
    make_figure(article, caption="Ảnh của bản một")
    record_revision(article, editor)
    article.title = "Bản hai"
    article.save()
    article.figures.all().delete()
    record_revision(article, editor)

    client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))

    article.refresh_from_db()
    assert article.title == "Bản một"
    assert list(article.figures.values_list("caption", flat=True)) == ["Ảnh của bản một"]
    latest = article.revisions.first()
    assert (latest.number, latest.note) == (3, "Khôi phục phiên bản 1")


def test_restore_needs_a_post_and_change_permission(client):
    article = make_article(created_by=make_user(EDITOR))
    record_revision(article)
    url = reverse("admin:articles_article_restore", args=[article.pk, article.version])
    login(client, REPORTER)

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403


# Bulk actions and scheduling -----------------------------------------------------------------


def test_editor_publishes_and_unpublishes_in_bulk(client):
    login(client, EDITOR)
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    changelist = reverse("admin:articles_article_changelist")

    client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    published = set(Article.objects.published())
    client.post(
        changelist,
        {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]},
    )

    assert published == set(drafts)
    assert list(Article.objects.published()) == [drafts[1]]
    assert ArticleRevision.objects.filter(note="Gỡ xuống").count() == 1


def test_reporter_cannot_run_the_publish_action(client):
    login(client, REPORTER)
    draft = make_article(status=Article.Status.DRAFT)

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_scheduled_article_shows_as_scheduled_and_stays_hidden_until_its_time(client):
    login(client, EDITOR)
    later = timezone.localtime() + datetime.timedelta(days=2)

    client.post(
        add_url(),
        form_data(title="Tin hẹn giờ", _workflow="scheduled", **typed_time(later)),
    )

    article = Article.objects.get(title="Tin hẹn giờ")
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert article.status == Article.Status.PUBLISHED
    assert article not in Article.objects.published()
    assert "hẹn giờ" in changelist
    assert "Tin hẹn giờ" not in client.get(reverse("articles:home")).content.decode()


def test_organisations_named_in_the_admin_list_the_article_on_their_page(client):
    """Named through the inline (a through model with the publication time cannot be a plain
    multiple select), first among the organisation's news once published."""
    login(client, EDITOR)
    organisation = make_organisation(name="Trung tâm Y tế huyện Mường Chà")
    make_article(title="Tin cũ hơn", published_at=timezone.now() - datetime.timedelta(days=3))
    organisation.articles.add(Article.objects.get(title="Tin cũ hơn"))

    form = client.get(add_url()).content.decode()
    client.post(
        add_url(),
        form_data(
            title="Tin của trung tâm",
            _workflow="published",
            **{
                "organisation_mentions-TOTAL_FORMS": "1",
                "organisation_mentions-0-organisation": str(organisation.pk),
            },
        ),
    )

    assert "Cơ quan, đơn vị được nhắc đến" in form
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert page.index("Tin của trung tâm") < page.index("Tin cũ hơn")


# Preview ---------------------------------------------------------------------------------------


def test_staff_preview_of_a_draft_has_a_banner_and_is_not_indexed_or_cached(client):
    login(client, REPORTER)
    draft = make_article(status=Article.Status.DRAFT, title="Bản nháp xem trước")

    response = client.get(reverse("articles:article_preview", args=[draft.pk]))

    html = response.content.decode()
    assert "Bản nháp xem trước" in html
    assert "bài viết chưa hiển thị với bạn đọc" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_preview_refuses_readers_and_staff_without_permission(client):
    draft = make_article(status=Article.Status.DRAFT, title="Bản nháp kín")
    url = reverse("articles:article_preview", args=[draft.pk])

    anonymous = client.get(url)
    client.force_login(make_user(role=None))
    no_permission = client.get(url)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert no_permission.status_code == 403
    assert "Bản nháp kín" not in no_permission.content.decode()


# Content checks, search, slugs, bad input -------------------------------------------------------


def test_change_page_warns_about_what_to_fix_before_publishing(client):
    login(client, EDITOR)
    article = make_article(title="Tin khong dau ve Dien Bien", lead="", province=None)
    make_figure(article, caption="", image="figures/khong-chu-thich.jpg", alt_text="Ảnh")
    make_figure(article, caption="Có chú thích", image="figures/anh.jpg")

    html = client.get(change_url(article)).content.decode()

    for warning in [
        "Tiêu đề có vẻ được gõ không dấu.",
        "Bài viết chưa có sapo.",
        "Bài viết chưa gắn tỉnh, thành phố.",
        "Ảnh số 0 chưa có chú thích.",
        "Ảnh số 1 chưa có mô tả (alt) cho người khiếm thị.",
    ]:
        assert warning in html


def test_complete_article_shows_no_warning(client):
    login(client, EDITOR)
    article = make_article(title="Tin đầy đủ về Điện Biên", province=make_province())

    html = client.get(change_url(article)).content.decode()

    assert "Cần kiểm tra trước khi xuất bản" not in html


@pytest.mark.parametrize("typed", ["dien bien", "ĐIỆN BIÊN", "Điện Biên", "thuoc dien"])
def test_admin_search_ignores_case_and_diacritics(client, typed):
    login(client, EDITOR)
    make_article(title="Sở Y tế Điện Biên gặp mặt", body="<p>Thuốc điện tử.</p>")
    make_article(title="Tin Quảng Ninh")

    response = client.get(reverse("admin:articles_article_changelist"), {"q": typed})

    assert [a.title for a in response.context["cl"].result_list] == ["Sở Y tế Điện Biên gặp mặt"]


def test_same_title_twice_gets_a_second_slug(client):
    login(client, EDITOR)

    client.post(add_url(), form_data(title="Điện Biên: tin trùng tên"))
    client.post(add_url(), form_data(title="Điện Biên: tin trùng tên"))

    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["dien-bien-tin-trung-ten", "dien-bien-tin-trung-ten-2"]


def test_typed_duplicate_slug_is_a_form_error(client):
    login(client, EDITOR)
    make_article(title="Tin có sẵn", slug="tin-co-san")

    response = client.post(add_url(), form_data(title="Tin khác", slug="tin-co-san"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Bài viết có Đường dẫn đã tồn tại."
    ]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"published_at_0": "31/02/2025", "published_at_1": "08:00:00"}, "published_at"),
        ({"published_at_0": "hôm qua", "published_at_1": "08:00:00"}, "published_at"),
        ({"event_day": "30", "event_month": "2", "event_year": "2025"}, "event_day"),
        ({"event_month": "13"}, "event_month"),
    ],
)
def test_bad_input_is_a_form_error_not_a_crash(client, overrides, field):
    login(client, EDITOR)

    response = client.post(add_url(), form_data(**{"title": "Tin lỗi", **overrides}))

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_dates_are_typed_day_first_in_the_admin(client):
    login(client, EDITOR)

    client.post(
        add_url(),
        form_data(
            title="Tin ngày kiểu Việt",
            _workflow="published",
            published_at_0="05/03/2026",
            published_at_1="13:38:16",
        ),
    )

    article = Article.objects.get(title="Tin ngày kiểu Việt")
    assert timezone.localtime(article.published_at).replace(tzinfo=None) == datetime.datetime(
        2026, 3, 5, 13, 38, 16
    )


# Speed -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 40])
def test_changelist_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    editor = login(client, EDITOR)
    province = make_province()
    for _ in range(rows):
        make_article(province=province, last_editor=editor)
    url = reverse("admin:articles_article_changelist")
    client.get(url)  # the session and permission caches are warm from here on

    with django_assert_num_queries(13):
        response = client.get(url)

    assert len(response.context["cl"].result_list) == rows


def test_events_list_their_next_anniversary_and_number(client):
    login(client, EDITOR)
    event = make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))

    response = client.get(reverse("admin:articles_commemorativeevent_changelist"))

    date, number = event.next_occurrence()
    html = response.content.decode()
    assert f'<td class="field-next_number">{number}</td>' in html
    assert number == timezone.localdate().year + (date.year - timezone.localdate().year) - 1955


@pytest.mark.parametrize("rows", [1, 10_000])
def test_changelist_of_ten_thousand_articles_has_a_fixed_query_count(
    client, django_assert_num_queries, rows
):
    editor = login(client, EDITOR)
    province = make_province()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Tin số {index}",
            slug=f"tin-so-{index}",
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=index),
            province=province,
            last_editor=editor,
        )
        for index in range(rows)
    )
    url = reverse("admin:articles_article_changelist")
    client.get(url)

    with django_assert_num_queries(13):
        response = client.get(url)

    assert response.context["cl"].result_count == rows
    assert len(response.context["cl"].result_list) == min(rows, 100)


def test_roles_are_created_by_the_migration_with_their_permissions():
    from django.contrib.auth.models import Group

    groups = {g.name: g for g in Group.objects.prefetch_related("permissions")}

    def codes(name):
        return {p.codename for p in groups[name].permissions.all()}

    assert set(groups) >= {REPORTER, EDITOR, ADMINISTRATOR}
    assert "publish_article" not in codes(REPORTER)
    assert "delete_article" not in codes(REPORTER)
    assert "empty_trash" not in codes(REPORTER) | codes(EDITOR)
    assert {"publish_article", "change_official", "delete_article"} <= codes(EDITOR)
    assert {"delete_article", "empty_trash", "change_user"} <= codes(ADMINISTRATOR)


def test_sync_roles_restores_deleted_groups(capsys):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    Group.objects.all().delete()

    call_command("sync_roles")

    assert set(Group.objects.values_list("name", flat=True)) == {REPORTER, EDITOR, ADMINISTRATOR}
    from articles.roles import REPORTER_PERMISSIONS

    assert f"Phóng viên: {len(REPORTER_PERMISSIONS)} quyền" in capsys.readouterr().out


def test_conflict_lists_only_what_the_other_editor_changed(client):
    login(client, EDITOR)
    client.post(
        add_url(),
        form_data(
            title="Tin có giờ xuất bản",
            _workflow="published",
            published_at_0="28/02/2024",
            published_at_1="13:38:16",
        ),
    )
    article = Article.objects.get()
    opened = form_data(article, title="Tiêu đề của A", lead="Sapo của A.")
    client.post(change_url(article), form_data(article, title="Tiêu đề của B"))

    response = client.post(change_url(article), opened)

    changed = [change.label for change in response.context["adminform"].form.conflict["changes"]]
    assert changed == ["tiêu đề"]
    assert "<strong>Thời gian xuất bản</strong>" not in response.content.decode()


def test_first_admin_edit_of_a_loaded_article_keeps_the_loaded_version(client):
    login(client, EDITOR)
    article = make_article(title="Tin nạp từ fixtures")

    client.post(change_url(article), form_data(article, title="Tin đã sửa"))

    numbers = list(article.revisions.order_by("number").values_list("number", "data__title"))
    assert numbers == [(1, "Tin nạp từ fixtures"), (2, "Tin đã sửa")]


def test_history_of_an_article_never_edited_in_the_admin_says_so(client):
    login(client, EDITOR)
    article = make_article(title="Tin nạp từ fixtures")

    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))

    assert response.status_code == 200
    assert "Bài viết chưa có phiên bản nào được ghi lại." in response.content.decode()


@pytest.mark.parametrize("base_version", [None, "", "abc", "1.5", "   "])
def test_save_without_a_readable_base_version_is_refused_like_a_stale_one(client, base_version):
    login(client, EDITOR)
    article = make_article(title="Tiêu đề ban đầu")
    data = form_data(article, title="Tiêu đề mới")
    if base_version is None:
        del data["base_version"]
    else:
        data["base_version"] = base_version

    refused = client.post(change_url(article), data)
    resubmitted = dict(data, base_version=refused.context["adminform"].form["base_version"].value())
    client.post(change_url(article), resubmitted)

    assert "Không rõ bạn đã mở phiên bản nào của bài viết" in refused.content.decode()
    assert "base_version" not in refused.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"
