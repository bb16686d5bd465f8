"""The ``mergepatch`` command.

    mergepatch apply DOCUMENT PATCH     print DOCUMENT with PATCH applied
    mergepatch diff SOURCE TARGET       print the patch from SOURCE to TARGET
    mergepatch get DOCUMENT POINTER     print the value POINTER refers to

Use ``-`` for a file to read standard input.
"""

import argparse
import json
import sys

from . import __version__
from .merge import PatchError, apply_patch, make_patch
from .pointer import PointerError, resolve


def _load(path):
    if path == "-":
        return json.load(sys.stdin)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _parser():
    parser = argparse.ArgumentParser(prog="mergepatch", description="JSON merge patches.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--indent", type=int, default=2, help="indent output (0: one line)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("apply", help="apply a patch")
    p.add_argument("document")
    p.add_argument("patch")
    p = sub.add_parser("diff", help="make a patch")
    p.add_argument("source")
    p.add_argument("target")
    p = sub.add_parser("get", help="resolve a JSON pointer")
    p.add_argument("document")
    p.add_argument("pointer")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.command == "apply":
            result = apply_patch(_load(args.document), _load(args.patch))
        elif args.command == "diff":
            result = make_patch(_load(args.source), _load(args.target))
        else:
            result = resolve(_load(args.document), args.pointer)
    except (OSError, json.JSONDecodeError, PatchError, PointerError) as err:
        print(f"mergepatch: {err}", file=sys.stderr)
        return 1
    indent = args.indent or None
    json.dump(result, sys.stdout, indent=indent, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
