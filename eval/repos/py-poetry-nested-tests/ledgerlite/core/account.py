"""Transactions and the ledger that holds them."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import List, Tuple

from ledgerlite.core.money import Money


class Unbalanced(ValueError):
    pass


@dataclass
class Transaction:
    when: date
    description: str
    postings: List[Tuple[str, Money]] = field(default_factory=list)

    def post(self, account, amount):
        self.postings.append((account, amount))
        return self

    def check(self):
        """Raise Unbalanced unless the postings add up to zero in each currency."""
        totals = defaultdict(lambda: None)
        for _, amount in self.postings:
            prev = totals[amount.currency]
            totals[amount.currency] = amount if prev is None else prev + amount
        bad = {c: t for c, t in totals.items() if t}
        if bad or not self.postings:
            raise Unbalanced(f"{self.description!r} on {self.when} does not balance: {bad}")


class Ledger:
    def __init__(self):
        self.transactions = []

    def add(self, transaction):
        transaction.check()
        self.transactions.append(transaction)
        return transaction

    def balances(self, until=None):
        """A dict of account -> Money, for transactions on or before *until*."""
        out = {}
        for t in self.transactions:
            if until is not None and t.when > until:
                continue
            for account, amount in t.postings:
                out[account] = out[account] + amount if account in out else amount
        return out

    def total(self, prefix):
        """The sum of the balances of *prefix* and its sub-accounts (``expenses`` covers
        ``expenses:food``), as a dict currency -> Money."""
        out = {}
        for account, amount in self.balances().items():
            if account == prefix or account.startswith(prefix + ":"):
                c = amount.currency
                out[c] = out[c] + amount if c in out else amount
        return out
