"""Bank statements in CSV: ``date,description,amount[,currency]``, one movement a row."""

import csv
from datetime import date

from ledgerlite.core.account import Transaction
from ledgerlite.core.money import Money

DEFAULT_RULES = (
    ("salary", "income:salary"),
    ("rent", "expenses:rent"),
    ("market", "expenses:groceries"),
    ("grocer", "expenses:groceries"),
)


def categorize(description, rules=DEFAULT_RULES):
    text = description.lower()
    for needle, account in rules:
        if needle in text:
            return account
    return "expenses:unknown" if text else "equity:unknown"


def import_statement(stream, bank_account="assets:bank", rules=DEFAULT_RULES):
    """Yield one balanced Transaction per row of the CSV *stream*."""
    for row in csv.DictReader(stream):
        amount = Money(row["amount"], row.get("currency") or "EUR")
        when = date.fromisoformat(row["date"])
        other = categorize(row["description"], rules)
        yield Transaction(when, row["description"]).post(bank_account, amount).post(other, -amount)
