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


def split_blocks(html):
    """Split HTML into its top-level elements, each returned as its own HTML string."""
    parser = _BlockSplitter(html or "")
    parser.feed(html or "")
    parser.close()
    return [html[start:end] for start, end in parser.spans]


def block_text(block):
    """The plain text of one block, entities decoded."""
    return unescape(strip_tags(block))


def html_to_text(html):
    """The plain text of a body, one line per top-level block."""
    return "\n".join(block_text(block) for block in split_blocks(html))
