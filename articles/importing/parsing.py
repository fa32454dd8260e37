"""Plain text of an article to what it holds, line by line: no database, no side effects.

The rules, in the order they apply, are described in the README ("Importing plain-text articles").
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from healthnews.text import vn_fold

# Page furniture of the source portals, matched on the folded line (no case, no diacritics).
_FURNITURE = [
    re.compile(r"^share( bai)?\s*:?$"),
    re.compile(r"^•?\s*tags?\s*:.{0,200}$"),
    re.compile(r"^file dinh kem\s*:?$"),
    re.compile(r"^chia se( ngay| bai viet)?\s*:?$"),
    re.compile(r"^(in bai|ban in|gui email|quay lai|len dau trang|binh luan)\s*:?$"),
]
# The end-of-article mark of the press convention "./." and its truncated form "./": only the
# slash (and the period after it) is the mark; the period before it ends the last sentence.
_END_MARK = re.compile(r"(?<=\.)\s*/\.?$")

# A publication date line: 16/11/2023, 28/02/2024 1:38:16 CH, 16-11-2023 08:30.
_DATE_LINE = re.compile(
    r"^(?:(?:thứ \w+|chủ nhật),\s*)?(\d{1,2})[/-](\d{1,2})[/-](\d{4})"
    r"(?:[\s,|-]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(SA|CH|AM|PM))?)?$",
    re.IGNORECASE,
)
# A source prefix: "NDO -", "TTXVN - text", "(HPĐT)- text", "(ABC) – text".
_SOURCE_IN_PARENS = re.compile(r"^\(([A-ZĐ][A-ZĐ0-9]{1,11})\)\s*[-–—]\s*")
_SOURCE_BARE = re.compile(r"^([A-ZĐ][A-ZĐ0-9]{1,11})\s+[-–—](?:\s+|$)")
# A credit line: "Theo Trung tâm Kiểm soát bệnh tật Lào Cai".
_CREDIT = re.compile(r"^(Theo|Nguồn)\s*:?\s+\S")
_CREDIT_MAX_WORDS = 15
# A byline with its label: "Bài và ảnh: Minh Anh", "Tin, ảnh: Đậu Bình".
_LABELLED_BYLINE = re.compile(
    r"^(?:bài(?:,| và)? ảnh|tin(?:,| và)? ảnh|bài|tin|tác giả|ảnh)\s*:\s*(.+)$", re.IGNORECASE
)
_BYLINE_MAX_WORDS = 5
# The event date at the start of the lead: "Ngày 26/2", "sáng 18-2", "Chiều 7/7", "Sáng 3/1/2024".
_EVENT_DATE = re.compile(
    r"\b(?:ngày|sáng|trưa|chiều|tối|đêm)\s+(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?(?![\d/-])",
    re.IGNORECASE,
)
# "Vừa qua, ..." and the like: the event happened shortly before publication, day unknown.
_RELATIVE_EVENT = re.compile(
    r"^(Vừa qua|Mới đây|Vừa rồi|Hôm qua|Hôm nay|Sáng nay|Chiều nay|Tối qua|Tuần qua)\b"
)
# "kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam": the anniversary and what follows it.
_ANNIVERSARY = re.compile(r"kỷ niệm (\d{1,3}) năm (.{1,120})", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", "…", ":", ";")
_CLOSERS = "\"'”’)]»"
# A caption is short: the longest of the seeds has 30 words and 150 characters.
CAPTION_MAX_WORDS = 30
CAPTION_MAX_CHARS = 160
TITLE_MAX_CHARS = 250
PROPOSED_TITLE_CHARS = 120
# "Nhân kỷ niệm 70 năm ... (27-2-1955 - 27-2-2025), " before the news itself.
_OCCASION = re.compile(r"^Nhân (?:dịp )?kỷ niệm [^,]{1,120}, ", re.IGNORECASE)


@dataclass
class Caption:
    text: str
    position: int  # body paragraphs before it: 0 = right after the lead
    reason: str


@dataclass
class Anniversary:
    number: int
    following: str  # the text after "kỷ niệm N năm", where the commemoration is named
    as_written: str


@dataclass
class ParsedArticle:
    """What a plain-text article says, before anything is looked up or saved."""

    name: str
    text: str
    title: str = ""
    needs_title: bool = False
    lead: str = ""
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    published_at: datetime.datetime | None = None  # naive, Vietnam time
    published_precision: str = ""  # "exact", "date" or "" when the text gives none
    published_text: str = ""
    event_day: int | None = None
    event_month: int | None = None
    event_year: int | None = None
    event_date_text: str = ""
    source_code: str = ""
    byline: str = ""
    credit_line: str = ""
    anniversaries: list[Anniversary] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def body_html(self):
        from django.utils.html import escape

        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs)

    def reading_order(self):
        """("lead" | "paragraph" | "caption", text) in the order a reader meets them."""
        parts = [("lead", self.lead)]
        for index in range(len(self.paragraphs) + 1):
            parts += [("caption", c.text) for c in self.captions if c.position == index]
            if index < len(self.paragraphs):
                parts.append(("paragraph", self.paragraphs[index]))
        return parts

    @property
    def full_text(self):
        """Title, lead, paragraphs and captions: where names are looked for."""
        return "\n".join(
            [self.title, self.lead, *self.paragraphs, *(c.text for c in self.captions)]
        )


@dataclass
class _Line:
    text: str
    blanks_before: int
    glued_to_next: bool = False
    duplicated: bool = False


def _words(text):
    return text.split()


def _ends_sentence(text):
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def is_furniture(text):
    folded = vn_fold(text).strip()
    return any(pattern.match(folded) for pattern in _FURNITURE)


def parse_date_line(text):
    """(naive datetime, precision) of a publication date line, or None."""
    match = _DATE_LINE.match(text)
    if not match:
        return None
    day, month, year, hour, minute, second, period = match.groups()
    try:
        if hour is None:
            return datetime.datetime(int(year), int(month), int(day)), "date"
        hour = int(hour)
        if period and (hour < 1 or hour > 12):
            return None
        if period and period.upper() in {"CH", "PM"} and hour != 12:
            hour += 12
        elif period and period.upper() in {"SA", "AM"} and hour == 12:
            hour = 0
        moment = datetime.datetime(
            int(year), int(month), int(day), hour, int(minute), int(second or 0)
        )
    except ValueError:
        return None
    return moment, "exact"


def _source_prefix(text):
    """(code, rest of the line) when the line starts with a source prefix, else None."""
    for pattern in (_SOURCE_IN_PARENS, _SOURCE_BARE):
        match = pattern.match(text)
        if match:
            return match.group(1), text[match.end() :].strip()
    return None


def _is_credit(text):
    return (
        bool(_CREDIT.match(text))
        and len(_words(text)) <= _CREDIT_MAX_WORDS
        and "," not in text
        and not _ends_sentence(text)
    )


def _byline(text):
    """The author's name if the line is a byline, else ""."""
    match = _LABELLED_BYLINE.match(text)
    if match:
        return match.group(1).strip()
    words = _words(text)
    if 2 <= len(words) <= _BYLINE_MAX_WORDS and all(
        word.isalpha() and word[0].isupper() for word in words
    ):
        return text
    return ""


def _looks_like_title(line, rest):
    text = line.text
    return (
        bool(rest)
        and not _source_prefix(text)
        and not _ends_sentence(text)
        and len(text) <= TITLE_MAX_CHARS
        and not _EVENT_DATE.match(text)
        and not _RELATIVE_EVENT.match(text)
        and not line.glued_to_next
    )


def _is_caption(line, ends_file):
    """Why a line is a figure caption, or "" when it is a paragraph.

    A short last line is a caption when the page furniture, a byline or a credit follows it;
    a short line that ends the file may be the rest of a copy cut short, so it stays a paragraph.
    """
    text = line.text
    if len(_words(text)) > CAPTION_MAX_WORDS or len(text) > CAPTION_MAX_CHARS:
        return ""
    if line.duplicated:
        return _("dòng lặp lại hai lần liền nhau")
    if line.glued_to_next:
        return _("dòng ngắn dính liền đoạn sau")
    if line.blanks_before >= 2:
        return _("dòng ngắn cách đoạn trước bằng nhiều dòng trống")
    if not _ends_sentence(text) and not ends_file:
        return _("dòng ngắn không có dấu kết câu")
    return ""


def propose_title(lead):
    """A title from the lead: its first sentence without the dateline or the occasion, cut short."""
    sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0].rstrip(".")
    sentence = _OCCASION.sub("", sentence)
    match = _EVENT_DATE.match(sentence) or _RELATIVE_EVENT.match(sentence)
    if match and sentence[match.end() :].startswith(","):
        sentence = sentence[match.end() + 1 :].strip()
    sentence = sentence[:1].upper() + sentence[1:]
    if len(sentence) > PROPOSED_TITLE_CHARS:
        cut = sentence.rfind(",", PROPOSED_TITLE_CHARS // 2, PROPOSED_TITLE_CHARS)
        if cut < 0:
            cut = sentence.rfind(" ", 0, PROPOSED_TITLE_CHARS)
        sentence = sentence[: cut if cut > 0 else PROPOSED_TITLE_CHARS].rstrip(" ,;:")
    return sentence


def _event_date(parsed):
    match = _EVENT_DATE.search(parsed.lead)
    if match:
        day, month, year = (int(group) if group else None for group in match.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
            parsed.event_day, parsed.event_month, parsed.event_year = day, month, year
            parsed.event_date_text = match.group(0)
            if year is None:
                parsed.notes.append(
                    _("Ngày diễn ra “%(text)s” không ghi năm.") % {"text": match.group(0)}
                )
            return
    relative = _RELATIVE_EVENT.match(parsed.lead)
    if relative:
        parsed.event_date_text = relative.group(0)


def _anniversaries(parsed):
    for paragraph in [parsed.title, parsed.lead, *parsed.paragraphs]:
        for match in _ANNIVERSARY.finditer(paragraph):
            parsed.anniversaries.append(
                Anniversary(int(match.group(1)), match.group(2), match.group(0))
            )


def _split_lines(text):
    """The non-empty lines with the number of blank lines before each."""
    lines, blanks = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(_Line(raw.strip(), blanks))
            blanks = 0
        else:
            blanks += 1
    return lines


def parse_article(name, text):
    """Read one article's normalised text into a ParsedArticle."""
    parsed = ParsedArticle(name=name, text=text)
    content = []
    previous_raw_kept = False
    # Whether something not of the body (furniture, a date, a credit...) follows the last line kept.
    trailed = False
    for line in _split_lines(text):
        kept = False
        date = parse_date_line(line.text)
        prefix = _source_prefix(line.text)
        if is_furniture(line.text):
            parsed.furniture.append(line.text)
        elif date:
            if parsed.published_at is None:
                parsed.published_at, parsed.published_precision = date
                parsed.published_text = line.text
            elif date[0] != parsed.published_at:
                parsed.notes.append(
                    _("Có thêm một dòng ngày khác: “%(text)s” (không dùng).") % {"text": line.text}
                )
        elif prefix and not prefix[1]:
            parsed.source_code = parsed.source_code or prefix[0]
        elif _is_credit(line.text):
            parsed.credit_line = line.text
        else:
            if content and previous_raw_kept and line.blanks_before == 0:
                content[-1].glued_to_next = True
            content.append(line)
            kept = True
        previous_raw_kept = kept
        trailed = not kept and (trailed or bool(content))

    if content and _looks_like_title(content[0], content[1:]):
        parsed.title = content.pop(0).text
    if content and len(content) > 1:
        byline = _byline(content[-1].text)
        if byline:
            parsed.byline = byline
            content.pop()
            trailed = True
            if content:
                content[-1].glued_to_next = False
    # A caption scraped twice in a row is one caption.
    merged = []
    for line in content:
        if merged and merged[-1].text == line.text and len(line.text) <= CAPTION_MAX_CHARS:
            merged[-1].duplicated = True
            merged[-1].glued_to_next = line.glued_to_next
            continue
        merged.append(line)
    if not merged:
        return parsed

    lead = merged[0]
    prefix = _source_prefix(lead.text)
    if prefix:
        parsed.source_code = parsed.source_code or prefix[0]
        lead.text = prefix[1]
    last = merged[-1]
    end_mark = _END_MARK.search(last.text)
    if end_mark:
        parsed.furniture.append(last.text[end_mark.start() :].strip())
        last.text = last.text[: end_mark.start()]
    parsed.lead = lead.text
    for index, line in enumerate(merged[1:], start=1):
        reason = _is_caption(line, ends_file=index == len(merged) - 1 and not trailed)
        if reason:
            parsed.captions.append(Caption(line.text, len(parsed.paragraphs), reason))
        else:
            parsed.paragraphs.append(line.text)

    if not parsed.title:
        parsed.title = propose_title(parsed.lead)
        parsed.needs_title = True
        parsed.notes.append(_("Văn bản không có tiêu đề: tiêu đề được đề xuất từ sapo."))
    _event_date(parsed)
    _anniversaries(parsed)
    if parsed.published_at is None:
        parsed.notes.append(_("Văn bản không ghi ngày xuất bản."))
    return parsed
