"""Documents (văn bản): visibility, naming, folded number search, citations in article text."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.importing import prepare, save_batch
from articles.importing.citations import cited_documents, find_citations
from articles.models import Document, search_tokens
from tests.factories import make_document, make_organisation

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST, FUTURE = NOW - datetime.timedelta(days=1), NOW + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "published_at", "visible"),
    [
        (Document.Status.PUBLISHED, PAST, True),
        (Document.Status.PUBLISHED, FUTURE, False),
        (Document.Status.IN_REVIEW, PAST, False),
        (Document.Status.DRAFT, PAST, False),
        (Document.Status.DRAFT, None, False),
    ],
)
def test_published_is_status_published_and_time_come(status, published_at, visible):
    document = make_document(status=status, published_at=published_at)

    assert list(Document.objects.published()) == ([document] if visible else [])
    assert Document.objects.count() == 1


def test_name_and_slug_keep_the_number_apart():
    document = make_document(kind=Document.Kind.DIRECTIVE, number="42-CT/TU")

    assert document.name == "Chỉ thị số 42-CT/TU"
    assert document.slug == "chi-thi-42-ct-tu"
    assert document.get_absolute_url() == "/van-ban/chi-thi-42-ct-tu/"


def test_a_document_without_number_is_named_by_its_abstract():
    document = make_document(
        kind=Document.Kind.DECISION,
        number="",
        title="về việc ban hành Bộ Tiêu chí cơ sở y tế xanh - sạch - đẹp",
    )

    assert document.name == "Quyết định về việc ban hành Bộ Tiêu chí cơ sở y tế xanh - sạch - đẹp"
    assert document.slug == "quyet-dinh-ve-viec-ban-hanh-bo-tieu-chi-co-so-y-te-xanh-sach-dep"


def test_search_tokens_fold_and_split_numbers_from_letters():
    assert search_tokens("Chỉ thị số 42-CT/TU") == ["chi", "thi", "so", "42", "ct", "tu"]
    assert search_tokens("42/CT-TU") == search_tokens("42-ct-tu") == ["42", "ct", "tu"]
    assert search_tokens("42CT/TU") == ["42", "ct", "tu"]
    assert search_tokens("08-NQ/TU") == ["8", "nq", "tu"]
    assert search_tokens("42/2022/NĐ-CP") == ["42", "2022", "nd", "cp"]


@pytest.mark.parametrize(
    "typed", ["42-ct-tu", "42/CT-TU", "chi thi 42", "CHỈ THỊ SỐ 42", "42ct", "tỉnh ủy 42"]
)
def test_matching_finds_a_number_however_it_is_typed(typed):
    issuer = make_organisation(name="Tỉnh ủy Thừa Thiên Huế")
    wanted = make_document(kind=Document.Kind.DIRECTIVE, number="42-CT/TU", issuer=issuer)
    make_document(kind=Document.Kind.RESOLUTION, number="54-NQ/TW")
    make_document(kind=Document.Kind.DIRECTIVE, number="15-CT/TU")

    assert list(Document.objects.matching(typed)) == [wanted]


def test_matching_an_empty_or_punctuation_query_keeps_every_document():
    documents = [make_document(), make_document()]

    assert set(Document.objects.matching("  /- ")) == set(documents)


def test_a_replaced_document_must_name_its_replacement():
    old = Document(kind=Document.Kind.DECISION, number="1/QĐ-SYT", validity="bi-thay-the")

    with pytest.raises(ValidationError) as error:
        old.full_clean()

    assert "replaced_by" in error.value.message_dict


def test_database_refuses_a_replacement_without_the_replaced_status():
    newer = make_document()

    with pytest.raises(IntegrityError):
        make_document(replaced_by=newer)


def test_a_draft_for_comment_needs_a_deadline():
    document = Document(kind=Document.Kind.DECISION, title="Dự thảo quy định", for_comment=True)

    with pytest.raises(ValidationError) as error:
        document.full_clean()

    assert error.value.message_dict["comment_deadline"] == ["Dự thảo lấy ý kiến cần có hạn góp ý."]


def test_citations_are_found_with_number_and_date():
    text = (
        "thực hiện Nghị quyết 54-NQ/TW của Bộ Chính trị, Nghị quyết số 08-NQ/TU của Tỉnh ủy; "
        "Chỉ thị số 42-CT/TU ngày 08/8/2023 của Tỉnh ủy và quyết định số 1281/QĐ-UBND."
    )

    found = [(c.kind, c.number, c.issued_on) for c in find_citations(text)]

    assert found == [
        ("Nghị quyết", "54-NQ/TW", None),
        ("Nghị quyết", "08-NQ/TU", None),
        ("Chỉ thị", "42-CT/TU", datetime.date(2023, 8, 8)),
        ("quyết định", "1281/QĐ-UBND", None),
    ]


def test_known_documents_are_linked_by_number_or_abstract_drafts_included():
    directive = make_document(kind=Document.Kind.DIRECTIVE, number="42-CT/TU")
    scheme = make_document(
        kind=Document.Kind.SCHEME,
        number="",
        title="Bảo vệ, chăm sóc, nâng cao sức khỏe nhân dân giai đoạn 2021-2025",
        status=Document.Status.DRAFT,
    )
    make_document(kind=Document.Kind.DIRECTIVE, number="43-CT/TU")
    text = (
        "Chỉ thị số 42/CT-TU ngày 08/8/2023 của Tỉnh ủy. Sở báo cáo Đề án “Bảo vệ, chăm sóc, "
        "nâng cao sức khỏe nhân dân giai đoạn 2021-2025”. Chỉ thị số 99-CT/TU chưa có."
    )

    assert cited_documents(text) == [directive, scheme]


def test_an_abstract_without_its_type_nearby_links_nothing():
    make_document(
        kind=Document.Kind.SCHEME,
        number="",
        title="Bảo vệ, chăm sóc, nâng cao sức khỏe nhân dân giai đoạn 2021-2025",
    )

    assert (
        cited_documents(
            "Mục tiêu bảo vệ, chăm sóc, nâng cao sức khỏe nhân dân giai đoạn 2021-2025."
        )
        == []
    )


def test_a_number_shared_by_two_documents_is_told_apart_by_the_cited_date():
    make_document(number="42-CT/TU", issued_on=datetime.date(2019, 1, 2))
    wanted = make_document(number="42-CT/TU", issued_on=datetime.date(2023, 8, 8))

    assert cited_documents("Chỉ thị số 42-CT/TU ngày 08/8/2023 của Tỉnh ủy") == [wanted]
    assert cited_documents("Chỉ thị số 42-CT/TU của Tỉnh ủy") == []


def test_the_importer_links_the_documents_an_article_cites():
    directive = make_document(kind=Document.Kind.DIRECTIVE, number="42-CT/TU")
    text = (
        "Ngành Y tế triển khai Chỉ thị\n\n16/11/2023\n\n"
        "Sở Y tế tổ chức hội nghị triển khai Chỉ thị số 42-CT/TU ngày 08/8/2023 của Tỉnh ủy.\n\n"
        "Các đơn vị cần thực hiện nghiêm."
    )

    saved = save_batch(prepare([("chi-thi.txt", text)]))

    assert list(saved[0].article.documents.all()) == [directive]
