"""Results as readers see them: titles and snippets, escaped, the query's words in <mark>."""

import bisect
import functools
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.content.html import html_to_text
from articles.models import Article
from healthnews.text import WORD, fold_chars, normalize_text

# Words in a snippet, and how many of them come before the first match.
SNIPPET_WORDS = 30
SNIPPET_CONTEXT = 6
# Characters of an article (lead, then body) in which its snippet is looked for, and how many
# around its best match are cut into words.
SNIPPET_SOURCE = 3000
SNIPPET_REACH = 300
# Matches looked at as the start of the best stretch: the rest cannot change a snippet much.
ANCHORS = 200


def _tokens(text, folded):
    """The words of text as (folded word, start, end), offsets in the original text.

    folded: fold_chars(text).
    """
    if len(folded) == len(text):
        # Every character folded to one (all Vietnamese text does): offsets carry over.
        return [(match.group(), match.start(), match.end()) for match in WORD.finditer(folded)]
    origin = []
    for index, char in enumerate(text):
        origin.extend([index] * len(fold_chars(char)))
    return [
        (match.group(), origin[match.start()], origin[match.end() - 1] + 1)
        for match in WORD.finditer(folded)
    ]


def _term_spans(words, query):
    """(first word index, last word index, term number) of every match of a term in words."""
    positions = {}
    for index, word in enumerate(words):
        positions.setdefault(word, []).append(index)
    spans = []
    for number, term in enumerate(query.terms):
        first, *rest = term.words
        last_completes = query.completes(number)
        if last_completes and not rest:
            starts = [
                i for word, found in positions.items() if word.startswith(first) for i in found
            ]
        else:
            starts = positions.get(first, [])
        for start in starts:
            end = start + len(rest)
            if end >= len(words):
                continue
            following = words[start + 1 : end + 1]
            if rest and last_completes:
                ok = following[:-1] == rest[:-1] and following[-1].startswith(rest[-1])
            else:
                ok = following == rest
            if ok:
                spans.append((start, end, number))
    return sorted(spans)


def _render(text, tokens, spans, start, end, cut_before, cut_after):
    """Escaped text[start:end] with the spans' words in <mark>."""
    marks = []
    for first, last, _number in spans:
        begin, finish = tokens[first][1], tokens[last][2]
        if begin < start or finish > end:
            continue
        # Overlapping matches, or matches only a space apart, share one <mark>.
        if marks and (begin <= marks[-1][1] or not text[marks[-1][1] : begin].strip()):
            marks[-1] = (marks[-1][0], max(finish, marks[-1][1]))
        else:
            marks.append((begin, finish))
    pieces, position = [], start
    for begin, finish in marks:
        pieces.append(escape(text[position:begin]))
        pieces.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    pieces.append(escape(text[position:end]))
    html = "".join(pieces).strip()
    return mark_safe(("… " if cut_before else "") + html + (" …" if cut_after else ""))


def highlight(text, query):
    """The whole text, escaped, with the query's words in <mark>."""
    text = normalize_text(text or "").replace("\n", " ")
    tokens = _tokens(text, fold_chars(text))
    spans = _term_spans([word for word, _start, _end in tokens], query) if query else []
    return _render(text, tokens, spans, 0, len(text), False, False)


@functools.lru_cache(maxsize=256)
def _term_patterns(query):
    """One regular expression per term, matching its folded words as whole words."""
    patterns = []
    for number, term in enumerate(query.terms):
        words = r"[\W_]+".join(re.escape(word) for word in term.words)
        end = "" if query.completes(number) else r"(?![^\W_])"
        patterns.append(re.compile(rf"(?<![^\W_]){words}{end}"))
    return patterns


def _best_stretch(matches, bounds, count_matches=True):
    """The anchor of the best stretch: most different terms (then most matches), earliest.

    matches: sorted (start, end, term number). bounds(anchor): the stretch around one of the
    first ANCHORS matches' start, (low, high): it holds the matches from low to before high.
    None when there is no match.
    """
    starts = [start for start, _end, _number in matches]
    best, anchor_at = (0, 0), None
    for start, _end, _number in matches[:ANCHORS]:
        low, high = bounds(start)
        inside = [
            match
            for match in matches[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
            if match[1] < high
        ]
        score = len({number for _start, _end, number in inside}), len(inside) * count_matches
        if score > best:
            best, anchor_at = score, start
    return anchor_at


def _region(text, folded, query):
    """(start, end) of the part of a long text around its best stretch of matches.

    Found with regular expressions on the folded text, so that only this part is cut into
    words: folding and tokenizing whole articles cost more than the search itself.
    """
    if len(text) <= 3 * SNIPPET_REACH or not query or len(folded) != len(text):
        return 0, len(text)
    found = sorted(
        (match.start(), match.start(), number)
        for number, pattern in enumerate(_term_patterns(query))
        for match in pattern.finditer(folded)
    )
    # The different terms matched from 50 characters before to 250 after.
    anchor = _best_stretch(found, lambda at: (at - 50, at + 251), count_matches=False) or 0
    start = max(0, anchor - SNIPPET_REACH)
    end = min(len(text), anchor + 2 * SNIPPET_REACH)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) + 1 or end
    return start, end


def snippet(text, query, size=SNIPPET_WORDS):
    """About size words of text around its best stretch of matches, escaped, matches marked.

    The best stretch holds the most different terms, then the most matches; without any
    match the snippet is the beginning of the text.
    """
    text = normalize_text(text or "").replace("\n", " ")
    folded = fold_chars(text)
    region_start, region_end = _region(text, folded, query)
    clipped_before, clipped_after = region_start > 0, region_end < len(text)
    # Offsets in the folded text are the text's when every character folded to one.
    aligned = len(folded) == len(text)
    text = text[region_start:region_end]
    tokens = _tokens(text, folded[region_start:region_end] if aligned else fold_chars(text))
    if not tokens:
        return SafeString("")
    spans = _term_spans([word for word, _start, _end in tokens], query) if query else []

    def window(anchor):
        first = max(0, min(anchor - SNIPPET_CONTEXT, len(tokens) - size))
        return first, first + size

    anchor = _best_stretch(spans, window)
    first = 0 if anchor is None else window(anchor)[0]
    last = min(len(tokens), first + size) - 1
    start = 0 if first == 0 else tokens[first][1]
    end = len(text) if last == len(tokens) - 1 else tokens[last][2]
    return _render(
        text,
        tokens,
        spans,
        start,
        end,
        first > 0 or clipped_before,
        last < len(tokens) - 1 or clipped_after,
    )


@dataclass(frozen=True)
class ArticleHit:
    """An article found, with its title and a snippet of its text, matches marked."""

    article: Article
    title: SafeString
    snippet: SafeString


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
