import pytest

from semverlite import InvalidVersion, Version

# The precedence example of the semantic versioning specification, lowest first.
ORDERED = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.2.0",
    "1.10.0",
    "2.0.0",
]


def test_precedence():
    versions = [Version.parse(v) for v in ORDERED]
    assert sorted(reversed(versions)) == versions
    assert all(a < b for a, b in zip(versions, versions[1:]))


def test_build_metadata_is_ignored_in_comparisons_but_kept():
    a, b = Version.parse("1.0.0+20240101"), Version.parse("1.0.0+exp.sha.5114f85")
    assert a == b and hash(a) == hash(b)
    assert str(b) == "1.0.0+exp.sha.5114f85"


@pytest.mark.parametrize("text", ["1", "1.2", "01.2.3", "1.2.3-", "1.2.3+", "a.b.c", "1.2.3.4"])
def test_invalid(text):
    with pytest.raises(InvalidVersion):
        Version.parse(text)


def test_negative_numbers_are_refused():
    with pytest.raises(InvalidVersion):
        Version(1, -1, 0)


def test_bump_rejects_unknown_part():
    with pytest.raises(ValueError):
        Version(1).bump("build")
