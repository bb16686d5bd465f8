"""Print a disk-usage style report of the current directory's files.

    python examples/report.py [DIRECTORY]
"""

import os
import sys

from tabulon import Table


def human(size):
    for unit in ("B", "K", "M", "G"):
        if size < 1024:
            return "%d%s" % (size, unit)
        size //= 1024
    return "%dT" % size


def main(directory="."):
    table = Table(["file", "size", "kind"], align="lrc", max_width=40)
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        kind = "dir" if entry.is_dir() else "file"
        size = entry.stat().st_size if kind == "file" else 0
        table.add_row([entry.name, human(size), kind])
    print(table)


if __name__ == "__main__":
    main(*sys.argv[1:])
