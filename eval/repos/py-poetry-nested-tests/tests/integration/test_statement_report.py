from datetime import date
from pathlib import Path

import pytest

from ledgerlite import Ledger, Money
from ledgerlite.cli import main
from ledgerlite.importers import import_statement
from ledgerlite.reports.balance import balance_report

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.integration


@pytest.fixture
def march():
    book = Ledger()
    with open(DATA / "march.csv", newline="", encoding="utf-8") as f:
        for t in import_statement(f):
            book.add(t)
    return book


def test_import_categorizes(march):
    b = march.balances()
    assert b["expenses:groceries"] == Money("60.15")
    assert b["expenses:unknown"] == Money("24.99")
    assert b["expenses:rent"] == Money("1800")
    assert b["assets:bank"] == Money("614.86")


def test_report_until_end_of_march(march):
    assert balance_report(march, until=date(2024, 3, 31)) == (
        "assets:bank          1,514.86 EUR\n"
        "expenses:groceries      60.15 EUR\n"
        "expenses:rent          900.00 EUR\n"
        "expenses:unknown        24.99 EUR\n"
        "income:salary       -2,500.00 EUR\n"
    )


def test_cli(capsys):
    assert main([str(DATA / "march.csv"), "--until", "2024-03-05"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "assets:bank     1,600.00 EUR",
        "expenses:rent     900.00 EUR",
        "income:salary  -2,500.00 EUR",
    ]
