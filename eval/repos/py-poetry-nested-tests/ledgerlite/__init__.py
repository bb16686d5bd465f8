"""A tiny double-entry ledger."""

from ledgerlite.core.account import Ledger, Transaction
from ledgerlite.core.money import Money

__all__ = ["Ledger", "Money", "Transaction"]
__version__ = "0.4.0"
