"""Article bodies, uploads and revision history: what an article is made of."""
