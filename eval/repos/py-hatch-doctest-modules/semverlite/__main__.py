"""The ``semverlite`` command: ``python -m semverlite bump|sort|check ...``."""

import sys

from semverlite.ranges import satisfies
from semverlite.version import InvalidVersion, Version

USAGE = """usage: semverlite bump major|minor|patch VERSION
       semverlite sort VERSION...
       semverlite check RANGE VERSION"""


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    try:
        if len(args) == 3 and args[0] == "bump":
            print(Version.parse(args[2]).bump(args[1]))
        elif len(args) >= 2 and args[0] == "sort":
            for v in sorted(args[1:], key=Version.parse):
                print(v)
        elif len(args) == 3 and args[0] == "check":
            return 0 if satisfies(args[2], args[1]) else 1
        else:
            print(USAGE, file=sys.stderr)
            return 2
    except (InvalidVersion, ValueError) as err:
        print(f"semverlite: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
