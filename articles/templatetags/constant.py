"""`{% constant %}…{% endconstant %}`: a part of a template rendered once per language.

The site's header, navigation and footer are the same on every page of a language: a dozen
translated strings, reversed URLs and static file names that only a deployment changes. As a
plain template they cost a millisecond on every page; inside `{% constant %}` they are rendered
on a process's first page in each language and reused.

What goes inside must depend on nothing but the language: no request, no page variable, no
CSRF token, no CSP nonce (tests/articles/test_constant.py keeps base.html to this).
"""

import weakref

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()
_NODES = weakref.WeakSet()


class ConstantNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}
        _NODES.add(self)

    def render(self, context):
        key = (get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = mark_safe(self.nodelist.render(context))
        return html


@register.tag
def constant(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% constant %} takes no argument.")
    nodelist = parser.parse(("endconstant",))
    parser.delete_first_token()
    return ConstantNode(nodelist)


def _forget(**kwargs):
    """A changed setting (in tests: the static files storage) may change the rendered parts."""
    for node in list(_NODES):
        node.rendered.clear()


setting_changed.connect(_forget, dispatch_uid="constant-forget")
