"""What a phone downloads on a first visit: the byte budget, image sizes and LCP on slow 4G.

The seed content with a 4000x3000 photo (generated) on the lead article, measured in Chromium
at 360x740 as a reader on slow 4G gets it: 1.6 Mbit/s down, 150 ms round trip (CDP network
emulation), no cache. The live server stands in for the reverse proxy that serves /media/.
The figures are written to SCREENSHOT_DIR/photo-budget.json (quoted in README.md).
"""

import io
import json
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import path
from django.views.static import serve
from PIL import Image, ImageDraw
from playwright.sync_api import Page

from articles.models import Article, Figure
from healthnews.urls import urlpatterns as site_urlpatterns

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1.6e6 / 8,  # bytes per second
    "uploadThroughput": 750e3 / 8,
}
BUDGET_BYTES = 250 * 1024
LCP_BUDGET_MS = 1500


def media(request, path):
    """MEDIA_ROOT at /media/, as nginx serves it in production (each test has its own)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, path("media/<path:path>", media)]


def camera_photo(width=4000, height=3000):
    """A photo-like JPEG: soft gradients, shapes and sensor grain, as a phone's 12 MP."""
    image = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((width, height)),
            Image.linear_gradient("L").rotate(90).resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
        ),
    )
    draw = ImageDraw.Draw(image)
    for index in range(30):
        x, y, size = (index * 997) % width, (index * 571) % height, width // 9
        colour = ((index * 40) % 255, (index * 90) % 255, (index * 150) % 255)
        draw.ellipse((x, y, x + size, y + size * 3 // 4), fill=colour)
    grain = Image.effect_noise((width // 4, height // 4), 40).resize((width, height))
    image = Image.blend(image, grain.convert("RGB"), 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def add_photo(article, data, **fields):
    figure = Figure(article=article, order=article.figures.count(), position=0, **fields)
    figure.image.save("IMG_2025.jpg", ContentFile(data), save=False)
    figure.save()  # outside a transaction: the renditions are made at once


@pytest.fixture
def lead_with_photo(transactional_db, settings):
    """The seeds, the newest published article carrying a 4000x3000 photo after its lead,
    the next one a portrait photo (its card's thumbnail)."""
    settings.ROOT_URLCONF = __name__
    call_command("loaddata", "people", "articles", verbosity=0)
    lead, second = Article.objects.published().order_by("-published_at", "-pk")[:2]
    original = camera_photo()
    add_photo(
        lead,
        original,
        caption="Lãnh đạo thành phố thăm Trung tâm Y tế huyện",
        alt_text="Lãnh đạo thành phố trao quà cho cán bộ y tế",
    )
    add_photo(second, camera_photo(1500, 2000), alt_text="Bác sĩ khám bệnh")
    return lead, len(original)


def stored_size(url):
    """The pixels of a served rendition, read from MEDIA_ROOT (the browser reports them
    divided by the density it chose from srcset)."""
    with Image.open(settings.MEDIA_ROOT / urlsplit(url).path.removeprefix("/media/")) as image:
        return image.size


def first_visit(page: Page, url):
    """Load url on slow 4G with an empty cache: bytes per response, LCP, images as shown."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    urls, received = {}, {}
    cdp.on("Network.responseReceived", lambda e: urls.update({e["requestId"]: e["response"]}))
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.update({e["requestId"]: e["encodedDataLength"]}),
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    lcp = page.evaluate(
        """() => new Promise(resolve => new PerformanceObserver(list => {
            const entries = list.getEntries();
            const last = entries[entries.length - 1];
            resolve({time: last.startTime, element: last.element && last.element.tagName,
                     url: last.url});
        }).observe({type: "largest-contentful-paint", buffered: true}))"""
    )
    images = page.evaluate(
        """() => [...document.images].filter(img => img.complete && img.naturalWidth).map(img => ({
            src: img.currentSrc,
            shown: [img.clientWidth, img.clientHeight], loading: img.loading,
            priority: img.getAttribute("fetchpriority")}))"""
    )
    cdp.detach()
    responses = [
        {"url": urls[key]["url"], "type": urls[key]["mimeType"], "bytes": size}
        for key, size in received.items()
        if key in urls
    ]
    return responses, lcp, images


def test_home_and_article_fit_the_phone_budget_on_slow_4g(
    live_server, lead_with_photo, page: Page, screens
):
    lead, original_bytes = lead_with_photo
    page.set_default_timeout(30_000)
    page.set_viewport_size(PHONE)
    figures = {"original_bytes": original_bytes}

    for name, url in (("home", "/"), ("article", lead.get_absolute_url())):
        # A reader's first visit, not the server's: the page is rendered and in the page
        # cache already, as the home page of a read site always is.
        urlopen(live_server.url + url).read()
        responses, lcp, images = first_visit(page, live_server.url + url)
        total = sum(response["bytes"] for response in responses)
        figures[name] = {"bytes": total, "lcp_ms": round(lcp["time"]), "lcp": lcp, "images": images}
        figures[name]["responses"] = responses
        page.screenshot(path=screens / f"photo-budget-{name}-360.png")

        # The photo is on the page, as a rendition: never the 4000 px upload.
        assert [image["src"] for image in images if "/renditions/" in image["src"]], name
        assert not [r for r in responses if "/media/figures/" in r["url"]], name
        assert total <= BUDGET_BYTES, f"{name}: {total} bytes\n{json.dumps(responses, indent=1)}"
        for image in images:
            if urlsplit(image["src"]).path.endswith(".svg"):
                continue  # the emblem: drawn at any size, it has no pixels to waste
            image["natural"] = stored_size(image["src"])
            natural = image["natural"][0] * image["natural"][1]
            shown = image["shown"][0] * image["shown"][1]
            assert natural <= 2 * shown, f"{name}: {image}"
        assert lcp["time"] <= LCP_BUDGET_MS, f"{name}: {lcp}"

    # The lead photo of the home page is fetched first; the article's comes right after its lead.
    home_photo, *thumbnails = [i for i in figures["home"]["images"] if "/renditions/" in i["src"]]
    assert home_photo["priority"] == "high" and home_photo["loading"] == "auto"
    assert home_photo["src"].endswith("-360.webp") and home_photo["natural"] == (360, 270)
    assert thumbnails  # the cards further down (the lead's own section by category, too)
    for thumbnail in thumbnails:
        assert thumbnail["loading"] == "lazy" and thumbnail["src"].endswith("-160.webp")
    (screens / "photo-budget.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
