"""Feeds and the news sitemap answer even when stored text holds what XML 1.0 cannot carry.

Saves are cleaned (articles.signals), but a row written by raw SQL, QuerySet.update() or an
older release still holds such characters: a feed must drop them, not answer 500.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Article, Category, Tag
from people.models import Province
from tests.factories import make_article, make_event, make_province

pytestmark = pytest.mark.django_db

# Vertical tab, form feed, start of heading, escape, a noncharacter.
BAD = "\x0b\x0c\x01\x1b\ufffe"


@pytest.fixture
def stored_bad_text():
    """A published article and its subjects, their text written past Model.save()."""
    province = make_province(name="Lào Cai")
    category = Category.objects.create(name="Tiêm chủng")
    tag = Tag.objects.create(name="Sởi")
    event = make_event(name="Ngày Thầy thuốc Việt Nam")
    article = make_article(province=province, category=category, commemoration=event)
    article.tags.add(tag)
    Article.objects.update(
        title=f"Tiêm{BAD}chủng", lead=f"Sapo{BAD}", byline=f"Tác{BAD}giả", body=f"<p>{BAD}</p>"
    )
    Province.objects.update(name=f"Lào{BAD}Cai")
    Category.objects.update(name=f"Tiêm{BAD}chủng", description=f"Mô{BAD}tả")
    Tag.objects.update(name=f"Sởi{BAD}")
    return {"tinh": province, "chuyen_muc": category, "the": tag, "ngay_ky_niem": event}


def urls(subjects):
    names = {"tinh": "province", "chuyen_muc": "category", "the": "tag", "ngay_ky_niem": "event"}
    found = [reverse("rss"), reverse("atom"), reverse("sitemap_news")]
    for key, subject in subjects.items():
        for kind in ["rss", "atom"]:
            found.append(reverse(f"{kind}_{names[key]}", args=[subject.slug]))
    return found


def test_every_feed_and_the_news_sitemap_answer_without_the_characters(client, stored_bad_text):
    for url in urls(stored_bad_text):
        response = client.get(url)

        assert response.status_code == 200, url
        text = response.content.decode()
        assert not any(character in text for character in BAD), url
        assert "Tiêm" in text and ET.fromstring(response.content) is not None, url
