"""{{ value|number }}: a figure written as the active language writes numbers (99,3 · 87.500)."""

from django import template

from healthnews.text import format_number

register = template.Library()


@register.filter
def number(value):
    if value is None or value == "":
        return ""
    return format_number(value)
