"""What an editor is told when a colleague saved the article after they opened it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.admin.history import TIME_FORMAT, Names, changes, editor_name, label_of, value_lines


def _colleague(current):
    return editor_name(current.last_editor) if current.last_editor else _("người khác")


def conflict_summary(current, base, mine, theirs, conflicts):
    """Both versions of each field the two changed, and all the colleague changed, to show."""
    names = Names([data for data in (base, mine, theirs) if data])
    return {
        "editor": _colleague(current),
        "time": timezone.localtime(current.updated_at).strftime(TIME_FORMAT),
        "rows": [
            {
                "label": label_of(name),
                # An inline table: what the editor typed there is in the table itself.
                "mine": value_lines(name, mine, names) if name in mine else None,
                "theirs": value_lines(name, theirs, names),
            }
            for name in conflicts
        ],
        "changes": changes(base, theirs, names) if base else [],
    }


def merge_summary(current, taken):
    """Who saved in between, and which of their fields this save keeps."""
    return {"editor": _colleague(current), "labels": [label_of(name) for name in taken]}
