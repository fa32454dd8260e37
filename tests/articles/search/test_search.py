"""The readers' search: folding, phrases, ranking, snippets, filters, index upkeep, bad input."""

import datetime
import importlib
import io
import re
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, Category
from people.models import Official
from tests.factories import (
    make_article,
    make_event,
    make_official,
    make_organisation,
    make_province,
)

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


def found(q, queryset=None):
    """Titles of the published articles a reader finds with q, best first."""
    ids, _query = search.search_articles(search.parse_query(q), queryset)
    titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def cards(content):
    """The article titles of a results page, marks removed, in order."""
    if 'id="ket-qua-bai-viet"' not in content:
        return []
    section = content.split('id="ket-qua-bai-viet"', 1)[1]
    titles = re.findall(
        r'<h3 class="card-title"><a href="(?:/en)?/tin-tuc/[^"]+" lang="vi">(.*?)</a></h3>', section
    )
    return [re.sub(r"</?mark>", "", title) for title in titles]


# ---------------------------------------------------------------------------------------------
# Case, diacritics, đ and tone placement
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def vietnamese():
    make_article(title="Điện Biên phòng chống dịch mùa mưa")
    make_article(title="Huyện Kiến Thuỵ ra quân tiêm chủng", lead="Tiêm chủng mở rộng.")
    make_article(title="Tiêm chủng ở Hải Phòng", lead="Huyện Kiến Thụy dẫn đầu.")
    make_article(title="Kiểm tra an toàn thực phẩm", body="<p>Cấm dùng hoá chất tẩy trắng.</p>")
    make_article(title="Gặp mặt nhân Ngày Thầy thuốc Việt Nam")
    make_article(title="Đắk Lắk ngăn sốt rét")
    make_article(title="Hà Nội khám sức khỏe miễn phí")


DIEN_BIEN = ["Điện Biên phòng chống dịch mùa mưa"]
KIEN_THUY = ["Huyện Kiến Thuỵ ra quân tiêm chủng", "Tiêm chủng ở Hải Phòng"]
HOA_CHAT = ["Kiểm tra an toàn thực phẩm"]
THAY_THUOC = ["Gặp mặt nhân Ngày Thầy thuốc Việt Nam"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("dien bien", DIEN_BIEN),
        ("Điện Biên", DIEN_BIEN),
        ("ĐIỆN BIÊN", DIEN_BIEN),
        ("DIEN BIEN", DIEN_BIEN),
        (unicodedata.normalize("NFD", "Điện Biên"), DIEN_BIEN),
        ("  điện   biên ", DIEN_BIEN),
        ("Kiến Thuỵ", KIEN_THUY),
        ("Kiến Thụy", KIEN_THUY),
        ("kien thuy", KIEN_THUY),
        ("hoá chất", HOA_CHAT),
        ("hóa chất", HOA_CHAT),
        ("HOA CHAT", HOA_CHAT),
        ("thay thuoc", THAY_THUOC),
        ("thầy thuốc", THAY_THUOC),
        ("dak lak", ["Đắk Lắk ngăn sốt rét"]),
        ("Đắk", ["Đắk Lắk ngăn sốt rét"]),
        ("suc khoe", ["Hà Nội khám sức khỏe miễn phí"]),
    ],
)
def test_case_diacritics_d_and_tone_placement_are_ignored(vietnamese, q, expected):
    assert sorted(found(q)) == sorted(expected)


def test_the_page_finds_the_same_articles_however_the_name_is_typed(client, vietnamese):
    pages = [cards(get(client, q=q)) for q in ("dien bien", "Điện Biên", "ĐIỆN BIÊN")]

    assert pages == [DIEN_BIEN] * 3


def test_every_word_is_required(vietnamese):
    assert found("dien bien ha noi") == []


# ---------------------------------------------------------------------------------------------
# Phrases
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def fevers():
    make_article(title="Phòng chống sốt xuất huyết", lead="Diệt bọ gậy.")
    make_article(title="Bệnh nhân sốt cao đã xuất viện", body="<p>Huyết áp ổn định.</p>")
    make_article(title="Huyết học: xuất bản tài liệu về sốt")


def test_words_match_anywhere_a_quoted_phrase_only_adjacent_and_in_order(fevers):
    assert len(found("sot xuat huyet")) == 3
    assert found('"sot xuat huyet"') == ["Phòng chống sốt xuất huyết"]
    assert found('"huyet xuat sot"') == []
    assert found('"Sốt xuất huyết"') == ["Phòng chống sốt xuất huyết"]


def test_a_phrase_combines_with_words(fevers):
    assert found('"sot xuat huyet" bo gay') == ["Phòng chống sốt xuất huyết"]
    assert found('"sot xuat huyet" ha noi') == []


def test_an_unbalanced_quote_searches_the_words(fevers):
    assert len(found('"sot xuat huyet')) == 3
    assert len(found('sot "xuat huyet')) == 3


def test_typographic_quotes_make_a_phrase(fevers):
    assert found("“sốt xuất huyết”") == ["Phòng chống sốt xuất huyết"]


# ---------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_lead_match_above_a_body_match():
    filler = "<p>" + "Nội dung khác của bài. " * 20 + "</p>"
    make_article(title="Tin trong nội dung", body=filler + "<p>Phòng bệnh tay chân miệng.</p>")
    make_article(title="Tin trong tiêu đề: tay chân miệng", body=filler)
    make_article(title="Tin trong sapo", lead="Dịch tay chân miệng tăng.", body=filler)

    assert found("tay chan mieng") == [
        "Tin trong tiêu đề: tay chân miệng",
        "Tin trong sapo",
        "Tin trong nội dung",
    ]


def test_an_exact_accent_match_ranks_above_a_folded_only_match():
    make_article(title="Kiên Thủy mở rộng trạm y tế")  # same letters, other accents
    make_article(title="Tin y tế", body="<p>Huyện Kiến Thụy có thêm bác sĩ.</p>")

    assert found("Kiến Thuỵ") == ["Tin y tế", "Kiên Thủy mở rộng trạm y tế"]
    assert found("Kiên Thủy") == ["Kiên Thủy mở rộng trạm y tế", "Tin y tế"]


def test_a_query_typed_without_accents_prefers_the_title_not_the_unaccented_spelling():
    make_article(title="Tin tỉnh", body="<p>Bài viết không dấu: dien bien.</p>")
    make_article(title="Điện Biên có thêm trạm y tế")

    assert found("dien bien") == ["Điện Biên có thêm trạm y tế", "Tin tỉnh"]


def test_within_a_tier_the_newest_article_comes_first():
    older = make_article(title="Sốt xuất huyết ở Hà Nội")
    newer = make_article(title="Sốt xuất huyết ở Huế")

    assert [older.pk < newer.pk, found("sốt xuất huyết")] == [
        True,
        ["Sốt xuất huyết ở Huế", "Sốt xuất huyết ở Hà Nội"],
    ]


def test_with_more_matches_than_the_limit_exact_matches_of_a_lower_tier_still_come_first():
    for number in range(4):
        make_article(title=f"Kiên Thủy tin số {number}")
    make_article(title="Tin huyện", body="<p>Huyện Kiến Thụy có thêm bác sĩ.</p>")

    ids, _query = search.search_articles(search.parse_query("Kiến Thụy"), limit=3)

    titles = dict(Article.objects.values_list("pk", "title"))
    assert [titles[pk] for pk in ids] == ["Tin huyện", "Kiên Thủy tin số 3", "Kiên Thủy tin số 2"]


def test_exact_accent_is_case_insensitive():
    make_article(title="Dien bien phuc tap", lead="Không dấu.")
    make_article(title="Tin tỉnh", body="<p>ĐIỆN BIÊN vào mùa lúa.</p>")

    assert found("điện biên") == ["Tin tỉnh", "Dien bien phuc tap"]
    assert found("dien bien") == ["Dien bien phuc tap", "Tin tỉnh"]


# ---------------------------------------------------------------------------------------------
# Snippets, count, pagination, filters
# ---------------------------------------------------------------------------------------------


def test_snippet_marks_the_words_in_the_original_accented_text(client):
    make_article(
        title="Chiến dịch mùa mưa",
        lead="Ngành y tế vào cuộc.",
        body="<p>" + "Nội dung mở đầu. " * 20 + "</p><p>Cảnh báo sốt xuất huyết ở Điện Biên.</p>",
    )

    content = get(client, q="sot xuat huyet dien bien")

    assert "<mark>sốt xuất huyết</mark> ở <mark>Điện Biên</mark>" in content
    assert "… " in content


def test_snippet_and_title_escape_everything(client):
    make_article(
        title="Tin <b>đậm</b> về sốt rét",
        body="<p>Mã độc &lt;script&gt;alert(1)&lt;/script&gt; giả danh tin sốt rét.</p>",
    )

    content = get(client, q="sot ret")

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content
    assert "Tin &lt;b&gt;đậm&lt;/b&gt; về <mark>sốt rét</mark>" in content
    assert "<b>đậm</b>" not in content


def test_snippet_of_a_title_only_match_is_the_start_of_the_lead():
    query = search.parse_query("tiêm chủng")
    text = "Sở Y tế tổ chức hội nghị. " + "Từ khác. " * 40

    result = shown(search.snippet(text, query))

    assert result.startswith("Sở Y tế tổ chức hội nghị.")
    assert result.endswith(" …")
    assert "<mark>" not in result


def shown(parts):
    """A title or snippet as the results page writes it."""
    return render_to_string("includes/marked.html", {"parts": parts})


def test_a_snippet_escapes_the_text_and_marks_only_the_query_words():
    query = search.parse_query("sot")

    result = shown(search.snippet("<b>Sốt</b> & sởi", query))

    assert result == "&lt;b&gt;<mark>Sốt</mark>&lt;/b&gt; &amp; sởi"


def test_snippet_marks_the_right_words_when_folding_changes_the_length():
    query = search.parse_query("sot ret")

    result = shown(search.snippet("Straße ﬁ và x\u0301 rồi: sốt rét ở Gia Lai.", query))

    assert result == "Straße ﬁ và x\u0301 rồi: <mark>sốt rét</mark> ở Gia Lai."


def test_snippet_of_a_match_at_the_end_shows_the_words_before_it():
    query = search.parse_query("sot ret")
    text = " ".join(f"từ{number}" for number in range(100)) + " cảnh báo sốt rét."

    result = shown(search.snippet(text, query))

    assert result.startswith("… từ74 từ75")
    assert result.endswith("cảnh báo <mark>sốt rét</mark>.")
    assert len(result.split()) == 1 + 30


def test_highlight_marks_whole_words_only():
    query = search.parse_query("an")

    assert shown(search.highlight("An toàn, an ninh và Anh", query)) == (
        "<mark>An</mark> toàn, <mark>an</mark> ninh và Anh"
    )


def test_result_count(client, fevers):
    assert '<p class="count" role="status">3 bài viết</p>' in get(client, q="sot")
    assert '<p class="count" role="status">1 bài viết</p>' in get(client, q='"sot xuat huyet"')


def test_a_query_without_results_says_so_once(client, fevers):
    content = get(client, q="dien bien")

    assert '<p class="count" role="status">Không tìm thấy kết quả nào cho “dien bien”.</p>' in (
        content
    )
    assert "0 bài viết" not in content
    assert "Không tìm thấy bài viết nào" not in content
    assert 'id="ket-qua-bai-viet"' not in content


def test_a_word_completed_without_results_is_not_announced(client, fevers):
    content = get(client, q="Sốt xuất huyết Bi")

    assert content.count("Không tìm thấy") == 1
    assert "bắt đầu bằng" not in content


def test_names_found_without_articles_say_only_that_no_article_was_found(client):
    make_official("Trần Thị Thu")

    content = get(client, q="Trần Thị Thu")

    assert 'id="ket-qua-can-bo"' in content
    assert content.count("Không tìm thấy") == 1
    assert "<p>Không tìm thấy bài viết nào.</p>" in content
    assert "0 bài viết" not in content


def test_pagination_keeps_q_and_filters(client):
    province = make_province(name="Sơn La")
    for number in range(25):
        make_article(title=f"Tiêm vắc xin đợt {number}", province=province)

    first = get(client, q="vac xin", tinh=province.slug)
    second = get(client, q="vac xin", tinh=province.slug, page=2)

    assert "25 bài viết" in first
    assert len(cards(first)) == 20
    assert f'href="?q=vac+xin&amp;tinh={province.slug}&amp;page=2"' in first
    assert len(cards(second)) == 5
    assert f'href="?q=vac+xin&amp;tinh={province.slug}&amp;page=1"' in second
    assert not set(cards(first)) & set(cards(second))


@pytest.mark.parametrize("page_number", ["abc", "2", "999", "-1", "0", "1" * 5000])
def test_a_bad_page_number_is_a_vietnamese_404(client, fevers, page_number):
    response = client.get(URL, {"q": "sot", "page": page_number})

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_first_and_last_pages_of_results_exist(client, fevers):
    assert len(cards(get(client, q="sot", page="1"))) == 3
    assert len(cards(get(client, q="sot", page="last"))) == 3
    assert cards(get(client, q="khong co bai nay", page="1")) == []


def test_past_the_limit_the_best_matches_are_shown_with_a_pointer_to_the_filters(
    client, monkeypatch
):
    monkeypatch.setattr(search, "MAX_RESULTS", 4)
    son_la = make_province(name="Sơn La")
    titles = [f"Tiêm vắc xin đợt {number}" for number in range(6)]
    for number, title in enumerate(titles):
        make_article(title=title, province=son_la if number < 2 else None)

    everything = get(client, q="vac xin")
    narrowed = get(client, q="vac xin", tinh=son_la.slug)

    assert "Hơn 4 bài viết, xếp từ khớp nhất" in everything
    assert cards(everything) == titles[:1:-1]  # the four newest
    assert "Chọn tỉnh, chuyên mục hay khoảng thời gian" in everything
    assert "2 bài viết" in narrowed
    assert cards(narrowed) == titles[1::-1]
    assert "Chọn tỉnh, chuyên mục hay khoảng thời gian" not in narrowed


def test_search_combines_with_the_news_filters(client):
    dien_bien, lao_cai = make_province(name="Điện Biên"), make_province(name="Lào Cai")
    category = Category.objects.create(name="Phòng bệnh")
    make_article(title="Tiêm phòng sởi ở Điện Biên", province=dien_bien, category=category)
    make_article(title="Tiêm phòng sởi ở Lào Cai", province=lao_cai, category=category)
    make_article(title="Tin khác ở Điện Biên", province=dien_bien)

    assert cards(get(client, q="soi", tinh="dien-bien")) == ["Tiêm phòng sởi ở Điện Biên"]
    assert len(cards(get(client, q="soi", chuyen_muc=category.slug))) == 2
    assert cards(get(client, q="soi", tinh="dien-bien", tu_ngay="01/01/2999")) == []


def test_an_invalid_filter_gives_a_message_not_results(client, fevers):
    content = get(client, q="sot", tinh="khong-co-tinh-nay")

    assert "Bộ lọc không hợp lệ" in content
    assert cards(content) == []


# ---------------------------------------------------------------------------------------------
# What readers must never find
# ---------------------------------------------------------------------------------------------


def test_drafts_reviews_and_scheduled_articles_are_never_found(client):
    make_article(title="Bản nháp về bạch hầu", status=Article.Status.DRAFT)
    make_article(title="Bài chờ duyệt về bạch hầu", status=Article.Status.IN_REVIEW)
    make_article(
        title="Bài hẹn giờ về bạch hầu",
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )
    make_article(title="Bài đã đăng về bạch hầu")

    assert found("bach hau") == ["Bài đã đăng về bạch hầu"]
    assert cards(get(client, q="bạch hầu")) == ["Bài đã đăng về bạch hầu"]


def test_a_scheduled_article_is_found_when_its_time_comes_without_reindexing():
    scheduled = make_article(
        title="Bài hẹn giờ về bạch hầu",
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )
    assert found("bach hau") == []

    # Time passes: nothing but the publication time compares differently.
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert found("bach hau") == ["Bài hẹn giờ về bạch hầu"]


# ---------------------------------------------------------------------------------------------
# Keeping the index current
# ---------------------------------------------------------------------------------------------


def test_no_index_row_survives_from_an_earlier_test_part_one():
    make_article(title="Chỉ có trong một bài kiểm thử: lưu huỳnh")

    assert found("luu huynh") == ["Chỉ có trong một bài kiểm thử: lưu huỳnh"]
    assert search.index_size() == Article.objects.count() == 1


def test_no_index_row_survives_from_an_earlier_test_part_two():
    # The previous test's row went with its transaction (an FTS5 table is an ordinary table).
    assert search.index_size() == 0
    make_article(title="Bài khác")
    assert found("luu huynh") == []


def test_index_follows_create_edit_and_delete():
    article = make_article(title="Tiêm chủng bại liệt")
    assert found("bai liet") == ["Tiêm chủng bại liệt"]

    article.title = "Tiêm chủng sởi"
    article.lead = "Đợt tiêm mới."
    article.save()
    assert found("bai liet") == []
    assert found("soi dot tiem moi") == ["Tiêm chủng sởi"]

    article.delete()
    assert found("soi") == []
    assert search.index_size() == 0


def test_a_save_of_unrelated_fields_keeps_the_index():
    article = make_article(title="Tiêm chủng bại liệt")
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "version"])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)

    assert found("bai liet") == ["Tiêm chủng bại liệt"]


def test_queryset_delete_removes_rows():
    make_article(title="Tin xóa hàng loạt 1")
    make_article(title="Tin xóa hàng loạt 2")

    Article.objects.filter(title__startswith="Tin xóa").delete()

    assert search.index_size() == 0


def test_loaddata_indexes_the_fixtures(client):
    call_command("loaddata", "people", "articles", verbosity=0)

    assert search.index_size() == Article.objects.count() == 5
    titles = found("dien bien")
    assert "Sở Y tế Gặp mặt giao lưu với cán bộ học tập và công tác tại Hà Nội" in titles
    # "diễn biến" folds like "Điện Biên": the exact accents put the province's article first.
    assert (
        found("Điện Biên")[0]
        == titles[0]
        == ("Sở Y tế Gặp mặt giao lưu với cán bộ học tập và công tác tại Hà Nội")
    )
    content = get(client, q="Điện Biên")
    assert "<mark>Điện Biên</mark>" in content
    assert ">Sở Y tế Điện Biên</a>" in content  # the organisation section


def test_rebuild_command_catches_up_with_a_queryset_update():
    article = make_article(title="Tiêm chủng bại liệt")
    make_article(title="Bản nháp khác", status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(title="Tiêm chủng viêm não Nhật Bản")
    assert found("viem nao") == []

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert found("viem nao") == ["Tiêm chủng viêm não Nhật Bản"]
    assert found("bai liet") == []
    assert "2 bài viết (1 đang hiển thị cho bạn đọc)" in out.getvalue()


def test_index_articles_catches_up_with_bulk_create():
    Article.objects.bulk_create(
        [Article(title="Tin tạo hàng loạt về cúm", slug="tin-tao-hang-loat", status="draft")]
    )
    Article.objects.update(status=Article.Status.PUBLISHED, published_at=timezone.now())
    assert found("cum") == []

    assert search.index_articles(Article.objects.all()) == 1

    assert found("cum") == ["Tin tạo hàng loạt về cúm"]


def test_prune_removes_rows_of_articles_deleted_behind_django():
    make_article(title="Tin bị xóa thẳng trong cơ sở dữ liệu")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Article._meta.db_table}")
    assert search.index_size() == 1

    assert search.prune_index() == 1

    assert search.index_size() == 0


def test_the_migration_drops_and_recreates_the_index_with_every_article():
    make_article(title="Tin có trước chỉ mục về lao")
    migration = importlib.import_module("articles.migrations.0003_search_index")
    columns = importlib.import_module("articles.migrations.0009_search_tier_documents")

    class Editor:
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    from django.apps import apps

    migration.drop_index(apps, Editor())
    assert not search.index_exists()
    migration.create_index(apps, Editor())
    columns.add_columns(apps, Editor())

    assert search.index_exists()
    assert found("lao") == ["Tin có trước chỉ mục về lao"]


def test_the_index_is_the_vendor_index_the_issue_asks_for():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [search.INDEX_TABLE])
            assert "USING fts5(title, lead, body, exact_text UNINDEXED" in cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [search.INDEX_TABLE]
            )
            definitions = " ".join(row[0] for row in cursor.fetchall())
            assert "USING gin (document)" in definitions


def test_title_lead_and_body_are_weighted_apart_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the tsvector's weights")
    article = make_article(title="Sởi", lead="Quai bị", body="<p>Thủy đậu</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT document::text FROM {search.INDEX_TABLE} WHERE rowid = %s", [article.pk]
        )
        assert cursor.fetchone()[0] == "'bi':3B 'dau':5C 'quai':2B 'soi':1A 'thuy':4C"


def test_the_title_and_lead_tiers_read_their_own_columns_on_postgresql():
    """Matched against the title's (and the title and lead's) words stored in the row, not
    against the whole document with weight labels, which PostgreSQL reads whole for each
    row it checks (132 of 152 ms for the title tier of "sốt" at 100,000 articles)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the tsvector columns of the tiers")
    article = make_article(title="Sởi", lead="Quai bị sởi", body="<p>Thủy đậu</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT title_doc::text, head_doc::text FROM {search.INDEX_TABLE} WHERE rowid = %s",
            [article.pk],
        )
        assert cursor.fetchone() == ("'soi':1A", "'bi':3B 'quai':2B 'soi':1A,4B")
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [search.INDEX_TABLE])
        definitions = " ".join(row[0] for row in cursor.fetchall())
    with CaptureQueriesContext(connection) as queries:
        found("quai")
    tiers = [q["sql"] for q in queries if "@@" in q["sql"]]

    assert "USING gin (title_doc)" in definitions and "USING gin (head_doc)" in definitions
    assert "title_doc @@" in tiers[0] and "head_doc @@" in tiers[1]
    assert not [tier for tier in tiers[:2] if "document @@" in tier or "':A" in tier]


def test_postgresql_reads_each_tier_among_the_newest_first_and_finds_the_same(monkeypatch):
    """PostgreSQL reads every GIN match before it sorts: a tier is read among the newest ids
    first, then among more while the rate of matches could fill the page, then whole; each
    way gives what the whole table gives."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's FTS5 reads its matches newest first")
    in_title = {0, 1, 2, 3, 4, 6, 10}
    for number in range(12):
        if number in in_title:
            make_article(title=f"Vắc xin đợt {number}")
        else:
            make_article(title=f"Tiêm chủng đợt {number}", lead="Vắc xin mới.")
    titles = dict(Article.objects.values_list("pk", "title"))

    def results(windows, limit):
        monkeypatch.setattr(search.engine, "NEWEST_WINDOWS", windows)
        with CaptureQueriesContext(connection) as queries:
            ids, _query = search.search_articles(search.parse_query("vac xin"), limit=limit)
        return [titles[pk] for pk in ids], [q["sql"] for q in queries if "@@" in q["sql"]]

    limits = (1, 2, 3, 14)
    whole = {limit: results((), limit) for limit in limits}
    windowed = {limit: results((3, 8), limit) for limit in limits}

    assert whole[3][0] == ["Vắc xin đợt 10", "Vắc xin đợt 6", "Vắc xin đợt 4"]
    assert len(whole[14][0]) == 12
    assert {limit: found for limit, (found, _sql) in windowed.items()} == {
        limit: found for limit, (found, _sql) in whole.items()
    }
    # 1: the newest 3 hold one. 2: at that rate the newest 8 hold two or more (they do).
    # 3: they would not; the whole tier, read through the GIN index. 14: so in each tier.
    assert [len(sql) for _found, sql in windowed.values()] == [1, 2, 2, 6]
    assert all('"rowid" > ' in sql for sql in windowed[2][1])
    assert '"rowid" > ' not in windowed[3][1][1] and '"rowid" + 0' in windowed[3][1][1]
    assert not [sql for _found, sqls in whole.values() for sql in sqls if "+ 0" in sql]


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

HOSTILE = [
    "AND",
    "OR",
    "NOT",
    "dien AND bien",
    "NEAR(",
    "NEAR(dien bien, 2)",
    "*",
    "dien*",
    "^",
    "^dien",
    ":",
    "title:dien",
    "{title lead}: dien",
    "-dien",
    "+",
    "(",
    ")",
    "()",
    '"',
    '""',
    '"""',
    '"dien',
    'dien"',
    '"dien" "',
    "'",
    "';",
    "'; DROP TABLE articles_article; --",
    "'; DROP TABLE articles_article_fts; --",
    "\\",
    "%",
    "%s",
    "%(q)s",
    "a:*",
    "dien <-> bien",
    "dien & | ! bien",
    "'dien':*",
    "\x00",
    "dien\x00bien",
    "😀",
    "x" * 5000,
    "dien " * 1000,
    "!!! ??? ...",
    "",
    "   ",
    "²",
    "ß",
    "_",
]


@pytest.mark.parametrize("q", HOSTILE, ids=lambda q: repr(q[:30]))
def test_hostile_queries_never_fail(client, fevers, q):
    content = get(client, q=q)

    assert "<h1>Tìm kiếm</h1>" in content
    ids, _query = search.search_articles(search.parse_query(q))
    assert ids == []
    assert Article.objects.count() == 3
    assert search.index_size() == 3


@pytest.mark.parametrize("q", ["AND", "NEAR", "NOT"])
def test_operator_words_are_ordinary_words(q):
    make_article(title=f"Tin có chữ {q} viết hoa")

    assert found(q) == [f"Tin có chữ {q} viết hoa"]
    assert found(q.lower()) == found(q)


def test_a_query_of_5000_characters_gets_a_vietnamese_message(client, fevers):
    content = get(client, q="sot " * 1250)

    assert "Từ khóa quá dài: hãy gõ tối đa 200 ký tự." in content
    assert cards(content) == []


def test_a_query_without_letters_or_digits_gets_a_message(client):
    content = get(client, q="!!! ??? ...")

    assert "Hãy gõ ít nhất một từ có chữ cái hoặc chữ số để tìm." in content


def test_only_the_first_twelve_words_are_used(client):
    make_article(title="Một hai ba bốn năm sáu bảy tám chín mười trăm nghìn")
    words = "mot hai ba bon nam sau bay tam chin muoi tram nghin trieu ty"

    content = get(client, q=words)

    assert "Chỉ 12 từ đầu tiên được dùng để tìm." in content
    assert cards(content) == ["Một hai ba bốn năm sáu bảy tám chín mười trăm nghìn"]
    query = search.parse_query(words)
    assert sum(len(term.words) for term in query.terms) == 12


def test_an_empty_query_shows_the_form_only(client, fevers):
    content = get(client)

    assert (
        "Nhập từ khóa để tìm bài viết, cán bộ, cơ quan, đơn vị, tỉnh, thành phố và ngày kỷ niệm."
        in content
    )
    assert 'id="ket-qua-bai-viet"' not in content


# ---------------------------------------------------------------------------------------------
# Unfinished last word
# ---------------------------------------------------------------------------------------------


def test_an_unfinished_last_word_is_completed_only_when_nothing_matches_it_whole(client):
    make_article(title="Sở Y tế Điện Biên họp giao ban")
    make_article(title="Bệnh viện Bình Định")

    assert found("dien bi") == ["Sở Y tế Điện Biên họp giao ban"]
    assert found("dien bi.") == []  # punctuation ends the word
    assert found('"dien bi"') == []  # a phrase is taken as typed
    content = get(client, q="Điện Bi")
    assert "<mark>Điện Biên</mark>" in content
    assert "đây là các bài có từ bắt đầu bằng “Bi”" in content


# ---------------------------------------------------------------------------------------------
# Officials and organisations
# ---------------------------------------------------------------------------------------------


def test_officials_and_organisations_come_first_at_most_five_each(client):
    province = make_province(name="Hà Giang")
    for number in range(7):
        make_official(f"Nguyễn Thị Giang{number}")
    make_official("Phạm Giang Nam")
    make_official("Giàng Thị Dung")
    make_organisation(name="Sở Y tế Hà Giang", province=province)
    make_organisation(name="Bệnh viện Đa khoa tỉnh Hà Giang", province=province)
    make_organisation(name="Sở Y tế Điện Biên")
    make_article(title="Hà Giang khám bệnh miễn phí")

    content = get(client, q="Giàng")

    officials = content.split('id="ket-qua-can-bo"')[1].split("</section>")[0]
    organisations = content.split('id="ket-qua-don-vi"')[1].split("</section>")[0]
    assert officials.count('class="card"') == 2
    assert officials.index("Giàng Thị Dung") < officials.index("Phạm Giang Nam")
    assert organisations.count('class="card"') == 2
    assert "Sở Y tế Điện Biên" not in organisations
    assert (
        content.index('id="ket-qua-can-bo"')
        < content.index('id="ket-qua-don-vi"')
        < content.index('id="ket-qua-bai-viet"')
    )
    many = get(client, q="thi")
    assert many.split('id="ket-qua-can-bo"')[1].split("</section>")[0].count('class="card"') == 5
    assert '5 trong số 8 cán bộ có tên khớp · <a href="/can-bo/?ten=thi">xem tất cả</a>' in many


def test_the_rest_of_the_names_are_one_link_away(client):
    for number in range(7):
        make_organisation(name=f"Trạm Y tế xã Tân Lập {number}")
    make_organisation(name="Trạm Y tế xã Tân An")

    content = get(client, q="Tân Lập")
    rest = client.get(reverse("directory:organisation_list"), {"ten": "Tân Lập"})

    assert (
        '5 trong số 7 đơn vị có tên khớp · <a href="/don-vi/?ten=T%C3%A2n+L%E1%BA%ADp">'
        "xem tất cả</a>"
    ) in content
    assert [organisation.name for organisation in rest.context["object_list"]] == [
        f"Trạm Y tế xã Tân Lập {number}" for number in range(7)
    ]


def test_provinces_and_commemorative_days_are_found_too(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    make_province(
        name="Thừa Thiên Huế",
        valid_to=datetime.date(2024, 12, 31),
        successor=hue,
        change="nang-cap",
    )
    make_event(name="Ngày Thầy thuốc Việt Nam")

    places = get(client, q="hue")
    days = get(client, q="thầy thuốc")

    provinces = places.split('id="ket-qua-tinh"')[1].split("</section>")[0]
    assert '<a href="/tinh-thanh/hue/">Thành phố Huế</a>' in provinces
    assert '<a href="/tinh-thanh/thua-thien-hue/">Tỉnh Thừa Thiên Huế</a>' in provinces
    assert "<span>Nay là thành phố Huế</span>" in provinces
    events = days.split('id="ket-qua-ngay-ky-niem"')[1].split("</section>")[0]
    assert 'lang="vi">Ngày Thầy thuốc Việt Nam</a>' in events


def test_a_name_ranks_the_whole_name_first_and_leaves_out_scattered_words(client):
    make_article(
        title="Thăm bác sĩ Trần Thị Thu", published_at=timezone.now() - datetime.timedelta(days=3)
    )
    make_article(title="Trạm y tế thị trấn Trần Phú vượt qua thử thách")
    make_article(title="Kiểm tra thị trấn, thu gom rác trên đường Trần Hưng Đạo")

    content = get(client, q="Trần Thị Thu")

    assert cards(content) == ["Thăm bác sĩ Trần Thị Thu"]
    assert "<mark>Trần Thị Thu</mark>" in content
    assert "thử" not in content.split('id="ket-qua-bai-viet"')[1]


def test_a_name_not_found_whole_is_found_by_its_words():
    make_article(title="Ông Trần Văn Thu và bà Nguyễn Thị Mai")

    assert found("Trần Thu") == ["Ông Trần Văn Thu và bà Nguyễn Thị Mai"]
    assert found("Trần Văn Thu") == ["Ông Trần Văn Thu và bà Nguyễn Thị Mai"]


def test_only_a_query_written_as_a_name_is_taken_as_one():
    assert search.parse_query("Trần Thị Thu").name
    assert search.parse_query("Tran Thi Thu").name
    assert not search.parse_query("trần thị thu").name
    assert not search.parse_query("Sở Y tế").name
    assert not search.parse_query("Huế").name
    assert not search.parse_query('"Trần Thị" Thu').name


def test_names_rank_the_whole_name_first():
    for name in ("Trần Thu Thị", "Trần Thị Thu", "Lê Thị Thu Trần"):
        make_official(name)

    officials, total = search.search_names(
        search.parse_query("tran thi thu"), Official.objects, "full_name"
    )

    assert officials[0].full_name == "Trần Thị Thu"
    assert total == 3


def test_names_match_whole_folded_words():
    for name in ("Trần Văn Anh", "Lê Thị An", "Đỗ An", "Hà Ân"):
        make_official(name)

    officials, total = search.search_names(search.parse_query("AN"), Official.objects, "full_name")

    # Exact accents first, then the directory's order (given name, then family name: Đ < L).
    assert [official.full_name for official in officials] == ["Đỗ An", "Lê Thị An", "Hà Ân"]
    assert total == 3


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def test_the_page_is_accessible_and_has_no_inline_script_or_style(client, fevers):
    content = get(client, q="sot")

    assert "<h1>Tìm kiếm</h1>" in content
    assert '<form role="search" method="get" action="/tim-kiem/"' in content
    assert '<label for="tu-khoa">Từ khóa</label>' in content
    assert '<input type="search" id="tu-khoa" name="q" value="sot"' in content
    assert '<meta name="robots" content="noindex, follow">' in content
    # The site's one static script (base.html), nothing inline.
    assert re.findall(r"<script[^>]*>", content) == ['<script src="/static/js/site.js" defer>']
    assert "<style" not in content
    assert " style=" not in content
    assert content.count('<article class="card">') == 3


def test_the_typed_query_is_escaped_in_the_form(client):
    content = get(client, q='"><script>alert(1)</script>')

    assert "<script>alert(1)</script>" not in content
    assert "&quot;&gt;&lt;script&gt;" in content


def test_the_page_answers_in_english_too(client, fevers):
    assert cards(get_english(client, "sot")) == cards(get(client, q="sot"))


def get_english(client, q):
    response = client.get(f"/en{URL}", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def queries_for_a_results_page(client, count, committed):
    with committed(execute=True):
        province = make_province(name=f"Tỉnh {count}")
        category = Category.objects.create(name=f"Chuyên mục {count}")
        for number in range(count):
            make_article(title=f"Tin quai bị số {number}", province=province, category=category)
    with CaptureQueriesContext(connection) as context:
        content = get(client, q="quai bi")
    assert f"{count} bài viết" in content
    return len(context.captured_queries)


def test_a_results_page_takes_a_fixed_number_of_queries(client, django_capture_on_commit_callbacks):
    one = queries_for_a_results_page(client, 1, django_capture_on_commit_callbacks)
    Article.objects.all().delete()
    fifty = queries_for_a_results_page(client, 50, django_capture_on_commit_callbacks)

    assert one == fifty
    # The filter form's six lists; officials, organisations, provinces and commemorations
    # (their names); documents; the match; the page's articles and their photos. PostgreSQL
    # first reads the index's newest window (the first tier looks there).
    assert one <= (16 if connection.vendor == "postgresql" else 15)
