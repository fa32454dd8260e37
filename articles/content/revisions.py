"""Article history: a snapshot per save, a readable diff between two, and restoring one."""

import datetime
import difflib
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.content.html import html_to_text
from articles.models import (
    Article,
    ArticleRevision,
    Attachment,
    Figure,
    OfficialMention,
    Statistic,
)

# The article's own fields a revision keeps and a restore brings back. Status and publication
# time are not restored: publishing is a separate act with its own permission.
CONTENT_FIELDS = [
    "title",
    "lead",
    "body",
    "published_at_precision",
    "event_year",
    "event_month",
    "event_day",
    "event_year_inferred",
    "event_date_text",
    "source_outlet",
    "source_url",
    "byline",
    "credit_line",
    "category",
    "province",
    "commemoration",
    "commemoration_year",
]
RECORDED_FIELDS = [*CONTENT_FIELDS, "status", "published_at"]
# Text fields shown as a word-by-word diff; the others are listed when they change.
TEXT_FIELDS = ["title", "lead", "body", "byline", "credit_line"]
CHILDREN = {
    "figures": (Figure, ["order", "position", "image", "caption", "credit", "alt_text"]),
    "attachments": (Attachment, ["order", "title", "file"]),
    "statistics": (
        Statistic,
        ["order", "subject", "value", "qualifier", "unit", "year", "as_written"],
    ),
    "mentions": (OfficialMention, ["official", "position", "as_written"]),
}
_ENCODER = DjangoJSONEncoder()


def _plain(value):
    """A value as JSON keeps it (dates and decimals as strings, files as names)."""
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    if isinstance(value, str | int | float | bool | None):
        return value
    if isinstance(value, datetime.datetime):
        # One spelling per instant, whether it came from a form (+07:00) or the database (UTC).
        value = value.astimezone(datetime.UTC)
    return _ENCODER.default(value)


def _row(instance, names):
    return {
        name: _plain(instance._meta.get_field(name).value_from_object(instance)) for name in names
    }


def snapshot(article):
    """Every field a reader or editor sees, with tags, organisations and child rows."""
    data = _row(article, RECORDED_FIELDS)
    data["tags"] = sorted(article.tags.values_list("pk", flat=True))
    data["organisations"] = sorted(article.organisations.values_list("pk", flat=True))
    for relation, (_model, names) in CHILDREN.items():
        data[relation] = [_row(row, names) for row in getattr(article, relation).all()]
    return data


def record_revision(article, user=None, note=""):
    """Store the article as it stands now under its current version number."""
    return ArticleRevision.objects.create(
        article=article,
        number=article.version,
        user=user if user and user.is_authenticated else None,
        note=note,
        data=snapshot(article),
    )


def _existing(model, pk):
    return pk if pk is not None and model.objects.filter(pk=pk).exists() else None


@transaction.atomic
def restore_revision(revision, user):
    """Bring back the content of a revision as a new version; status and dates stay as they are."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    data = revision.data
    for name in CONTENT_FIELDS:
        field = Article._meta.get_field(name)
        value = data.get(name)
        if field.is_relation:
            value = _existing(field.related_model, value)
            setattr(article, field.attname, value)
        else:
            setattr(article, name, field.to_python(value))
    article.last_editor = user
    article.save()
    article.tags.set(article.tags.model.objects.filter(pk__in=data.get("tags", [])))
    article.organisations.set(
        article.organisations.model.objects.filter(pk__in=data.get("organisations", []))
    )
    for relation, (model, names) in CHILDREN.items():
        getattr(article, relation).all().delete()
        for row in data.get(relation, []):
            fields = {}
            for name in names:
                field = model._meta.get_field(name)
                if field.is_relation:
                    fields[field.attname] = _existing(field.related_model, row.get(name))
                else:
                    fields[name] = row.get(name)
            if relation == "mentions" and fields["official_id"] is None:
                continue
            model.objects.create(article=article, **fields)
    record_revision(
        article, user, note=_("Khôi phục phiên bản %(number)s") % {"number": revision.number}
    )
    return article


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
