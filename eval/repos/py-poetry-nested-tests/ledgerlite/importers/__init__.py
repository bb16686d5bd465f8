"""Readers that turn statements into ledger transactions."""

from ledgerlite.importers.csv_bank import import_statement

__all__ = ["import_statement"]
