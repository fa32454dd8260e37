"""The editors' workspace: articles and their history, the importer, vocabularies, documents."""

from articles.admin import accounts, article, documents, schedule, site, vocabulary

__all__ = ["accounts", "article", "documents", "schedule", "site", "vocabulary"]
