"""Photos as readers get them: renditions in <picture>, thumbnails on cards, no lone captions."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import OfficialMention
from tests.factories import (
    make_article,
    make_event,
    make_figure,
    make_organisation,
    make_position,
    make_province,
    make_user,
)
from tests.samples import image_bytes, uploaded

pytestmark = pytest.mark.django_db

RENDITION = r"/media/renditions/figures/\d{4}/\d{2}/[0-9a-f]{32}"


def photo(name="anh.jpg", size=(2000, 1500)):
    return uploaded(name, image_bytes("JPEG", size=size), "image/jpeg")


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.DOTALL)


def test_article_photo_is_a_picture_of_renditions_with_its_size(client):
    article = make_article(body="<p>Một.</p><p>Hai.</p><p>Ba.</p>")
    make_figure(article, position=0, image=photo(), alt_text="Bác sĩ khám bệnh", caption="Khám")

    html = client.get(article.get_absolute_url()).content.decode()

    (picture,) = pictures(html)
    webp = ", ".join(f"{RENDITION}-{w}\\.webp {w}w" for w in (160, 360, 720, 1080, 1600))
    jpeg = ", ".join(f"{RENDITION}-{w}\\.jpg {w}w" for w in (160, 360, 720, 1080, 1600))
    sizes = re.escape("(min-width: 48rem) 46rem, calc(100vw - 2rem)")
    assert re.fullmatch(
        f'<picture>\n<source type="image/webp" srcset="{webp}" sizes="{sizes}">\n'
        f'<img src="{RENDITION}-720\\.jpg" srcset="{jpeg}" sizes="{sizes}" width="720" '
        f'height="540" alt="Bác sĩ khám bệnh" fetchpriority="high">\n</picture>',
        picture,
    ), picture
    assert "<figcaption>Khám</figcaption>" in html


def test_only_the_first_photo_is_fetched_first_the_others_wait(client):
    article = make_article(body="<p>Một.</p><p>Hai.</p><p>Ba.</p>")
    make_figure(article, position=2, image=photo("sau.jpg"), alt_text="Ảnh sau")
    make_figure(article, position=1, image=photo("truoc.jpg"), alt_text="Ảnh trước")

    html = client.get(article.get_absolute_url()).content.decode()

    first, second = pictures(html)
    assert 'alt="Ảnh trước" fetchpriority="high">' in first and "lazy" not in first
    assert 'alt="Ảnh sau" loading="lazy">' in second and "fetchpriority" not in second


def test_a_caption_without_its_photo_is_not_shown_to_readers(client):
    article = make_article(body="<p>Một.</p><p>Hai.</p>")
    make_figure(article, position=1, caption="Chú thích còn lại, ảnh đã mất")
    make_figure(article, position=1, caption="Ảnh không đọc được", image="figures/mat.jpg")

    html = client.get(article.get_absolute_url()).content.decode()

    main = html[html.index("<main") : html.index("</main>")]
    assert "Chú thích còn lại" not in main and "Ảnh không đọc được" not in main
    assert "<figure" not in main and "<p>Một.</p>" in main and "<p>Hai.</p>" in main


def test_the_preview_shows_editors_the_caption_flagged(client):
    article = make_article(status="draft", body="<p>Một.</p><p>Hai.</p>")
    make_figure(article, position=1, caption="Chú thích còn lại, ảnh đã mất")
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(editor)

    html = client.get(reverse("articles:article_preview", args=[article.pk])).content.decode()

    flagged = re.search(r'<figure class="figure figure-missing">.*?</figure>', html, re.DOTALL)
    assert "Chưa có ảnh: bạn đọc không thấy chú thích này" in flagged[0]
    assert "<figcaption>Chú thích còn lại, ảnh đã mất</figcaption>" in flagged[0]


def test_home_lead_photo_is_eager_and_cards_carry_lazy_thumbnails(client):
    now = timezone.now()
    lead = make_article(title="Tin chính có ảnh", published_at=now - datetime.timedelta(minutes=1))
    make_figure(lead, image=photo(), alt_text="Ảnh tin chính")
    card = make_article(title="Tin có ảnh nhỏ", published_at=now - datetime.timedelta(minutes=2))
    make_figure(card, position=3, image=photo("nho.jpg", (900, 600)), alt_text="Ảnh nhỏ")
    make_article(title="Tin không ảnh", published_at=now - datetime.timedelta(minutes=3))

    html = client.get(reverse("articles:home")).content.decode()

    lead_picture, thumbnail = pictures(html)
    assert 'alt="Ảnh tin chính" class="lead-photo" fetchpriority="high">' in lead_picture
    assert 'sizes="(min-width: 64rem) 50rem, calc(100vw - 2rem)"' in lead_picture
    assert 'sizes="7.5rem"' in thumbnail and 'alt="" class="thumb" loading="lazy">' in thumbnail
    assert 'width="720" height="480"' in thumbnail
    cards = re.findall(r'<article class="card">.*?</article>', html, re.DOTALL)
    assert [("<picture>" in c, "Tin có ảnh nhỏ" in c) for c in cards] == [
        (True, False),  # the lead story's card
        (True, True),
        (False, False),
    ]


@pytest.fixture
def subjects():
    """A province, an official's position, its organisation and a commemoration."""
    province = make_province(name="Điện Biên")
    position = make_position(organisation=make_organisation(province=province))
    return province, position, make_event(name="Ngày Thầy thuốc Việt Nam")


def articles_with_photos(rows, province, position, event):
    now = timezone.now()
    for number in range(rows):
        article = make_article(
            title=f"Tin có ảnh số {number}",
            province=province,
            commemoration=event,
            commemoration_year=2025,
            published_at=now - datetime.timedelta(minutes=number + 1),
        )
        article.organisations.add(position.organisation)
        OfficialMention.objects.create(
            article=article, official=position.official, position=position
        )
        # A caption-only figure first, then the photo: the card shows the photo.
        make_figure(article, position=0, caption="Chỉ có chú thích")
        make_figure(article, position=1, image=f"figures/anh-{number}.jpg", width=800, height=600)


CARD_PAGES = {
    "home": lambda province, position, event: reverse("articles:home"),
    "news": lambda province, position, event: reverse("articles:article_list"),
    "province": lambda province, position, event: province.get_absolute_url(),
    "official": lambda province, position, event: position.official.get_absolute_url(),
    "organisation": lambda province, position, event: position.organisation.get_absolute_url(),
    "event": lambda province, position, event: event.get_absolute_url(),
}
# Each page's queries with photos on its cards: the photos are one of them, whatever the rows.
# (The home page also reads its sections by category, the province page its figures; the
# official and organisation pages read the dates that attest each post with the posts; the
# event page's first anniversary year is kept per content version, read by the warm request.)
QUERIES = {"home": 6, "news": 5, "province": 7, "official": 4, "organisation": 5, "event": 4}


@pytest.mark.parametrize("rows", [1, 12], ids=["1-row", "12-rows"])
@pytest.mark.parametrize("page_name", list(CARD_PAGES))
def test_cards_show_their_photo_in_a_fixed_number_of_queries(
    client, settings, subjects, page_name, rows
):
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    articles_with_photos(rows, *subjects)
    url = CARD_PAGES[page_name](*subjects)
    client.get(url)  # warm what does not depend on rows (content types, site settings)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()

    shown = re.findall(r"/media/renditions/figures/anh-(\d+)-160\.webp 160w", html)
    assert shown, html
    assert len(shown) == len(set(shown))
    assert "Chỉ có chú thích" not in html
    assert len(queries) == QUERIES[page_name], [q["sql"] for q in queries]


@pytest.mark.parametrize("photos", [1, 4])
def test_the_article_page_reads_its_photos_with_its_figures(client, settings, photos):
    settings.PAGE_CACHE_SECONDS = 0  # what is counted is rendering
    article = make_article(body="<p>Một.</p><p>Hai.</p>")
    for number in range(photos):
        make_figure(
            article, position=number % 2, image=f"figures/{number}.jpg", width=800, height=600
        )
    client.get(article.get_absolute_url())  # warm what does not depend on rows

    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url()).content.decode()

    assert len(pictures(html)) == photos and html.count('fetchpriority="high"') == 1
    # the article with its joins; its tags, figures, attachments, organisations, mentions and
    # cited documents (no related news to look for: no tag, category or province)
    assert len(queries) == 7
