import datetime
import random

import pytest
from django.db import IntegrityError

from people.models import Official, Organisation, Position, Province
from tests.factories import make_official, make_organisation, make_position, make_province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Điện Biên", "dien-bien"), ("Đắk Lắk", "dak-lak"), ("Thừa Thiên Huế", "thua-thien-hue")],
)
def test_province_slug_keeps_vietnamese_letters(name, slug):
    province = make_province(name=name)

    assert province.slug == slug


def test_organisation_slug_maps_d_with_stroke():
    organisation = make_organisation(
        name="Sở Y tế Điện Biên", kind=Organisation.Kind.HEALTH_DEPARTMENT
    )

    assert organisation.slug == "so-y-te-dien-bien"


def test_province_current_follows_successors_to_today():
    hue = make_province(name="Huế", kind=Province.Kind.CITY, valid_from=datetime.date(2025, 1, 1))
    old = make_province(name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue)

    assert old.current() == hue
    assert hue.current() == hue
    assert old.current().full_name == "thành phố Huế"
    assert old.full_name == "tỉnh Thừa Thiên Huế"


def test_province_existed_only_between_its_dates():
    old = make_province(name="Hải Dương", valid_to=datetime.date(2025, 6, 30))

    assert old.is_current(on=datetime.date(2025, 6, 30))
    assert not old.is_current(on=datetime.date(2025, 7, 1))
    assert not old.is_current()


def test_province_end_before_start_is_refused():
    with pytest.raises(IntegrityError, match="province_valid_range"):
        make_province(valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2024, 1, 1))


def test_province_with_successor_must_have_ended():
    hue = make_province(name="Huế")

    with pytest.raises(IntegrityError, match="province_successor_needs_end"):
        make_province(name="Thừa Thiên Huế", successor=hue)


def test_local_organisation_without_province_is_refused():
    with pytest.raises(IntegrityError, match="organisation_local_has_province"):
        Organisation.objects.create(
            name="Trạm Y tế xã thử",
            kind=Organisation.Kind.HEALTH_STATION,
            level=Organisation.Level.COMMUNE,
        )


def test_central_organisation_needs_no_province():
    ministry = make_organisation(
        name="Bộ Y tế", kind=Organisation.Kind.MINISTRY, level=Organisation.Level.CENTRAL
    )

    assert ministry.province is None
    assert ministry.is_health_body
    assert not ministry.is_facility


def test_officials_sort_by_given_name_in_vietnamese_order():
    names = [
        "Đậu Bình",
        "Giàng Thị Dung",
        "Trần Kiêm Hảo",
        "Hoàng Quốc Hương",
        "Nguyễn Xuân Ký",
        "Lê Khắc Nam",
        "Phạm Giang Nam",
        "Phan Ngọc Thọ",
        "Trần Thị Thu",
    ]
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    for name in shuffled:
        make_official(name)

    ordered = list(Official.objects.values_list("full_name", flat=True))

    assert ordered == names


def test_provinces_sort_in_vietnamese_order():
    names = [
        "An Giang",
        "Bà Rịa – Vũng Tàu",
        "Bắc Giang",
        "Bình Dương",
        "Đà Nẵng",
        "Điện Biên",
        "Hà Nội",
    ]
    for name in reversed(names):
        make_province(name=name)

    assert list(Province.objects.values_list("name", flat=True)) == names


def test_official_titles_are_an_ordered_prefix():
    official = make_official("Trần Kiêm Hảo", titles="PGS.TS.BS")

    assert official.display_name == "PGS.TS.BS Trần Kiêm Hảo"
    assert official.title_list == ["PGS", "TS", "BS"]
    assert official.slug == "tran-kiem-hao"


def test_official_without_given_name_is_refused():
    with pytest.raises(IntegrityError, match="official_name_parts_present"):
        Official.objects.create(full_name="Đậu", family_name="Đậu", given_name="")


def test_position_label_names_the_organisation():
    position = make_position(
        official=make_official("Phạm Giang Nam"),
        organisation=make_organisation(name="Sở Y tế Điện Biên"),
        title="Giám đốc",
    )

    assert position.label == "Giám đốc Sở Y tế Điện Biên"
    assert str(position) == "Phạm Giang Nam, Giám đốc Sở Y tế Điện Biên"


def test_position_held_twice_is_refused():
    position = make_position()

    with pytest.raises(IntegrityError, match=r"(?i)unique"):
        Position.objects.create(
            official=position.official, organisation=position.organisation, title=position.title
        )


def test_position_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError, match="position_valid_range"):
        make_position(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1))


def test_current_positions_exclude_ended_ones():
    ongoing = make_position(title="Giám đốc")
    make_position(
        official=ongoing.official, title="Phó Giám đốc", end_date=datetime.date(2020, 1, 1)
    )

    assert list(Position.objects.current()) == [ongoing]


def test_what_a_unit_is_now_follows_every_step_of_its_succession():
    ha_noi = make_province(name="Hà Nội", kind=Province.Kind.CITY)
    ha_tay = make_province(
        name="Hà Tây", valid_to=datetime.date(2008, 7, 31), successor=ha_noi, change="sap-nhap"
    )
    ha_son_binh = make_province(
        name="Hà Sơn Bình",
        valid_to=datetime.date(1991, 9, 30),
        successor=ha_tay,
        change="chia-tach",
    )
    hue = make_province(name="Huế", kind=Province.Kind.CITY, valid_from=datetime.date(2025, 1, 1))
    old = make_province(
        name="Thừa Thiên Huế",
        valid_to=datetime.date(2024, 12, 31),
        successor=hue,
        change="nang-cap",
    )

    assert old.successor_note() == "nay là thành phố Huế"
    assert ha_tay.successor_note() == "nay thuộc thành phố Hà Nội"
    assert ha_son_binh.successor_note() == "một phần nay thuộc thành phố Hà Nội"
    assert [unit.name for unit in ha_son_binh.succession()] == ["Hà Sơn Bình", "Hà Tây", "Hà Nội"]
    assert hue.successor_note() == ""


def test_history_groups_the_units_merged_on_the_same_day():
    hcm = make_province(name="Hồ Chí Minh", kind=Province.Kind.CITY)
    for name in ("Bình Dương", "Bà Rịa – Vũng Tàu"):
        make_province(
            name=name, valid_to=datetime.date(2025, 6, 30), successor=hcm, change="sap-nhap"
        )

    lines = [str(line) for line in hcm.history()]

    assert lines == ["Từ ngày 01/07/2025 hợp nhất với tỉnh Bà Rịa – Vũng Tàu, tỉnh Bình Dương."]


def test_a_unit_without_history_has_no_lines():
    assert make_province(name="Điện Biên").history() == []
