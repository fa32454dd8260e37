"""The history an editor reads: what changed between two snapshots, as a word diff in HTML."""

import difflib
import re

from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from articles.content.html import html_to_text
from articles.content.revisions import CHILDREN, RECORDED_FIELDS, TEXT_FIELDS
from articles.models import Article


def _words(text):
    return re.findall(r"\S+|\n", text or "")


def word_diff(old, new):
    """HTML showing deleted words in <del> and inserted words in <ins>, everything escaped."""
    old_words, new_words = _words(old), _words(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(_join(old_words[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            parts.append(f"<del>{_join(old_words[i1:i2])}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{_join(new_words[j1:j2])}</ins>")
    return mark_safe(" ".join(parts))  # every word went through escape() in _join


def _join(words):
    return " ".join(escape(word) for word in words).replace(" \n ", "<br>").replace("\n", "<br>")


def _text(data, name):
    value = data.get(name) or ""
    return html_to_text(value) if name == "body" else value


def changes(old, new):
    """What changed between two snapshots: (label, diff HTML or None) per changed field."""
    rows = []
    for name in [*RECORDED_FIELDS, "tags", "organisations", *CHILDREN]:
        if old.get(name) == new.get(name):
            continue
        label = _label(name)
        if name in TEXT_FIELDS:
            rows.append((label, word_diff(_text(old, name), _text(new, name))))
        else:
            rows.append((label, None))
    return rows


def _label(name):
    if name in CHILDREN:
        return str(CHILDREN[name][0]._meta.verbose_name_plural)
    return str(Article._meta.get_field(name).verbose_name)


def changes_html(old, new):
    """The changes as an HTML list, for messages and the history page."""
    return format_html_join(
        "",
        "<li><strong>{}</strong>{}</li>",
        ((label, mark_safe(f": {diff}") if diff else "") for label, diff in changes(old, new)),
    )
