"""The index rows: cut from Article.search_text, they hold the words of each field's fold."""

import json
import unicodedata

import pytest
from django.conf import settings

from articles import search
from articles.content.html import html_to_text
from healthnews.text import WORD, normalize_text, normalize_tones, vn_fold
from tests.factories import make_article

WEIRD = [
    "Hoá Điện\u00a0Biên\t\tKHÁM\r\nx\u0301y İstanbul Straße \u2028 qúy huỳnh  ",
    unicodedata.normalize("NFD", "Thừa Thiên Huế Đắk Lắk hoà thuý KIẾN THUỴ"),
    "a_b 12,5% “trích” ﬁ ① ² \u0300đầu cuối\u0301 ǰ ŉ ΐ Σς",
    "",
]


def reference_row(title, lead, body_html):
    """index_row as first written: the words of each field's vn_fold, and the exact words."""
    body = html_to_text(body_html or "")
    exact = normalize_tones(normalize_text(chr(10).join([title or "", lead or "", body])))
    return (
        " ".join(WORD.findall(vn_fold(title or ""))),
        " ".join(WORD.findall(vn_fold(lead or ""))),
        " ".join(WORD.findall(vn_fold(body))),
        f" {' '.join(WORD.findall(exact.casefold()))} ",
    )


def fixture_articles():
    rows = json.loads((settings.BASE_DIR / "fixtures" / "articles.json").read_text())
    return [
        (row["fields"]["title"], row["fields"]["lead"], row["fields"]["body"])
        for row in rows
        if row["model"] == "articles.article"
    ]


@pytest.mark.parametrize(
    "fields",
    fixture_articles() + [(text, text[::-1], f"<p>{text}</p><p>&amp; x</p>") for text in WEIRD],
)
def test_index_row_has_the_words_of_each_fields_fold_and_the_exact_words(fields):
    assert search.index_row(*fields) == reference_row(*fields)


@pytest.mark.django_db
def test_rebuild_index_indexes_every_article_once():
    articles = [make_article(title=f"Bài {n} về Điện Biên") for n in range(3)]
    search.unindex_articles([articles[0].pk])

    indexed = search.rebuild_index()

    assert indexed == 3 == search.index_size()
    ids, _query = search.search_articles(search.parse_query("dien bien"))
    assert sorted(ids) == sorted(a.pk for a in articles)
