"""Under /en/ the interface is English and the content Vietnamese, marked so (WCAG 3.1.2)."""

import pytest

from articles.models import OfficialMention
from tests.factories import make_article, make_official, make_organisation, make_position

pytestmark = pytest.mark.django_db


@pytest.fixture
def named():
    """An article naming an official in their post."""
    official = make_official("Trần Thị Thu", titles="BS")
    post = make_position(
        official=official,
        organisation=make_organisation(name="Trạm Y tế phường Tràng Cát"),
        title="Trạm trưởng",
    )
    article = make_article(
        title="Thăm bác sĩ Trần Thị Thu",
        lead="Sáng 18-2, lãnh đạo thành phố thăm trạm y tế.",
        body="<p>Bác sĩ Trần Thị Thu nhận quà.</p>",
    )
    OfficialMention.objects.create(article=article, official=official, position=post)
    return article, official, post.organisation


def english(client, url, **params):
    response = client.get(f"/en{url}", params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_article_under_en_marks_its_text_vietnamese(client, named):
    article, _official, _organisation = named

    html = english(client, article.get_absolute_url())

    assert '<html lang="en">' in html
    assert '<h1 lang="vi">Thăm bác sĩ Trần Thị Thu</h1>' in html
    assert '<p class="lead" lang="vi">Sáng 18-2' in html
    assert '<div class="body" lang="vi">' in html
    assert '<h2 id="can-bo">Officials mentioned</h2>' in html
    assert '<ul lang="vi"><li><a href="/en/can-bo/tran-thi-thu/">BS Trần Thị Thu</a>' in html


def test_lists_and_directory_pages_under_en_mark_names_vietnamese(client, named):
    article, official, organisation = named
    urls = [article.get_absolute_url(), official.get_absolute_url()]
    urls.append(organisation.get_absolute_url())

    news = english(client, "/tin-tuc/")
    person = english(client, urls[1])
    body = english(client, urls[2])

    assert f'<a href="/en{urls[0]}" lang="vi">Thăm bác sĩ' in news
    assert '<p class="summary" lang="vi">Sáng 18-2' in news
    assert '<h1 lang="vi">BS Trần Thị Thu</h1>' in person
    assert '<span lang="vi">Trạm trưởng</span>' in person
    assert '<h1 lang="vi">Trạm Y tế phường Tràng Cát</h1>' in body
    assert "<h2>Officials</h2>" in body


def test_search_under_en_marks_titles_snippets_and_names_vietnamese(client, named):
    html = english(client, "/tim-kiem/", q="Trần Thị Thu")

    assert 'lang="vi">BS Trần Thị Thu</a></h3>' in html
    assert 'lang="vi"><mark>Trần Thị Thu</mark>' in html or (
        'lang="vi">Thăm bác sĩ <mark>Trần Thị Thu</mark></a>' in html
    )
    assert '<p class="summary" lang="vi">' in html


def test_the_language_link_keeps_the_query_and_the_filters(client, named):
    html = client.get("/tim-kiem/", {"q": "Trần Thị Thu", "tinh": "hue"}).content.decode()
    back = english(client, "/tim-kiem/", q="thu", tu_ngay="2024-02-15")

    assert (
        '<a class="language" href="/en/tim-kiem/?q=Tr%E1%BA%A7n+Th%E1%BB%8B+Thu&amp;tinh=hue"'
    ) in html
    assert '<a class="language" href="/tim-kiem/?q=thu&amp;tu_ngay=2024-02-15"' in back
