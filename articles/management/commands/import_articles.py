"""Import plain-text articles as drafts; --dry-run shows what was understood and saves nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing import ImportRefused, prepare, read_path, save_batch
from articles.importing.linking import VIETNAM


def _date(value, precision):
    if value is None:
        return "—"
    shown = value.strftime("%d/%m/%Y %H:%M:%S" if precision == "exact" else "%d/%m/%Y")
    labels = {"exact": "rõ ngày và giờ", "date": "chỉ rõ ngày", "estimated": "ước tính"}
    return f"{shown} ({labels.get(precision, precision)})"


def _event(plan):
    parsed = plan.parsed
    if not parsed.event_date_text:
        return "—"
    if not parsed.event_month:
        return f"“{parsed.event_date_text}” (không rõ ngày)"
    year = plan.event_year or "năm chưa rõ"
    inferred = ", năm suy ra" if plan.event_year_inferred else ""
    return f"{parsed.event_day}/{parsed.event_month}/{year} (“{parsed.event_date_text}”{inferred})"


def describe(plan):
    """The report of one file: every field the import understood, one per line."""
    parsed = plan.parsed
    title = parsed.title + ("  [cần đặt tiêu đề: đề xuất từ sapo]" if parsed.needs_title else "")
    source = parsed.source_code or "—"
    if plan.source_outlet:
        source = str(plan.source_outlet)
    elif plan.new_source_code:
        source = f"{plan.new_source_code} (nguồn tin mới: sẽ được tạo, cần bổ sung tên)"
    lines = [
        f"== {plan.name}",
        f"Tiêu đề: {title}",
        f"Xuất bản: {_date(plan.published_at, plan.published_precision)}",
        f"Diễn ra: {_event(plan)}",
        f"Nguồn tin: {source}",
        f"Tác giả: {parsed.byline or '—'}",
        f"Trích nguồn: {parsed.credit_line or '—'}",
        f"Sapo: {parsed.lead}",
    ]
    lines += [f"Đoạn {n}: {text}" for n, text in enumerate(parsed.paragraphs, start=1)]
    lines += [
        f"Chú thích ảnh (sau {c.position} đoạn): {c.text}  [{c.reason}]" for c in parsed.captions
    ]
    if plan.commemoration:
        lines.append(f"Ngày kỷ niệm: {plan.commemoration.name} năm {plan.commemoration_year}")
    if plan.province:
        lines.append(f"Tỉnh, thành phố: {plan.province.name}")
    lines += [
        f"Cán bộ: {m.official.display_name}"
        + (f" — {m.position.label}" if m.position else "")
        + f" (“{m.as_written}”)"
        for m in plan.mentions
    ]
    lines += [f"Cơ quan, đơn vị: {organisation.name}" for organisation in plan.organisations]
    lines += [f"Chưa có trong dữ liệu: {name}" for name in plan.not_found]
    lines += [f"Đã bỏ: {furniture}" for furniture in parsed.furniture]
    lines += [f"Lưu ý: {note}" for note in plan.notes]
    if plan.duplicate_of:
        lines.append(f"Đã nhập trước đây: bài #{plan.duplicate_of.pk} «{plan.duplicate_of.title}»")
    elif plan.published_twin:
        lines.append(f"Cảnh báo: {_twin(plan.published_twin)}")
    return lines


def _twin(article):
    day = article.published_at.astimezone(VIETNAM).strftime("%d/%m/%Y")
    return f"bài #{article.pk} «{article.title}» cùng tiêu đề và ngày đã xuất bản ({day})"


class Command(BaseCommand):
    help = "Import plain-text (.txt) articles as drafts; one bad file stops the batch."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what each file holds; save nothing."
        )
        parser.add_argument(
            "--copy",
            action="store_true",
            help="Import an article already published (same title and date) as a new draft too.",
        )

    def handle(self, *args, files, dry_run, copy, **options):
        try:
            plans = prepare((path.name, read_path(path)) for path in files)
            for plan in plans:
                plan.import_anyway = copy
                self.stdout.write("\n".join(describe(plan)) + "\n")
            if dry_run:
                self.stdout.write("Chạy thử (--dry-run): không lưu gì.")
                return
            results = save_batch(plans)
        except ImportRefused as refused:
            raise CommandError(
                f"Tệp {refused.name}: {refused.reason} Không bài nào được nhập."
            ) from None
        for result in results:
            if result.created:
                self.stdout.write(
                    f"Đã tạo bản nháp #{result.article.pk} từ {result.plan.name}: "
                    f"{result.article.title}"
                )
            elif result.skipped == "published":
                self.stdout.write(
                    self.style.WARNING(
                        f"Bỏ qua {result.plan.name}: {_twin(result.article)}; "
                        "dùng --copy nếu vẫn muốn nhập thành bản nháp mới."
                    )
                )
            else:
                self.stdout.write(
                    f"Bỏ qua {result.plan.name}: đã nhập trước đây "
                    f"(bài #{result.article.pk}), không tạo gì mới."
                )
        created = sum(result.created for result in results)
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {created} bản nháp."))
