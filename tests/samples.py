"""Sample uploads generated at run time: real images, documents and hostile files."""

import io
import os
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

OLE2_HEADER = bytes.fromhex("D0CF11E0A1B11AE1")


def uploaded(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_bytes(image_format, size=(120, 80), mode="RGB", **options):
    """A noisy picture (so that compressed data is not trivially short) in the given format."""
    image = Image.effect_noise(size, 64).convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def one_bit_png(width, height, with_pixels=True):
    """A black 1-bit PNG written by hand: a few KB even for tens of megapixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunks = _png_chunk(b"IHDR", header)
    if with_pixels:
        row = b"\x00" * (1 + (width + 7) // 8)
        chunks += _png_chunk(b"IDAT", zlib.compress(row * height, 9))
    return b"\x89PNG\r\n\x1a\n" + chunks + _png_chunk(b"IEND", b"")


def zip_bytes(entries):
    """A ZIP archive of the given (name, content) pairs, in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def ooxml(folder, part):
    return zip_bytes(
        [
            ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
            ("_rels/.rels", b'<?xml version="1.0"?><Relationships/>'),
            (f"{folder}/{part}", b'<?xml version="1.0"?><document/>'),
        ]
    )


def odf(mimetype):
    return zip_bytes(
        [
            ("mimetype", mimetype),
            ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest/>'),
            ("content.xml", b'<?xml version="1.0"?><document-content/>'),
        ]
    )


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
DOCX = ooxml("word", "document.xml")
XLSX = ooxml("xl", "workbook.xml")
PPTX = ooxml("ppt", "presentation.xml")
ODT = odf(b"application/vnd.oasis.opendocument.text")
ODS = odf(b"application/vnd.oasis.opendocument.spreadsheet")
OLE2 = OLE2_HEADER + b"\x00" * 504
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + os.urandom(2000)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + os.urandom(2000)
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
