"""The editors' workspace: articles with their workflow and history, the importer, vocabularies."""

from articles.admin import article, vocabulary

__all__ = ["article", "vocabulary"]
