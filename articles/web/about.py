"""/gioi-thieu/: the organisation that publishes the portal, as Nghị định 42/2022 asks.

Its functions, its units as a tree, its leaders with their public contacts, its spokesperson
(Nghị định 09/2017/NĐ-CP). A Sở Y tế's own organisation page presents the same through
`department()`. Everything comes from Organisation, Position and Official rows.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render

from articles.models import SiteSettings
from people.models import Organisation, Position

# Levels of units drawn under a department (Sở → its centres and hospitals → their stations).
TREE_DEPTH = 3


@dataclass
class Unit:
    organisation: Organisation
    children: list = field(default_factory=list)


def unit_tree(root):
    """The units under `root`, TREE_DEPTH levels deep: one query per level."""
    top = []
    level = {root.pk: top}
    for _depth in range(TREE_DEPTH):
        children = Organisation.objects.filter(parent__in=level).only(
            "name", "slug", "kind", "parent"
        )
        next_level = {}
        for child in children:
            unit = Unit(child)
            level[child.parent_id].append(unit)
            next_level[child.pk] = unit.children
        if not next_level:
            break
        level = next_level
    return top


def leaders(organisation):
    """Current posts in the organisation: heads first, then deputies, then the others."""
    rank = Case(
        When(title__istartswith="Phó", then=Value(1)),
        When(title__istartswith="Giám đốc", then=Value(0)),
        When(title__istartswith="Trưởng", then=Value(0)),
        When(title__istartswith="Chủ tịch", then=Value(0)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Position.objects.current()
        .filter(organisation=organisation)
        .select_related("official")
        .annotate(rank=rank)
        .order_by("rank", "official__sort_key")
    )


def department(organisation):
    """The context a department's presentation needs (includes/department.html)."""
    posts = list(leaders(organisation))
    return {
        "department": organisation,
        "units": unit_tree(organisation),
        "leaders": posts,
        "spokespeople": [post for post in posts if post.is_spokesperson],
    }


def about(request):
    site = SiteSettings.load()
    context = {"settings_row": site}
    if site.publisher_id:
        context.update(department(site.publisher))
    return render(request, "articles/about.html", context)
