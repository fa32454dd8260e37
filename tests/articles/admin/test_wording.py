"""The screens editors use read as a Vietnamese newsroom writes: no English, no stiff wording."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_figure, make_user

pytestmark = pytest.mark.django_db


def screen_text(response):
    """The words on the page, without its markup."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_article_list_and_form_read_as_a_newsroom_writes(client):
    client.force_login(make_user("Biên tập viên"))
    article = make_article(title="Điện Biên tiêm vắc xin sởi cho trẻ")
    make_figure(article)

    listing = screen_text(client.get(reverse("admin:articles_article_changelist")))
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = form.content.decode()

    assert "Danh sách bài viết" in listing
    assert "Chọn bài viết để thay đổi" not in listing
    assert "Xin chào," in listing and "Đăng xuất" in listing
    assert "<h1>Sửa bài viết</h1>" in html
    assert "<th>Xóa</th>" in html
    assert "Bạn muốn xóa?" not in html
    assert '<input type="submit" value="Lưu" class="default" name="_save">' in html
    assert "Base version" not in html


def test_saving_says_so_plainly(client):
    client.force_login(make_user("Biên tập viên"))
    tag_url = reverse("admin:articles_tag_add")

    response = client.post(tag_url, {"name": "sốt xuất huyết"}, follow=True)

    [message] = [re.sub(r"<[^>]+>", "", str(m)) for m in response.context["messages"]]
    assert message == "Đã thêm thẻ “sốt xuất huyết”."
