"""Would Jinja2 bring the pages within budget? One page of cards rendered by both engines.

Usage (from the project root, on a database that bench/pages.py filled):

    .venv/bin/python bench/engines.py --database sqlite --articles 1000

Issue 19 allows Django's Jinja2 backend for the public templates if the Django template
language cannot meet the budget. The cards are the largest part of the lists and the home page
(bench/breakdown.py), so this renders the news list's first page of cards, in process, with the
site's own includes (includes/article_card.html and includes/article_meta.html) and with the
same markup written for Jinja2 below, on the same article instances, and prints the CPU time of
each (best of --rounds). Both outputs are compared first: the figures mean something only if
the two engines write the same page. URLs, dates and truncation are Django's functions in both,
as they would be after a switch.
"""

import argparse
import os
import re
import sys
import time

import databases
import harness

# includes/article_card.html and includes/article_meta.html, for articles without a photo
# (the generated ones): the same markup in Jinja2's syntax.
JINJA2_TEMPLATES = {
    "cards.html": '{% for article in articles %}{% include "card.html" %}{% endfor %}',
    "card.html": """<article class="card">
  <h{{ level|default(3) }} class="card-title"><a href="{{ article.get_absolute_url() }}" \
lang="vi">{{ article.title }}</a></h{{ level|default(3) }}>
  {% include "meta.html" %}
  {% if article.lead and not compact %}<p class="summary" lang="vi">\
{{ article.lead|truncatewords(35) }}</p>{% endif %}
</article>""",
    "meta.html": """<p class="meta">
  {% if article.published_at %}{% set at = article.published_at|localtime %}\
<time datetime="{{ at|date('c') }}">{% if article.published_at_precision == "exact" %}\
{{ at|date("l, d/m/Y H:i") }}{% else %}{{ at|date("l, d/m/Y") }}{% endif %}</time>{% endif %}
  {% if article.province %}<a href="{{ article.province.get_absolute_url() }}">\
{{ article.province.full_name }}</a>{% endif %}
  {% if article.category %}<a href="{{ article.category.get_absolute_url() }}" lang="vi">\
{{ article.category.name }}</a>{% endif %}
</p>""",
}


def engines():
    """The two renderers: each takes the articles and returns the page of cards."""
    import jinja2
    from django.template import engines as django_engines
    from django.template.defaultfilters import date, truncatewords
    from django.utils.timezone import template_localtime

    django_template = django_engines["django"].from_string(
        '{% for article in articles %}{% include "includes/article_card.html" %}{% endfor %}'
    )
    environment = jinja2.Environment(loader=jinja2.DictLoader(JINJA2_TEMPLATES), autoescape=True)
    environment.filters.update(date=date, truncatewords=truncatewords, localtime=template_localtime)
    jinja2_template = environment.get_template("cards.html")
    return {
        "Django templates": lambda articles: django_template.render({"articles": articles}),
        "Jinja2": lambda articles: jinja2_template.render(articles=articles),
    }


def same_markup(first, second):
    """Equal but for whitespace, which HTML ignores between tags."""

    def normalised(page):
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", page)).strip()

    return normalised(first) == normalised(second)


def cpu_ms(render, articles, rounds, repeats):
    """Best of rounds: CPU milliseconds per rendering of the page of cards."""
    best = None
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(repeats):
            render(articles)
        spent = (time.process_time() - start) / repeats * 1000
        best = spent if best is None else min(best, spent)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    os.environ.update(databases.prepare_database(args.database, args.articles, reuse=True))
    sys.path.insert(0, str(harness.ROOT))
    import django

    django.setup()
    from django.utils import translation

    from articles.models import Article

    translation.activate("vi")
    articles = list(Article.objects.published().for_listing()[:20])
    if any(article.photos and article.photos[0].has_photo for article in articles):
        sys.exit("This page has photos, which the Jinja2 copy does not draw: use generated data.")
    renderers = engines()
    pages = [render(articles) for render in renderers.values()]
    if not same_markup(*pages):
        sys.exit("The two engines wrote different pages: the comparison would mean nothing.")
    times = {
        name: cpu_ms(render, articles, args.rounds, args.repeats)
        for name, render in renderers.items()
    }
    for name, spent in times.items():
        print(f"{name:<17} {spent:6.2f} ms per page of {len(articles)} cards")
    print(f"Jinja2 takes {times['Jinja2'] / times['Django templates']:.0%} of the time.")


if __name__ == "__main__":
    main()
