"""Merging a save over a colleague's newer one: which fields conflict, which are taken."""

from articles.content.revisions import merge_plan

BASE = {
    "title": "Tiêu đề",
    "lead": "Sapo",
    "byline": "",
    "figures": [{"id": 1, "order": 0, "caption": "Ảnh"}],
}


def test_different_fields_merge_taking_the_colleagues():
    mine = {"title": "Tiêu đề", "lead": "Sapo của tôi", "byline": ""}
    theirs = {**BASE, "title": "Tiêu đề của đồng nghiệp", "byline": "Thu Hà"}

    assert merge_plan(BASE, mine, theirs) == ([], ["title", "byline"])


def test_the_same_field_changed_differently_conflicts():
    mine = {"title": "Tiêu đề của tôi", "lead": "Sapo", "byline": ""}
    theirs = {**BASE, "title": "Tiêu đề của đồng nghiệp"}

    assert merge_plan(BASE, mine, theirs) == (["title"], [])


def test_the_same_change_made_by_both_is_no_conflict():
    mine = {"title": "Tiêu đề mới", "lead": "Sapo", "byline": ""}
    theirs = {**BASE, "title": "Tiêu đề mới"}

    assert merge_plan(BASE, mine, theirs) == ([], [])


def test_a_table_the_colleague_changed_conflicts_whatever_the_editor_typed():
    mine = {"title": "Tiêu đề", "lead": "Sapo của tôi", "byline": ""}
    theirs = {**BASE, "figures": [{"id": 1, "order": 0, "caption": "Ảnh đã sửa"}]}

    assert merge_plan(BASE, mine, theirs) == (["figures"], [])


def test_rows_recorded_without_ids_are_not_a_change():
    base = {**BASE, "figures": [{"order": 0, "caption": "Ảnh"}]}
    mine = {"title": "Tiêu đề", "lead": "Sapo của tôi", "byline": ""}
    theirs = {**BASE, "title": "Tiêu đề mới"}

    assert merge_plan(base, mine, theirs) == ([], ["title"])


def test_without_the_version_opened_every_field_typed_differently_conflicts():
    mine = {"title": "Tiêu đề", "lead": "Sapo của tôi", "byline": ""}
    theirs = {**BASE, "title": "Tiêu đề mới"}

    assert merge_plan(None, mine, theirs) == (["title", "lead"], [])
