"""Figures placed in the text from the article form: positions follow the markers on save."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITOR, REPORTER
from tests.factories import make_article, make_figure, make_user

pytestmark = pytest.mark.django_db

INLINES = ["figures", "attachments", "mentions", "organisation_mentions", "statistics"]
BODY = (
    "<p>Đoàn kiểm tra đến xã Mường Phăng.</p>"
    '<figure data-figure="1"></figure>'
    "<p>Cán bộ y tế hướng dẫn người dân diệt lăng quăng.</p>"
    "<p>Chưa ghi nhận ổ dịch mới.</p>"
    '<figure data-figure="0"></figure>'
)


def form_data(article=None, body=BODY, figures=()):
    """The POST of the article form: its own fields, then one row per (order, position, caption)."""
    data = {
        "title": "Điện Biên kiểm tra phòng chống sốt xuất huyết",
        "slug": "",
        "lead": "Sở Y tế kiểm tra công tác phòng, chống dịch.",
        "body": body,
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
        data.update(title=article.title, slug=article.slug, base_version=str(article.version))
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data.update(published_at_0=f"{local:%d/%m/%Y}", published_at_1=f"{local:%H:%M:%S}")
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    existing = list(article.figures.all()) if article is not None else []
    data["figures-TOTAL_FORMS"] = str(len(figures))
    data["figures-INITIAL_FORMS"] = str(len(existing))
    for index, (order, position, caption) in enumerate(figures):
        prefix = f"figures-{index}"
        data.update(
            {
                f"{prefix}-order": str(order),
                f"{prefix}-position": str(position),
                f"{prefix}-caption": caption,
                f"{prefix}-alt_text": "",
                f"{prefix}-credit": "",
            }
        )
        if index < len(existing):
            data.update({f"{prefix}-id": str(existing[index].pk), f"{prefix}-article": ""})
    return data


def login(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


def test_reporter_places_two_figures_in_the_text_and_the_preview_shows_them_there(client):
    login(client, REPORTER)
    data = form_data(figures=[(0, 0, "Ảnh cuối bài"), (1, 0, "Ảnh sau đoạn một")])

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.body == BODY
    assert list(article.figures.values_list("order", "position")) == [(0, 3), (1, 1)]
    assert article.revisions.get().data["figures"][0]["position"] == 3
    page = client.get(reverse("articles:article_preview", args=[article.pk])).content.decode()
    reading_order = [
        "Đoàn kiểm tra đến xã Mường Phăng.",
        "Ảnh sau đoạn một",
        "Cán bộ y tế hướng dẫn người dân diệt lăng quăng.",
        "Chưa ghi nhận ổ dịch mới.",
        "Ảnh cuối bài",
    ]
    assert [page.index(text) for text in reading_order] == sorted(
        page.index(text) for text in reading_order
    )
    assert "data-figure" not in page


def test_a_paragraph_added_above_keeps_the_figure_after_its_paragraph(client):
    user = login(client, EDITOR)
    article = make_article(body=BODY, created_by=user)
    make_figure(article, order=0, position=3, caption="Ảnh cuối bài")
    make_figure(article, order=1, position=1, caption="Ảnh sau đoạn một")
    body = "<p>Đoạn mới ở đầu bài.</p>" + BODY
    figures = [(0, 3, "Ảnh cuối bài"), (1, 1, "Ảnh sau đoạn một")]

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        form_data(article, body=body, figures=figures),
    )

    assert response.status_code == 302
    assert list(article.figures.values_list("order", "position")) == [(0, 4), (1, 2)]


def test_figures_without_a_marker_keep_their_typed_position(client):
    user = login(client, EDITOR)
    article = make_article(body="<p>Một</p><p>Hai</p><p>Ba</p>", created_by=user)
    make_figure(article, order=0, position=2, caption="Ảnh gõ vị trí")

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        form_data(article, body=article.body, figures=[(0, 1, "Ảnh gõ vị trí")]),
    )

    assert response.status_code == 302
    assert list(article.figures.values_list("position", flat=True)) == [1]


def test_a_marker_naming_no_figure_is_a_form_error_and_nothing_is_saved(client):
    login(client, REPORTER)
    data = form_data(figures=[(0, 0, "Ảnh cuối bài")])

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert (
        "Nội dung có chỗ đặt ảnh thứ tự 1, nhưng bài không có ảnh nào mang thứ tự này "
        "(hoặc ảnh đó đang bị xóa)." in response.content.decode()
    )
    assert not Article.objects.exists()


def test_deleting_a_figure_still_placed_in_the_text_is_refused(client):
    user = login(client, EDITOR)
    article = make_article(body=BODY, created_by=user)
    make_figure(article, order=0, position=3, caption="Ảnh cuối bài")
    make_figure(article, order=1, position=1, caption="Ảnh sau đoạn một")
    data = form_data(article, figures=[(0, 3, "Ảnh cuối bài"), (1, 1, "Ảnh sau đoạn một")])
    data["figures-1-DELETE"] = "on"

    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "Nội dung có chỗ đặt ảnh thứ tự 1" in response.content.decode()
    assert article.figures.count() == 2


def test_the_form_loads_the_marker_editor_and_explains_the_position_field(client):
    user = login(client, REPORTER)
    article = make_article(status=Article.Status.DRAFT, created_by=user)
    make_figure(article)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "admin/js/figure-marker.js" in page
    assert "admin/css/figure-marker.css" in page
    assert "bằng nút «Chèn ảnh vào bài» đứng đúng chỗ đã đặt, không cần gõ số này." in page
