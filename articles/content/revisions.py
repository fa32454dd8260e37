"""Article history: a snapshot per save, and restoring one."""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleRevision,
    Attachment,
    Figure,
    OfficialMention,
    Statistic,
)

# The article's own fields a revision keeps and a restore brings back. Status, publication
# time and address are not restored: publishing is a separate act with its own permission,
# and a published address must keep working.
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
RECORDED_FIELDS = [*CONTENT_FIELDS, "status", "published_at", "slug"]
# Text fields shown as a word-by-word diff; the others as their old and new value.
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


def plain_value(value):
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
        name: plain_value(instance._meta.get_field(name).value_from_object(instance))
        for name in names
    }


def snapshot(article):
    """Every field a reader or editor sees, with tags, organisations and child rows."""
    data = _row(article, RECORDED_FIELDS)
    data["tags"] = sorted(article.tags.values_list("pk", flat=True))
    data["organisations"] = sorted(article.organisations.values_list("pk", flat=True))
    for relation, (_model, names) in CHILDREN.items():
        # The id too: a restore gives each row its id back, so an attachment's public address
        # (by id) keeps working across restores.
        data[relation] = [_row(row, ["id", *names]) for row in getattr(article, relation).all()]
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


def _free(model, pk):
    """The id when no row holds it (ids are never reused, so it is this row's own), else None."""
    return pk if pk is not None and not model.objects.filter(pk=pk).exists() else None


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
            # Its old id when free: snapshots taken before ids were kept have none.
            model.objects.create(pk=_free(model, row.get("id")), article=article, **fields)
    record_revision(
        article, user, note=_("Khôi phục phiên bản %(number)s") % {"number": revision.number}
    )
    return article


# What the article form edits through its inline tables rather than its own fields.
INLINE_RELATIONS = [*CHILDREN, "organisations"]


def _comparable(data, name):
    """A snapshot's value to compare; child rows without their ids (older snapshots lack them)."""
    value = data.get(name)
    if name in CHILDREN:
        return [{key: item for key, item in row.items() if key != "id"} for row in value or []]
    return value


def merge_plan(base, mine, theirs):
    """How to save an editor's form over a colleague's newer save: (conflicts, to take).

    base: the snapshot the editor opened (None when it was never recorded); mine: the
    form's fields as typed; theirs: the article as the colleague left it. Conflicts are the
    fields both changed to different values, and the inline tables when the colleague changed
    them (the form's tables would save their old rows over). Without a base every field typed
    differently from theirs is a conflict. "To take" are the fields only the colleague changed.
    """
    if base is None:
        return [name for name in mine if mine[name] != theirs.get(name)], []

    def changed(data, names):
        return [
            name
            for name in names
            if name in base and _comparable(base, name) != _comparable(data, name)
        ]

    ours, their_fields = changed(mine, mine), changed(theirs, mine)
    conflicts = [name for name in ours if name in their_fields and mine[name] != theirs[name]]
    conflicts += [name for name in changed(theirs, INLINE_RELATIONS) if name not in mine]
    take = [name for name in their_fields if name not in ours]
    return conflicts, take
