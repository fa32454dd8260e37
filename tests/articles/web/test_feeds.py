"""RSS and Atom feeds, sitemaps and robots.txt: what crawlers and feed readers are given."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category, OfficialMention, Tag
from articles.web.feeds import ITEMS_IN_FEED
from tests.factories import (
    hidden_article_fields,
    make_article,
    make_event,
    make_figure,
    make_official,
    make_organisation,
    make_position,
    make_province,
)
from tests.samples import image_bytes, uploaded

pytestmark = pytest.mark.django_db

HIDDEN = hidden_article_fields()
HIDDEN_TITLES = {fields["title"] for fields in HIDDEN}
HIDDEN_SLUGS = [
    "ban-nhap-bi-mat",
    "bai-cho-duyet-bi-mat",
    "bai-hen-gio-bi-mat",
    "bai-trong-thung-rac-bi-mat",
]

FEED_KINDS = ["province", "category", "tag", "event"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SEED_TITLE = (
    "Thừa Thiên Huế: Ngành Y tế nâng cao chất lượng khám chữa bệnh, chăm sóc sức khỏe nhân dân"
)


def tag_article(article, province, category, tag, event, official=None, position=None):
    article.province = province
    article.category = category
    article.commemoration = event
    article.commemoration_year = 2025
    article.save()
    article.tags.add(tag)
    if position:
        article.organisations.add(position.organisation)
        OfficialMention.objects.create(article=article, official=official, position=position)
    return article


@pytest.fixture
def world():
    """Two subjects of each kind; one public article on each, three that must never leak."""
    province = make_province(name="Điện Biên")
    category = Category.objects.create(name="Hoạt động ngành")
    tag = Tag.objects.create(name="COVID-19")
    event = make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    position = make_position(
        official=make_official("Phạm Giang Nam"),
        organisation=make_organisation(name="Sở Y tế Điện Biên", province=province),
    )
    public = tag_article(
        make_article(title="Tin đã đăng công khai", byline="Thu Hà"),
        province,
        category,
        tag,
        event,
        position.official,
        position,
    )
    for fields in HIDDEN:
        tag_article(make_article(**fields), province, category, tag, event, *position_of(position))

    other = {
        "province": make_province(name="Lai Châu"),
        "category": Category.objects.create(name="Khám chữa bệnh"),
        "tag": Tag.objects.create(name="tiêm chủng"),
        "event": make_event(name="Ngày Dân số Việt Nam", origin_date=datetime.date(1961, 12, 26)),
    }
    elsewhere = tag_article(
        make_article(
            title="Tin của nơi khác",
            published_at=timezone.now() - datetime.timedelta(hours=3),
        ),
        *other.values(),
    )
    return {
        "province": province,
        "category": category,
        "tag": tag,
        "event": event,
        "official": position.official,
        "organisation": position.organisation,
        "public": public,
        "other": other,
        "elsewhere": elsewhere,
    }


def position_of(position):
    return position.official, position


def feed_urls(world):
    urls = [reverse("rss"), reverse("atom")]
    for kind in FEED_KINDS:
        for fmt in ("rss", "atom"):
            urls.append(reverse(f"{fmt}_{kind}", kwargs={"slug": world[kind].slug}))
    return urls


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def sitemap_urls(client, url):
    """Every <url> of a sitemap as {location: lastmod or None}."""
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return {
        node.findtext(f"{SITEMAP}loc"): node.findtext(f"{SITEMAP}lastmod")
        for node in root.iter(f"{SITEMAP}url")
    }


def all_sitemap_urls(client):
    """The index's sections (not the news sitemap) merged into one {location: lastmod}."""
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    found = {}
    for location in index.iter(f"{SITEMAP}loc"):
        path = location.text.removeprefix("http://testserver")
        if path != reverse("sitemap_news"):
            found.update(sitemap_urls(client, path))
    return found


def absolute(path):
    return f"http://testserver{path}"


# Feeds


def test_every_feed_parses_cleanly_in_vietnamese(client, world):
    for url in feed_urls(world):
        response, parsed = parse(client, url)
        if url.startswith("/rss/"):
            assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
            assert parsed.version == "rss20"
        else:
            assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
            assert parsed.version == "atom10"
        assert parsed.feed.language == "vi"
        assert parsed.feed.title.startswith("Tin tức Y tế")
        assert parsed.feed.subtitle.startswith("Tin hoạt động của các Sở Y tế")
        assert parsed.entries


def test_channel_titles_and_descriptions_name_the_subject(client, world):
    news = "Tin hoạt động của các Sở Y tế: tin mới nhất"
    expected = {
        "province": ("Tin tức Y tế: tỉnh Điện Biên", f"{news} của tỉnh Điện Biên."),
        "category": (
            "Tin tức Y tế: chuyên mục Hoạt động ngành",
            f"{news} trong chuyên mục Hoạt động ngành.",
        ),
        "tag": ("Tin tức Y tế: thẻ COVID-19", f"{news} gắn thẻ COVID-19."),
        "event": ("Tin tức Y tế: Ngày Thầy thuốc Việt Nam", f"{news} về Ngày Thầy thuốc Việt Nam."),
    }
    for kind, (title, description) in expected.items():
        for fmt in ("rss", "atom"):
            url = reverse(f"{fmt}_{kind}", kwargs={"slug": world[kind].slug})
            _response, parsed = parse(client, url)
            assert parsed.feed.title == title
            assert parsed.feed.subtitle == description
            assert parsed.feed.link == absolute(world[kind].get_absolute_url())


def test_subject_names_are_escaped_in_the_channel(client):
    tag = Tag.objects.create(name='<b>"A & B"</b>', slug="a-b")
    make_article().tags.add(tag)

    for fmt in ("rss", "atom"):
        response, parsed = parse(client, reverse(f"{fmt}_tag", kwargs={"slug": tag.slug}))
        assert parsed.feed.title == 'Tin tức Y tế: thẻ <b>"A & B"</b>'
        assert b"<b>" not in response.content


def test_seed_article_dates_are_in_vietnam_time(client):
    call_command("loaddata", "people", "articles", verbosity=0)

    rss = client.get(reverse("rss")).content.decode()
    assert "<pubDate>Wed, 28 Feb 2024 13:38:16 +0700</pubDate>" in rss
    assert re.search(r"<lastBuildDate>[^<]+ \+0700</lastBuildDate>", rss)
    _response, parsed = parse(client, reverse("rss"))
    (entry,) = [entry for entry in parsed.entries if entry.title == SEED_TITLE]
    assert entry.published == "Wed, 28 Feb 2024 13:38:16 +0700"
    assert entry.author == "Đậu Bình"
    assert entry.link == absolute(Article.objects.get(title=SEED_TITLE).get_absolute_url())

    atom = client.get(reverse("atom")).content.decode()
    assert "<published>2024-02-28T13:38:16+07:00</published>" in atom
    assert re.search(r"<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00</updated>", atom)
    _response, parsed = parse(client, reverse("atom"))
    (entry,) = [entry for entry in parsed.entries if entry.title == SEED_TITLE]
    assert entry.published == "2024-02-28T13:38:16+07:00"
    assert entry.updated.endswith("+07:00")
    assert entry.author == "Đậu Bình"
    # Every date of both feeds carries the offset: none in UTC.
    assert "+0000" not in rss
    assert "Z<" not in atom
    assert "+00:00" not in atom


def test_items_carry_lead_author_tags_and_dates(client, world):
    world["public"].tags.add(Tag.objects.create(name="y tế cơ sở"))
    world["public"].published_at = timezone.make_aware(datetime.datetime(2025, 2, 27, 8, 5, 9))
    world["public"].save()
    for url in (reverse("rss"), reverse("atom")):
        _response, parsed = parse(client, url)
        (entry,) = [entry for entry in parsed.entries if entry.title == "Tin đã đăng công khai"]
        assert entry.summary == "Sapo của bài viết."
        assert entry.author == "Thu Hà"
        assert sorted(tag.term for tag in entry.tags) == ["COVID-19", "y tế cơ sở"]
        assert entry.link == absolute(world["public"].get_absolute_url())
        assert entry.published_parsed[:6] == (2025, 2, 27, 1, 5, 9)  # 08:05:09 +07:00 in UTC
    (entry,) = [
        e for e in parse(client, reverse("rss"))[1].entries if e.title == "Tin của nơi khác"
    ]
    assert "author" not in entry


def test_text_is_escaped_and_comes_back_as_written(client):
    title = 'Bệnh viện "A & B" tiếp nhận <máy> xạ trị'
    lead = "Giảm <b>50%</b> & hơn thế"
    make_article(title=title, lead=lead)
    for url in (reverse("rss"), reverse("atom")):
        _response, parsed = parse(client, url)
        (entry,) = parsed.entries
        assert entry.title == title
        # The lead is text inside an HTML field: its markup is shown, never interpreted.
        assert entry.summary == "Giảm &lt;b&gt;50%&lt;/b&gt; &amp; hơn thế"


def test_first_photo_is_the_enclosure(client):
    article = make_article(title="Bài có ảnh")
    make_figure(article, caption="Chỉ có chú thích")
    photo = make_figure(article, image=uploaded("anh.jpg", image_bytes("JPEG"), "image/jpeg"))
    make_figure(article, image=uploaded("anh-sau.png", image_bytes("PNG"), "image/png"))
    make_article(title="Bài không ảnh")
    expected = {
        "href": absolute(photo.image.url),
        "length": str(photo.image.size),
        "type": "image/jpeg",
    }
    for url in (reverse("rss"), reverse("atom")):
        _response, parsed = parse(client, url)
        by_title = {entry.title: entry for entry in parsed.entries}
        (enclosure,) = by_title["Bài có ảnh"].enclosures
        assert {key: enclosure[key] for key in expected} == expected
        assert by_title["Bài không ảnh"].enclosures == []


def test_missing_photo_file_gives_length_zero(client):
    make_figure(make_article(title="Ảnh đã mất"), image="figures/khong-con.jpg")
    response = client.get(reverse("rss"))
    assert b'length="0"' in response.content
    assert b'type="image/jpeg"' in response.content


def test_only_published_articles_in_any_feed(client, world):
    for url in feed_urls(world):
        response, parsed = parse(client, url)
        assert not HIDDEN_TITLES & set(titles(parsed)), url
        for slug in HIDDEN_SLUGS:
            assert slug.encode() not in response.content, url


def test_all_news_feed_newest_first(client, world):
    for fmt in ("rss", "atom"):
        _response, parsed = parse(client, reverse(fmt))
        assert titles(parsed) == ["Tin đã đăng công khai", "Tin của nơi khác"]


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_subject_feeds_hold_exactly_their_articles(client, world, kind):
    for fmt in ("rss", "atom"):
        _response, parsed = parse(client, reverse(f"{fmt}_{kind}", args=[world[kind].slug]))
        assert titles(parsed) == ["Tin đã đăng công khai"]
        url = reverse(f"{fmt}_{kind}", kwargs={"slug": world["other"][kind].slug})
        _response, parsed = parse(client, url)
        assert titles(parsed) == ["Tin của nơi khác"]


def test_empty_subject_feed_is_valid(client, world):
    empty = make_province(name="Sơn La")
    for fmt in ("rss", "atom"):
        response, parsed = parse(client, reverse(f"{fmt}_province", kwargs={"slug": empty.slug}))
        assert parsed.entries == []
        assert b"+07" in response.content


def test_province_feed_includes_units_merged_into_it(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    make_article(title="Tin Thừa Thiên Huế 2024", province=old)
    make_article(title="Tin Huế 2025", province=hue)
    _response, parsed = parse(client, reverse("rss_province", kwargs={"slug": hue.slug}))
    assert sorted(titles(parsed)) == ["Tin Huế 2025", "Tin Thừa Thiên Huế 2024"]
    _response, parsed = parse(client, reverse("atom_province", kwargs={"slug": old.slug}))
    assert titles(parsed) == ["Tin Thừa Thiên Huế 2024"]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
@pytest.mark.parametrize("kind", FEED_KINDS)
def test_unknown_slug_is_404(client, world, fmt, kind):
    response = client.get(reverse(f"{fmt}_{kind}", kwargs={"slug": "khong-ton-tai"}))
    assert response.status_code == 404


def test_feeds_stay_vietnamese_for_an_english_browser(client, world):
    response = client.get(reverse("rss"), headers={"accept-language": "en"})
    parsed = feedparser.parse(response.content)
    assert parsed.feed.language == "vi"
    assert all("/en/" not in entry.link for entry in parsed.entries)
    assert client.get("/en/rss/").status_code == 404


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), feedparser.parse(response.content)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_thirty_items_at_most_in_a_fixed_number_of_queries(
    client, fmt, django_capture_on_commit_callbacks
):
    province = make_province()
    tags = [Tag.objects.create(name=f"Thẻ {number}") for number in range(3)]

    def add_article(number):
        article = make_article(
            title=f"Tin số {number:02d}",
            province=province,
            published_at=timezone.now() - datetime.timedelta(minutes=number + 1),
        )
        article.tags.add(*tags)
        make_figure(article, image=f"figures/anh-{number}.jpg")

    add_article(0)
    counts = {}
    for feed_url in (reverse(fmt), reverse(f"{fmt}_province", kwargs={"slug": province.slug})):
        counts[feed_url], parsed = _queries_for(client, feed_url)
        assert len(parsed.entries) == 1
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(1, 50):
            add_article(number)
    for feed_url, count in counts.items():
        after, parsed = _queries_for(client, feed_url)
        assert after == count, feed_url
        assert len(parsed.entries) == ITEMS_IN_FEED == 30
        assert titles(parsed) == [f"Tin số {number:02d}" for number in range(30)]
        assert all(len(entry.tags) == 3 and entry.enclosures for entry in parsed.entries)
    # Articles, tags and photos; a province feed adds the province and the merged units, and
    # reads its articles as the newest of each unit (through the province index: 100 ms less
    # at 100,000 articles). The first request after a change (here the general feed's) also
    # reads when the next scheduled article appears, for the page cache.
    assert counts[reverse(fmt)] == 3 + 1
    assert counts[reverse(f"{fmt}_province", kwargs={"slug": province.slug})] == 5


# Sitemaps


def test_sitemap_index_lists_every_section_and_the_news_sitemap(client, world):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    locations = [node.text for node in root.iter(f"{SITEMAP}loc")]
    assert locations == [
        absolute(f"/sitemap-{section}.xml")
        for section in (
            "trang",
            "tin-tuc",
            "can-bo",
            "don-vi",
            "tinh-thanh",
            "ngay-ky-niem",
            "so-lieu",
            "van-ban",
        )
    ] + [absolute("/sitemap-news.xml")]
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_sitemap_lists_published_articles_with_lastmod(client, world):
    found = all_sitemap_urls(client)
    today = timezone.localdate().isoformat()
    for article in (world["public"], world["elsewhere"]):
        assert found[absolute(article.get_absolute_url())] == today
    news = absolute(reverse("articles:article_list"))
    article_urls = {url for url in found if url.startswith(news) and url != news}
    assert article_urls == {
        absolute(world["public"].get_absolute_url()),
        absolute(world["elsewhere"].get_absolute_url()),
    }
    for slug in HIDDEN_SLUGS:
        assert not any(slug in url for url in found)


def test_article_lastmod_is_the_local_date_of_the_last_change(client):
    # 23:30 UTC on 1 March is 06:30 on 2 March in Vietnam.
    article = make_article(published_at=datetime.datetime(2024, 3, 1, 23, 30, tzinfo=datetime.UTC))
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2024, 3, 1, 23, 30, tzinfo=datetime.UTC)
    )
    found = sitemap_urls(client, "/sitemap-tin-tuc.xml")
    assert found == {absolute(article.get_absolute_url()): "2024-03-02"}


def test_sitemap_lists_the_directory_pages(client, world, django_capture_on_commit_callbacks):
    found = all_sitemap_urls(client)
    today = timezone.localdate().isoformat()
    for name in (
        "articles:home",
        "articles:article_list",
        "directory:official_list",
        "directory:organisation_list",
        "directory:province_list",
        "articles:event_list",
    ):
        assert absolute(reverse(name)) in found
    for row in (world["official"], world["organisation"], world["province"], world["event"]):
        assert found[absolute(row.get_absolute_url())] == today
    for row in (world["other"]["province"], world["other"]["event"]):
        assert absolute(row.get_absolute_url()) in found
    # A page with no published article has no date to give.
    with django_capture_on_commit_callbacks(execute=True):
        quiet = make_official("Lê Văn Lặng")
    assert all_sitemap_urls(client)[absolute(quiet.get_absolute_url())] is None
    assert all("/en/" not in url for url in found)


def test_directory_lastmod_ignores_unpublished_articles(client):
    province = make_province(name="Cao Bằng")
    make_article(
        title="Bài cũ",
        province=province,
        published_at=timezone.make_aware(datetime.datetime(2023, 5, 4, 10)),
    )
    Article.objects.update(updated_at=timezone.make_aware(datetime.datetime(2023, 5, 4, 10)))
    for fields in HIDDEN:
        make_article(province=province, **fields)
    found = sitemap_urls(client, "/sitemap-tinh-thanh.xml")
    assert found[absolute(province.get_absolute_url())] == "2023-05-04"


def test_directory_lastmod_is_when_its_newest_article_appeared(client):
    """A directory page lists its newest articles: it changes when one appears. A later edit
    of an older article does not date it (that would need every article's edit time)."""
    province = make_province(name="Bắc Kạn")
    make_article(
        province=province, published_at=timezone.make_aware(datetime.datetime(2024, 5, 4, 10))
    )
    older = make_article(
        province=province, published_at=timezone.make_aware(datetime.datetime(2023, 1, 2, 10))
    )
    Article.objects.update(updated_at=timezone.make_aware(datetime.datetime(2024, 5, 4, 10)))
    Article.objects.filter(pk=older.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
    )

    found = sitemap_urls(client, "/sitemap-tinh-thanh.xml")

    assert found[absolute(province.get_absolute_url())] == "2024-05-04"
    # The articles' own section does date the edit.
    assert sitemap_urls(client, "/sitemap-tin-tuc.xml")[absolute(older.get_absolute_url())] == (
        "2024-06-01"
    )


def test_province_lastmod_counts_units_merged_into_it(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    make_article(province=old)
    found = sitemap_urls(client, "/sitemap-tinh-thanh.xml")
    today = timezone.localdate().isoformat()
    assert found[absolute(hue.get_absolute_url())] == today
    assert found[absolute(old.get_absolute_url())] == today


def test_news_sitemap_holds_the_last_two_days(client, world):
    now = timezone.now()
    today = make_article(
        title='Tin hôm nay: "A & B" <mới>', published_at=now - datetime.timedelta(minutes=5)
    )
    make_article(title="Tin ba ngày trước", published_at=now - datetime.timedelta(days=3))
    response = client.get(reverse("sitemap_news"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in response.content
    root = ET.fromstring(response.content)
    entries = {
        node.findtext(f"{SITEMAP}loc"): node.find(f"{NEWS}news")
        for node in root.iter(f"{SITEMAP}url")
    }
    assert set(entries) == {
        absolute(today.get_absolute_url()),
        absolute(world["public"].get_absolute_url()),
        absolute(world["elsewhere"].get_absolute_url()),
    }
    news = entries[absolute(today.get_absolute_url())]
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Tin tức Y tế"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == 'Tin hôm nay: "A & B" <mới>'
    published = timezone.localtime(today.published_at).replace(microsecond=0)
    assert news.findtext(f"{NEWS}publication_date") == published.isoformat()
    assert news.findtext(f"{NEWS}publication_date").endswith("+07:00")
    for slug in HIDDEN_SLUGS:
        assert slug.encode() not in response.content


def test_news_sitemap_date_of_a_seed_article(client):
    call_command("loaddata", "people", "articles", verbosity=0)
    # Yesterday at the seed's own time of day, which is within the last two days.
    yesterday = (timezone.localtime() - datetime.timedelta(days=1)).replace(
        hour=13, minute=38, second=16, microsecond=0
    )
    Article.objects.filter(title=SEED_TITLE).update(published_at=yesterday)
    content = client.get(reverse("sitemap_news")).content.decode()
    assert f"<news:publication_date>{yesterday.date()}T13:38:16+07:00<" in content
    assert content.count("<url>") == 1


def test_news_sitemap_escapes_titles_and_stays_valid_xml(client):
    title = "Tin 'trích' & \"dẫn\" <b>]]></b>"
    make_article(title=title)

    response = client.get(reverse("sitemap_news"))

    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    root = ET.fromstring(response.content)
    assert [node.text for node in root.iter(f"{NEWS}title")] == [title]
    assert b"<b>" not in response.content


def test_news_sitemap_without_recent_news_is_an_empty_urlset(client):
    make_article(published_at=timezone.now() - datetime.timedelta(days=3))

    response = client.get(reverse("sitemap_news"))

    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    assert list(root) == []


def test_directory_sitemap_dates_itself_only_when_every_page_has_a_date(
    client, django_capture_on_commit_callbacks
):
    """Last-Modified needs a date on every page; a page added since must not inherit one."""
    article = make_article(published_at=timezone.make_aware(datetime.datetime(2024, 5, 4, 10)))
    Article.objects.update(updated_at=article.published_at)
    OfficialMention.objects.create(article=article, official=make_official("Lê Văn Có"))
    dated = client.get("/sitemap-can-bo.xml")
    with django_capture_on_commit_callbacks(execute=True):
        make_official("Lê Văn Lặng")

    undated = client.get("/sitemap-can-bo.xml")

    assert dated["Last-Modified"] == "Sat, 04 May 2024 03:00:00 GMT"
    assert "Last-Modified" not in undated


# robots.txt


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /admin/\n"
        "Disallow: /xem-truoc/\n"
        "Disallow: /en/admin/\n"
        "Disallow: /en/xem-truoc/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


def test_robots_txt_sitemap_address_follows_the_request(client):
    response = client.get("/robots.txt", secure=True, headers={"host": "localhost"})
    assert response.content.decode().endswith("Sitemap: https://localhost/sitemap.xml\n")
