"""Documents in the admin: reporters enter them and their files, editors publish them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Document
from tests.factories import make_article, make_document, make_user
from tests.samples import EXE, PDF

pytestmark = pytest.mark.django_db

REPORTER, EDITOR, ADMINISTRATOR = "Phóng viên", "Biên tập viên", "Quản trị"


def form_data(**overrides):
    """The POST of the document form, its file inline included, as a browser sends it."""
    local = timezone.localtime()
    data = {
        "kind": Document.Kind.DIRECTIVE,
        "number": "42-CT/TU",
        "title": "về phát huy sức mạnh của hệ thống chính trị",
        "issued_on": "08/08/2023",
        "effective_on": "",
        "validity": Document.Validity.IN_FORCE,
        "comment_deadline": "",
        "status": Document.Status.DRAFT,
        "published_at_0": f"{local:%d/%m/%Y}",
        "published_at_1": f"{local:%H:%M:%S}",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def login(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("role", "published"), [(REPORTER, False), (EDITOR, True), (ADMINISTRATOR, True)]
)
def test_only_editors_publish(client, role, published):
    login(client, role)

    response = client.post(
        reverse("admin:articles_document_add"), form_data(status=Document.Status.PUBLISHED)
    )

    assert Document.objects.published().filter(number="42-CT/TU").exists() is published
    if not published:
        assert Document.objects.count() == 0
        assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_reporter_enters_a_draft_with_its_file_typed_day_first(client):
    login(client, REPORTER)
    upload = SimpleUploadedFile("chi-thi.pdf", PDF, content_type="application/pdf")

    client.post(
        reverse("admin:articles_document_add"),
        form_data(
            **{
                "files-TOTAL_FORMS": "1",
                "files-0-order": "0",
                "files-0-title": "Toàn văn",
                "files-0-file": upload,
            }
        ),
    )

    document = Document.objects.get()
    assert document.status == Document.Status.DRAFT
    assert document.issued_on.isoformat() == "2023-08-08"
    assert [(f.title, f.extension, f.size) for f in document.files.all()] == [
        ("Toàn văn", "PDF", len(PDF))
    ]


def test_a_program_disguised_as_a_pdf_is_refused(client):
    login(client, EDITOR)
    upload = SimpleUploadedFile("chi-thi.pdf", EXE, content_type="application/pdf")

    response = client.post(
        reverse("admin:articles_document_add"),
        form_data(
            **{
                "files-TOTAL_FORMS": "1",
                "files-0-order": "0",
                "files-0-title": "Toàn văn",
                "files-0-file": upload,
            }
        ),
    )

    assert not Document.objects.exists()
    assert "Chỉ nhận tệp PDF hoặc văn bản Word, Excel, PowerPoint, OpenDocument." in (
        response.content.decode()
    )


def test_reporter_cannot_change_a_published_document(client):
    login(client, REPORTER)
    document = make_document(number="42-CT/TU")

    client.post(
        reverse("admin:articles_document_change", args=[document.pk]),
        form_data(number="43-CT/TU", status=Document.Status.DRAFT),
    )

    document.refresh_from_db()
    assert document.number == "42-CT/TU"
    assert document.status == Document.Status.PUBLISHED


def test_editor_publishes_and_unpublishes_in_bulk(client):
    login(client, EDITOR)
    drafts = [make_document(status=Document.Status.DRAFT) for _ in range(2)]
    url = reverse("admin:articles_document_changelist")

    client.post(url, {"action": "publish_selected", "_selected_action": [d.pk for d in drafts]})
    published = set(Document.objects.published())
    client.post(url, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]})

    assert published == set(drafts)
    assert list(Document.objects.published()) == [drafts[1]]


def test_admin_search_folds_the_number(client):
    login(client, REPORTER)
    make_document(number="42-CT/TU")
    make_document(number="54-NQ/TW")

    response = client.get(reverse("admin:articles_document_changelist"), {"q": "chi thi 42"})

    assert [str(d) for d in response.context["cl"].result_list] == ["Chỉ thị số 42-CT/TU"]


def test_editor_links_the_articles_citing_a_document(client):
    login(client, EDITOR)
    article = make_article(title="Triển khai Chỉ thị 42")

    client.post(
        reverse("admin:articles_document_add"),
        form_data(cited_by=[article.pk]),
    )

    assert list(Document.objects.get().cited_by.all()) == [article]
