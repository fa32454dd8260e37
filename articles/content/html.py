"""Reading the sanitised body HTML: its top-level blocks and their text."""

from html import unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags

# Elements without a closing tag: they never change the nesting depth.
VOID_ELEMENTS = {"br", "hr", "img", "wbr"}


class _BlockSplitter(HTMLParser):
    """Record the (start, end) offsets of each top-level element."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.spans = []
        self.depth = 0
        self.start = 0
        # The text of each finished top-level element, and of the one open now.
        self.texts = []
        self.text = []

    def char_index(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        if self.depth == 0:
            self.start = self.char_index()
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.html.index(">", self.char_index()) + 1
            self.spans.append((self.start, end))
            self.texts.append("".join(self.text))
            self.text = []

    def handle_data(self, data):
        # Entities arrive decoded (convert_charrefs); text between top-level elements is not
        # part of any.
        if self.depth:
            self.text.append(data)


def split_blocks(html):
    """Split HTML into its top-level elements, each returned as its own HTML string."""
    parser = _BlockSplitter(html or "")
    parser.feed(html or "")
    parser.close()
    return [html[start:end] for start, end in parser.spans]


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
