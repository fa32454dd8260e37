"""The plain text of a body: one line per top-level block, read in one parse."""

import json
from pathlib import Path

import pytest

from articles.content.html import block_text, html_to_text, split_blocks

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def two_parses(html):
    """The definition: split into top-level blocks, then strip each one's tags."""
    return "\n".join(block_text(block) for block in split_blocks(html))


def fixture_bodies():
    rows = json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8"))
    return [row["fields"]["body"] for row in rows if row["model"] == "articles.article"]


ODD = [
    "",
    "<p>Sở Y tế &amp; Bệnh viện &lt;Đa khoa&gt; &quot;Huế&quot;</p>",
    "<p>Dòng một<br>dòng hai</p>\n<p>Ba <strong>đậm</strong> <em>nghiêng</em></p>",
    "chữ rời <p>Trong</p> chữ rời <br><img src='x.png' alt='ảnh'><p>Sau</p>",
    "<ul><li>Một</li><li>Hai <a href='/x'>liên kết</a></li></ul>",
    "<blockquote><p>Trích</p></blockquote>",
    "<p>Không đóng",
    "<figure><img src='a.jpg'><figcaption>Chú thích ảnh</figcaption></figure>",
]


@pytest.mark.parametrize("html", ODD + fixture_bodies())
def test_one_parse_gives_the_text_of_splitting_then_stripping(html):
    assert html_to_text(html) == two_parses(html)


def test_the_fixtures_have_bodies_to_compare():
    bodies = fixture_bodies()
    assert len(bodies) == 5 and all(len(two_parses(body)) > 1000 for body in bodies)


@pytest.mark.parametrize("enough", [0, 1, 100, 1000, 3000, 10**6])
def test_enough_stops_after_whole_blocks_once_that_much_text_is_read(enough):
    html = "\n".join(f"<p>Đoạn {n}: {'tiêm chủng mở rộng ' * 40}</p>" for n in range(60))
    whole = two_parses(html)

    beginning = html_to_text(html, enough=enough)

    assert whole.startswith(beginning)
    # Whole blocks only, and at least `enough` characters (or everything there is).
    assert beginning == whole or (len(beginning) >= enough and whole[len(beginning)] == "\n")
    if enough < len(whole) // 2:
        assert len(beginning) < len(whole)
