import argparse
import sys
from datetime import date

from ledgerlite.core.account import Ledger
from ledgerlite.importers import import_statement
from ledgerlite.reports.balance import balance_report


def main(argv=None):
    parser = argparse.ArgumentParser(prog="ledgerlite")
    parser.add_argument("statements", nargs="+", help="CSV bank statements")
    parser.add_argument("--until", type=date.fromisoformat, help="last day to count")
    args = parser.parse_args(argv)
    ledger = Ledger()
    for path in args.statements:
        with open(path, newline="", encoding="utf-8") as f:
            for transaction in import_statement(f):
                ledger.add(transaction)
    sys.stdout.write(balance_report(ledger, until=args.until))
    return 0


if __name__ == "__main__":
    sys.exit(main())
