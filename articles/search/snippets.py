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

# Words in a snippet, and how many of them come before its first match.
SNIPPET_WORDS = 30
SNIPPET_CONTEXT = 6
# Characters of an article (lead, then body) in which its snippet is looked for.
SNIPPET_SOURCE = 3000
# The snippet starting at a match shows about the SNIPPET_WORDS words from LOOK_BACK characters
# before it to STRETCH after (Vietnamese words are short): the matches there make its score.
LOOK_BACK = 35
STRETCH = 125
# It is taken from PART characters before to 2 * PART after the first place where most
# different terms meet (within 50 characters before and 250 after a match), so that a later
# place with a few more matches does not win over the beginning of the article.
PART = 300
# Matches tried as the start of a snippet: the rest could not change it much.
ANCHORS = 200
# Room for a snippet's words before its first match: more than a snippet's worth of words.
REACH_BACK = 12 * SNIPPET_WORDS


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


def _matches(text, query):
    """(start, end, term number) of each match of the query's terms in text, sorted."""
    if not query:
        return []
    folded = fold_chars(text)
    found = []
    for number, pattern in enumerate(_term_patterns(query)):
        position = 0
        while match := pattern.search(folded, position):
            start = match.start()
            # Letters or digits before it: inside a word ([^\W_] is isalnum()).
            if not start or not folded[start - 1].isalnum():
                found.append((start, match.end(), number))
            position = start + 1
    found.sort()
    if len(folded) != len(text):
        # Some character folded to several or to none (ß, a lone accent): offsets map back.
        origin = [index for index, char in enumerate(text) for _ in fold_chars(char)]
        found = [(origin[start], origin[end - 1] + 1, number) for start, end, number in found]
    return found


def _render(text, matches, start, end, cut_before, cut_after):
    """Escaped text[start:end] with its matches in <mark>."""
    marks = []
    for begin, finish, _number in matches:
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
    return _render(text, _matches(text, query), 0, len(text), False, False)


def _best_anchor(matches):
    """Where the best snippet starts: the match followed by most terms, then most matches."""
    starts = [start for start, _end, _number in matches]

    def best(candidates, before, after, count):
        top, anchor = (0, 0), 0
        for at, _end, _number in candidates[:ANCHORS]:
            low = bisect.bisect_left(starts, at - before)
            high = bisect.bisect_left(starts, at + after)
            inside = [match for match in matches[low:high] if match[1] <= at + after]
            score = len({number for _start, _end, number in inside}), len(inside) * count
            if score > top:
                top, anchor = score, at
        return anchor

    part = best(matches, 50, 251, count=False)
    around = matches[
        bisect.bisect_left(starts, part - PART) : bisect.bisect_left(starts, part + 2 * PART)
    ]
    return best(around, LOOK_BACK, STRETCH, count=True)


def snippet(text, query, size=SNIPPET_WORDS):
    """About size words from a little before the best matches (else the start), escaped, marked."""
    text = normalize_text(text or "").replace("\n", " ")
    matches = _matches(text, query)
    anchor = _best_anchor(matches)
    # Only the words around the anchor are cut out: the text is never split into words whole.
    back = text.rfind(" ", 0, max(0, anchor - REACH_BACK)) + 1
    before = [(word.start(), word.end()) for word in WORD.finditer(text, back, anchor)]
    after = []
    for word in WORD.finditer(text, anchor):
        after.append((word.start(), word.end()))
        if len(after) > size:
            break
    # A snippet ending with the text starts further back, to show size words all the same.
    shown = (before[-max(SNIPPET_CONTEXT, size - len(after)) :] + after)[:size]
    if not shown:
        return SafeString("")
    first_word = WORD.search(text, 0, shown[0][0]) is None
    last_word = len(after) <= size and shown[-1] == after[-1]
    start = 0 if first_word else shown[0][0]
    end = len(text) if last_word else shown[-1][1]
    return _render(text, matches, start, end, not first_word, not last_word)


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
