"""The site settings: what the footer shows, who may change them, the fixture's sample row."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import SiteSettings
from articles.roles import ADMINISTRATOR, EDITOR, REPORTER
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_footer_shows_the_particulars_the_decree_asks_for(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(
            name="Cổng thông tin Sở Y tế Lào Cai",
            governing_body="UBND tỉnh Lào Cai",
            responsible_person="Nguyễn Văn A",
            licence="Giấy phép số 12/GP-TTĐT",
            hotline="1900 1234",
            email="soyte@laocai.gov.vn",
        )

    page = client.get(reverse("articles:home")).content.decode()

    assert "Cổng thông tin Sở Y tế Lào Cai" in page
    assert "UBND tỉnh Lào Cai" in page
    assert "Giấy phép số 12/GP-TTĐT" in page
    assert 'href="tel:19001234"' in page
    assert 'href="mailto:soyte@laocai.gov.vn"' in page


def test_a_change_in_the_admin_reaches_the_cached_pages(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = SiteSettings.objects.create(licence="Giấy phép số 1/GP-TTĐT")
    assert "Giấy phép số 1/GP-TTĐT" in client.get(reverse("articles:home")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        row.licence = "Giấy phép số 2/GP-TTĐT"
        row.save()

    page = client.get(reverse("articles:home")).content.decode()
    assert "Giấy phép số 2/GP-TTĐT" in page
    assert "Giấy phép số 1/GP-TTĐT" not in page


def test_without_a_saved_row_the_site_uses_its_default_name(client):
    page = client.get(reverse("articles:home")).content.decode()

    assert "Tin tức Y tế" in page
    assert not SiteSettings.objects.exists()  # reading never writes


def test_english_pages_use_the_english_name(client):
    SiteSettings.objects.create(name="Tin tức Y tế Lào Cai", name_en="Lao Cai Health News")

    page = client.get("/en/").content.decode()

    assert "Lao Cai Health News" in page


def test_there_is_only_ever_one_row():
    first = SiteSettings.objects.create(name="Một")
    second = SiteSettings(name="Hai")
    second.save()

    assert SiteSettings.objects.count() == 1
    assert first.pk == second.pk == 1
    assert SiteSettings.load().name == "Hai"


@pytest.mark.parametrize(
    ("role", "can_change"), [(REPORTER, False), (EDITOR, True), (ADMINISTRATOR, True)]
)
def test_editors_change_the_settings_and_nobody_deletes_them(client, role, can_change):
    row = SiteSettings.objects.create(publisher=make_organisation(name="Sở Y tế Lào Cai"))
    client.force_login(make_user(role))
    url = reverse("admin:articles_sitesettings_change", args=[row.pk])

    response = client.post(
        url, {"name": "Tên mới", "name_en": "New", "publisher": row.publisher_id}
    )

    row.refresh_from_db()
    assert (row.name == "Tên mới") is can_change
    assert response.status_code == (302 if can_change else 403)
    deleted = client.post(
        reverse("admin:articles_sitesettings_delete", args=[row.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
    assert SiteSettings.objects.filter(pk=1).exists()


def test_the_fixture_row_is_marked_as_sample_values():
    call_command("loaddata", "people", "articles", verbosity=0)

    row = SiteSettings.load()

    assert row.publisher.name == "Sở Y tế Lào Cai"
    for value in (row.governing_body, row.responsible_person, row.licence, row.address):
        assert "mẫu" in value
