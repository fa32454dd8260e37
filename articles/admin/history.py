"""The history an editor reads: every field's old and new value between two snapshots.

Text fields show as a word diff in HTML; every other field as its value before and after, with
related rows by name (one query per kind of row for a whole page, see Names). The history
page is a timeline of entries, each shown by its own template: revisions today, and any other
kind of entry (workflow notes) joins through timeline() with its own template.
"""

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.content.html import html_to_text
from articles.content.revisions import CHILDREN, RECORDED_FIELDS, TEXT_FIELDS
from articles.models import Article
from articles.roles import staff_name
from people.models import Position

# The article's many-to-many fields a snapshot keeps as sorted lists of ids.
MANY = ["tags", "organisations"]
TIME_FORMAT = "%H:%M:%S %d/%m/%Y"


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


def editor_name(user):
    """How the history names who saved: full name, else the login; None is the system."""
    if user is None:
        return _("hệ thống")
    return staff_name(user)


def _named(model):
    """The rows of a model with what their names read (a post names its holder and body)."""
    if model is Position:
        return Position.objects.select_related("official", "organisation")
    return model.objects.all()


class Names:
    """The names of the rows that snapshots point to, read with one query per kind of row."""

    def __init__(self, snapshots):
        wanted = defaultdict(set)
        for data in snapshots:
            for name in RECORDED_FIELDS:
                if Article._meta.get_field(name).is_relation and data.get(name) is not None:
                    wanted[Article._meta.get_field(name).related_model].add(data[name])
            for name in MANY:
                wanted[Article._meta.get_field(name).related_model].update(data.get(name, []))
            for relation, (model, names) in CHILDREN.items():
                for row in data.get(relation, []):
                    for name in names:
                        child_field = model._meta.get_field(name)
                        if child_field.is_relation and row.get(name) is not None:
                            wanted[child_field.related_model].add(row[name])
        self.names = {
            model: {row.pk: str(row) for row in _named(model).filter(pk__in=pks)}
            for model, pks in wanted.items()
            if pks
        }

    def of(self, model, pk):
        found = self.names.get(model, {}).get(pk)
        return found if found is not None else _("(đã xóa, mã %(pk)s)") % {"pk": pk}


def display(model_field, value, names):
    """A snapshot's value as an editor reads it."""
    if value is None or value == "":
        return _("(trống)")
    if model_field.is_relation:
        return names.of(model_field.related_model, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("có") if value else _("không")
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(value)
        return timezone.localtime(moment).strftime(TIME_FORMAT) if moment else value
    return str(value)


def _describe(model, names, row, lookup):
    """A child row in one line: each of its filled fields as "label: value"."""
    parts = []
    for name in names:
        if row.get(name) in (None, ""):
            continue
        child_field = model._meta.get_field(name)
        parts.append(f"{child_field.verbose_name}: {display(child_field, row.get(name), lookup)}")
    return "; ".join(parts)


def label_of(name):
    """A snapshot key's name in the interface."""
    if name in CHILDREN:
        return str(CHILDREN[name][0]._meta.verbose_name_plural)
    return str(Article._meta.get_field(name).verbose_name)


def value_lines(name, data, names):
    """A snapshot's value of one field as the lines an editor reads (a row each for tables)."""
    if name in CHILDREN:
        model, child_names = CHILDREN[name]
        lines = [_describe(model, child_names, row, names) for row in data.get(name, [])]
    elif name in MANY:
        model = Article._meta.get_field(name).related_model
        lines = sorted(names.of(model, pk) for pk in data.get(name, []))
    elif name in TEXT_FIELDS:
        lines = [_text(data, name)] if _text(data, name) else []
    else:
        lines = [display(Article._meta.get_field(name), data.get(name), names)]
    return lines or [_("(trống)")]


@dataclass
class Change:
    """One changed field: a word diff for text, else the values it lost and gained."""

    label: str
    diff: str = ""
    before: list = field(default_factory=list)
    after: list = field(default_factory=list)


def _only_in(items, others):
    return [item for item in items if item not in others]


def changes(old, new, names):
    """What changed from one snapshot to the next, field by field.

    A field one of them does not hold (snapshots taken before it was recorded) is skipped.
    """
    rows = []
    for name in RECORDED_FIELDS:
        if name not in old or name not in new or old[name] == new[name]:
            continue
        model_field = Article._meta.get_field(name)
        label = str(model_field.verbose_name)
        if name in TEXT_FIELDS:
            rows.append(Change(label, diff=word_diff(_text(old, name), _text(new, name))))
        else:
            rows.append(
                Change(
                    label,
                    before=[display(model_field, old[name], names)],
                    after=[display(model_field, new[name], names)],
                )
            )
    for name in MANY:
        if name not in old or name not in new:
            continue
        model = Article._meta.get_field(name).related_model
        before = sorted(names.of(model, pk) for pk in old[name] if pk not in new[name])
        after = sorted(names.of(model, pk) for pk in new[name] if pk not in old[name])
        if before or after:
            label = str(Article._meta.get_field(name).verbose_name)
            rows.append(Change(label, before=before, after=after))
    for relation, (model, child_names) in CHILDREN.items():
        if relation not in old or relation not in new:
            continue
        old_rows = [_describe(model, child_names, row, names) for row in old[relation]]
        new_rows = [_describe(model, child_names, row, names) for row in new[relation]]
        before, after = _only_in(old_rows, new_rows), _only_in(new_rows, old_rows)
        if before or after:
            label = str(model._meta.verbose_name_plural)
            rows.append(Change(label, before=before, after=after))
    return rows


@dataclass
class Entry:
    """One line of the history timeline, shown by its template."""

    at: datetime.datetime
    author: str
    template: str
    context: dict


REVISION_TEMPLATE = "admin/articles/article/includes/history_revision.html"


def revision_entries(article, revisions):
    """The article's revisions, newest first, each with what changed from the one before."""
    names = Names([revision.data for revision in revisions])
    entries = []
    for newer, older in zip(revisions, [*revisions[1:], None], strict=False):
        entries.append(
            Entry(
                at=newer.created_at,
                author=editor_name(newer.user),
                template=REVISION_TEMPLATE,
                context={
                    "revision": newer,
                    "changes": changes(older.data, newer.data, names) if older else [],
                    "is_current": newer.number == article.version,
                    "is_first": older is None,
                },
            )
        )
    return entries


def timeline(*entry_lists):
    """Entries of every kind in one list, newest first."""
    return sorted(
        (entry for entries in entry_lists for entry in entries),
        key=lambda entry: entry.at,
        reverse=True,
    )


NOTE_TEMPLATE = "admin/articles/article/includes/history_note.html"


def note_entries(notes):
    """The workflow's steps and notes (articles.workflow.steps_of), as timeline entries."""
    return [
        Entry(
            at=note.created_at,
            author=editor_name(note.author),
            template=NOTE_TEMPLATE,
            context={"note": note},
        )
        for note in notes
    ]
