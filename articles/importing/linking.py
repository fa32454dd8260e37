"""A parsed article against the database: the people, places and days it names that are known.

Reads only. Matching is on vn_fold (no case, no diacritics, so no tone placement either):
"Kiến Thuỵ" meets "Kiến Thụy". Names that look like people or bodies but are not known are
listed for the editor, never created here.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from articles.importing.parsing import ParsedArticle
from articles.importing.reading import content_hash
from articles.models import Article, CommemorativeEvent, SourceOutlet
from healthnews.text import vn_fold
from people.models import Official, Organisation, Position, Province

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Words that introduce a person's name: "đồng chí Lê Khắc Nam, Phó chủ tịch ...".
_HONORIFIC = re.compile(
    r"(?<!\w)(?:đồng chí|bác sĩ|bác sỹ|ông|bà|(?:(?:GS|PGS|TS|ThS|BS|BSCKII|BSCKI|DS|CN)\.?)+)\s+",
    re.IGNORECASE,
)
# "Name, Position" or "Name – Position".
_NAME_POSITION_SEPARATOR = re.compile(r"\s*(?:,|–|—|-)\s+(?=\w)")
# Words that can continue the name of a body after a position title: "Giám đốc Sở Y tế".
_BODY_WORDS = {
    "tế", "tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị", "ủy", "uỷ", "ban",
    "nhân", "dân", "trực", "thường", "chủ", "tịch", "trưởng", "ương", "viện", "tâm", "trạm",
}  # fmt: skip
# Known kinds of body, for names that are not known yet: "Trung tâm Y tế huyện Kiến Thụy".
_BODY_KIND = re.compile(
    r"(?<!\w)(?:Sở Y tế|Trung tâm Y tế|Trạm Y tế|Trung tâm Kiểm soát bệnh tật|UBND|HĐND|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ)"
    r"(?P<unit> (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường))? "
)
# The most common Vietnamese family names, folded: a body's name rarely starts with one.
_FAMILY_NAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "giang", "dinh", "mai", "trinh", "truong", "lam", "luong", "cao",
    "ha", "thai", "ta",
}  # fmt: skip
_NAME_MIN_WORDS, _NAME_MAX_WORDS = 2, 4
_WINDOW = 90


@dataclass
class Mention:
    official: Official
    position: Position | None
    as_written: str


@dataclass
class ImportPlan:
    """A parsed article, what it was linked to, and what was inferred: ready to save."""

    parsed: ParsedArticle
    content_hash: str
    duplicate_of: Article | None = None  # the same text, imported before: never saved again
    published_twin: Article | None = None  # same title and date, already published
    import_anyway: bool = False  # the editor asked for a copy of the published twin
    source_outlet: SourceOutlet | None = None
    new_source_code: str = ""  # an outlet not known yet: created, flagged, when saving
    province: Province | None = None
    provinces_named: list[Province] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    commemoration: CommemorativeEvent | None = None
    commemoration_year: int | None = None
    event_year: int | None = None
    event_year_inferred: bool = False
    published_at: datetime.datetime | None = None
    published_precision: str = ""
    not_found: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)

    @property
    def name(self):
        return self.parsed.name

    @property
    def precision_label(self):
        if not self.published_precision:
            return ""
        return Article.DatePrecision(self.published_precision).label

    @property
    def notes(self):
        return [*self.parsed.notes, *self.inferred]

    @property
    def will_be_saved(self):
        """Whether confirming creates a draft from this file."""
        return self.duplicate_of is None and (self.published_twin is None or self.import_anyway)


class _Folded:
    """A text folded with vn_fold character by character, so a match maps back to the text."""

    def __init__(self, text):
        self.text = text
        folded, starts = [], []
        for index, ch in enumerate(text):
            piece = _fold_char(ch)
            folded.append(piece)
            starts.extend([index] * len(piece))
        self.folded = "".join(folded)
        self.starts = [*starts, len(text)]

    def find_all(self, needle):
        """(start, end) in the original text of each whole-word occurrence of a folded needle."""
        if not needle:
            return []
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
        return [
            (self.starts[m.start()], self.starts[m.end()]) for m in pattern.finditer(self.folded)
        ]


@cache
def _fold_char(ch):
    return vn_fold(ch) if ch.strip() else ch


def _longest_first(rows, key):
    """Rows with their folded names, longest first, so that "Thừa Thiên Huế" beats "Huế"."""
    named = [(vn_fold(key(row)), row) for row in rows]
    return sorted([pair for pair in named if pair[0]], key=lambda pair: -len(pair[0]))


def _find_named(folded, rows, key):
    """Each row whose name occurs, with its spans; a span a longer name took is skipped."""
    taken, found = [], {}
    for needle, row in _longest_first(rows, key):
        for start, end in folded.find_all(needle):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.setdefault(row.pk, (row, []))[1].append((start, end))
    return list(found.values())


def _capitalised_name(text, start):
    """The run of 2-4 capitalised words at start ("Lê Khắc Nam"), or ""."""
    words = []
    for match in re.finditer(r"\S+", text[start:]):
        word = match.group(0)
        bare = word.rstrip(",.;:–—-)")
        if not bare or not bare.isalpha() or not bare[0].isupper():
            break
        words.append(bare)
        if bare != word or len(words) == _NAME_MAX_WORDS:
            break
    return " ".join(words) if len(words) >= _NAME_MIN_WORDS else ""


def _phrase_after(text, start):
    """The position written after a name: its words while they read like a title and a body."""
    words = []
    for match in re.finditer(r"\S+", text[start:]):
        word = match.group(0)
        bare = word.rstrip(",.;:()")
        if not bare or not (bare[0].isupper() or bare.lower() in _BODY_WORDS or len(words) < 2):
            break
        words.append(bare)
        if bare != word or len(words) == 8:
            break
    return " ".join(words)


def _link_officials(plan, folded, text, person_spans):
    officials = Official.objects.prefetch_related("positions__organisation")
    found = _find_named(folded, officials, key=lambda official: official.full_name)
    for official, spans in found:
        person_spans.extend(spans)
        best, written = None, ""
        for start, end in spans:
            after = text[end : end + _WINDOW]
            separator = _NAME_POSITION_SEPARATOR.match(after)
            after_title = vn_fold(after[separator.end() :]) if separator else ""
            before = vn_fold(text[max(0, start - _WINDOW) : start])
            for position in official.positions.all():
                title = vn_fold(position.title)
                written_after = after_title.startswith(title)
                written_before = re.search(rf"{re.escape(title)}\b[^,.;]*$", before)
                longer = best is None or len(title) > len(vn_fold(best.title))
                if (written_after or written_before) and longer:
                    best = position
                    written = _as_written(text, start, end, separator, title, before)
        if not written:
            start, end = spans[0]
            written = _as_written(text, start, end, None, "", "")
        plan.mentions.append(Mention(official, best, written))


def _as_written(text, start, end, separator, title, before):
    """The words of the text that name the official and the post: "đồng chí X, Giám đốc Sở Y tế"."""
    honorific = None
    for match in _HONORIFIC.finditer(text, max(0, start - 30), start):
        if match.end() == start:
            honorific = match
    begin = honorific.start() if honorific else start
    if separator and title:
        phrase_start = end + separator.end()
        return text[begin:phrase_start] + _phrase_after(text, phrase_start)
    if title:
        offset = before.rfind(title)
        window_start = max(0, start - _WINDOW)
        return text[window_start + offset : end]
    return text[begin:end]


def _unknown_people(plan, text, person_spans):
    known = {vn_fold(mention.official.full_name) for mention in plan.mentions}
    for match in _HONORIFIC.finditer(text):
        name = _capitalised_name(text, match.end())
        if not name or vn_fold(name) in known:
            continue
        rest = text[match.end() + len(name) :]
        separator = _NAME_POSITION_SEPARATOR.match(rest)
        if not separator:
            continue
        position = _phrase_after(rest, separator.end())
        person_spans.extend(
            (found.start(), found.end()) for found in re.finditer(re.escape(name), text)
        )
        known.add(vn_fold(name))
        plan.not_found.append(
            _("Cán bộ chưa có: %(name)s (%(position)s)") % {"name": name, "position": position}
        )


def _capitalised_words(text, start, limit):
    """The capitalised words at start, at most limit of them: "Kiến Thụy" in "Kiến Thụy tiếp"."""
    words, end = [], start
    for match in re.finditer(r"\S+", text[start:]):
        bare = match.group(0).rstrip(",.;:()")
        if not bare.isalpha() or not bare[0].isupper() or len(words) == limit:
            break
        words.append(bare)
        end = start + match.start() + len(bare)
        if bare != match.group(0):
            break
    return words, end


def _looks_like_a_person(words):
    """Three words after a common family name: "Phan Ngọc Thọ", not "Quảng Ninh"."""
    folded = vn_fold(" ".join(words))
    return len(words) == 3 and folded.split()[0] in _FAMILY_NAMES and folded != "ho chi minh"


def _link_bodies(plan, folded, text, person_spans):
    found = _find_named(folded, Organisation.objects.select_related("province"), lambda o: o.name)
    plan.organisations = sorted((row for row, _spans in found), key=lambda o: o.sort_key)
    known = {vn_fold(organisation.name) for organisation in plan.organisations}
    for match in _BODY_KIND.finditer(text):
        words, end = _capitalised_words(text, match.end(), limit=3)
        # Without "huyện", "xã"...: a place name has two words or more ("Sở Y tế Điện Biên").
        if len(words) < (1 if match.group("unit") else 2):
            continue
        if any(match.start() < p_end and p_start < end for p_start, p_end in person_spans):
            continue
        if _looks_like_a_person(words):
            continue
        name = text[match.start() : end]
        folded_name = vn_fold(name)
        if any(folded_name in k or k in folded_name for k in known):
            continue
        known.add(folded_name)
        plan.not_found.append(_("Cơ quan, đơn vị chưa có: %(name)s") % {"name": name})


def _link_province(plan, folded):
    found = _find_named(folded, Province.objects.all(), key=lambda province: province.name)
    plan.provinces_named = [row for row, _spans in found]
    when = plan.published_at.date() if plan.published_at else None
    counts = Counter()
    for province, spans in found:
        if when is None or province.is_current(when):
            counts[province] += len(spans)
    if counts:
        plan.province = counts.most_common(1)[0][0]
        return
    places = Counter(o.province for o in plan.organisations if o.province_id is not None)
    if places:
        plan.province = places.most_common(1)[0][0]
        plan.inferred.append(
            _("Tỉnh, thành phố %(name)s suy ra từ các cơ quan được nhắc đến.")
            % {"name": plan.province.name}
        )


def _link_commemoration(plan):
    events = _longest_first(CommemorativeEvent.objects.all(), key=lambda event: event.name)
    years = {}
    for anniversary in plan.parsed.anniversaries:
        following = vn_fold(anniversary.following)
        needle, event = next(
            ((needle, e) for needle, e in events if following.startswith(needle)), ("", None)
        )
        if event is None:
            name = re.split(r"[(,.;]", anniversary.following, maxsplit=1)[0].strip()
            message = _("Ngày kỷ niệm chưa có: %(name)s") % {"name": name}
            if message not in plan.not_found:
                plan.not_found.append(message)
            continue
        written = f"kỷ niệm {anniversary.number} năm {anniversary.following[: len(needle)]}"
        years.setdefault((event.pk, event.origin_date.year + anniversary.number), (event, written))
    if len(years) == 1:
        (_pk, year), (event, written) = next(iter(years.items()))
        plan.commemoration, plan.commemoration_year = event, year
        parsed = plan.parsed
        if parsed.event_month and parsed.event_year is None and plan.event_year is None:
            plan.event_year, plan.event_year_inferred = year, True
            plan.inferred.append(
                _("Năm diễn ra %(year)s suy ra từ “%(text)s” (%(event)s bắt đầu năm %(origin)s).")
                % {
                    "year": year,
                    "text": written,
                    "event": event.name,
                    "origin": event.origin_date.year,
                }
            )
    elif len(years) > 1:
        plan.inferred.append(_("Bài nhắc đến nhiều lần kỷ niệm khác nhau: năm không được suy ra."))


def _year_from_date_line(plan):
    """The event year of "Sáng 3/12" from the file's own date line: the nearest such day to it."""
    parsed = plan.parsed
    if parsed.event_year or not parsed.event_month or parsed.published_at is None:
        return
    published = parsed.published_at.date()
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(datetime.date(year, parsed.event_month, parsed.event_day))
        except ValueError:  # 29/2 outside a leap year
            continue
    if not days:
        return
    day = min(days, key=lambda candidate: abs(candidate - published))
    plan.event_year, plan.event_year_inferred = day.year, True
    plan.inferred.append(
        _("Năm diễn ra %(year)s lấy theo ngày đăng %(date)s ghi trong tệp.")
        % {"year": day.year, "date": published.strftime("%d/%m/%Y")}
    )


def _published_twin(plan):
    """A published article with the same title on the same day, if there is one."""
    if plan.published_at is None:
        return None
    title = _comparable(plan.parsed.title)
    same_day = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__date=plan.published_at.date()
    )
    return next((a for a in same_day if _comparable(a.title) == title), None)


def _comparable(title):
    """A title without differences of case and spacing."""
    return " ".join(title.split()).casefold()


def _dates(plan):
    parsed = plan.parsed
    plan.event_year = plan.event_year or parsed.event_year
    if parsed.published_at:
        plan.published_at = parsed.published_at.replace(tzinfo=VIETNAM)
        plan.published_precision = parsed.published_precision
    elif parsed.event_month and parsed.event_day and plan.event_year:
        plan.published_at = datetime.datetime(
            plan.event_year, parsed.event_month, parsed.event_day, tzinfo=VIETNAM
        )
        plan.published_precision = Article.DatePrecision.ESTIMATED
        plan.inferred.append(
            _("Ngày xuất bản ước tính là ngày diễn ra %(date)s.")
            % {"date": plan.published_at.strftime("%d/%m/%Y")}
        )


def plan_import(parsed):
    """Link a parsed article to what is known and infer what its text implies."""
    plan = ImportPlan(parsed=parsed, content_hash=content_hash(parsed.text))
    plan.duplicate_of = Article.objects.filter(import_hash=plan.content_hash).first()
    if parsed.source_code:
        plan.source_outlet = SourceOutlet.objects.filter(code=parsed.source_code).first()
        if plan.source_outlet is None:
            plan.new_source_code = parsed.source_code
            plan.not_found.append(
                _("Nguồn tin chưa có: %(code)s (sẽ được tạo, chờ biên tập viên bổ sung tên)")
                % {"code": parsed.source_code}
            )
    text = parsed.full_text
    folded = _Folded(text)
    _year_from_date_line(plan)
    _link_commemoration(plan)
    _dates(plan)
    plan.published_twin = _published_twin(plan)
    person_spans = []
    _link_officials(plan, folded, text, person_spans)
    _unknown_people(plan, text, person_spans)
    _link_bodies(plan, folded, text, person_spans)
    _link_province(plan, folded)
    if plan.event_year is None and parsed.event_month:
        plan.inferred.append(_("Năm diễn ra chưa rõ: biên tập viên cần xác định (không tự đoán)."))
    return plan
