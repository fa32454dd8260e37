"""An article's card and meta line, written in Python: `{% article_card %}`, `{% article_meta %}`.

Every list of the site shows twenty of these. As template includes they cost about a quarter
of a millisecond each (two includes, two date filters, a URL reversal, context pushes); built
with format_html they cost a tenth of that, with the same markup and the same escaping.
"""

from django import template
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

register = template.Library()

LEAD_WORDS = 35


def published_time(article):
    """<time> of the publication, with the weekday and the precision the editor gave."""
    when = article.published_at
    if when is None:
        return ""
    when = timezone.localtime(when)
    shown = f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y}"
    if article.published_at_precision == "exact":
        shown += f" {when:%H:%M}"
    note = ""
    if article.published_at_precision == "estimated":
        note = format_html(' <span class="note">({})</span>', gettext("ngày ước tính"))
    return format_html('<time datetime="{}">{}{}</time>', when.isoformat(), shown, note)


@register.simple_tag
def article_meta(article):
    """Date, province and category of an article (the line under its title)."""
    parts = [published_time(article)]
    if article.province_id:
        parts.append(format_html("<span>{}</span>", article.province.full_name))
    if article.category_id:
        parts.append(format_html("<span>{}</span>", article.category.name))
    return mark_safe(f'<p class="meta">\n  {"\n  ".join(parts)}\n</p>')


@register.simple_tag
def article_card(article, level=3, compact=False):
    """Title link, meta line and (unless compact) the lead cut to 35 words."""
    summary = ""
    if article.lead and not compact:
        lead = Truncator(article.lead).words(LEAD_WORDS, truncate=" …")
        summary = format_html('\n  <p class="summary">{}</p>', lead)
    return format_html(
        '<article class="card">\n  <h{0} class="card-title"><a href="{1}">{2}</a></h{0}>\n'
        "  {3}{4}\n</article>",
        int(level),
        article.get_absolute_url(),
        article.title,
        article_meta(article),
        summary,
    )
