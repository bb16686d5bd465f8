import json
import pathlib

import pytest

DATA_DIR = pathlib.Path(__file__).parent / "data"


def _read(name):
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture
def load_json():
    """Return a function that reads ``tests/data/<name>``."""
    return _read


@pytest.fixture
def document():
    """The sample document in tests/data/document.json, fresh for each test."""
    return _read("document.json")


def pytest_generate_tests(metafunc):
    # One test per case in tests/data/merge_cases.json, named after the case.
    if "merge_case" in metafunc.fixturenames:
        cases = _read("merge_cases.json")
        metafunc.parametrize("merge_case", cases, ids=[c["name"] for c in cases])
