"""Tests for bench/pageurls.py: every URL a benchmark loads exists on the database measured."""

SAMPLE = {"articles": ["a"], "provinces": ["ha-noi"], "officials": [], "facilities": []}


def test_news_list_pages_stop_at_the_last_page_of_the_archive(bench_on_path):
    from bench import pageurls

    small = pageurls.page_urls({**SAMPLE, "published": 48})
    large = pageurls.page_urls({**SAMPLE, "published": 90_000})

    assert small["news list"] == ["/tin-tuc/", "/tin-tuc/?page=2", "/tin-tuc/?page=3"]
    assert large["news list"] == ["/tin-tuc/"] + [f"/tin-tuc/?page={n}" for n in range(2, 6)]
