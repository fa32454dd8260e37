"""Results as readers see them: titles and snippets as parts, the query's words marked.

A title or snippet is a tuple of Part(text, marked); templates/includes/marked.html writes
it, escaped, with the marked parts in <mark>.
"""

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from articles.content.html import html_to_text
from articles.models import Article
from healthnews.text import WORD, fold_chars, normalize_text

# Words in a snippet, and how many of them come before its first match.
SNIPPET_WORDS = 30
SNIPPET_CONTEXT = 6
# Characters of an article (lead, then body) in which its snippet is looked for, and how many
# around its first place where most terms meet (within 50 characters before and 250 after a
# match) are cut into words to find the best snippet there.
SNIPPET_SOURCE = 3000
SNIPPET_REACH = 300
# Matches tried as the start of a snippet: the rest could not change it much.
ANCHORS = 200


@functools.lru_cache(maxsize=256)
def _term_patterns(query):
    """One regular expression per term: its folded words, the last one ending a word."""
    # The start of a word is checked apart (_matches): a pattern beginning with a lookbehind
    # is tried at every position, one beginning with letters is found by the engine's fast
    # scan (15 times faster). A term being completed takes the whole of the words it starts.
    patterns = []
    for number, term in enumerate(query.terms):
        words = r"[\W_]+".join(re.escape(word) for word in term.words)
        end = r"[^\W_]*" if query.completes(number) else r"(?![^\W_])"
        patterns.append(re.compile(words + end))
    return patterns


def _folded(text):
    """The folded text, and the text's offset of each folded character (None if the same)."""
    # Offsets differ only where a character folded to several or to none (ß, a lone accent).
    folded = fold_chars(text)
    if len(folded) == len(text):
        return folded, None
    return folded, [index for index, char in enumerate(text) for _ in fold_chars(char)]


def _spans(found, origin):
    """(start, end) pairs of offsets in the folded text as offsets in the text."""
    if origin is None:
        return found
    return [(origin[start], origin[end - 1] + 1, *rest) for start, end, *rest in found]


def _matches(folded, query):
    """(start, end, term number) of each match of the query's terms in folded text, sorted."""
    found = []
    for number, pattern in enumerate(_term_patterns(query) if query else ()):
        position = 0
        while match := pattern.search(folded, position):
            start = match.start()
            # Letters or digits before it: inside a word ([^\W_] is isalnum()).
            if not start or not folded[start - 1].isalnum():
                found.append((start, match.end(), number))
            position = start + 1
    return sorted(found)


class Part(NamedTuple):
    """A piece of a title or snippet, marked when it is one of the query's words."""

    text: str
    marked: bool


def _render(text, matches, start, end, cut_before, cut_after):
    """text[start:end] as parts, its matches marked, with "…" where it was cut."""
    marks = []
    for begin, finish, _number in matches:
        if begin < start or finish > end:
            continue
        # Overlapping matches, or matches only a space apart, share one mark.
        if marks and (begin <= marks[-1][1] or not text[marks[-1][1] : begin].strip()):
            marks[-1] = (marks[-1][0], max(finish, marks[-1][1]))
        else:
            marks.append((begin, finish))
    parts, position = [], start
    for begin, finish in marks:
        parts.append(Part(text[position:begin], False))
        parts.append(Part(text[begin:finish], True))
        position = finish
    parts.append(Part(text[position:end], False))
    parts[0] = Part(parts[0].text.lstrip(), parts[0].marked)
    parts[-1] = Part(parts[-1].text.rstrip(), parts[-1].marked)
    if cut_before:
        parts.insert(0, Part("… ", False))
    if cut_after:
        parts.append(Part(" …", False))
    return tuple(part for part in parts if part.text)


def highlight(text, query):
    """The whole text as parts, the query's words marked."""
    text = normalize_text(text or "").replace("\n", " ")
    folded, origin = _folded(text)
    return _render(text, _spans(_matches(folded, query), origin), 0, len(text), False, False)


def _best(anchors, matches, bounds, by_count=True):
    """The first of the anchors whose stretch holds most terms, then most matches, or None."""
    # bounds(anchor): (low, high), the stretch holds the matches from low to before high.
    starts = [start for start, _end, _number in matches]
    top, best = (0, 0), None
    for anchor in anchors[:ANCHORS]:
        low, high = bounds(anchor)
        inside = [
            match
            for match in matches[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
            if match[1] < high
        ]
        score = len({number for _start, _end, number in inside}), len(inside) * by_count
        if score > top:
            top, best = score, anchor
    return best


def _region(text, matches):
    """(start, end) of the part of a long text around its first place where most terms meet.

    Only this part is cut into words: splitting whole articles cost more than the search.
    """
    if len(text) <= 3 * SNIPPET_REACH:
        return 0, len(text)
    # Counted by where they start: a phrase may run past the stretch.
    starts = [(start, start, number) for start, _end, number in matches]
    anchors = [start for start, _start, _number in starts]
    place = _best(anchors, starts, lambda at: (at - 50, at + 251), by_count=False) or 0
    start = max(0, place - SNIPPET_REACH)
    end = min(len(text), place + 2 * SNIPPET_REACH)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) + 1 or end
    return start, end


def snippet(text, query, size=SNIPPET_WORDS):
    """About size words around the best stretch of matches (else the start), as parts."""
    text = normalize_text(text or "").replace("\n", " ")
    folded, origin = _folded(text)
    found = _matches(folded, query)
    start, end = _region(text, found) if origin is None else (0, len(text))
    words = _spans([word.span() for word in WORD.finditer(folded, start, end)], origin)
    if not words:
        return ()
    # Matches as word numbers (first, last, term number), those of the region only.
    starts, ends = [first for first, _last in words], [last for _first, last in words]
    spans = [
        (bisect.bisect_left(starts, first), bisect.bisect_left(ends, last), number)
        for first, last, number in _spans(found, origin)
        if start <= first and last <= end
    ]

    def window(anchor):
        first = max(0, min(anchor - SNIPPET_CONTEXT, len(words) - size))
        return first, first + size

    anchor = _best([first for first, _last, _number in spans], spans, window)
    first = 0 if anchor is None else window(anchor)[0]
    last = min(len(words), first + size) - 1
    return _render(
        text,
        _spans(found, origin),
        start if first == 0 else words[first][0],
        end if last == len(words) - 1 else words[last][1],
        first > 0 or start > 0,
        last < len(words) - 1 or end < len(text),
    )


@dataclass(frozen=True)
class ArticleHit:
    """An article found, with its title and a snippet of its text, matches marked."""

    article: Article
    title: tuple[Part, ...]
    snippet: tuple[Part, ...]


def article_hits(ids, query, queryset=None):
    """The articles of ids in that order, as ArticleHit, read in one query."""
    if queryset is None:
        # The snippets are cut from the body.
        queryset = Article.objects.published().for_listing().defer(None).defer("search_text")
    articles = queryset.in_bulk(ids)
    hits = []
    for pk in ids:
        article = articles.get(pk)
        if article is not None:
            text = "\n".join([article.lead, html_to_text(article.body, enough=SNIPPET_SOURCE)])
            if len(text) > SNIPPET_SOURCE:
                # The snippet is cut from the article's beginning: folding and scanning a whole
                # long article for twenty results cost more than the search itself.
                text = text[: text.rfind(" ", 0, SNIPPET_SOURCE) + 1 or SNIPPET_SOURCE]
            hits.append(ArticleHit(article, highlight(article.title, query), snippet(text, query)))
    return hits
