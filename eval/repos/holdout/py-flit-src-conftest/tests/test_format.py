import pytest

from durationfmt import format_seconds, humanize, parse


def test_canonical_forms_format(canonical):
    text, seconds = canonical
    assert format_seconds(seconds) == text


def test_roundtrip(canonical):
    text, _ = canonical
    assert format_seconds(parse(text)) == text


def test_weeks_only_when_asked():
    assert format_seconds(8 * 86400) == "8d"
    assert format_seconds(8 * 86400, largest="w") == "1w1d"
    assert format_seconds(7200, largest="m") == "120m"


def test_negative_and_unknown_unit():
    assert format_seconds(-90) == "-1m30s"
    with pytest.raises(ValueError):
        format_seconds(1, largest="y")


@pytest.mark.parametrize(
    "seconds, parts, words",
    [
        (0, 2, "0 seconds"),
        (1, 2, "1 second"),
        (3599, 2, "59 minutes, 59 seconds"),
        (3599, 1, "59 minutes"),
        (93784, 2, "1 day, 2 hours"),
        (93784, 4, "1 day, 2 hours, 3 minutes, 4 seconds"),
        (-120, 2, "minus 2 minutes"),
    ],
)
def test_humanize(seconds, parts, words):
    assert humanize(seconds, parts=parts) == words


def test_humanize_needs_a_part():
    with pytest.raises(ValueError):
        humanize(10, parts=0)
