"""Renditions of article photos: each stored photo at a few widths, in WebP and JPEG.

A photo is stored once, upright and at most STORED_LONG_SIDE long (uploads.py); its
renditions sit beside it under `renditions/`, named after it and their width, so their
addresses follow from the photo's name and size alone: a page lists them without touching
the disk. They are made after every save of a figure (admin, importer, shell, loaddata) and
by `manage.py rebuild_renditions`; one already on disk is kept.
"""

import io
import logging
import posixpath
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from articles.content.uploads import IMAGE_FORMATS

logger = logging.getLogger(__name__)

# Card thumbnails (7.5rem), then phone, tablet, desktop and high-density screens.
WIDTHS = (160, 360, 720, 1080, 1600)
FOLDER = "renditions"
# EXIF orientations that turn the picture a quarter: width and height swap once upright.
ORIENTATION = 0x0112
TURNED = {5, 6, 7, 8}


class Format(NamedTuple):
    pillow: str
    extension: str
    options: dict


# WebP for every current browser, JPEG for the others. WebP at 75 looks like JPEG at 80 for
# about half the bytes (a 360 px rendition: 6.3 KB against 12.2 KB).
WEBP = Format("WEBP", "webp", {"quality": 75, "method": 4})
JPEG = Format("JPEG", "jpg", {"quality": 80, "optimize": True, "progressive": True})
FORMATS = (WEBP, JPEG)


class Rendition(NamedTuple):
    name: str
    width: int
    height: int

    @property
    def url(self):
        return default_storage.url(self.name)


class Photo(NamedTuple):
    """What a page needs to show a stored photo: its renditions by format, largest last."""

    webp: list
    jpeg: list

    @property
    def fallback(self):
        """The JPEG for a browser without srcset (an old desktop one): 720 px, or the largest."""
        return next((r for r in self.jpeg if r.width >= 720), self.jpeg[-1])


def widths_for(width):
    """The rendition widths of a photo this wide: never wider than the photo itself."""
    widths = [w for w in WIDTHS if w < width]
    largest = min(width, WIDTHS[-1])
    return [*widths, largest] if largest not in widths else widths


def renditions(name, width, height, image_format):
    """The renditions of the stored photo `name` (width x height) in one format."""
    stem = posixpath.splitext(name)[0]
    return [
        Rendition(
            f"{FOLDER}/{stem}-{w}.{image_format.extension}",
            w,
            max(1, round(height * w / width)),
        )
        for w in widths_for(width)
    ]


def photo(name, width, height):
    return Photo(renditions(name, width, height, WEBP), renditions(name, width, height, JPEG))


def _encode(resized, image_format):
    if image_format is JPEG and resized.mode != "RGB":
        # JPEG has no transparency: lay the photo on white, as the page behind it is.
        background = Image.new("RGB", resized.size, "white")
        background.paste(resized, mask=resized.getchannel("A"))
        resized = background
    buffer = io.BytesIO()
    resized.save(buffer, image_format.pillow, **image_format.options)
    return ContentFile(buffer.getvalue())


def _pixels(storage, name):
    """The stored photo, decoded, in RGB or RGBA."""
    with storage.open(name, "rb") as file, Image.open(file, formats=IMAGE_FORMATS) as image:
        # Stored photos are upright already; a photo stored before that was not.
        upright = ImageOps.exif_transpose(image)
    return upright.convert("RGBA" if upright.has_transparency_data else "RGB")


def _stored_size(storage, name):
    """Width and height of the stored photo once upright, read from its header."""
    with storage.open(name, "rb") as file, Image.open(file, formats=IMAGE_FORMATS) as header:
        width, height = header.size
        if header.getexif().get(ORIENTATION) in TURNED:
            width, height = height, width
    return width, height


def make_renditions(name, force=False):
    """Write the missing renditions of the stored photo `name` (all with force); its size.

    Returns (width, height) of the stored photo; raises OSError or a Pillow error when it
    cannot be read.
    """
    storage = default_storage
    width, height = _stored_size(storage, name)
    by_width = zip(*(renditions(name, width, height, f) for f in FORMATS), strict=True)
    image = None
    for same_width in by_width:
        missing = [
            (rendition, image_format)
            for rendition, image_format in zip(same_width, FORMATS, strict=True)
            if force or not storage.exists(rendition.name)
        ]
        if not missing:
            continue
        if image is None:
            image = _pixels(storage, name)
        # One resize for every format; reducing_gap shrinks by a whole factor first (fast),
        # then finishes with Lanczos: from 3.0 up, Pillow's docs find no visible difference.
        size = (same_width[0].width, same_width[0].height)
        resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for rendition, image_format in missing:
            if storage.exists(rendition.name):
                storage.delete(rendition.name)
            storage.save(rendition.name, _encode(resized, image_format))
    return width, height


def ensure_renditions(figure, force=False):
    """Give the figure's photo its size and renditions; whether readers can now see it.

    A photo that cannot be read is logged and keeps no size: its figure is not shown.
    """
    if not figure.image:
        return False
    try:
        size = make_renditions(figure.image.name, force=force)
    except Exception:
        # Missing, truncated or not an image (a backup restored without its media): the page
        # must still render; the editor sees the figure flagged and can upload it again.
        logger.warning("Cannot make renditions of %s", figure.image.name, exc_info=True)
        size = (None, None)
    if (figure.width, figure.height) != size:
        figure.width, figure.height = size
        type(figure).objects.filter(pk=figure.pk).update(width=size[0], height=size[1])
    return size[0] is not None
