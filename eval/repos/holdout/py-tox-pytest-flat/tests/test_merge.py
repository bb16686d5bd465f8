import copy

import pytest

from mergepatch import PatchError, apply_patch, make_patch


def test_rfc7386_behaviour(merge_case):
    target = copy.deepcopy(merge_case["target"])
    assert apply_patch(target, merge_case["patch"]) == merge_case["result"]
    assert target == merge_case["target"], "apply_patch modified its argument"


def test_made_patch_turns_source_into_target(load_json):
    source = load_json("document.json")
    target = copy.deepcopy(source)
    target["title"] = "Release notes, final"
    target["authors"].append({"name": "Ada", "roles": ["author"]})
    del target["notes"]
    target["tags"]["new"] = "yes"
    del target["tags"]["m~n"]

    patch = make_patch(source, target)
    assert patch["notes"] is None
    assert patch["tags"] == {"new": "yes", "m~n": None}
    assert "counts" not in patch
    assert apply_patch(source, patch) == target


def test_made_patch_for_identical_documents_is_empty(document):
    assert make_patch(document, copy.deepcopy(document)) == {}


def test_type_change_is_a_replacement():
    assert make_patch({"a": 1}, {"a": 1.0}) == {"a": 1.0}
    assert make_patch({"a": {"b": 1}}, {"a": [1]}) == {"a": [1]}


@pytest.mark.parametrize(
    "source, target",
    [({"a": 1}, {"a": None}), ({}, {"a": None}), ({}, {"a": {"b": None}})],
)
def test_null_values_cannot_be_patched_in(source, target):
    with pytest.raises(PatchError):
        make_patch(source, target)
