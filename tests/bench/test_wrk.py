"""Tests for bench/wrk.py: the paths reach wrk's Lua script intact."""


def test_lua_string_escapes_quotes_and_backslashes(bench_on_path):
    from bench import wrk

    assert wrk.lua_string('/tim-kiem/?q="sot"\\') == '"/tim-kiem/?q=\\"sot\\"\\\\"'
