"""The reader's query: folded words and quoted phrases, never passed on as query syntax."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext

from healthnews.text import exact_words, fold_words, normalize_text

# Longer queries are refused; more words than MAX_TERMS are dropped (phrases' words count).
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# A word the reader may not have finished typing is completed only from this length on.
MIN_PREFIX_LENGTH = 2
# Vietnamese personal and place names run to four or five words at most.
MAX_NAME_WORDS = 5

_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»＂", '"'))


def padded(words):
    """Words joined by single spaces with a space at both ends, for whole-word substring tests."""
    return f" {' '.join(words)} "


@dataclass(frozen=True)
class Term:
    """One word, or the words of a quoted phrase (adjacent and in order), folded."""

    words: tuple[str, ...]
    quoted: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms, all required, and what to tell the reader about it."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    # The words as typed (tones normalised, case-folded), padded: " điện biên ".
    exact: str = ""
    # Why nothing was searched (too long, no word), or what was left out (too many words).
    error: str = ""
    notice: str = ""
    # The last word may be unfinished: when nothing matches it whole, words starting with it do.
    can_complete: bool = False
    completed: bool = False
    # Written as a name is ("Trần Thị Thu"): its words are first looked for in a row.
    name: bool = False

    def __bool__(self):
        return bool(self.terms)

    @property
    def typed_last_word(self):
        """The last word as the reader typed it."""
        return self.text.split()[-1].strip('"') if self.text else ""

    @property
    def accented(self):
        """Whether the reader typed accents, which then rank the results that have them first."""
        return self.exact != padded(word for term in self.terms for word in term.words)

    def completes(self, number):
        """Whether term number `number` matches the words that start with its last word."""
        return self.completed and number == len(self.terms) - 1

    def completing(self):
        """The same query with its last word matching every word that starts with it."""
        return replace(self, completed=True)

    def whole_name(self):
        """The same query as one phrase: the name's words in a row, as the name is written."""
        words = tuple(word for term in self.terms for word in term.words)
        return replace(self, terms=(Term(words, quoted=True),), can_complete=False, name=False)


def parse_query(raw):
    """Cut the reader's text into folded words and quoted phrases; never raises."""
    raw = raw or ""
    if not raw.strip():
        return Query()
    if len(raw) > MAX_QUERY_LENGTH:
        message = gettext("Từ khóa quá dài: hãy gõ tối đa %(max)s ký tự.")
        return Query(error=message % {"max": MAX_QUERY_LENGTH})
    text = " ".join(normalize_text(raw).translate(_QUOTES).split())
    segments = text.split('"')
    terms = []
    for index, segment in enumerate(segments):
        # Odd segments are inside quotes, unless their closing quote is missing.
        quoted = index % 2 == 1 and index < len(segments) - 1
        words = tuple(fold_words(segment))
        if quoted and words:
            terms.append(Term(words, quoted=True))
        else:
            terms.extend(Term((word,)) for word in words)
    terms = list(dict.fromkeys(terms))
    if not terms:
        return Query(
            text=text, error=gettext("Hãy gõ ít nhất một từ có chữ cái hoặc chữ số để tìm.")
        )
    notice = ""
    if sum(len(term.words) for term in terms) > MAX_TERMS:
        kept, room = [], MAX_TERMS
        for term in terms:
            if room <= 0:
                break
            kept.append(replace(term, words=term.words[:room]))
            room -= len(term.words)
        terms = kept
        notice = gettext("Chỉ %(max)s từ đầu tiên được dùng để tìm.") % {"max": MAX_TERMS}
    last = terms[-1]
    typed = text.split()
    return Query(
        text=text,
        terms=tuple(terms),
        exact=padded(exact_words(text.replace('"', " "))),
        notice=notice,
        can_complete=(
            not last.quoted
            and not notice
            and len(last.words[0]) >= MIN_PREFIX_LENGTH
            and text[-1:].isalnum()
        ),
        name=(
            '"' not in text
            and not notice
            and 2 <= len(typed) <= MAX_NAME_WORDS
            and all(word[:1].isupper() for word in typed)
        ),
    )
