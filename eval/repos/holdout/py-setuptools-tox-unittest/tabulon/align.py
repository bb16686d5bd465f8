"""Padding cells to a width, counting only what a terminal shows."""

import re
import unicodedata

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def visible_width(text):
    """The number of columns *text* takes: colour codes take none, wide characters two."""
    text = _ANSI.sub("", text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text, width, align="l"):
    """Pad *text* to *width* columns, aligned left ("l"), right ("r") or centred ("c")."""
    gap = width - visible_width(text)
    if gap <= 0:
        return text
    if align == "l":
        return text + " " * gap
    if align == "r":
        return " " * gap + text
    if align == "c":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    raise ValueError("align must be one of 'l', 'r', 'c', not %r" % (align,))


def truncate(text, width, marker="…"):
    """Cut *text* to at most *width* columns, ending with *marker* if it was cut."""
    if visible_width(text) <= width:
        return text
    keep = width - visible_width(marker)
    out = ""
    for ch in _ANSI.sub("", text):
        if visible_width(out + ch) > keep:
            break
        out += ch
    return out + marker
