"""The English interface under /en/: locale/en translates the site's Vietnamese source strings.

Vietnamese is the source language and needs no catalogue; English readers get the same pages
with English navigation, headings and labels (Decree 42/2022/NĐ-CP). Titles, names and article
text come from the database and stay Vietnamese.
"""

import datetime
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

PO_PATH = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"

HAI_PHONG_ARTICLE = (
    "/en/tin-tuc/lanh-dao-thanh-pho-hai-phong-tham-tang-qua-nganh-y-te-nhan-ky-niem-70-nam-"
    "ngay-thay-thuoc-viet-nam/"
)
HUE_ARTICLE = (
    "/en/tin-tuc/thua-thien-hue-nganh-y-te-nang-cao-chat-luong-kham-chua-benh-cham-soc-suc-"
    "khoe-nhan-dan/"
)

ENGLISH_NAVIGATION = [
    '<a href="/en/tin-tuc/">News</a>',
    '<a href="/en/can-bo/">Officials</a>',
    '<a href="/en/don-vi/">Health facilities and organisations</a>',
    '<a href="/en/tinh-thanh/">Provinces and cities</a>',
    '<a href="/en/ngay-ky-niem/">Commemorative days</a>',
]
VIETNAMESE_NAVIGATION = [
    '<a href="/tin-tuc/">Tin tức</a>',
    '<a href="/can-bo/">Cán bộ</a>',
    '<a href="/don-vi/">Cơ sở y tế, đơn vị</a>',
    '<a href="/tinh-thanh/">Tỉnh, thành phố</a>',
    '<a href="/ngay-ky-niem/">Ngày kỷ niệm</a>',
]
VIETNAMESE_LABELS = ["Tin tức", "Cán bộ", "Cơ sở y tế, đơn vị", "Tỉnh, thành phố", "Ngày kỷ niệm"]

# Interface msgids that may legitimately show on an English page: the language switch names
# Vietnamese in Vietnamese.
# Interface strings that Vietnamese content also contains: the language link, a seed article's
# title ("Lãnh đạo thành phố Hải Phòng…") and the sample footer particulars ("Giấy phép số…").
SHOWN_ON_ENGLISH_PAGES = {"Tiếng Việt", "Lãnh đạo", "Giấy phép", "Địa chỉ"}


# ---------------------------------------------------------------------------------------------
# A small .po reader (no polib in the test environment)
# ---------------------------------------------------------------------------------------------

_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _unescape(text):
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES[m[1]], text)


def read_po(path):
    """Every entry of a .po file as a dict: msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries = []
    current, field = {"flags": set()}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if "msgid" in current:
                entries.append(current)
            current, field = {"flags": set()}, None
        elif line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += _unescape(_PO_STRING.fullmatch(line)[1])
        else:
            field, _, rest = line.partition(" ")
            current[field] = _unescape(_PO_STRING.fullmatch(rest)[1])
    return entries


def catalogue():
    """The catalogue's entries, its header (the entry with an empty msgid) left out."""
    return [entry for entry in read_po(PO_PATH) if entry["msgid"]]


def translations(entry):
    if "msgid_plural" in entry:
        return [entry.get("msgstr[0]", ""), entry.get("msgstr[1]", "")]
    return [entry.get("msgstr", "")]


# ---------------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------------


def test_the_reader_sees_the_whole_catalogue():
    entries = catalogue()
    header = read_po(PO_PATH)[0]

    assert len(entries) > 200
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]
    assert "Language: en" in header["msgstr"]
    assert "fuzzy" not in header["flags"]
    days = next(entry for entry in entries if entry["msgid"] == "còn %(days)s ngày")
    assert translations(days) == ["%(days)s day left", "%(days)s days left"]


def test_every_entry_is_translated_and_nothing_is_left_over():
    entries = catalogue()

    assert [entry["msgid"] for entry in entries if entry.get("obsolete")] == []
    assert [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]] == []
    assert [entry["msgid"] for entry in entries if not all(translations(entry))] == []


def test_placeholders_are_kept():
    wrong = []
    for entry in catalogue():
        expected = sorted(_PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            if sorted(_PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry["msgid"], text))

    assert wrong == []


def test_the_compiled_catalogue_serves_every_entry():
    """gettext returns what the .po says: django.mo is compiled from the current django.po."""
    stale = []
    with translation.override("en"):
        for entry in catalogue():
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                got = [translation.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
            else:
                got = [translation.gettext(msgid)]
            if got != translations(entry):
                stale.append(msgid)

    assert stale == []


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Tin tức", "News"),
        ("Cán bộ", "Officials"),
        ("Cơ sở y tế, đơn vị", "Health facilities and organisations"),
        ("Tỉnh, thành phố", "Provinces and cities"),
        ("Ngày kỷ niệm", "Commemorative days"),
        ("sở y tế", "department of health"),
        ("ủy ban nhân dân", "people's committee"),
        ("sapo", "lead"),
        ("bản nháp", "draft"),
        ("chờ duyệt", "in review"),
        ("đã xuất bản", "published"),
        ("hẹn giờ", "scheduled"),
        ("Tin tức Y tế", "Health News"),
    ],
)
def test_key_terms(vietnamese, english):
    with translation.override("en"):
        assert translation.gettext(vietnamese) == english
    with translation.override("vi"):
        assert translation.gettext(vietnamese) == vietnamese


def test_messages_with_placeholders_and_plurals():
    with translation.override("en"):
        anniversary = translation.gettext("Kỷ niệm %(number)s năm %(name)s") % {
            "number": 70,
            "name": "Ngày Thầy thuốc Việt Nam",
        }
        renamed = translation.gettext("%(old)s, nay là %(new)s.") % {
            "old": "tỉnh Thừa Thiên Huế",
            "new": "thành phố Huế",
        }
        one_day = translation.ngettext("còn %(days)s ngày", "còn %(days)s ngày", 1)
        many_days = translation.ngettext("còn %(days)s ngày", "còn %(days)s ngày", 12)

    assert anniversary == "70 years of Ngày Thầy thuốc Việt Nam"
    assert renamed == "tỉnh Thừa Thiên Huế, now thành phố Huế."
    assert one_day % {"days": 1} == "1 day left"
    assert many_days % {"days": 12} == "12 days left"


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def seed(db):
    """The project's fixtures: provinces, organisations, officials and the five seed articles."""
    call_command("loaddata", "people", "articles", verbosity=0)


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


_MARKED_VIETNAMESE = re.compile(r'<(\w+)[^>]*\blang="vi"[^>]*>.*?</\1>', re.DOTALL)


def interface_leftovers(content):
    """Vietnamese interface strings of the catalogue that an English page still shows.

    Only capitalised msgids of two words or more without placeholders are looked for: short
    lowercase ones ("tỉnh", "năm") are ordinary words of the Vietnamese content, and so is
    whatever the page marks as Vietnamese (lang="vi": the footer's particulars, a category).
    """
    text = html.unescape(_MARKED_VIETNAMESE.sub("", content))
    return sorted(
        entry["msgid"]
        for entry in catalogue()
        if entry["msgid"][0].isupper()
        and " " in entry["msgid"]
        and "%(" not in entry["msgid"]
        and entry["msgid"] not in SHOWN_ON_ENGLISH_PAGES
        and entry["msgid"] in text
    )


def test_english_home_page(client, seed):
    content = page(client, "/en/")

    assert '<html lang="en">' in content
    assert "<title>Health News</title>" in content
    assert '<a class="language" href="/" hreflang="vi" lang="vi">Tiếng Việt</a>' in content
    assert '<nav class="site-nav" aria-label="Sections">' in content
    for link in ENGLISH_NAVIGATION:
        assert link in content
    for label in VIETNAMESE_LABELS:
        assert f">{label}<" not in content
    assert "Skip to main content" in content
    assert '<h2 id="tin-chinh" class="section-title">Top story</h2>' in content
    assert '<h2 id="tin-moi" class="section-title">Latest news</h2>' in content
    assert '<h2 id="theo-tinh" class="section-title">News by province and city</h2>' in content
    assert "years of Ngày Thầy thuốc Việt Nam" in content
    assert "(estimated date)" not in content  # an editor's note, not the reader's
    assert (
        "News portal of the health sector. "
        "Content belongs to the credited agencies and authors. "
        "Please credit this site when republishing its content.</p>"
    ) in content
    # Content stays as written.
    assert "Lãnh đạo thành phố Hải Phòng thăm, tặng quà ngành Y tế" in content
    assert interface_leftovers(content) == []


@pytest.mark.parametrize("accept_language", ["en", "en-GB,en;q=0.9", None])
def test_vietnamese_wins_on_unprefixed_urls(client, seed, accept_language):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    content = response.content.decode()

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert '<html lang="vi">' in content
    assert "<title>Tin tức Y tế</title>" in content
    assert '<a class="language" href="/en/" hreflang="en" lang="en">English</a>' in content
    for link in VIETNAMESE_NAVIGATION:
        assert link in content
    for link in ENGLISH_NAVIGATION:
        assert link not in content
    assert "Tin chính" in content
    assert "Top story" not in content


def test_vietnamese_list_page_ignores_an_english_browser(client, seed):
    content = page(client, "/tin-tuc/", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="vi">' in content
    assert "<h1>Tin tức</h1>" in content
    assert '<p class="count">5 bài viết</p>' in content


def test_english_news_list(client, seed):
    content = page(client, "/en/tin-tuc/")

    assert '<html lang="en">' in content
    assert "<title>News · Health News</title>" in content
    assert "<h1>News</h1>" in content
    assert '<form method="get" class="filters" aria-label="Filter the news">' in content
    for label in [
        "Provinces and cities",
        "Category",
        "Commemorative days",
        "Year commemorated",
        "Published from",
        "Published until",
    ]:
        assert f">{label}</label>" in content
    assert '<button type="submit">Filter</button>' in content
    assert ">Clear filters</a>" in content
    assert '<p class="count">5 articles</p>' in content
    assert interface_leftovers(content) == []


def test_english_news_list_names_the_official_a_link_filtered_by(client, seed):
    from people.models import Official

    official = Official.objects.get(full_name="Giàng Thị Dung")

    content = page(client, f"/en/tin-tuc/?can_bo={official.slug}")

    assert '<p class="linked-filters"><span>Officials: <strong lang="vi">' in content
    assert f'<input type="hidden" name="can_bo" value="{official.slug}"' in content


def test_english_news_list_filter_errors(client, seed):
    content = page(client, "/en/tin-tuc/?tu_ngay=2024-04-03&den_ngay=2020-01-01")

    assert "<p>The filters are not valid, so there are no results yet:</p>" in content
    assert "<li>The start date must be on or before the end date.</li>" in content


def test_english_news_list_without_results(client, seed):
    content = page(client, "/en/tin-tuc/?nam=1999")

    assert "<p>No articles match the filters.</p>" in content


def test_english_news_list_counts_one_article(client, seed):
    content = page(client, "/en/tin-tuc/?tinh=lao-cai")

    assert '<p class="count">1 article</p>' in content


def test_english_officials(client, seed):
    content = page(client, "/en/can-bo/")

    assert "<title>Officials · Health News</title>" in content
    assert "<h1>Officials</h1>" in content
    assert '<p class="note">Sorted by given name, in Vietnamese alphabetical order.</p>' in content
    assert "Giàng Thị Dung" in content
    assert interface_leftovers(content) == []


def test_english_official_page(client, seed):
    content = page(client, "/en/can-bo/giang-thi-dung/")

    assert "<h2>Positions</h2>" in content
    assert "(according to an article of 07/07/2020)" in content
    assert "<h2>Mentioned in articles</h2>" in content
    assert interface_leftovers(content) == []


def test_english_organisations(client, seed):
    content = page(client, "/en/don-vi/")

    assert "<title>Health facilities and organisations · Health News</title>" in content
    assert "<h1>Health facilities and organisations</h1>" in content
    assert '<form method="get" class="filters" aria-label="Filter organisations">' in content
    assert ">Type</label>" in content
    assert ">Level</label>" in content
    assert '<option value="benh-vien">hospital</option>' in content
    assert '<option value="so-y-te">department of health</option>' in content
    assert '<option value="ubnd">people&#x27;s committee</option>' in content
    assert '<option value="tinh">province</option>' in content
    assert '<option value="" selected>All</option>' in content
    assert "<span>Hospital</span><span>Level: province</span>" in content
    assert interface_leftovers(content) == []


def test_english_organisation_page(client, seed):
    content = page(client, "/en/don-vi/benh-vien-phuc-hoi-chuc-nang-tinh-lao-cai/")

    assert "<p>Parent organisation: " in content
    assert "<h2>Officials</h2>" in content
    assert "<li>No officials recorded yet.</li>" in content
    assert "<h2>Mentioned in articles</h2>" in content
    assert interface_leftovers(content) == []


def test_english_provinces(client, seed):
    content = page(client, "/en/tinh-thanh/")

    assert "<title>Provinces and cities · Health News</title>" in content
    assert "<h1>Provinces and cities</h1>" in content
    assert "(until 31/12/2024; now Huế City)" in content
    assert "(until 30/06/2025; now part of Hải Phòng City)" in content
    assert interface_leftovers(content) == []


def test_english_department_of_health_of_a_merged_province(client, seed):
    content = page(client, "/en/don-vi/so-y-te-thua-thien-hue/")

    assert "<span>Department of health</span><span>Level: province</span>" in content
    assert "</a> (now Huế City)</span>" in content
    assert "<h2>Officials</h2>" in content
    assert interface_leftovers(content) == []


def test_english_province_pages(client, seed):
    merged = page(client, "/en/tinh-thanh/thua-thien-hue/")
    current = page(client, "/en/tinh-thanh/hue/")

    assert (
        '<p class="history-note">Made a centrally governed city on 01/01/2025 and renamed '
        '<a href="/en/tinh-thanh/hue/">Huế City</a>.</p>'
    ) in merged
    assert "<h2>News</h2>" in merged
    assert "See all news from this province or city" in merged
    assert "<h2>Health facilities and organisations</h2>" in merged
    assert "(department of health)" in merged
    assert (
        '<p class="history-note">Made a centrally governed city on 01/01/2025; formerly '
        '<a href="/en/tinh-thanh/thua-thien-hue/">Thừa Thiên Huế Province</a>.</p>'
    ) in current
    assert interface_leftovers(merged) == []
    assert interface_leftovers(current) == []


def test_english_commemorative_days(client, seed):
    content = page(client, "/en/ngay-ky-niem/")

    assert "<title>Commemorative days · Health News</title>" in content
    assert "<h1>Commemorative days</h1>" in content
    assert "<p>Origin: 27/02/1955</p>" in content
    assert "<p>Next anniversary: " in content
    assert re.search(r"\((today|1 day left|\d+ days left)\)</p>", content)
    assert "<p>3 articles</p>" in content
    assert "<p>1 article</p>" in content
    assert interface_leftovers(content) == []


def test_english_commemorative_day(client, seed):
    content = page(client, "/en/ngay-ky-niem/ngay-thay-thuoc-viet-nam/")

    assert "<h2>Anniversaries by year</h2>" in content
    assert '<h3 id="nam-2025">2025: 70 years</h3>' in content
    assert '<h3 id="nam-2024">2024: 69 years</h3>' in content
    assert interface_leftovers(content) == []


def test_english_article_page(client, seed):
    content = page(client, HAI_PHONG_ARTICLE)

    assert '<html lang="en">' in content
    assert '<h1 lang="vi">Lãnh đạo thành phố Hải Phòng thăm, tặng quà ngành Y tế' in content
    assert "(estimated date)" not in content  # an editor's note, not the reader's
    assert '<p class="source">Source: Hải Phòng điện tử</p>' in content
    assert ">70 years of Ngày Thầy thuốc Việt Nam</a></p>" in content
    assert '<h2 id="can-bo">Officials mentioned</h2>' in content
    assert '<h2 id="don-vi">Organisations</h2>' in content
    assert '<h2 id="the">Tags</h2>' in content
    assert '<h2 id="tin-lien-quan">Related news</h2>' in content
    assert interface_leftovers(content) == []


def test_english_article_of_a_merged_province(client, seed):
    content = page(client, HUE_ARTICLE)

    assert '<p class="history-note">Thừa Thiên Huế Province, now Huế City.</p>' in content
    assert ">69 years of Ngày Thầy thuốc Việt Nam</a></p>" in content


def test_english_not_found_page(client, seed):
    response = client.get("/en/khong-co-trang-nay/")
    content = response.content.decode()

    assert response.status_code == 404
    assert '<html lang="en">' in content
    assert "<h1>Page not found</h1>" in content
    assert "<p>The page you are looking for does not exist or has been removed.</p>" in content


def test_admin_login_stays_vietnamese_for_an_english_browser(client, db):
    content = page(client, "/admin/login/", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="vi" dir="ltr">' in content
    assert "<title>Đăng nhập | Quản trị Tin tức Y tế</title>" in content
    assert '<input type="submit" value="Đăng nhập">' in content
    assert "Tên đăng nhập:" in content
    assert "Log in" not in content


def test_admin_login_in_english(client, db):
    content = page(client, "/en/admin/login/")

    assert '<html lang="en" dir="ltr">' in content
    assert "<title>Log in | Health News administration</title>" in content
    assert '<input type="submit" value="Log in">' in content
    assert "Username:" in content
    assert "Đăng nhập" not in content


@pytest.mark.django_db
def test_english_dates_are_typed_day_first_and_provinces_named_in_english(client):
    from django import forms
    from django.utils import translation

    from tests.factories import make_province

    province = make_province(name="Điện Biên")

    with translation.override("en"):
        typed = forms.DateField().clean("25/03/2024")
        name = province.full_name

    assert typed == datetime.date(2024, 3, 25)
    assert name == "Điện Biên Province"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en//evil.example/", "/en///evil.example/x/"])
def test_the_language_link_of_a_404_page_stays_on_the_site(client, path):
    response = client.get(path)

    content = response.content.decode()
    links = re.findall(r'<a class="language" href="([^"]*)"', content)
    assert response.status_code == 404
    assert len(links) == 1
    assert links[0].startswith("/") and not links[0].startswith("//")
    assert 'href="//' not in content and "http://evil.example" not in content


@pytest.mark.django_db
def test_the_language_link_keeps_the_filters(client):
    response = client.get("/tin-tuc/", {"tu_ngay": "01/01/2024", "page": "1"})

    assert '<a class="language" href="/en/tin-tuc/?tu_ngay=01%2F01%2F2024&amp;page=1"' in (
        response.content.decode()
    )
