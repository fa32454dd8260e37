"""The body's blocks are what the editor approved: every character, cut at element boundaries."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.content.html import VOID_ELEMENTS, block_text, html_to_text, split_blocks
from articles.models import Article

# Every break str.splitlines() knows, of which HTMLParser counts only "\n".
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"]
LINE_BREAKS += ["\u2028", "\u2029"]
TAGS = ["p", "h2", "h3", "strong", "em", "u", "blockquote", "ul", "ol", "li", "a", "table", "tr"]

pieces = st.one_of(
    st.sampled_from(LINE_BREAKS),
    st.text(alphabet="aăđêơư Ệ&;<>/=\"'#", max_size=6),
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(["<br>", "<br/>", "&amp;", "&lt;", "&#8232;", "<a href='/x'>", "<!-- c -->"]),
)
bodies = st.lists(pieces, max_size=30).map("".join)


def sanitise(body):
    """What Article.save() stores."""
    return Article._meta.get_field("body").sanitize(body)


def squeezed(text):
    """Text without whitespace: the breaks between blocks are not content."""
    return "".join(text.split())


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def is_balanced(block):
    parser = _Balance()
    parser.feed(block)
    parser.close()
    return parser.balanced and not parser.open


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_blocks_hold_the_whole_sanitised_body_each_one_balanced(body):
    clean = sanitise(body)

    blocks = split_blocks(clean)

    assert squeezed("".join(block_text(block) for block in blocks)) == squeezed(block_text(clean))
    assert all(is_balanced(block) for block in blocks), blocks
    assert html_to_text(clean) == "\n".join(block_text(block) for block in blocks)


def test_a_line_separator_inside_a_paragraph_does_not_move_the_next_cut():
    clean = sanitise("<p>Một\u2028hai</p>\n<p>Ba\x0cbốn</p>\n<p>Năm</p>")

    assert split_blocks(clean) == ["<p>Một\u2028hai</p>", "<p>Ba\x0cbốn</p>", "<p>Năm</p>"]


def test_loose_text_between_blocks_is_a_block_of_its_own():
    blocks = split_blocks("Trước <p>Giữa</p> sau <br> nữa")

    assert blocks == ["Trước", "<p>Giữa</p>", "sau <br> nữa"]


def test_a_lone_line_break_between_paragraphs_is_not_a_block():
    assert split_blocks("<p>Một</p><br>\n<p>Hai</p>") == ["<p>Một</p>", "<p>Hai</p>"]
