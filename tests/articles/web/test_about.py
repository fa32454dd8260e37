"""/gioi-thieu/ and a Sở Y tế's own page: functions, contacts, leaders, spokesperson, units."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import SiteSettings
from people.models import Organisation
from tests.factories import make_official, make_organisation, make_position, make_province

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    province = make_province(name="Lào Cai")
    sở = make_organisation(
        name="Sở Y tế Lào Cai",
        kind=Organisation.Kind.HEALTH_DEPARTMENT,
        province=province,
        address="Đường Hoàng Liên, phường Cốc Lếu",
        phone="0214 3840 000",
        email="soyte@laocai.gov.vn",
        functions="Quản lý nhà nước về y tế.\nQuản lý các đơn vị trực thuộc.",
    )
    cdc = make_organisation(
        name="Trung tâm Kiểm soát bệnh tật Lào Cai", kind="cdc", province=province, parent=sở
    )
    make_organisation(name="Trạm Y tế xã Tả Van", kind="tram-y-te", province=province, parent=cdc)
    make_position(
        official=make_official("Hoàng Quốc Hưởng", phone="0214 3840 001"),
        organisation=sở,
        title="Giám đốc",
    )
    make_position(
        official=make_official("Nguyễn Thị Lan", email="lan@laocai.gov.vn"),
        organisation=sở,
        title="Phó Giám đốc",
        is_spokesperson=True,
    )
    make_position(
        official=make_official("Lê Văn Cũ"),
        organisation=sở,
        title="Giám đốc",
        end_date=datetime.date(2020, 1, 1),
    )
    return sở


def test_about_presents_the_publisher(client, department):
    SiteSettings.objects.create(
        publisher=department, about="Cổng thông tin của ngành Y tế Lào Cai."
    )

    page = client.get(reverse("articles:about")).content.decode()

    assert "Cổng thông tin của ngành Y tế Lào Cai." in page
    assert "Quản lý các đơn vị trực thuộc." in page  # functions, paragraph by paragraph
    assert 'href="tel:02143840000"' in page and "soyte@laocai.gov.vn" in page
    # Leaders now in post, the head first, with their public contacts; not the one who left.
    assert page.index("Hoàng Quốc Hưởng") < page.index("Nguyễn Thị Lan")
    assert 'href="tel:02143840001"' in page
    assert "Lê Văn Cũ" not in page
    # The spokesperson, and the units as a tree two levels deep.
    spokesperson = page.split('id="phat-ngon"')[1].split("</section>")[0]
    assert "Nguyễn Thị Lan" in spokesperson and "lan@laocai.gov.vn" in spokesperson
    tree = page.split('class="org-tree"')[1].split("</section>")[0]
    assert tree.index("Trung tâm Kiểm soát bệnh tật Lào Cai") < tree.index("Trạm Y tế xã Tả Van")
    assert tree.count("<ul>") == 2


def test_english_about_translates_labels_and_keeps_names(client, department):
    SiteSettings.objects.create(publisher=department)

    page = client.get("/en/gioi-thieu/").content.decode()

    assert "Spokesperson" in page and "Leadership" in page
    assert "Phó Giám đốc" in page and 'lang="vi">Nguyễn Thị Lan' in page


def test_without_a_publisher_the_page_says_what_is_missing(client):
    page = client.get(reverse("articles:about")).content.decode()

    assert "Chưa chọn cơ quan xuất bản" in page


def test_a_health_departments_own_page_presents_it_the_same_way(client, department):
    page = client.get(department.get_absolute_url()).content.decode()

    assert "Người phát ngôn" in page and "Cơ cấu tổ chức" in page
    assert "Trạm Y tế xã Tả Van" in page


def test_a_hospital_page_is_not_presented_as_a_department(client):
    hospital = make_organisation(name="Bệnh viện Đa khoa tỉnh", kind="benh-vien")

    page = client.get(hospital.get_absolute_url()).content.decode()

    assert "Người phát ngôn" not in page


def query_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_about_reads_a_constant_number_of_queries(client, settings, department):
    settings.PAGE_CACHE_SECONDS = 0
    SiteSettings.objects.create(publisher=department)
    url = reverse("articles:about")
    one = query_count(client, url)
    for index in range(20):
        unit = make_organisation(name=f"Trung tâm Y tế huyện {index}", parent=department)
        make_organisation(name=f"Trạm Y tế xã {index}", kind="tram-y-te", parent=unit)
        make_position(organisation=department, title=f"Phó Giám đốc {index}")

    assert query_count(client, url) == one
