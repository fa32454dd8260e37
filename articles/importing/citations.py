"""The documents an article's text cites, and the known ones among them.

Recognises citations written the way the press writes them: "Chỉ thị số 42-CT/TU ngày
08/8/2023 của Tỉnh ủy", "Nghị quyết 54-NQ/TW của Bộ Chính trị", "Quyết định số
1281/QĐ-UBND". A known document is found by its number, compared on search_tokens (no case,
no diacritics, "/" and "-" alike: "42/CT-TU" is 42-CT/TU); a document without a number, by its
abstract following its type ("Đề án “Bảo vệ, chăm sóc …”"). Reads only, but for
link_cited_documents, which the importer calls when it saves an article.
"""

import datetime
import re
from dataclasses import dataclass

from articles.models import Document, search_tokens

_KINDS = "|".join(sorted((str(label) for label in Document.Kind.labels), key=len, reverse=True))
CITATION = re.compile(
    rf"(?<!\w)(?P<kind>{_KINDS})\s+(?:số\s+)?(?P<number>\d+[\w./-]*\w)"
    r"(?:\s+ngày\s+(?P<day>\d{1,2})[/-](?P<month>\d{1,2})[/-](?P<year>\d{4}))?",
    re.IGNORECASE,
)
# A document known without a number is recognised by an abstract of at least this many
# words, its type written at most TYPE_WINDOW words before it ("Quyết định Bộ Y tế về việc …").
MIN_TITLE_WORDS = 5
TYPE_WINDOW = 8


@dataclass(frozen=True)
class Citation:
    kind: str  # as written: "Chỉ thị"
    number: str  # as written: "42-CT/TU"
    issued_on: datetime.date | None


def find_citations(text):
    """The numbered documents a text cites, in order of appearance, each once."""
    found = {}
    for match in CITATION.finditer(text):
        issued_on = None
        if match["year"]:
            try:
                issued_on = datetime.date(
                    int(match["year"]), int(match["month"]), int(match["day"])
                )
            except ValueError:
                issued_on = None
        citation = Citation(match["kind"], match["number"], issued_on)
        found.setdefault(number_key(citation.number), citation)
    return list(found.values())


def number_key(number):
    """What two spellings of one number share: "42-CT/TU", "42/ct-tu" are "42 ct tu"."""
    return " ".join(search_tokens(number))


def _padded(tokens):
    return f" {' '.join(tokens)} "


def cited_documents(text):
    """The known documents (any status) a text cites; a number shared by several is skipped
    unless the citation's date tells them apart."""
    documents = list(Document.objects.only("pk", "kind", "number", "title", "issued_on"))
    by_number = {}
    for document in documents:
        if document.number:
            by_number.setdefault(number_key(document.number), []).append(document)
    chosen = []
    for citation in find_citations(text):
        candidates = by_number.get(number_key(citation.number), [])
        if len(candidates) > 1 and citation.issued_on:
            candidates = [d for d in candidates if d.issued_on == citation.issued_on]
        if len(candidates) == 1:
            chosen.append(candidates[0])
    words = _padded(search_tokens(text))
    for document in documents:
        title = search_tokens(document.title)
        if document.number or len(title) < MIN_TITLE_WORDS:
            continue
        kind = _padded(search_tokens(document.kind_name))
        start = words.find(_padded(title))
        while start != -1:
            before = words[:start].split()[-TYPE_WINDOW:]
            if kind in _padded(before):
                chosen.append(document)
                break
            start = words.find(_padded(title), start + 1)
    return list(dict.fromkeys(chosen))


def link_cited_documents(article, text):
    """Link an article to the known documents its text cites (added to those it has)."""
    article.documents.add(*cited_documents(text))
