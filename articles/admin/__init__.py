"""The editors' workspace: articles with their workflow and history, the importer, vocabularies."""

from articles.admin import accounts, article, schedule, site, vocabulary

__all__ = ["accounts", "article", "schedule", "site", "vocabulary"]
