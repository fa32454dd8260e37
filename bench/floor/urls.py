"""Two views: a constant 20 KB page, and a template that loops over 20 items."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

CONSTANT_SIZE = 20 * 1024


def _constant_page():
    head = "<!doctype html><html lang=vi><meta charset=utf-8><title>Floor</title><body><main>"
    tail = "</main></body></html>\n"
    line = "<p>Sở Y tế tăng cường phòng chống sốt xuất huyết trong mùa mưa.</p>\n"
    body = (line * (CONSTANT_SIZE // len(line.encode()) + 1)).encode()
    page = head.encode() + body
    return page[: CONSTANT_SIZE - len(tail)] + tail.encode()


CONSTANT = _constant_page()
assert len(CONSTANT) == CONSTANT_SIZE


def constant(request):
    return HttpResponse(CONSTANT, content_type="text/html; charset=utf-8")


def items(request):
    """Twenty items of a news list, each with a few fields and a link, built per request."""
    day = datetime.datetime(2025, 2, 27, 8, 30, tzinfo=datetime.UTC)
    rows = [
        {
            "title": f"Sở Y tế triển khai tiêm chủng mở rộng đợt {number}",
            "slug": f"so-y-te-trien-khai-tiem-chung-mo-rong-dot-{number}",
            "lead": "Ngành y tế tiếp tục đẩy mạnh tiêm chủng, gắn với chuyển đổi số.",
            "category": "Tin hoạt động",
            "published_at": day - datetime.timedelta(hours=7 * number),
        }
        for number in range(1, 21)
    ]
    return render(request, "items.html", {"items": rows})


urlpatterns = [path("constant/", constant), path("items/", items)]
