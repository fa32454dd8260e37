"""Plain factory functions: each makes one valid row, keyword arguments override fields."""

import datetime
import itertools

from django.utils import timezone

from articles.models import Article, CommemorativeEvent, Document, Figure
from people.models import Official, Organisation, Position, Province

_counter = itertools.count(1)


def make_province(**fields):
    fields.setdefault("name", f"Tỉnh thử {next(_counter)}")
    return Province.objects.create(**fields)


def make_organisation(**fields):
    fields.setdefault("name", f"Trung tâm Y tế thử {next(_counter)}")
    fields.setdefault("kind", Organisation.Kind.HEALTH_CENTRE)
    fields.setdefault("level", Organisation.Level.PROVINCIAL)
    if "province" not in fields and fields["level"] != Organisation.Level.CENTRAL:
        fields["province"] = make_province()
    return Organisation.objects.create(**fields)


def make_official(full_name=None, **fields):
    family, *middle, given = (full_name or f"Nguyễn Văn Thử{next(_counter)}").split()
    fields.setdefault("family_name", family)
    fields.setdefault("middle_name", " ".join(middle))
    fields.setdefault("given_name", given)
    return Official.objects.create(full_name=" ".join([family, *middle, given]), **fields)


def make_position(**fields):
    if "official" not in fields:
        fields["official"] = make_official()
    if "organisation" not in fields:
        fields["organisation"] = make_organisation()
    fields.setdefault("title", "Giám đốc")
    return Position.objects.create(**fields)


def make_event(**fields):
    fields.setdefault("name", f"Ngày kỷ niệm thử {next(_counter)}")
    fields.setdefault("origin_date", datetime.date(1955, 2, 27))
    return CommemorativeEvent.objects.create(**fields)


def make_article(**fields):
    fields.setdefault("title", f"Bài viết thử số {next(_counter)}")
    fields.setdefault("lead", "Sapo của bài viết.")
    fields.setdefault("body", "<p>Đoạn một.</p><p>Đoạn hai.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return Article.objects.create(**fields)


def make_figure(article, **fields):
    fields.setdefault("order", article.figures.count())
    fields.setdefault("caption", f"Chú thích ảnh {next(_counter)}")
    return Figure.objects.create(article=article, **fields)


def make_user(role=None, username=None, **fields):
    """A staff account in one of the editorial groups (None: no group, superuser=True: all)."""
    from django.contrib.auth.models import Group, Permission, User

    from articles.roles import sync_roles

    if role and not Group.objects.filter(name=role).exists():
        sync_roles(Group, Permission)  # a transactional test flushed the migration's groups
    user = User.objects.create_user(
        username=username or f"user{next(_counter)}", password="x", is_staff=True, **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def hidden_article_fields():
    """A draft, one in review, a scheduled one, one in the trash: none may ever reach a reader."""
    return [
        {"status": Article.Status.DRAFT, "title": "Bản nháp bí mật"},
        {"status": Article.Status.IN_REVIEW, "title": "Bài chờ duyệt bí mật"},
        {
            "status": Article.Status.PUBLISHED,
            "title": "Bài hẹn giờ bí mật",
            "published_at": timezone.now() + datetime.timedelta(days=1),
        },
        {
            "status": Article.Status.PUBLISHED,
            "title": "Bài trong thùng rác bí mật",
            "published_at": timezone.now() - datetime.timedelta(days=1),
            "deleted_at": timezone.now(),
        },
    ]


def make_document(**fields):
    """A published document (văn bản); status, number and the rest may be overridden."""
    fields.setdefault("kind", Document.Kind.DIRECTIVE)
    fields.setdefault("number", f"{next(_counter)}-CT/TU")
    fields.setdefault("title", "về công tác y tế thử nghiệm")
    fields.setdefault("status", Document.Status.PUBLISHED)
    if fields["status"] == Document.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return Document.objects.create(**fields)
