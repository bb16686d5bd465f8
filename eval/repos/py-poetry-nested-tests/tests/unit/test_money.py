import pytest

from ledgerlite.core.money import CurrencyMismatch, Money


@pytest.mark.parametrize(
    "raw, amount",
    [
        ("10", "10.00"),
        ("1,234.5", "1234.50"),
        (" -3.14159 ", "-3.14"),
        (0.125, "0.12"),  # half to even
        (0.135, "0.14"),
        (7, "7.00"),
    ],
)
def test_amounts_are_kept_to_the_cent(raw, amount):
    assert str(Money(raw).amount) == amount


@pytest.mark.parametrize(
    "value, text",
    [("0", "0.00 EUR"), ("-1234.5", "-1,234.50 EUR"), ("1000000", "1,000,000.00 EUR")],
)
def test_format(value, text):
    assert Money(value).format() == text


@pytest.mark.parametrize(
    "total, parts, shares",
    [
        ("10.00", 3, ["3.34", "3.33", "3.33"]),
        ("-0.05", 2, ["-0.03", "-0.02"]),
        ("1.00", 1, ["1.00"]),
    ],
)
def test_split_adds_up(total, parts, shares):
    pieces = Money(total).split(parts)
    assert [str(p.amount) for p in pieces] == shares
    assert sum(pieces[1:], pieces[0]) == Money(total)


def test_arithmetic_and_currencies():
    assert Money("1.10") + Money("2.20") == Money("3.30")
    assert -Money("5", "usd") == Money("-5", "USD")
    with pytest.raises(CurrencyMismatch):
        Money("1", "EUR") + Money("1", "USD")
    with pytest.raises(ValueError):
        Money("ten")
