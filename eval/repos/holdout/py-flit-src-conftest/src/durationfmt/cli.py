"""The ``durationfmt`` command."""

import argparse
import sys

from . import __version__
from .format import format_seconds, humanize
from .parse import ParseError, parse


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="durationfmt", description="Normalize durations.")
    parser.add_argument("durations", nargs="*", metavar="DURATION")
    parser.add_argument("-f", "--file", help="read durations from FILE, one a line")
    parser.add_argument("--human", action="store_true", help="write durations in words")
    parser.add_argument("--parts", type=int, default=2, help="units kept by --human")
    parser.add_argument("--seconds", action="store_true", help="write a count of seconds")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def _read_file(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def main(argv=None):
    args = _arguments(argv)
    texts = list(args.durations)
    if args.file:
        texts.extend(_read_file(args.file))
    status = 0
    for text in texts:
        try:
            seconds = parse(text)
        except ParseError as err:
            print(f"durationfmt: {err}", file=sys.stderr)
            status = 2
            continue
        if args.seconds:
            print(seconds)
        elif args.human:
            print(humanize(seconds, parts=args.parts))
        else:
            print(format_seconds(seconds))
    return status


if __name__ == "__main__":
    sys.exit(main())
