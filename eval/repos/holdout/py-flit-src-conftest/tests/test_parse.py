import pytest

from durationfmt import ParseError, parse


def test_canonical_forms_parse(canonical):
    text, seconds = canonical
    assert parse(text) == seconds


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("90", 90),
        ("1 hour 30 minutes", 5400),
        ("2 days, 4h", 2 * 86400 + 4 * 3600),
        ("1.5h", 5400),
        ("1w", 604800),
        ("-5m", -300),
        ("  10 SECS ", 10),
    ],
)
def test_written_forms(text, seconds):
    assert parse(text) == seconds


def test_fractions_that_are_not_whole_stay_floats():
    assert parse("1.5s") == 1.5
    assert isinstance(parse("0.5m"), int)


@pytest.mark.parametrize("text", ["", "   ", "h", "5 parsecs", "1h1h", "1h 2"])
def test_rejects(text):
    with pytest.raises(ParseError):
        parse(text)


def test_parse_error_is_a_value_error():
    with pytest.raises(ValueError, match="unknown unit 'fortnights'"):
        parse("2 fortnights")
