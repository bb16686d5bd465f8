import sys

from units.convert import convert


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: units-convert VALUE FROM TO", file=sys.stderr)
        return 2
    print(f"{convert(float(args[0]), args[1], args[2]):g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
