"""What an editor is told when a colleague saved the article after they opened it."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.admin.history import TIME_FORMAT, Names, changes, editor_name, label_of, value_lines
from articles.content.revisions import RECORDED_FIELDS, merge_plan, plain_value, snapshot
from articles.models import Article


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


class ConcurrentSaveForm:
    """Article form behaviour: a save over a colleague's newer one merges or is refused.

    The form has a hidden base_version (the version the editor opened). When the article has
    moved on since, fields only the colleague changed are taken from their save, and the save
    goes through; fields both changed are refused, with both versions shown (conflict.html).
    """

    conflict = None  # a colleague's overlapping save, for the change form (conflict.html)
    merged = None  # a colleague's save merged with this one, for the editor's message

    def merge_concurrent_save(self, base_version):
        """Merge over a colleague's newer save when the two changed different fields."""
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        try:
            base_version = int(base_version)
        except (TypeError, ValueError):
            self._refuse_unknown_version(current)
        if base_version == current.version:
            return
        seen = current.revisions.filter(number=base_version).first()
        base, theirs = (seen.data if seen else None), snapshot(current)
        mine = self._typed_snapshot()
        conflicts, take = merge_plan(base, mine, theirs)
        if not conflicts:
            for name in take:
                self.cleaned_data[name] = (
                    current.tags.all() if name == "tags" else getattr(current, name)
                )
            self.merged = merge_summary(current, take)
            return
        self.conflict = conflict_summary(current, base, mine, theirs, conflicts)
        # The next save overwrites on purpose: the editor has now seen the colleague's version.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        raise ValidationError(
            _(
                "Bài viết đã được %(editor)s lưu lúc %(time)s, sau khi bạn mở trang này, và hai "
                "người cùng sửa: %(fields)s. Thay đổi của bạn CHƯA được lưu; so sánh hai bản "
                "bên dưới. Nếu vẫn muốn ghi đè, bấm Lưu lần nữa."
            )
            % {
                "editor": self.conflict["editor"],
                "time": self.conflict["time"],
                "fields": ", ".join(row["label"] for row in self.conflict["rows"]),
            },
            code="lost_update",
        )

    def _typed_snapshot(self):
        """The form's recorded fields as the editor typed them, spelled as a snapshot."""
        typed = {}
        for name in [*RECORDED_FIELDS, "tags"]:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if name == "tags":
                typed[name] = sorted(tag.pk for tag in value)
            elif Article._meta.get_field(name).is_relation:
                typed[name] = value.pk if value else None
            elif name == "body":
                typed[name] = Article._meta.get_field("body").sanitize(value)
            else:
                typed[name] = plain_value(value)
        return typed

    def _refuse_unknown_version(self, current):
        # The next save overwrites, as after a conflict: the editor has seen this message.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        message = _(
            "Không rõ bạn đã mở phiên bản nào của bài viết, nên không biết có ai đã lưu sau đó "
            "hay không. Thay đổi của bạn CHƯA được lưu. Nếu vẫn muốn ghi đè, bấm Lưu lần nữa."
        )
        raise ValidationError(message, code="unknown_version")
