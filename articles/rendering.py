"""Form widgets rendered in Python: the same HTML as Django's templates, a tenth of the cost.

Django renders every widget through a template, and every `<option>` of a `<select>` through
a template of its own: the filter form of the news list (three selects, 90 options) cost more
than the twenty articles it filters. FastFormRenderer writes the stock input and select
templates' markup directly and hands every other template (the admin's widgets, field and
form layouts, error lists) to the template engine as before. Its output equals the templates'
(tests/articles/test_rendering.py compares them widget by widget).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
# The stock templates that only include input.html.
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
    )
}
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"


def attributes(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    html = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            html.append(f" {conditional_escape(name)}")
        else:
            html.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(html)


def render_input(widget):
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{attributes(widget["attrs"])}>'
    )


def render_option(option):
    return (
        f'<option value="{conditional_escape(option["value"])}"{attributes(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def render_select(widget):
    html = [f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        html.extend(f"\n  {render_option(option)}\n" for option in options)
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


class FastFormRenderer(DjangoTemplates):
    """DjangoTemplates, with the stock input and select widgets written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUTS:
                return render_input(widget)
            if template_name == SELECT and all(
                option["template_name"] == OPTION
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return render_select(widget)
        return super().render(template_name, context, request)
