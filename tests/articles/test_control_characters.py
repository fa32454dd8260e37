"""Characters XML 1.0 cannot carry never reach the database, whichever way text is saved."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Figure
from healthnews.text import xml_safe
from people.models import Province
from tests.articles.admin.test_article import EDITOR, change_url, form_data, login
from tests.factories import make_article, make_figure, make_province

pytestmark = pytest.mark.django_db

# Word's manual line break, its page break, a record separator, start of heading, escape.
BAD = "Tiêm\x0bchủng\x0cmở\x1erộng\x01\x1b"
FEEDS = ["rss", "atom"]


def assert_clean(*texts):
    for text in texts:
        assert text == xml_safe(text) and "\x01" not in text


def test_xml_safe_turns_line_ending_controls_into_breaks_and_drops_the_rest():
    assert xml_safe(BAD) == "Tiêm\nchủng\nmở\nrộng"
    assert xml_safe(BAD, line_break=" ") == "Tiêm chủng mở rộng"
    assert xml_safe("Tab\tdòng\r\nmới\u2028Đ\ufffe") == "Tab\tdòng\r\nmới\u2028Đ"


def test_saved_from_the_shell_every_feed_and_the_news_sitemap_answer(client):
    province = make_province(name=f"Tỉnh\x0b{BAD}")
    article = make_article(title=BAD, lead=BAD, body=f"<p>{BAD}</p>", byline=BAD, province=province)
    make_figure(article, caption=BAD)

    responses = [client.get(reverse(name)) for name in FEEDS]
    responses += [client.get(reverse("rss_province", args=[province.slug]))]
    responses += [client.get(reverse("sitemap_news"))]

    assert [response.status_code for response in responses] == [200] * 4
    assert all(ET.fromstring(response.content) is not None for response in responses)
    article.refresh_from_db()
    assert article.title == "Tiêm chủng mở rộng"
    assert article.lead == "Tiêm\nchủng\nmở\nrộng"
    assert_clean(article.body, article.byline, Figure.objects.get().caption)
    assert Province.objects.get().name == "Tỉnh Tiêm chủng mở rộng"


def test_loaddata_saves_raw_but_clean(tmp_path):
    fixture = tmp_path / "bad.json"
    row = {"title": BAD, "slug": "bai-xau", "lead": BAD, "body": f"<p>{BAD}</p>", "version": 1}
    row |= {"created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z"}
    fixture.write_text(json.dumps([{"model": "articles.article", "fields": row}]))

    call_command("loaddata", fixture, verbosity=0)

    article = Article.objects.get()
    assert_clean(article.title, article.lead, article.body, article.search_text)


def test_admin_save_is_clean(client):
    login(client, EDITOR)
    article = make_article(status=Article.Status.DRAFT)

    client.post(change_url(article), form_data(article, title=BAD, lead=BAD))

    article.refresh_from_db()
    assert (article.title, article.lead) == ("Tiêm chủng mở rộng", "Tiêm\nchủng\nmở\nrộng")


def test_imported_captions_are_clean(tmp_path):
    call_command("loaddata", "people", verbosity=0)
    seed = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))[2]
    # The importer lets form feeds through (a page break in a text file).
    text = seed.read_text(encoding="utf-8").replace(" và ", " và\x0c")
    (tmp_path / seed.name).write_text(text, encoding="utf-8")

    call_command("import_articles", tmp_path / seed.name, stdout=io.StringIO())

    article = Article.objects.get()
    captions = [figure.caption for figure in article.figures.all()]
    assert "\x0c" in text and captions
    assert_clean(article.title, article.lead, article.body, *captions)
    assert not any("\x0c" in text for text in [article.body, *captions])
