"""Search-engine and sharing metadata: title, description, canonical, hreflang, OpenGraph,
Twitter card and, on articles, JSON-LD NewsArticle and BreadcrumbList.

The JSON-LD blocks are parsed as a search engine reads them (a regex for the script element,
then json.loads), and every field is checked exactly.
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.template import Context
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Category, SiteSettings
from articles.templatetags.seo import plain, seo_head
from tests.factories import (
    make_article,
    make_event,
    make_figure,
    make_official,
    make_organisation,
    make_province,
    make_user,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SITE = "Tin tức Y tế"
HUE_SLUG = "thua-thien-hue-nganh-y-te-nang-cao-chat-luong-kham-chua-benh-cham-soc-suc-khoe-nhan-dan"
HUE_PATH = f"/tin-tuc/{HUE_SLUG}/"
HUE_TITLE = (
    "Thừa Thiên Huế: Ngành Y tế nâng cao chất lượng khám chữa bệnh, chăm sóc sức khỏe nhân dân"
)
HUE_DESCRIPTION = (
    "Thấm nhuần những lời dạy của Bác Hồ kính yêu, 69 năm qua, các thế hệ thầy thuốc tỉnh "
    "Thừa Thiên Huế đã đoàn kết một lòng, phấn đấu vượt qua mọi khó khăn, thử…"
)
PUBLISHER = {"@type": "Organization", "name": SITE, "url": f"{BASE}/"}

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)

# Every kind of public page: (path, og:title, meta description).
PAGES = [
    ("/", SITE, "Tin hoạt động của ngành Y tế và các Sở Y tế tỉnh, thành phố trên cả nước."),
    (
        "/tin-tuc/",
        "Tin tức",
        "Mọi tin bài đã đăng của các Sở Y tế, lọc theo tỉnh, thành phố, chuyên mục, thẻ, ngày kỷ "
        "niệm, cán bộ, đơn vị và thời gian xuất bản.",
    ),
    (HUE_PATH, HUE_TITLE, HUE_DESCRIPTION),
    (
        "/can-bo/",
        "Cán bộ",
        "Danh sách cán bộ ngành Y tế được nhắc đến trong tin tức, với chức vụ hiện tại và đơn "
        "vị công tác.",
    ),
    (
        "/can-bo/tran-kiem-hao/",
        "PGS.TS.BS Trần Kiêm Hảo",
        "PGS.TS.BS Trần Kiêm Hảo: chức vụ, đơn vị công tác và các bài viết nhắc đến.",
    ),
    (
        "/don-vi/",
        "Cơ sở y tế, đơn vị",
        "Sở y tế, bệnh viện, trung tâm y tế và các cơ quan, đơn vị khác, lọc theo tỉnh, thành "
        "phố, loại và cấp.",
    ),
    (
        "/don-vi/so-y-te-thua-thien-hue/",
        "Sở Y tế Thừa Thiên Huế",
        "Sở Y tế Thừa Thiên Huế: cán bộ, đơn vị trực thuộc và các bài viết nhắc đến.",
    ),
    (
        "/tinh-thanh/",
        "Tỉnh, thành phố",
        "Các tỉnh, thành phố hiện nay và những đơn vị hành chính đã sáp nhập, với tin tức y tế "
        "của từng nơi.",
    ),
    (
        "/tinh-thanh/hue/",
        "Thành phố Huế",
        "Tin hoạt động y tế, các cơ sở y tế và đơn vị của thành phố Huế.",
    ),
    (
        "/ngay-ky-niem/",
        "Ngày kỷ niệm",
        "Các ngày kỷ niệm của ngành Y tế: ngày khởi nguồn, lần kỷ niệm tới và các bài viết của "
        "từng năm.",
    ),
    (
        "/ngay-ky-niem/ngay-thay-thuoc-viet-nam/",
        "Ngày Thầy thuốc Việt Nam",
        "Ngày 27/2/1955, Chủ tịch Hồ Chí Minh gửi thư cho Hội nghị cán bộ y tế; bức thư đăng "
        "trên Báo Nhân Dân số 362 cùng ngày. Từ năm 1985, ngày 27/2 hằng năm là Ngày…",
    ),
]


class Head(HTMLParser):
    """What a crawler reads in a page: title, meta tags, canonical and alternate links."""

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.title = None
        self.meta = {}  # name or property -> every content, in order
        self.canonical = []
        self.alternates = {}  # hreflang -> [href]
        self.robots = []
        self._in_title = False
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
            self.title = ""
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates.setdefault(attrs["hreflang"], []).append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def one(self, key):
        """The single value of a meta tag: present exactly once."""
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(content):
    """Every JSON-LD block of a page, by its @type."""
    blocks = [json.loads(text) for text in JSON_LD.findall(content)]
    by_type = {block["@type"]: block for block in blocks}
    assert len(by_type) == len(blocks), "two blocks of the same type"
    return by_type


@pytest.fixture
def seed():
    """The project's fixtures: provinces, organisations, officials and five real articles."""
    call_command("loaddata", "people", "articles", verbosity=0)


# ---------------------------------------------------------------------------------------------
# JSON-LD of an article
# ---------------------------------------------------------------------------------------------


def test_seed_article_news_article(client, seed):
    blocks = json_ld(get(client, HUE_PATH))

    assert set(blocks) == {"NewsArticle", "BreadcrumbList"}
    assert blocks["NewsArticle"] == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": HUE_TITLE,
        "description": HUE_DESCRIPTION,
        # Published 28/02/2024 13:38:16 Vietnam time; the fixtures were last saved 23/11/2026.
        "datePublished": "2024-02-28T13:38:16+07:00",
        "dateModified": "2026-11-23T09:11:36+07:00",
        "author": [{"@type": "Person", "name": "Đậu Bình"}],
        "publisher": PUBLISHER,
        "inLanguage": "vi",
        "mainEntityOfPage": {"@type": "WebPage", "@id": f"{BASE}{HUE_PATH}"},
        "url": f"{BASE}{HUE_PATH}",
        "articleSection": "Khám chữa bệnh",
    }
    assert "image" not in blocks["NewsArticle"]  # the seeds' figures are captions only


def test_seed_article_breadcrumbs(client, seed):
    blocks = json_ld(get(client, HUE_PATH))

    assert blocks["BreadcrumbList"] == {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": f"{BASE}/"},
            {"@type": "ListItem", "position": 2, "name": "Tin tức", "item": f"{BASE}/tin-tuc/"},
            {
                "@type": "ListItem",
                "position": 3,
                "name": "Tỉnh Thừa Thiên Huế",
                "item": f"{BASE}/tinh-thanh/thua-thien-hue/",
            },
            {"@type": "ListItem", "position": 4, "name": HUE_TITLE, "item": f"{BASE}{HUE_PATH}"},
        ],
    }


def test_article_without_byline_is_authored_by_the_publisher(client, seed):
    path = (
        "/tin-tuc/lanh-dao-thanh-pho-hai-phong-tham-tang-qua-nganh-y-te-nhan-ky-niem-70-nam-"
        "ngay-thay-thuoc-viet-nam/"
    )
    article = json_ld(get(client, path))["NewsArticle"]

    assert article["author"] == [PUBLISHER]
    assert article["publisher"] == PUBLISHER
    # Only the date is known ("date" precision): midnight, Vietnam time.
    assert article["datePublished"] == "2025-02-18T00:00:00+07:00"


def test_article_with_photos_has_absolute_image_urls(client):
    article = make_article(title="Bài có ảnh", byline="Minh Anh")
    make_figure(article, position=2, image="figures/sau.jpg", alt_text="Ảnh thứ hai")
    make_figure(article, position=0, image="figures/anh.jpg", alt_text="Bác sĩ khám bệnh")
    make_figure(article, position=1, caption="Chỉ có chú thích, không có ảnh")

    content = get(client, article.get_absolute_url())
    head = Head(content)
    data = json_ld(content)["NewsArticle"]

    assert data["image"] == [f"{BASE}/media/figures/anh.jpg", f"{BASE}/media/figures/sau.jpg"]
    assert data["author"] == [{"@type": "Person", "name": "Minh Anh"}]
    assert head.one("og:image") == f"{BASE}/media/figures/anh.jpg"
    assert head.one("og:image:alt") == "Bác sĩ khám bệnh"
    assert head.one("twitter:card") == "summary_large_image"


def test_article_without_photo_has_no_image(client):
    article = make_article()
    make_figure(article, caption="Chỉ có chú thích")

    content = get(client, article.get_absolute_url())
    head = Head(content)

    assert "image" not in json_ld(content)["NewsArticle"]
    assert "og:image" not in head.meta
    assert head.one("twitter:card") == "summary"


def test_dates_are_vietnam_time_and_never_modified_before_published(client):
    published = datetime.datetime(2024, 12, 31, 20, 5, 9, tzinfo=datetime.UTC)
    article = make_article(published_at=published)
    # Saved before its publication time, as a scheduled article is.
    Article.objects.filter(pk=article.pk).update(updated_at=published - datetime.timedelta(days=2))

    content = get(client, article.get_absolute_url())
    data = json_ld(content)["NewsArticle"]
    head = Head(content)

    assert data["datePublished"] == "2025-01-01T03:05:09+07:00"
    assert data["dateModified"] == "2025-01-01T03:05:09+07:00"
    assert head.one("article:published_time") == "2025-01-01T03:05:09+07:00"
    assert head.one("article:modified_time") == "2025-01-01T03:05:09+07:00"


def test_long_title_makes_a_headline_of_at_most_110_characters(client):
    title = "Ngành Y tế " + " ".join(["triển khai chiến dịch tiêm chủng mở rộng"] * 7)
    article = make_article(title=title)

    data = json_ld(get(client, article.get_absolute_url()))["NewsArticle"]

    assert len(data["headline"]) <= 110
    assert data["headline"].endswith("…")
    assert title.startswith(data["headline"][:-1])
    assert data["headline"][-2] != " "  # cut between words


def test_breadcrumb_names_the_category_when_there_is_no_province(client):
    category = Category.objects.create(name="Y tế dự phòng")
    article = make_article(title="Tiêm chủng", category=category)

    items = json_ld(get(client, article.get_absolute_url()))["BreadcrumbList"]["itemListElement"]

    assert [(item["name"], item["item"]) for item in items] == [
        ("Trang chủ", f"{BASE}/"),
        ("Tin tức", f"{BASE}/tin-tuc/"),
        ("Y tế dự phòng", f"{BASE}/tin-tuc/?chuyen_muc={category.slug}"),
        ("Tiêm chủng", f"{BASE}{article.get_absolute_url()}"),
    ]


def test_breadcrumb_without_province_or_category(client):
    article = make_article(title="Tin ngắn")

    items = json_ld(get(client, article.get_absolute_url()))["BreadcrumbList"]["itemListElement"]

    assert [item["position"] for item in items] == [1, 2, 3]
    assert items[-1]["name"] == "Tin ngắn"


def test_description_falls_back_to_the_body_text(client):
    article = make_article(lead="", body="<p>Đoạn <strong>đầu</strong> của bài.</p><p>Hai.</p>")

    content = get(client, article.get_absolute_url())

    assert json_ld(content)["NewsArticle"]["description"].startswith("Đoạn đầu của bài.")
    assert Head(content).one("description").startswith("Đoạn đầu của bài.")


def test_editor_text_cannot_close_the_script_element(client):
    attack = "</script><script>alert(1)</script>"
    article = make_article(
        title=f"Tiêu đề {attack}", lead=f"Sapo <b>&amp;</b> {attack}", byline=attack
    )

    content = get(client, article.get_absolute_url())
    data = json_ld(content)

    assert "</script><script>alert" not in content
    assert "<script>alert" not in content
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in content
    assert data["NewsArticle"]["headline"] == f"Tiêu đề {attack}"
    assert data["NewsArticle"]["author"] == [{"@type": "Person", "name": attack}]
    assert data["NewsArticle"]["description"] == f"Sapo <b>&amp;</b> {attack}"
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == f"Tiêu đề {attack}"
    # Attributes are escaped by the template: the tag's values come back intact.
    head = Head(content)
    assert head.one("og:title") == f"Tiêu đề {attack}"
    assert head.one("description") == f"Sapo <b>&amp;</b> {attack}"


def test_json_ld_has_no_nonce(client, seed):
    """A data block is not executed, so CSP does not apply; a nonce would not survive a cache."""
    content = get(client, HUE_PATH)

    tags = re.findall(r"<script[^>]*ld\+json[^>]*>", content)

    assert tags == ['<script type="application/ld+json">'] * 2
    assert "nonce" not in content


def test_preview_is_not_described_to_search_engines(client):
    client.force_login(make_user(is_superuser=True))
    draft = make_article(status=Article.Status.DRAFT, title="Bản nháp")

    content = get(client, f"/xem-truoc/{draft.pk}/")
    head = Head(content)

    assert head.meta["robots"] == ["noindex, nofollow"]
    assert head.canonical == []
    assert "og:title" not in head.meta
    assert JSON_LD.findall(content) == []


def test_the_tag_makes_no_query(seed, django_assert_num_queries):
    article = Article.objects.for_detail().get(slug=HUE_SLUG)
    list(article.figures.all())  # prefetched by for_detail()
    request = RequestFactory().get(HUE_PATH)
    site = SiteSettings.load()  # what the context processor gives every page

    with django_assert_num_queries(0):
        meta = seo_head(Context({"request": request, "site": site}), article.title, article=article)

    assert meta["type"] == "article"
    assert len(meta["json_ld"]) == 2


# ---------------------------------------------------------------------------------------------
# Every page: title, description, canonical, hreflang, OpenGraph, Twitter card
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "name", "description"), PAGES, ids=[p[0] for p in PAGES])
def test_every_public_page_describes_itself(client, seed, path, name, description):
    content = get(client, path)
    head = Head(content)
    url = f"{BASE}{path}"

    assert head.title == (SITE if path == "/" else f"{name} · {SITE}")
    assert head.one("description") == description
    assert head.canonical == [url]
    assert head.alternates == {
        "vi": [url],
        "en": [f"{BASE}/en{path}"],
        "x-default": [url],
    }
    assert head.one("og:type") == ("article" if path == HUE_PATH else "website")
    assert head.one("og:title") == name
    assert head.one("og:description") == description
    assert head.one("og:url") == url
    assert head.one("og:site_name") == SITE
    assert head.one("og:locale") == "vi_VN"
    assert head.one("og:locale:alternate") == "en_US"
    assert head.one("twitter:card") == "summary"
    assert "og:image" not in head.meta
    if path == HUE_PATH:
        assert head.one("article:published_time") == "2024-02-28T13:38:16+07:00"
        assert head.one("article:modified_time") == "2026-11-23T09:11:36+07:00"
        assert set(json_ld(content)) == {"NewsArticle", "BreadcrumbList"}
    else:
        assert "article:published_time" not in head.meta
        assert JSON_LD.findall(content) == []


def test_seed_article_head_exactly(client, seed):
    head = Head(get(client, HUE_PATH))

    assert head.title == f"{HUE_TITLE} · {SITE}"
    assert head.meta == {
        "viewport": ["width=device-width, initial-scale=1"],
        "description": [HUE_DESCRIPTION],
        "og:type": ["article"],
        "og:title": [HUE_TITLE],
        "og:description": [HUE_DESCRIPTION],
        "og:url": [f"{BASE}{HUE_PATH}"],
        "og:site_name": [SITE],
        "og:locale": ["vi_VN"],
        "og:locale:alternate": ["en_US"],
        "article:published_time": ["2024-02-28T13:38:16+07:00"],
        "article:modified_time": ["2026-11-23T09:11:36+07:00"],
        "twitter:card": ["summary"],
    }
    assert head.canonical == [f"{BASE}{HUE_PATH}"]


def test_english_article_page(client, seed):
    content = get(client, f"/en{HUE_PATH}")
    head = Head(content)
    blocks = json_ld(content)
    url = f"{BASE}/en{HUE_PATH}"

    assert head.title == f"{HUE_TITLE} · Health News"
    assert head.canonical == [url]
    assert head.one("og:url") == url
    assert head.one("og:locale") == "en_US"
    assert head.one("og:locale:alternate") == "vi_VN"
    assert head.one("og:site_name") == "Health News"
    assert head.alternates == {
        "vi": [f"{BASE}{HUE_PATH}"],
        "en": [url],
        "x-default": [f"{BASE}{HUE_PATH}"],
    }
    # The article itself is still Vietnamese, by the same publisher.
    assert blocks["NewsArticle"]["inLanguage"] == "vi"
    assert blocks["NewsArticle"]["publisher"] == {
        "@type": "Organization",
        "name": "Health News",
        "url": f"{BASE}/en/",
    }
    assert blocks["NewsArticle"]["mainEntityOfPage"]["@id"] == url
    assert [item["name"] for item in blocks["BreadcrumbList"]["itemListElement"]][:3] == [
        "Home",
        "News",
        "Thừa Thiên Huế Province",
    ]
    assert blocks["BreadcrumbList"]["itemListElement"][2]["item"] == (
        f"{BASE}/en/tinh-thanh/thua-thien-hue/"
    )


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/", "Health News"),
        ("/en/tin-tuc/", "News"),
        ("/en/can-bo/tran-kiem-hao/", "PGS.TS.BS Trần Kiêm Hảo"),
        ("/en/tinh-thanh/hue/", "Huế City"),
        ("/en/ngay-ky-niem/", "Commemorative days"),
    ],
)
def test_english_pages(client, seed, path, title):
    head = Head(get(client, path))
    vietnamese = path.removeprefix("/en")

    assert head.canonical == [f"{BASE}{path}"]
    assert head.one("og:url") == f"{BASE}{path}"
    assert head.one("og:locale") == "en_US"
    assert head.one("og:title") == title
    assert head.alternates == {
        "vi": [f"{BASE}{vietnamese}"],
        "en": [f"{BASE}{path}"],
        "x-default": [f"{BASE}{vietnamese}"],
    }


def test_organisation_name_is_escaped_once(client):
    organisation = make_organisation(name='Bệnh viện "A" & B')

    content = get(client, organisation.get_absolute_url())

    assert (
        '<meta name="description" content="Bệnh viện &quot;A&quot; &amp; B: cán bộ, đơn vị '
        'trực thuộc và các bài viết nhắc đến.">'
    ) in content
    assert Head(content).one("og:title") == 'Bệnh viện "A" & B'


def test_pages_of_other_kinds_from_factories(client):
    """Descriptions built from a name: an event without description, an official."""
    event = make_event(name="Ngày Dân số Việt Nam")
    official = make_official("Lê Thị Hoa")
    province = make_province(name="Điện Biên")

    event_head = Head(get(client, event.get_absolute_url()))
    official_head = Head(get(client, official.get_absolute_url()))
    province_head = Head(get(client, province.get_absolute_url()))

    assert event_head.one("description") == (
        "Ngày Dân số Việt Nam: ngày khởi nguồn, các năm kỷ niệm và bài viết của từng năm."
    )
    assert official_head.one("og:title") == "Lê Thị Hoa"
    assert (
        province_head.one("description")
        == "Tin hoạt động y tế, các cơ sở y tế và đơn vị của tỉnh Điện Biên."
    )
    assert province_head.one("og:title") == "Tỉnh Điện Biên"


# ---------------------------------------------------------------------------------------------
# Canonical URL of a paginated, filtered list
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def many_articles():
    province = make_province(name="Lai Châu")
    published = timezone.now() - datetime.timedelta(days=1)
    for number in range(25):
        make_article(
            title=f"Tin số {number}",
            province=province,
            published_at=published - datetime.timedelta(hours=number),
        )
    return province


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "/tin-tuc/"),
        ("?page=1", "/tin-tuc/"),
        ("?page=2", "/tin-tuc/?page=2"),
        ("?page=last", "/tin-tuc/?page=2"),
        # The filter form sends its empty fields; they filter nothing.
        ("?tinh=&chuyen_muc=&page=2", "/tin-tuc/?page=2"),
        ("?utm_source=zalo&page=2", "/tin-tuc/?page=2"),
        ("?utm_source=zalo", "/tin-tuc/"),
        # A filtered list is a view of the whole list.
        ("?tinh=lai-chau", "/tin-tuc/"),
        ("?tinh=lai-chau&page=2", "/tin-tuc/"),
    ],
)
def test_list_canonical_keeps_only_the_page_number(client, many_articles, query, canonical):
    head = Head(get(client, f"/tin-tuc/{query}"))

    assert head.canonical == [f"{BASE}{canonical}"]
    assert head.one("og:url") == f"{BASE}{canonical}"
    assert head.alternates["en"] == [f"{BASE}/en{canonical}"]
    assert head.alternates["vi"] == [f"{BASE}{canonical}"]


def test_english_list_page_two(client, many_articles):
    head = Head(get(client, "/en/tin-tuc/?page=2"))

    assert head.canonical == [f"{BASE}/en/tin-tuc/?page=2"]
    assert head.alternates["vi"] == [f"{BASE}/tin-tuc/?page=2"]


# ---------------------------------------------------------------------------------------------
# The text helper
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("Ngắn gọn", 160, "Ngắn gọn"),
        ("  Hai\n\ndòng  ", 160, "Hai dòng"),
        ("một hai ba bốn", 10, "một hai…"),
        ("một hai, ba bốn", 11, "một hai…"),
        ("mộthaibabốnnăm", 6, "mộtha…"),
        ("một hai ba", 8, "một hai…"),
    ],
)
def test_plain(text, length, expected):
    assert plain(text, length) == expected
    assert len(plain(text, length)) <= length


@pytest.mark.parametrize("path", [p[0] for p in PAGES] + [f"/en{p[0]}" for p in PAGES])
@pytest.mark.parametrize("code", ["vi", "en"])
def test_language_paths_are_what_django_translates_them_to(seed, path, code):
    from django.urls import translate_url
    from django.utils import translation

    from articles.templatetags.seo import language_path

    with translation.override("en" if path.startswith("/en/") else "vi"):  # as when serving it
        assert language_path(path, code) == translate_url(path, code)
