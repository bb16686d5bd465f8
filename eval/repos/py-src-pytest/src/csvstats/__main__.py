import sys

from csvstats.stats import summarize


def main():
    for name, s in summarize(sys.stdin.read()).items():
        print(f"{name}: mean={s['mean']:g} median={s['median']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
