from datetime import date

import pytest

from ledgerlite import Ledger, Money, Transaction


@pytest.fixture
def ledger():
    """A ledger with a month of salary, rent and shopping."""
    book = Ledger()
    book.add(
        Transaction(date(2024, 3, 1), "salary")
        .post("assets:bank", Money("2500"))
        .post("income:salary", Money("-2500"))
    )
    book.add(
        Transaction(date(2024, 3, 2), "rent")
        .post("expenses:rent", Money("900"))
        .post("assets:bank", Money("-900"))
    )
    book.add(
        Transaction(date(2024, 3, 9), "market, split with a friend")
        .post("expenses:groceries", Money("40.10"))
        .post("assets:receivable", Money("40.10"))
        .post("assets:bank", Money("-80.20"))
    )
    return book
