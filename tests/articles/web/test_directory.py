"""The public directory: officials, organisations and facilities, provinces."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, OfficialMention
from people.models import Organisation, Province
from tests.factories import (
    make_article,
    make_official,
    make_organisation,
    make_position,
    make_province,
)

pytestmark = pytest.mark.django_db


def test_officials_directory_is_ordered_by_given_name_with_current_posts(client):
    department = make_organisation(name="Sở Y tế Lào Cai")
    make_position(official=make_official("Hoàng Quốc Hương"), organisation=department)
    make_position(official=make_official("Giàng Thị Dung"), title="Phó Chủ tịch")
    make_official("Đậu Bình")

    response = client.get(reverse("directory:official_list"))

    names = [official.full_name for official in response.context["object_list"]]
    assert names == ["Đậu Bình", "Giàng Thị Dung", "Hoàng Quốc Hương"]
    assert '<span lang="vi">Giám đốc</span>, <a' in response.content.decode()


def test_official_page_shows_titles_positions_over_time_and_published_mentions(client):
    official = make_official("Trần Kiêm Hảo", titles="PGS.TS.BS")
    current = make_position(official=official, organisation=make_organisation(name="Sở Y tế Huế"))
    make_position(
        official=official,
        title="Phó Giám đốc",
        organisation=current.organisation,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    for title, status in [("Tin công khai", "published"), ("Tin nháp bí mật", "draft")]:
        article = make_article(title=title, status=status)
        OfficialMention.objects.create(article=article, official=official, position=current)

    html = client.get(official.get_absolute_url()).content.decode()

    assert '<h1 lang="vi">PGS.TS.BS Trần Kiêm Hảo</h1>' in html
    assert html.index(">Giám đốc</span>,") < html.index(">Phó Giám đốc</span>,")
    assert "từ 01/01/2015" in html and "đến 31/12/2019" in html
    assert "Tin công khai" in html and "bí mật" not in html


def test_unknown_official_is_a_404(client):
    assert client.get("/can-bo/khong-co-ai/").status_code == 404


def test_organisations_filter_by_province_kind_and_level(client):
    lao_cai = make_province(name="Lào Cai")
    hospital = make_organisation(
        name="Bệnh viện Phục hồi chức năng", kind=Organisation.Kind.HOSPITAL, province=lao_cai
    )
    make_organisation(name="Trạm Y tế xã", kind="tram-y-te", level="xa", province=lao_cai)
    make_organisation(name="Bệnh viện tỉnh khác", kind=Organisation.Kind.HOSPITAL)

    response = client.get(
        reverse("directory:organisation_list"),
        {"tinh": "lao-cai", "loai": "benh-vien", "cap": "tinh"},
    )

    assert list(response.context["object_list"]) == [hospital]


@pytest.mark.parametrize("params", [{"loai": "khong-co"}, {"tinh": "y" * 5000}, {"cap": "'"}])
def test_bad_organisation_filter_gives_a_message(client, params):
    make_organisation(name="Bệnh viện có thật")

    response = client.get(reverse("directory:organisation_list"), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bộ lọc không hợp lệ" in html and "Bệnh viện có thật" not in html


def test_organisation_page_lists_its_officials_and_published_articles(client):
    organisation = make_organisation(name="Sở Y tế Điện Biên")
    make_position(official=make_official("Phạm Giang Nam"), organisation=organisation)
    make_article(title="Tin về Sở").organisations.add(organisation)
    make_article(title="Nháp bí mật", status=Article.Status.DRAFT).organisations.add(organisation)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert 'Phạm Giang Nam</a>, <span lang="vi">Giám đốc</span>' in html
    assert "Tin về Sở" in html and "bí mật" not in html


def make_hue():
    """Huế and the province it was until 2024: renamed and made a centrally governed city."""
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(
        name="Thừa Thiên Huế",
        valid_to=datetime.date(2024, 12, 31),
        successor=hue,
        change=Province.Change.UPGRADED,
    )
    return hue, old


def make_hai_phong():
    """Hải Phòng and Hải Dương, merged into it on 1/7/2025."""
    hai_phong = make_province(name="Hải Phòng", kind="thanh-pho")
    hai_duong = make_province(
        name="Hải Dương",
        valid_to=datetime.date(2025, 6, 30),
        successor=hai_phong,
        change=Province.Change.MERGED,
    )
    return hai_phong, hai_duong


def test_province_page_tells_its_history_and_gathers_its_predecessors_news(client):
    hue, old = make_hue()
    make_article(title="Tin năm 2024", province=old)
    make_organisation(name="Bệnh viện Trung ương Huế", province=old, kind="benh-vien")

    new_page = client.get(hue.get_absolute_url()).content.decode()
    old_page = client.get(old.get_absolute_url()).content.decode()

    assert "Tin năm 2024" in new_page and "Bệnh viện Trung ương Huế" in new_page
    assert (
        '<p class="history-note">Từ ngày 01/01/2025 nâng cấp thành thành phố trực thuộc trung '
        'ương; trước đó là <a href="/tinh-thanh/thua-thien-hue/">tỉnh Thừa Thiên Huế</a>.</p>'
    ) in new_page
    assert "Tiếp nhận" not in new_page and "hợp nhất" not in new_page
    assert (
        '<p class="history-note">Từ ngày 01/01/2025 nâng cấp, đổi tên thành '
        '<a href="/tinh-thanh/hue/">thành phố Huế</a>.</p>'
    ) in old_page


def test_a_merger_is_told_as_a_merger(client):
    hai_phong, hai_duong = make_hai_phong()

    new_page = client.get(hai_phong.get_absolute_url()).content.decode()
    old_page = client.get(hai_duong.get_absolute_url()).content.decode()

    assert (
        '<p class="history-note">Từ ngày 01/07/2025 hợp nhất với '
        '<a href="/tinh-thanh/hai-duong/">tỉnh Hải Dương</a>.</p>'
    ) in new_page
    assert (
        '<p class="history-note">Từ ngày 01/07/2025 sáp nhập vào '
        '<a href="/tinh-thanh/hai-phong/">thành phố Hải Phòng</a>.</p>'
    ) in old_page


def test_a_split_is_told_as_a_split(client):
    ha_tay = make_province(name="Hà Tây", valid_from=datetime.date(1991, 10, 1))
    make_province(
        name="Hà Sơn Bình",
        valid_to=datetime.date(1991, 9, 30),
        successor=ha_tay,
        change=Province.Change.SPLIT,
    )

    new_page = client.get(ha_tay.get_absolute_url()).content.decode()
    old_list = client.get(reverse("directory:province_list")).content.decode()

    assert "Từ ngày 01/10/1991 tiếp nhận một phần của <a" in new_page
    assert "(đến 30/09/1991; một phần nay thuộc tỉnh Hà Tây)" in old_list


def test_province_list_says_what_became_of_merged_and_renamed_units(client):
    make_hai_phong()
    make_hue()

    html = client.get(reverse("directory:province_list")).content.decode()

    assert "(đến 30/06/2025; nay thuộc thành phố Hải Phòng)" in html
    assert "(đến 31/12/2024; nay là thành phố Huế)" in html


def test_organisation_of_a_merged_province_says_what_it_is_now(client):
    _hue, old = make_hue()
    organisation = make_organisation(name="Sở Y tế Thừa Thiên Huế", province=old)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "tỉnh Thừa Thiên Huế</a> (nay là thành phố Huế)" in html


def test_filtering_organisations_by_a_province_includes_its_predecessors(client):
    hue, old = make_hue()
    make_organisation(name="Bệnh viện Trung ương Huế", province=old, kind="benh-vien")
    make_organisation(name="Trung tâm Y tế khác tỉnh")

    response = client.get(reverse("directory:organisation_list"), {"tinh": hue.slug})

    html = response.content.decode()
    names = [organisation.name for organisation in response.context["object_list"]]
    assert names == ["Bệnh viện Trung ương Huế"]
    assert "<span>tỉnh Thừa Thiên Huế (nay là thành phố Huế)</span>" in html


@pytest.mark.parametrize(
    ("url_name", "params", "expected"),
    [
        ("directory:official_list", {"ten": "tran thi thu"}, ["BS Trần Thị Thu"]),
        ("directory:organisation_list", {"ten": "Tràng Cát"}, ["Trạm Y tế phường Tràng Cát"]),
        ("directory:province_list", {"ten": "hai"}, ["Hải Dương", "Hải Phòng"]),
    ],
)
def test_directory_lists_find_by_name(client, url_name, params, expected):
    make_hai_phong()
    make_province(name="Hà Nội", kind="thanh-pho")
    make_official("Trần Thị Thu", titles="BS")
    make_official("Trần Văn Thụ")
    make_organisation(name="Trạm Y tế phường Tràng Cát")
    make_organisation(name="Trạm Y tế phường Cát Bi")

    response = client.get(reverse(url_name), params)

    found = [str(row) for row in response.context["object_list"]]
    assert found == expected


def test_a_name_search_in_the_directory_with_no_match_says_so(client):
    make_official("Trần Thị Thu")

    html = client.get(reverse("directory:official_list"), {"ten": "Nguyễn"}).content.decode()

    assert "Không có cán bộ nào có tên khớp." in html


def test_posts_without_dates_show_when_the_news_saw_them(client):
    official = make_official("Trần Thị Thu")
    station = make_organisation(name="Trạm Y tế phường Tràng Cát")
    post = make_position(official=official, organisation=station, title="Trạm trưởng")
    for day, status in [(18, "published"), (20, "published"), (25, "draft")]:
        article = make_article(
            status=status,
            published_at=timezone.make_aware(datetime.datetime(2025, 2, day, 9)),
        )
        OfficialMention.objects.create(article=article, official=official, position=post)

    official_page = client.get(official.get_absolute_url()).content.decode()
    station_page = client.get(station.get_absolute_url()).content.decode()

    assert "(theo các bài viết từ 18/02/2025 đến 20/02/2025)" in official_page
    assert "(theo các bài viết từ 18/02/2025 đến 20/02/2025)" in station_page
    assert "25/02/2025" not in official_page


def test_a_post_seen_in_one_article_shows_that_day(client):
    official = make_official("Giàng Thị Dung")
    post = make_position(official=official, title="Phó Chủ tịch")
    article = make_article(published_at=timezone.make_aware(datetime.datetime(2020, 7, 7, 15)))
    OfficialMention.objects.create(article=article, official=official, position=post)

    html = client.get(official.get_absolute_url()).content.decode()

    assert "(theo bài viết ngày 07/07/2020)" in html


def test_an_organisation_shows_its_address_telephone_and_spokesperson(client):
    organisation = make_organisation(
        name="Sở Y tế Lào Cai",
        address="Đường Hoàng Liên, phường Cốc Lếu",
        phone="0214 3840 123",
        email="soyte@laocai.gov.vn",
        website="https://soyte.laocai.gov.vn",
    )
    spokesperson = make_official("Hoàng Quốc Hương", phone="0214.3840.999")
    make_position(official=spokesperson, organisation=organisation, is_spokesperson=True)
    bare = make_organisation(name="Trạm Y tế xã")

    html = client.get(organisation.get_absolute_url()).content.decode()
    bare_html = client.get(bare.get_absolute_url()).content.decode()

    assert 'Trụ sở: <span lang="vi">Đường Hoàng Liên, phường Cốc Lếu</span>' in html
    assert 'Số điện thoại: <a href="tel:02143840123">0214 3840 123</a>' in html
    assert '<a href="mailto:soyte@laocai.gov.vn">soyte@laocai.gov.vn</a>' in html
    assert '<a href="https://soyte.laocai.gov.vn" rel="nofollow">' in html
    assert "(người phát ngôn)" in html
    assert 'Điện thoại công vụ: <a href="tel:02143840999">0214.3840.999</a>' in html
    assert 'class="contacts"' not in bare_html


def test_an_official_shows_their_public_contacts(client):
    official = make_official("Phạm Giang Nam", phone="0215 3825 555", email="nam@dienbien.gov.vn")

    html = client.get(official.get_absolute_url()).content.decode()

    assert 'Điện thoại công vụ: <a href="tel:02153825555">0215 3825 555</a>' in html
    assert 'Thư điện tử công vụ: <a href="mailto:nam@dienbien.gov.vn">' in html


def directory_with(rows):
    """Merged and renamed provinces, organisations in them, posts attested by articles."""
    _hue, old = make_hue()
    hai_phong, hai_duong = make_hai_phong()
    official = make_official("Trần Thị Thu")
    for number in range(rows):
        organisation = make_organisation(
            name=f"Trạm Y tế {number}", province=old if number % 2 else hai_duong
        )
        post = make_position(official=official, organisation=organisation, title=f"Chức {number}")
        article = make_article(title=f"Tin về chức {number}")
        OfficialMention.objects.create(article=article, official=official, position=post)
        make_province(
            name=f"Tỉnh cũ {number}",
            valid_to=datetime.date(2025, 6, 30),
            successor=hai_phong,
            change=Province.Change.MERGED,
        )
    return {
        "organisations": reverse("directory:organisation_list") + f"?tinh={hai_phong.slug}",
        "provinces": reverse("directory:province_list"),
        "province": hai_phong.get_absolute_url(),
        "official": official.get_absolute_url(),
        "search": reverse("articles:search") + "?q=Tr%E1%BA%A1m",
    }


def rendered_queries(client, url):
    """The queries of rendering url (the page cache emptied first), and the response."""
    client.get(url)  # warm what does not depend on rows (content types)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("page", ["organisations", "provinces", "province", "official", "search"])
def test_directory_pages_take_as_many_queries_for_one_row_as_for_many(client, page):
    few, _response = rendered_queries(client, directory_with(1)[page])
    Article.objects.all().delete()

    more, response = rendered_queries(client, directory_with(30)[page])

    assert more == few, page
    assert "Trạm Y tế" in response.content.decode() or page == "provinces"
