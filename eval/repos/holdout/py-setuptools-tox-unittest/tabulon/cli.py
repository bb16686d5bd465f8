"""tabulon [--align SPEC] [--max-width N] < file.csv"""

import argparse
import csv
import sys

from tabulon.table import Table


def main(argv=None, stdin=None, stdout=None):
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="tabulon", description="Render CSV as a text table.")
    parser.add_argument("--align", default="", help="one of l, r, c per column")
    parser.add_argument("--max-width", type=int, help="cut cells wider than this")
    parser.add_argument("--no-rule", action="store_true", help="no line under the header")
    args = parser.parse_args(argv)

    rows = list(csv.reader(stdin))
    if not rows:
        return 1
    table = Table(rows[0], align=args.align, max_width=args.max_width)
    table.add_rows(rows[1:])
    stdout.write(table.render(rule="" if args.no_rule else "-") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
