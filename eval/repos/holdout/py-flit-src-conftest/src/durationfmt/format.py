"""Writing durations for people."""

from .units import UNITS


def _split(seconds):
    """Yield (short, long, count) for each unit with a non-zero count."""
    rest = int(round(abs(seconds)))
    for short, name, size in UNITS:
        count, rest = divmod(rest, size)
        if count:
            yield short, name, count


def format_seconds(seconds, largest="d"):
    """Return the compact form of *seconds*: ``5400`` -> ``"1h30m"``.

    No unit larger than *largest* is used, so by default weeks are written as days.
    """
    sizes = [short for short, _, _ in UNITS]
    if largest not in sizes:
        raise ValueError(f"unknown unit {largest!r}")
    skip = sizes.index(largest)
    rest = int(round(abs(seconds)))
    parts = []
    for short, _, size in UNITS[skip:]:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{short}")
    sign = "-" if seconds < 0 and parts else ""
    return sign + ("".join(parts) or "0s")


def humanize(seconds, parts=2):
    """Return *seconds* in words, keeping the *parts* largest units.

    The remainder is truncated, not rounded: 3599 seconds is "59 minutes, 59 seconds"
    with two parts and "59 minutes" with one.
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    words = [
        f"{count} {name}" + ("" if count == 1 else "s")
        for _, name, count in _split(seconds)
    ][:parts]
    if not words:
        return "0 seconds"
    text = ", ".join(words)
    return "minus " + text if seconds < 0 else text
