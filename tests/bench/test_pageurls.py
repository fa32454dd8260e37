"""Tests for bench/pageurls.py: every URL a benchmark loads exists on the database measured."""

SAMPLE = {"articles": ["a"], "provinces": ["ha-noi"], "officials": [], "facilities": []}


def test_news_list_pages_stop_at_the_last_page_of_the_archive(bench_on_path):
    from bench import pageurls

    small = pageurls.page_urls({**SAMPLE, "published": 48})
    large = pageurls.page_urls({**SAMPLE, "published": 90_000})

    assert small["news list"] == ["/tin-tuc/", "/tin-tuc/?page=2", "/tin-tuc/?page=3"]
    assert large["news list"] == ["/tin-tuc/"] + [f"/tin-tuc/?page={n}" for n in range(2, 6)]


def test_every_other_page_exists_on_a_benchmark_database(bench_on_path, db, client):
    """growth.py --every-page loads these on databases filled from the fixtures: each must be
    there (a 404 would measure the error page, not the page)."""
    from django.core.management import call_command

    from bench import pageurls

    call_command("loaddata", "people", "articles", verbosity=0)
    pages = pageurls.other_page_urls({**SAMPLE, "provinces": ["lao-cai", "dien-bien"]})

    for page, paths in pages.items():
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (page, path, response.status_code)
            assert (
                b"</html>" in response.content
                or b"<urlset" in response.content
                or (b"<sitemapindex" in response.content)
            ), path
