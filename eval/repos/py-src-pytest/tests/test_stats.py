import pytest

from csvstats.stats import numeric, summarize


def test_numeric_skips_text():
    assert numeric(["1", "x", "2.5"]) == [1.0, 2.5]


def test_summary(sample_csv):
    s = summarize(sample_csv)
    assert "name" not in s
    assert s["age"]["mean"] == pytest.approx(38.0)
    assert s["height"]["median"] == pytest.approx(1.75)
