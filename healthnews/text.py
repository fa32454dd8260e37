"""Vietnamese text helpers: normalisation, tone placement, folding, slugs and collation."""

import functools
import re
import unicodedata
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import slugify

# NBSP, U+2000-U+200A, narrow NBSP, medium mathematical space, ideographic space, tab.
_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
)
# A run of spaces of any kind, or one unusual space: each becomes one plain space. (A regular
# expression: str.translate with a table is slow on text whose characters are mostly not in it.)
_SPACE_RUN = re.compile(f"[ {_SPACES}]{{2,}}|[{_SPACES}]")
_LINE_BREAK = re.compile(r"\r\n?")


def _d_to_d(value: str) -> str:
    """đ/Đ as d/D: they have no Unicode decomposition, so accent stripping would delete them."""
    return value.replace("đ", "d").replace("Đ", "D")


# A second vowel carrying the tone in the "new" placement (oà, oé, uý...) and its first vowel.
_NEW_STYLE_PAIR = re.compile(r"([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])")

# Combining tone marks and their secondary weight: ngang 0 < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Combining marks that make a distinct Vietnamese letter out of a base letter.
_LETTER_MARKS = {
    "\u0306": {"a": "ă"},
    "\u0302": {"a": "â", "e": "ê", "o": "ô"},
    "\u031b": {"o": "ơ", "u": "ư"},
}

# The 29 Vietnamese letters, with f j w z slotted in their Latin places.
_ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")

# Primary codes: end of part < word boundary < digits < alphabet letters < other letters.
_PART_END = 0
_WORD_BREAK = 1
_DIGIT_BASE = 2
_LETTER_BASE = 20
_LETTER_RANK = {letter: _LETTER_BASE + i for i, letter in enumerate(_ALPHABET)}
_OTHER_BASE = 100
_SORT_STRING_MAX = 255


def normalize_text(value: str) -> str:
    """Return NFC text with Unicode spaces and tabs as single spaces, each line stripped."""
    text = unicodedata.normalize("NFC", value)
    # Each step only when its characters are there: substring tests are much faster than the
    # regular expressions, which try every position (most text needs none of the steps).
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    if "  " in text or any(space in text for space in _SPACES):
        text = _SPACE_RUN.sub(" ", text)
    if text.startswith(" ") or text.endswith(" ") or " \n" in text or "\n " in text:
        text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return text


def _move_tone_to_first_vowel(match: re.Match) -> str:
    """Return the matched vowel pair with its tone mark moved from the second to the first vowel."""
    end = match.end()
    if end < len(match.string) and match.string[end].isalpha():
        return match.group(0)
    first = match.group(1) or match.group(3)
    second = unicodedata.normalize("NFD", match.group(2) or match.group(4))
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def normalize_tones(value: str) -> str:
    """Return NFC text with open-syllable oa/oe/uy tones placed on the first vowel (hoá -> hóa)."""
    return _NEW_STYLE_PAIR.sub(_move_tone_to_first_vowel, unicodedata.normalize("NFC", value))


def _fold_char(char: str) -> str:
    """The fold of one character: đ as d, combining marks dropped after NFD, casefolded."""
    text = unicodedata.normalize("NFD", _d_to_d(char))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


class _FoldTable(dict):
    """str.translate table of _fold_char, filled as characters are met."""

    # Folding character by character gives the fold of the whole text (NFD, dropping combining
    # marks and casefold never look at a neighbour), and a 3,000-character article folds in
    # 120 µs instead of 300 through NFD of the whole text: indexing 100,000 articles folds each.

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()

# A word: a run of letters and digits (what the search index holds and a query is cut into).
WORD = re.compile(r"[^\W_]+")


def vn_fold(value: str) -> str:
    """Return a case- and accent-insensitive matching key (Điện Biên -> dien bien)."""
    return normalize_text(value).translate(_FOLD)


def fold_chars(text: str) -> str:
    """vn_fold without normalize_text: one character folded per character of an NFC text."""
    return text.translate(_FOLD)


def fold_words(text: str) -> list[str]:
    """The folded words of a text: letters and digits, no case, no diacritics, đ as d."""
    # normalize_text changes only what separates words, so the words need not wait for it.
    return WORD.findall(text.translate(_FOLD))


def exact_words(text: str) -> list[str]:
    """The words of a text as written, tones normalised (hoá -> hóa) and case-folded."""
    return WORD.findall(normalize_tones(text).casefold())


# Cached: Article.save() folds an article's text, then the search index cuts its row from it.
@functools.lru_cache(maxsize=64)
def fold_article_text(title: str, lead: str, body_text: str) -> str:
    """An article's folded text (Article.search_text), from which its index row is cut."""
    return vn_fold("\n".join([title, lead, body_text]))


def has_no_diacritics(value: str, min_words: int = 3) -> bool:
    """Whether a Vietnamese text of several words was typed without any diacritics."""
    words = [word for word in value.split() if any(ch.isalpha() for ch in word)]
    return len(words) >= min_words and vn_fold(value) == normalize_text(value).casefold()


def vn_slugify(value: str, max_length: int = 200) -> str:
    """Return an ASCII slug with đ kept as d, cut at a hyphen to fit max_length."""
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    slug = slugify(_d_to_d(str(value)))
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    slug = slug[:cut] if cut > 0 else slug[:max_length]
    return slug.rstrip("-_")


def _collation_elements(value: str) -> list[list[int]]:
    """Return [primary code, tone, is_upper] per letter, digit and word break of one string."""
    elements: list[list[int]] = []
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", normalize_tones(normalize_text(value))):
        last = elements[-1] if elements else None
        if unicodedata.combining(ch):
            if last is None or last[0] < _LETTER_BASE:
                continue
            if ch in _TONES:
                last[1] = _TONES[ch]
            elif ch in _LETTER_MARKS and letters[-1] in _LETTER_MARKS[ch]:
                letters[-1] = _LETTER_MARKS[ch][letters[-1]]
                last[0] = _LETTER_RANK[letters[-1]]
        elif ch.isdecimal():
            elements.append([_DIGIT_BASE + unicodedata.decimal(ch), 0, 0])
            letters.append("")
        elif ch.isalpha():
            lower = ch.lower() if len(ch.lower()) == 1 else ch
            code = _LETTER_RANK.get(lower, _OTHER_BASE + ord(lower))
            elements.append([code, 0, int(ch.isupper())])
            letters.append(lower)
        elif (ch.isspace() or unicodedata.category(ch) == "Pd") and last and last[0] != _WORD_BREAK:
            elements.append([_WORD_BREAK, 0, 0])
            letters.append("")
    if elements and elements[-1][0] == _WORD_BREAK:
        elements.pop()
    return elements


def _collation_levels(parts: tuple[str, ...]) -> tuple[list[int], list[int], list[int]]:
    """Return the primary codes (each part ended by _PART_END), tones and cases of the parts."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for part in parts:
        for code, tone, upper in _collation_elements(part):
            primary.append(code)
            if code >= _LETTER_BASE:
                tones.append(tone)
                cases.append(upper)
        primary.append(_PART_END)
    return primary, tones, cases


def vi_sort_key(value: str) -> tuple:
    """Return a key sorting strings in Vietnamese dictionary order (letters, tones, case)."""
    primary, tones, cases = _collation_levels((value,))
    return tuple(primary), tuple(tones), tuple(cases)


def _encode_primary(code: int) -> str:
    """Return the prefix-free, order-preserving digit code of one primary weight."""
    if code < _OTHER_BASE:
        return f"{code:02d}"
    return f"99{code - _OTHER_BASE:07d}"


def vi_sort_string(*parts: str) -> str:
    """Return an ASCII-digit string whose plain order is the Vietnamese order of the parts."""
    primary, tones, cases = _collation_levels(parts)
    encoded = "".join(map(_encode_primary, primary))
    encoded += "".join(map(str, tones)) + "".join(map(str, cases))
    return encoded[:_SORT_STRING_MAX]


# What XML 1.0 cannot carry (feeds and sitemaps are XML): the C0 controls but tab, line feed
# and carriage return, lone surrogates, U+FFFE and U+FFFF. Of these, the ones that end a line
# (vertical tab: Word's manual line break; form feed: its page break; the file, group and record
# separators) become a line break; the others carry no text and go.
_XML_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e]")
_XML_INVALID = re.compile("[\x00-\x08\x0e-\x1b\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str, line_break: str = "\n") -> str:
    """The text without the characters XML 1.0 cannot carry, line-ending ones as line_break."""
    return _XML_INVALID.sub("", _XML_LINE_BREAKS.sub(line_break, value))


def format_number(value) -> str:
    """A figure as the active language writes it, with the decimals it has: 99,3 · 87.500."""
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
