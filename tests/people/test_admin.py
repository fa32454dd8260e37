import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    make_official,
    make_organisation,
    make_position,
    make_province,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_officials_list_by_given_name_with_current_post(client):
    client.force_login(make_user("Biên tập viên"))
    department = make_organisation(name="Sở Y tế Lào Cai")
    make_position(official=make_official("Hoàng Quốc Hương"), organisation=department)
    dung = make_official("Giàng Thị Dung")
    make_position(
        official=dung,
        title="Phó Chủ tịch",
        organisation=make_organisation(name="UBND tỉnh Lào Cai"),
    )
    make_position(
        official=dung, title="Giám đốc", organisation=department, end_date=datetime.date(2020, 5, 1)
    )

    response = client.get(reverse("admin:people_official_changelist"))

    rows = [
        (o.full_name, o.current_positions[0].title, o.current_positions[0].organisation.name)
        for o in response.context["cl"].result_list
    ]
    assert rows == [
        ("Giàng Thị Dung", "Phó Chủ tịch", "UBND tỉnh Lào Cai"),
        ("Hoàng Quốc Hương", "Giám đốc", "Sở Y tế Lào Cai"),
    ]
    assert "Phó Chủ tịch" in response.content.decode()


def test_province_page_tells_its_history(client):
    client.force_login(make_user("Biên tập viên"))
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    old = make_province(
        name="Thừa Thiên Huế",
        valid_to=datetime.date(2024, 12, 31),
        successor=hue,
        change="nang-cap",
    )

    old_page = client.get(reverse("admin:people_province_change", args=[old.pk])).content.decode()
    new_page = client.get(reverse("admin:people_province_change", args=[hue.pk])).content.decode()

    # The same sentences as the public page (Province.history).
    assert "Từ ngày 01/01/2025 nâng cấp, đổi tên thành thành phố Huế." in old_page
    assert (
        "Từ ngày 01/01/2025 nâng cấp thành thành phố trực thuộc trung ương; "
        "trước đó là tỉnh Thừa Thiên Huế."
    ) in new_page
    assert "Tiếp nhận" not in new_page


def test_a_successor_needs_to_say_what_happened(client):
    client.force_login(make_user("Biên tập viên"))
    hai_phong = make_province(name="Hải Phòng", kind="thanh-pho")
    data = {
        "name": "Hải Dương",
        "kind": "tinh",
        "valid_to": "30/06/2025",
        "successor": hai_phong.pk,
        "change": "",
        "history_note": "",
    }

    refused = client.post(reverse("admin:people_province_add"), data)
    accepted = client.post(reverse("admin:people_province_add"), {**data, "change": "sap-nhap"})

    assert "Chọn điều đã xảy ra khi đơn vị chuyển sang đơn vị kế thừa." in refused.content.decode()
    assert accepted.status_code == 302
    assert hai_phong.predecessors.get().change == "sap-nhap"


def test_organisations_filter_by_kind_level_and_province(client):
    client.force_login(make_user("Biên tập viên"))
    lao_cai = make_province(name="Lào Cai")
    hospital = make_organisation(
        name="Bệnh viện Phục hồi chức năng", kind="benh-vien", province=lao_cai
    )
    make_organisation(name="Trạm Y tế xã", kind="tram-y-te", level="xa", province=lao_cai)
    make_organisation(name="Bệnh viện khác tỉnh", kind="benh-vien")

    response = client.get(
        reverse("admin:people_organisation_changelist"),
        {"kind": "benh-vien", "level": "tinh", "province__id__exact": lao_cai.pk},
    )

    assert list(response.context["cl"].result_list) == [hospital]
