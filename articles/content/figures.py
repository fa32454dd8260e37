"""Figures placed in the body by the editor's markers: their checks, and the positions they give."""

from django.utils.translation import gettext as _

from articles.content.html import figure_markers


def marker_errors(body, orders):
    """What is wrong with the body's figure markers, given the orders of the article's figures."""
    errors = []
    placed = set()
    for marker in figure_markers(body):
        if marker.order is None:
            message = _("Nội dung có một chỗ đặt ảnh không ghi số thứ tự của ảnh.")
        elif not marker.top_level:
            message = _(
                "Ảnh thứ tự %(order)s nằm trong trích dẫn, danh sách hoặc bảng: ảnh chỉ đặt "
                "được giữa các đoạn của nội dung."
            ) % {"order": marker.order}
        elif marker.order not in orders:
            message = _(
                "Nội dung có chỗ đặt ảnh thứ tự %(order)s, nhưng bài không có ảnh nào mang "
                "thứ tự này (hoặc ảnh đó đang bị xóa)."
            ) % {"order": marker.order}
        elif marker.order in placed:
            message = _(
                "Ảnh thứ tự %(order)s được đặt hai lần trong nội dung; hãy bỏ bớt một chỗ."
            ) % {"order": marker.order}
        else:
            placed.add(marker.order)
            continue
        if message not in errors:
            errors.append(message)
    return errors


def place_figures(article):
    """Give each figure the body places the position of its marker; return the figures moved.

    A figure without a marker keeps the position typed for it.
    """
    positions = {
        marker.order: marker.blocks_before
        for marker in figure_markers(article.body)
        if marker.top_level and marker.order is not None
    }
    moved = []
    for figure in article.figures.filter(order__in=positions):
        if figure.position != positions[figure.order]:
            figure.position = positions[figure.order]
            moved.append(figure)
    article.figures.model.objects.bulk_update(moved, ["position"])
    return moved
