from datetime import date

import pytest

from ledgerlite.core.account import Transaction, Unbalanced
from ledgerlite.core.money import Money


def test_balances(ledger):
    b = ledger.balances()
    assert b["assets:bank"] == Money("1519.80")
    assert b["income:salary"] == Money("-2500")
    assert sum(b.values(), Money(0)) == Money(0)


def test_balances_until_a_day(ledger):
    assert ledger.balances(until=date(2024, 3, 1)) == {
        "assets:bank": Money("2500"),
        "income:salary": Money("-2500"),
    }


def test_total_covers_sub_accounts(ledger):
    assert ledger.total("expenses") == {"EUR": Money("940.10")}
    assert ledger.total("assets") == {"EUR": Money("1559.90")}
    assert ledger.total("exp") == {}


def test_unbalanced_transactions_are_refused(ledger):
    t = Transaction(date(2024, 3, 10), "typo").post("assets:bank", Money("5"))
    with pytest.raises(Unbalanced):
        ledger.add(t)
    with pytest.raises(Unbalanced):
        Transaction(date(2024, 3, 10), "empty").check()
    assert len(ledger.transactions) == 3
