"""The readers' search index as the ORM sees it: one row per article, kept by articles.search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchIndexRow(models.Model):
    """An article's row in the search index, for reading it with querysets.

    The table is the database's own (migrations 0003, 0009, 0010): an FTS5 virtual table on
    SQLite, tsvector columns under GIN indexes on PostgreSQL. Only the columns both share are
    fields; articles.search.index writes the rows, the engine matches them with each
    database's operator.
    """

    # FTS5 keys its rows by rowid and has no other name for it: PostgreSQL's column has the
    # same name (migration 0010). Not a foreign key: the rows are written outside the ORM.
    article_id = models.BigIntegerField(_("bài viết"), primary_key=True, db_column="rowid")
    # The words as written, tones normalised and case-folded, padded with spaces.
    exact_text = models.TextField(_("văn bản chính xác"))

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        verbose_name = _("dòng chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return str(self.article_id)
