"""Reading durations written by people."""

import re

from .units import SECONDS, canonical

_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*,?")


class ParseError(ValueError):
    """The text is not a duration."""


def parse(text):
    """Return the number of seconds *text* stands for.

    A bare number is a count of seconds. Otherwise the text is a sequence of
    ``<number><unit>`` parts, each unit at most once. The result is an int when
    it is a whole number of seconds, else a float.
    """
    text = text.strip()
    if not text:
        raise ParseError("empty duration")
    sign = 1
    if text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:].lstrip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return _number(sign * float(text))

    total = 0.0
    seen = set()
    pos = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None:
            raise ParseError(f"cannot read {text!r} at offset {pos}")
        unit = canonical(match.group(2))
        if unit is None:
            raise ParseError(f"unknown unit {match.group(2)!r}")
        if unit in seen:
            raise ParseError(f"unit {unit!r} given twice in {text!r}")
        seen.add(unit)
        total += float(match.group(1)) * SECONDS[unit]
        pos = match.end()
    return _number(sign * total)


def _number(value):
    return int(value) if value == int(value) else value
