"""The import_articles command: dry run, drafts, idempotency, and a batch that is all or nothing."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from articles.importing import saving
from articles.models import Article, Figure, OfficialMention

pytestmark = pytest.mark.django_db

SEEDS = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))


def run(*args):
    out = io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out)
    return out.getvalue()


def counts():
    return Article.objects.count(), Figure.objects.count(), OfficialMention.objects.count()


@pytest.fixture
def people(db):
    call_command("loaddata", "people", verbosity=0)


def test_dry_run_shows_each_field_and_saves_nothing(people):
    output = run(SEEDS[3], "--dry-run")

    assert Article.objects.count() == 0
    assert "== 003_754e9b2d45fb362d.txt" in output
    assert "[cần đặt tiêu đề: đề xuất từ sapo]" in output
    assert "Diễn ra: 18/2/năm chưa rõ (“sáng 18-2”)" in output
    assert "Nguồn tin: HPĐT" in output
    assert "Chưa có trong dữ liệu: Nguồn tin chưa có: HPĐT" in output
    assert output.count("Chú thích ảnh (sau ") == 3
    assert "Cán bộ: Lê Khắc Nam — Phó Chủ tịch UBND thành phố Hải Phòng" in output
    assert "Đã bỏ: Tag:\nĐã bỏ: File đính kèm\nĐã bỏ: /" in output
    assert "Lưu ý: Năm diễn ra chưa rõ: biên tập viên cần xác định (không tự đoán)." in output
    assert output.endswith("Chạy thử (--dry-run): không lưu gì.\n")


def test_import_creates_drafts_linked_to_their_file(people):
    output = run(SEEDS[2], SEEDS[4])

    articles = list(Article.objects.order_by("pk"))
    assert [(a.import_file_name, a.status) for a in articles] == [
        (SEEDS[2].name, Article.Status.DRAFT),
        (SEEDS[4].name, Article.Status.DRAFT),
    ]
    assert [a.figures.count() for a in articles] == [3, 3]
    assert [a.mentions.count() for a in articles] == [2, 2]
    assert [a.revisions.get().note for a in articles] == [
        f"Nhập từ tệp {SEEDS[2].name}",
        f"Nhập từ tệp {SEEDS[4].name}",
    ]
    assert "Đã nhập 2 bản nháp." in output


def test_importing_the_same_file_twice_creates_nothing_new(people):
    run(*SEEDS)
    before = counts()

    output = run(SEEDS[0], SEEDS[1])

    assert counts() == before
    assert f"Bỏ qua {SEEDS[0].name}: đã nhập trước đây" in output
    assert "Đã nhập 0 bản nháp." in output


def test_the_same_text_twice_in_one_batch_is_one_draft(people, tmp_path):
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(b"\xef\xbb\xbf" + SEEDS[0].read_bytes().replace(b"\n", b"\r\n"))

    output = run(SEEDS[0], copy)

    assert Article.objects.count() == 1
    assert "Bỏ qua ban-sao.txt: đã nhập trước đây" in output


def test_a_bad_second_file_of_three_saves_nothing_and_names_it(people, tmp_path):
    bad = tmp_path / "anh.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    before = counts()

    with pytest.raises(CommandError) as error:
        run(SEEDS[0], bad, SEEDS[1])

    assert counts() == before
    assert str(error.value) == (
        "Tệp anh.txt: tệp không phải văn bản (có byte NUL, có thể là tệp nhị phân). "
        "Không bài nào được nhập."
    )


def test_a_database_error_on_a_later_article_rolls_back_the_whole_batch(
    people, monkeypatch, caplog
):
    run(SEEDS[4])
    before = counts()
    create = saving._create_article

    def fail_on_the_third(plan, user):
        if plan.name == SEEDS[2].name:
            raise DatabaseError("disk I/O error")
        return create(plan, user)

    monkeypatch.setattr(saving, "_create_article", fail_on_the_third)

    with pytest.raises(CommandError) as error:
        run(SEEDS[0], SEEDS[1], SEEDS[2], SEEDS[3])

    assert counts() == before
    assert str(error.value).startswith(f"Tệp {SEEDS[2].name}: lỗi cơ sở dữ liệu khi lưu")
    assert "disk I/O error" not in str(error.value) and "disk I/O error" in caplog.text


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "khong-co.txt")

    assert str(error.value).startswith("Tệp khong-co.txt: không đọc được tệp")


def test_the_command_exits_non_zero_without_a_traceback(tmp_path):
    database = tmp_path / "db.sqlite3"
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{database}")

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )

    manage("migrate", "-v0")
    failed = manage("import_articles", SEEDS[0], empty, SEEDS[1])
    counted = manage(
        "shell", "-v0", "-c", "from articles.models import Article as A; print(A.objects.count())"
    )

    assert failed.returncode == 1
    assert failed.stderr.strip() == "CommandError: Tệp rong.txt: tệp rỗng. Không bài nào được nhập."
    assert counted.stdout.strip() == "0"
