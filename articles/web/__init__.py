"""The public site: news, directory pages, search, feeds and sitemaps."""
