"""The public directory: officials, organisations and facilities, provinces."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article, OfficialMention
from people.models import Organisation
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
    assert "Giám đốc, <a" in response.content.decode()


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

    assert "<h1>PGS.TS.BS Trần Kiêm Hảo</h1>" in html
    assert html.index("<li>Giám đốc,") < html.index("<li>Phó Giám đốc,")
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

    assert "Phạm Giang Nam</a>, Giám đốc" in html
    assert "Tin về Sở" in html and "bí mật" not in html


def test_province_page_tells_its_history_and_gathers_its_predecessors_news(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    make_article(title="Tin năm 2024", province=old)
    make_organisation(name="Bệnh viện Trung ương Huế", province=old, kind="benh-vien")

    new_page = client.get(hue.get_absolute_url()).content.decode()
    old_page = client.get(old.get_absolute_url()).content.decode()

    assert "Tin năm 2024" in new_page and "Bệnh viện Trung ương Huế" in new_page
    assert "Tiếp nhận" in new_page and "tỉnh Thừa Thiên Huế" in new_page
    assert "Tỉnh Thừa Thiên Huế, nay là" in old_page and "thành phố Huế</a>." in old_page


def test_province_list_says_what_became_of_merged_units(client):
    hai_phong = make_province(name="Hải Phòng", kind="thanh-pho")
    make_province(name="Hải Dương", valid_to=datetime.date(2025, 6, 30), successor=hai_phong)

    html = client.get(reverse("directory:province_list")).content.decode()

    assert "đến 30/06/2025; nay thuộc thành phố Hải Phòng" in html


def test_organisation_of_a_merged_province_says_what_it_is_now(client):
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)
    organisation = make_organisation(name="Sở Y tế Thừa Thiên Huế", province=old)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "tỉnh Thừa Thiên Huế</a> (nay là thành phố Huế)" in html
