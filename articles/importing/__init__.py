"""Import plain-text articles as drafts: read, parse, link, then save a batch all or nothing.

The command `import_articles` and the admin's import page call the same three steps:
`read_path`/`decode_bytes` (bytes to text), `prepare` (text to linked plans, no writes) and
`save_batch` (plans to drafts in one transaction).
"""

from articles.importing.linking import ImportPlan, plan_import
from articles.importing.parsing import ParsedArticle, parse_article
from articles.importing.reading import MAX_BYTES, ImportRefused, decode_bytes, read_path
from articles.importing.saving import Saved, save_batch

__all__ = [
    "MAX_BYTES",
    "ImportPlan",
    "ImportRefused",
    "ParsedArticle",
    "Saved",
    "decode_bytes",
    "prepare",
    "prepare_one",
    "read_path",
    "save_batch",
]


def prepare_one(name, text):
    """One file's text to its plan; a text with nothing of an article in it is refused."""
    from django.utils.translation import gettext as _

    parsed = parse_article(name, text)
    if not parsed.lead:
        raise ImportRefused(
            name, _("không có nội dung bài viết (chỉ có tiêu đề, ngày hoặc phần thừa của trang).")
        )
    return plan_import(parsed)


def prepare(named_texts):
    """Plans for (name, text) pairs, in order; the first bad file stops the batch."""
    return [prepare_one(name, text) for name, text in named_texts]
