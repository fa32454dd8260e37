"""Detail URLs assembled around the slug equal what reverse() gives, in each language."""

import pytest
from django.urls import reverse
from django.utils import translation

from healthnews.links import slug_url

VIEWS = [
    "articles:article_detail",
    "articles:event_detail",
    "directory:province_detail",
    "directory:official_detail",
    "directory:organisation_detail",
]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("slug", ["dien-bien", "ngay-thay-thuoc-viet-nam-70", "a_b", "x"])
def test_slug_urls_equal_reversed_ones(viewname, language, slug):
    with translation.override(language):
        assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_english_pages_link_english_pages():
    with translation.override("en"):
        assert slug_url("directory:province_detail", "hue").startswith("/en/")
    with translation.override("vi"):
        assert not slug_url("directory:province_detail", "hue").startswith("/en/")


@pytest.mark.parametrize("slug", ["điện-biên", "a b", "a/b", "a%2Fb"])
def test_other_slugs_go_through_reverse(slug):
    """Whatever reverse() would quote or refuse, it still quotes or refuses."""
    try:
        expected = reverse("directory:province_detail", kwargs={"slug": slug})
    except Exception as error:  # NoReverseMatch: the pattern takes no such slug
        with pytest.raises(type(error)):
            slug_url("directory:province_detail", slug)
    else:
        assert slug_url("directory:province_detail", slug) == expected
