"""Reading the sanitised body HTML: its top-level blocks, their text, and the figure markers."""

from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags

# Elements without a closing tag: they never change the nesting depth.
VOID_ELEMENTS = {"br", "hr", "img", "wbr"}

# The editor places figure number N (its `order`) in the body as <figure data-figure="N"></figure>
# between two blocks. A marker is never a block of its own: readers see the figure at that place
# through the figure's position, which the admin derives from the marker on save.
MARKER_TAG = "figure"
MARKER_ATTRIBUTE = "data-figure"


@dataclass(frozen=True)
class FigureMarker:
    """Where the body places a figure: after how many blocks, and whether between blocks."""

    order: int | None  # None when the attribute is not a number
    blocks_before: int
    top_level: bool


def _marker_order(value):
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


class _BlockSplitter(HTMLParser):
    """Record the (start, end) offsets of each top-level element and each run of loose text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        # getpos() counts "\n" only, not the other breaks str.splitlines() knows (U+2028, \x0c...).
        self.line_starts = [0]
        newline = html.find("\n")
        while newline != -1:
            self.line_starts.append(newline + 1)
            newline = html.find("\n", newline + 1)
        self.spans = []
        self.depth = 0
        self.start = 0
        # Where top-level text (and void elements) began, until the next element starts.
        self.loose_start = None
        # The text of each finished top-level element, and of the one open now.
        self.texts = []
        self.text = []
        self.markers = []
        # The top-level element open now is a figure marker: it ends as no block.
        self.in_marker = False

    def char_index(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def end_loose(self, end):
        """Loose text is published too: a block of its own, trimmed (a lone <br> is not one)."""
        if self.loose_start is None:
            return
        run = self.html[self.loose_start : end]
        start = self.loose_start + len(run) - len(run.lstrip())
        self.loose_start = None
        block = run.strip()
        text = block_text(block)
        if text.strip():
            self.spans.append((start, start + len(block)))
            self.texts.append(text)

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and self.loose_start is None:
            self.loose_start = self.char_index()
        if tag in VOID_ELEMENTS:
            return
        if self.depth == 0:
            self.start = self.char_index()
            self.end_loose(self.start)
        attributes = dict(attrs)
        if tag == MARKER_TAG and MARKER_ATTRIBUTE in attributes:
            top_level = self.depth == 0
            order = _marker_order(attributes[MARKER_ATTRIBUTE])
            self.markers.append(FigureMarker(order, len(self.spans), top_level))
            if top_level:
                self.in_marker = True
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            if self.in_marker:
                self.in_marker = False
            else:
                end = self.html.index(">", self.char_index()) + 1
                self.spans.append((self.start, end))
                self.texts.append("".join(self.text))
            self.text = []

    def handle_data(self, data):
        # Entities arrive decoded (convert_charrefs).
        if self.depth:
            self.text.append(data)
        elif self.loose_start is None:
            self.loose_start = self.char_index()

    def close(self):
        super().close()
        self.end_loose(len(self.html))


def _parsed(html):
    parser = _BlockSplitter(html or "")
    parser.feed(html or "")
    parser.close()
    return parser


def split_blocks(html):
    """Split HTML into its top-level elements, each returned as its own HTML string.

    Figure markers are left out: they stand between blocks (see figure_markers).
    """
    return [html[start:end] for start, end in _parsed(html).spans]


def figure_markers(html):
    """The figure markers of a body, in order, each with the number of blocks before it."""
    return _parsed(html).markers


def block_text(block):
    """The plain text of one block, entities decoded."""
    return unescape(strip_tags(block))


# How much HTML html_to_text reads at a time when it needs only the beginning.
_CHUNK = 2048


def html_to_text(html, enough=None):
    """The plain text of a body, one line per top-level block (block_text of each).

    One parse collects the text of every block. With enough, the text of the blocks
    finished once at least that many characters are in hand (the snippet of a search result
    needs only the beginning of an article): the HTML is read a chunk at a time.
    """
    html = html or ""
    parser = _BlockSplitter(html)
    if enough is None:
        parser.feed(html)
    else:
        for start in range(0, len(html), _CHUNK):
            parser.feed(html[start : start + _CHUNK])
            text = "\n".join(parser.texts)
            if parser.texts and len(text) >= enough:
                return text
    parser.close()
    return "\n".join(parser.texts)
