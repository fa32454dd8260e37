"""The admin home's queues (articles.admin.workspace) for the template that shows them."""

from django import template

from articles import roles
from articles.admin.workspace import queues

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_queues(context):
    """The queues of the user viewing the admin home, or none for someone not logged in."""
    user = context["request"].user
    return queues(user) if user.is_authenticated else []


@register.filter
def staff_name(user):
    """A colleague's name in Vietnamese order (articles.roles.staff_name)."""
    return roles.staff_name(user) if user else ""
