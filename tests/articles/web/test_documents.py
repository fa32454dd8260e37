"""The documents' public pages: list, filters and search, a document, its files, feed, sitemap."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Document, DocumentFile, DocumentSector
from tests.factories import make_article, make_document, make_official, make_organisation
from tests.samples import PDF

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def titles(response):
    return [document.name for document in response.context["object_list"]]


@pytest.fixture
def hidden():
    """A document in each state a reader must never see, each citable and with a file."""
    documents = [
        make_document(number="1-CT/NHAP", status=Document.Status.DRAFT),
        make_document(number="2-CT/DUYET", status=Document.Status.IN_REVIEW),
        make_document(number="3-CT/HENGIO", published_at=NOW + datetime.timedelta(days=1)),
    ]
    for document in documents:
        DocumentFile.objects.create(
            document=document, title="Toàn văn", file=ContentFile(PDF, name="van-ban.pdf")
        )
    return documents


def test_a_hidden_document_never_reaches_a_reader(client, hidden):
    article = make_article(title="Bài nhắc văn bản")
    for document in hidden:
        document.cited_by.add(article)
    shown = make_document(number="4-CT/TU")
    shown.cited_by.add(article)
    pages = [
        reverse("articles:document_list"),
        reverse("articles:document_list") + "?q=ct",
        reverse("articles:search") + "?q=ct",
        article.get_absolute_url(),
        reverse("rss_documents"),
        reverse("atom_documents"),
        "/sitemap-van-ban.xml",
        "/en/van-ban/",
    ]

    for page in pages:
        content = client.get(page).content.decode()
        assert "4-CT/TU" in content or "chi-thi-4-ct-tu" in content, page
        for document in hidden:
            assert document.number not in content, page
            assert document.slug not in content, page
    for document in hidden:
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(document.files.get().get_absolute_url()).status_code == 404


def test_list_is_newest_issued_first_with_undated_last(client):
    make_document(number="1-CT/TU", issued_on=datetime.date(2020, 5, 1))
    make_document(number="2-CT/TU")
    make_document(number="3-CT/TU", issued_on=datetime.date(2023, 8, 8))
    url = reverse("articles:document_list")

    newest = client.get(url)
    oldest = client.get(url, {"sap_xep": "cu-nhat"})

    assert titles(newest) == ["Chỉ thị số 3-CT/TU", "Chỉ thị số 1-CT/TU", "Chỉ thị số 2-CT/TU"]
    assert titles(oldest) == ["Chỉ thị số 1-CT/TU", "Chỉ thị số 3-CT/TU", "Chỉ thị số 2-CT/TU"]
    assert 'Ban hành <time datetime="2023-08-08">08/08/2023</time>' in newest.content.decode()
    assert "3 văn bản" in newest.content.decode()


def test_filters_combine(client):
    bo_y_te = make_organisation(name="Bộ Y tế", level="trung-uong")
    sector = DocumentSector.objects.create(name="Y tế dự phòng")
    wanted = make_document(
        kind=Document.Kind.DECISION,
        number="10/QĐ-BYT",
        issuer=bo_y_te,
        sector=sector,
        issued_on=datetime.date(2024, 3, 1),
        validity=Document.Validity.IN_FORCE,
    )
    make_document(kind=Document.Kind.DECISION, number="11/QĐ-BYT", issuer=bo_y_te)
    make_document(kind=Document.Kind.DIRECTIVE, number="12-CT/TU", issued_on=wanted.issued_on)
    query = {
        "loai": "quyet-dinh",
        "co_quan": bo_y_te.slug,
        "linh_vuc": sector.slug,
        "nam": "2024",
        "hieu_luc": "con-hieu-luc",
    }

    response = client.get(reverse("articles:document_list"), query)

    assert titles(response) == ["Quyết định số 10/QĐ-BYT"]
    assert "Còn hiệu lực" in response.content.decode()


def test_only_drafts_for_comment_when_asked(client):
    draft = make_document(
        number="5/DT-SYT",
        for_comment=True,
        comment_deadline=datetime.date(2026, 12, 31),
    )
    make_document(number="6-CT/TU")
    url = reverse("articles:document_list")

    response = client.get(url, {"du_thao": "on"})

    assert titles(response) == [draft.name]
    assert "Dự thảo lấy ý kiến đến 31/12/2026" in response.content.decode()
    assert len(titles(client.get(url))) == 2


def test_issuer_filter_offers_only_bodies_of_published_documents(client, hidden):
    shown = make_organisation(name="Sở Y tế Điện Biên")
    unseen = make_organisation(name="Sở Y tế Lào Cai")
    make_document(issuer=shown)
    hidden[0].issuer = unseen
    hidden[0].save()

    html = client.get(reverse("articles:document_list")).content.decode()

    assert f'<option value="{shown.slug}">Sở Y tế Điện Biên</option>' in html
    assert "Sở Y tế Lào Cai" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"nam": "abc"}, "Năm ban hành: Nhập một số."),
        ({"loai": "khong-co"}, "Loại văn bản: Hãy chọn một lựa chọn hợp lệ."),
        ({"q": "x" * 5000}, "Tìm văn bản: Giá trị này chỉ có tối đa 200 kí tự (hiện có 5000)"),
    ],
)
def test_a_bad_filter_gives_an_empty_list_and_says_which(client, query, message):
    make_document()

    response = client.get(reverse("articles:document_list"), query)

    assert response.status_code == 200
    assert titles(response) == []
    assert message in response.content.decode()


def test_a_bad_page_number_is_a_404(client):
    make_document()

    assert client.get(reverse("articles:document_list"), {"page": "9"}).status_code == 404


def test_document_page_shows_particulars_files_and_citing_articles(client):
    issuer = make_organisation(name="Tỉnh ủy Thừa Thiên Huế")
    signer = make_official("Phan Ngọc Thọ")
    newer = make_document(number="50-CT/TU")
    document = make_document(
        number="42-CT/TU",
        title="về phát huy sức mạnh của hệ thống chính trị",
        issuer=issuer,
        signer=signer,
        issued_on=datetime.date(2023, 8, 8),
        effective_on=datetime.date(2023, 8, 15),
        validity=Document.Validity.REPLACED,
        replaced_by=newer,
    )
    DocumentFile.objects.create(
        document=document, title="Toàn văn", file=ContentFile(PDF, name="chi-thi.pdf")
    )
    citing = make_article(title="Ngành Y tế triển khai Chỉ thị 42")
    draft = make_article(title="Bài nháp nhắc Chỉ thị", status="draft")
    document.cited_by.add(citing, draft)

    html = client.get(document.get_absolute_url()).content.decode()

    assert "<h1>Chỉ thị số 42-CT/TU</h1>" in html
    assert "Về phát huy sức mạnh của hệ thống chính trị" in html
    assert f'<a href="{issuer.get_absolute_url()}">Tỉnh ủy Thừa Thiên Huế</a>' in html
    assert "Phan Ngọc Thọ" in html
    assert "08/08/2023" in html and "15/08/2023" in html
    assert f'Bị thay thế: <a href="{newer.get_absolute_url()}">Chỉ thị số 50-CT/TU</a>' in html
    file_url = document.files.get().get_absolute_url()
    assert f'<a href="{file_url}" download>Toàn văn</a>' in html
    assert f"(PDF, {len(PDF)}\xa0byte)" in html
    assert "Ngành Y tế triển khai Chỉ thị 42" in html
    assert "Bài nháp nhắc Chỉ thị" not in html
    replaced = client.get(newer.get_absolute_url()).content.decode()
    assert f'<a href="{document.get_absolute_url()}">Chỉ thị số 42-CT/TU</a>' in replaced


def test_a_draft_replacement_is_named_but_not_linked(client):
    newer = make_document(number="51-CT/TU", status=Document.Status.DRAFT)
    document = make_document(validity=Document.Validity.REPLACED, replaced_by=newer)

    html = client.get(document.get_absolute_url()).content.decode()

    assert "Bị thay thế: Chỉ thị số 51-CT/TU" in html
    assert newer.get_absolute_url() not in html


def test_a_file_is_downloaded_never_shown_inline(client):
    document = make_document(number="42-CT/TU")
    document_file = DocumentFile.objects.create(
        document=document, title="Toàn văn Chỉ thị", file=ContentFile(PDF, name="x.pdf")
    )

    response = client.get(document_file.get_absolute_url())

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="toan-van-chi-thi.pdf"'
    assert document_file.size == len(PDF)


def test_an_article_lists_the_published_documents_it_cites(client, hidden):
    article = make_article()
    shown = make_document(number="42-CT/TU", title="về phát huy sức mạnh")
    shown.cited_by.add(article)
    hidden[0].cited_by.add(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Văn bản được nhắc đến" in html
    assert f'<a href="{shown.get_absolute_url()}">Chỉ thị số 42-CT/TU</a>' in html
    assert hidden[0].number not in html


def test_an_article_citing_nothing_shows_no_documents_block(client):
    article = make_article()

    assert "Văn bản được nhắc đến" not in client.get(article.get_absolute_url()).content.decode()


def test_site_search_finds_a_document_by_its_number(client):
    document = make_document(number="42-CT/TU")
    make_document(number="54-NQ/TW")

    html = client.get(reverse("articles:search"), {"q": "42/CT-TU"}).content.decode()

    assert f'<a href="{document.get_absolute_url()}">Chỉ thị số 42-CT/TU</a>' in html
    assert "54-NQ/TW" not in html


def test_feed_lists_new_documents_newest_first(client):
    make_document(number="1-CT/TU", published_at=NOW - datetime.timedelta(days=2))
    make_document(number="2-CT/TU", title="về phòng, chống dịch")

    root = ET.fromstring(client.get(reverse("rss_documents")).content)

    items = [(item.findtext("title"), item.findtext("description")) for item in root.iter("item")]
    assert items == [
        ("Chỉ thị số 2-CT/TU", "về phòng, chống dịch"),
        ("Chỉ thị số 1-CT/TU", "về công tác y tế thử nghiệm"),
    ]
    assert root.findtext("channel/title") == "Tin tức Y tế: văn bản"


def test_sitemap_lists_the_list_page_and_each_published_document(client):
    document = make_document(number="42-CT/TU")

    documents = client.get("/sitemap-van-ban.xml").content.decode()
    pages = client.get("/sitemap-trang.xml").content.decode()

    assert f"http://testserver{document.get_absolute_url()}</loc>" in documents
    assert "http://testserver/van-ban/</loc>" in pages


def test_english_interface_under_en(client):
    make_document(number="42-CT/TU")

    html = client.get("/en/van-ban/").content.decode()

    assert "<h1>Documents</h1>" in html
    assert "Chỉ thị số 42-CT/TU" in html  # content stays as written


def fill(count):
    """count published documents with a file and a citing article each, sharing one issuer."""
    issuer = make_organisation()
    sector = DocumentSector.objects.create(name=f"Lĩnh vực {count}")
    documents = []
    for number in range(count):
        document = make_document(issuer=issuer, sector=sector, issued_on=datetime.date(2024, 1, 1))
        DocumentFile.objects.create(
            document=document, title=f"Tệp {number}", file=ContentFile(PDF, name="a.pdf")
        )
        document.cited_by.add(make_article())
        documents.append(document)
    return documents


@pytest.mark.parametrize("count", [1, 30])
def test_list_queries_do_not_grow_with_rows(client, settings, count, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    fill(count)
    url = reverse("articles:document_list")
    client.get(url)

    # issuer and sector options, the count, the page of documents with issuer and sector
    with django_assert_num_queries(4):
        response = client.get(url, {"q": "chi thi"})

    assert len(response.context["object_list"]) == min(count, 20)


@pytest.mark.parametrize("count", [1, 30])
def test_document_page_queries_do_not_grow_with_files_or_articles(
    client, settings, count, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    document = fill(1)[0]
    for number in range(count - 1):
        DocumentFile.objects.create(
            document=document, title=f"Phụ lục {number}", file=ContentFile(PDF, name="b.pdf")
        )
        document.cited_by.add(make_article())
    client.get(document.get_absolute_url())

    # the document with its joins; its files, the documents it replaced, the citing articles
    # and their photos
    with django_assert_num_queries(5):
        html = client.get(document.get_absolute_url()).content.decode()

    assert html.count("(PDF, ") == count


@pytest.mark.parametrize("count", [1, 30])
def test_feed_queries_do_not_grow_with_rows(client, settings, count, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    fill(count)
    client.get(reverse("rss_documents"))

    with django_assert_num_queries(1):
        content = client.get(reverse("rss_documents")).content

    assert len(list(ET.fromstring(content).iter("item"))) == count


def test_a_searched_list_is_kept_in_the_page_cache(client, django_assert_num_queries):
    make_document(number="42-CT/TU")
    url = reverse("articles:document_list")
    client.get(url, {"q": "42-ct-tu", "loai": "chi-thi"})

    with django_assert_num_queries(0):
        cached = client.get(url, {"q": "42-ct-tu", "loai": "chi-thi"})

    assert cached["X-Page-Cache"] == "hit"
    assert "Chỉ thị số 42-CT/TU" in cached.content.decode()


def test_a_scheduled_document_ends_the_page_cache_version_when_it_appears():
    from healthnews import pagecache

    due = NOW + datetime.timedelta(minutes=5)
    make_article(published_at=NOW + datetime.timedelta(minutes=9))
    make_document(published_at=due)

    assert pagecache._next_change(NOW) == due
