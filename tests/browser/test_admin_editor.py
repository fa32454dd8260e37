"""The body editor in the browser: named by its label, spell-checked, room to write in."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [1280, 360])
def test_the_empty_body_editor_is_named_spell_checked_and_tall(
    live_server, page: Page, editor_credentials, browser_errors, screens, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(10_000)
    username, password = editor_credentials
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()

    editor = page.get_by_role("textbox", name="Nội dung")
    expect(editor).to_have_attribute("contenteditable", "true")
    page.locator("label[for=id_body]").click()
    # The label hands the focus to the editor from a script: a reader types once it has it
    # (typing at once lost the first letter now and then).
    expect(editor).to_be_focused()
    page.keyboard.type("Sở Y tế Điện Biên")

    expect(editor).to_have_text("Sở Y tế Điện Biên")
    expect(editor).to_have_attribute("spellcheck", "true")
    expect(editor).to_have_attribute("lang", "vi")
    assert editor.bounding_box()["height"] >= 250
    editor.scroll_into_view_if_needed()
    page.screenshot(path=screens / f"admin-article-body-editor-{width}.png")
    assert browser_errors == []
