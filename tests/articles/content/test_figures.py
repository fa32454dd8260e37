"""Figures placed in the body by markers: what the sanitiser keeps, the checks, the positions."""

import pytest

from articles.content.figures import marker_errors, place_figures
from articles.content.html import FigureMarker, figure_markers, html_to_text, split_blocks
from articles.models import Article
from tests.factories import make_article, make_figure

BODY = (
    '<figure data-figure="2"></figure>'
    "<p>Một</p><p>Hai</p>"
    '<figure data-figure="0"></figure>'
    "<h2>Ba</h2>"
    '<figure data-figure="1"></figure>'
)


def sanitise(body):
    """What Article.save() stores."""
    return Article._meta.get_field("body").sanitize(body)


def test_the_sanitiser_keeps_a_marker_with_its_number_only():
    dirty = (
        '<p>Một</p><figure data-figure="3" class="x" onclick="alert(1)" style="color:red">'
        '</figure><figure data-figure="4"><img src="x.jpg" onerror="alert(1)"></figure>'
    )

    clean = sanitise(dirty)

    assert clean == '<p>Một</p><figure data-figure="3"></figure><figure data-figure="4"></figure>'


def test_markers_count_the_blocks_before_them_and_are_no_block_of_their_own():
    assert figure_markers(BODY) == [
        FigureMarker(order=2, blocks_before=0, top_level=True),
        FigureMarker(order=0, blocks_before=2, top_level=True),
        FigureMarker(order=1, blocks_before=3, top_level=True),
    ]
    assert split_blocks(BODY) == ["<p>Một</p>", "<p>Hai</p>", "<h2>Ba</h2>"]
    assert html_to_text(BODY) == "Một\nHai\nBa"


def test_a_marker_inside_a_block_or_without_a_number_is_reported_as_such():
    body = '<blockquote><figure data-figure="1"></figure></blockquote><figure data-figure="x">'
    body += "</figure><p>Sau</p>"

    markers = figure_markers(body)

    assert markers == [
        FigureMarker(order=1, blocks_before=0, top_level=False),
        FigureMarker(order=None, blocks_before=1, top_level=True),
    ]
    assert split_blocks(body) == [
        '<blockquote><figure data-figure="1"></figure></blockquote>',
        "<p>Sau</p>",
    ]


def test_marker_errors_name_each_problem_once_in_vietnamese():
    body = (
        '<p>Một</p><figure data-figure="0"></figure><figure data-figure="0"></figure>'
        '<figure data-figure="5"></figure><ul><li><figure data-figure="1"></figure></li></ul>'
        '<figure data-figure=""></figure><figure data-figure="5"></figure>'
    )

    errors = marker_errors(body, orders={0, 1})

    assert errors == [
        "Ảnh thứ tự 0 được đặt hai lần trong nội dung; hãy bỏ bớt một chỗ.",
        "Nội dung có chỗ đặt ảnh thứ tự 5, nhưng bài không có ảnh nào mang thứ tự này "
        "(hoặc ảnh đó đang bị xóa).",
        "Ảnh thứ tự 1 nằm trong trích dẫn, danh sách hoặc bảng: ảnh chỉ đặt được giữa các "
        "đoạn của nội dung.",
        "Nội dung có một chỗ đặt ảnh không ghi số thứ tự của ảnh.",
    ]
    assert marker_errors(BODY, orders={0, 1, 2}) == []


@pytest.mark.django_db
def test_place_figures_moves_placed_figures_and_leaves_the_others_where_they_were_typed():
    article = make_article(body=BODY.replace('<figure data-figure="2"></figure>', ""))
    first = make_figure(article, order=0, position=0)
    second = make_figure(article, order=1, position=0)
    unplaced = make_figure(article, order=2, position=1)

    moved = place_figures(article)

    assert sorted(figure.order for figure in moved) == [0, 1]
    assert [
        ([figure.caption for figure in figures], block)
        for figures, block in Article.objects.get(pk=article.pk).body_with_figures()
    ] == [
        ([], "<p>Một</p>"),
        ([unplaced.caption], "<p>Hai</p>"),
        ([first.caption], "<h2>Ba</h2>"),
        ([second.caption], None),
    ]
