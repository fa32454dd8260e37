"""Tests for bench/growth.py: the two sizes are measured in turn, the first alternating."""


class FakeWorker:
    def __init__(self, articles, log, cost):
        self.articles, self.log, self.cost = articles, log, cost

    def batch(self, page, requests):
        self.log.append((self.articles, page, requests))
        return self.cost


def test_rounds_alternate_which_size_goes_first(bench_on_path):
    from bench.growth import side_by_side

    log = []
    workers = {1000: FakeWorker(1000, log, 2.0), 100000: FakeWorker(100000, log, 3.0)}
    costs = side_by_side(workers, "home", rounds=3, requests=20)

    assert costs == {1000: [2.0, 2.0, 2.0], 100000: [3.0, 3.0, 3.0]}
    assert [articles for articles, _page, _requests in log] == [
        1000, 100000, 100000, 1000, 1000, 100000,
    ]  # fmt: skip
    assert {(page, requests) for _articles, page, requests in log} == {("home", 20)}
