"""The units a duration is written in, largest first."""

UNITS = (
    ("w", "week", 7 * 24 * 3600),
    ("d", "day", 24 * 3600),
    ("h", "hour", 3600),
    ("m", "minute", 60),
    ("s", "second", 1),
)

SECONDS = {short: size for short, _, size in UNITS}

_ALIASES = {
    "w": ("wk", "wks", "week", "weeks"),
    "d": ("day", "days"),
    "h": ("hr", "hrs", "hour", "hours"),
    "m": ("min", "mins", "minute", "minutes"),
    "s": ("sec", "secs", "second", "seconds"),
}

ALIASES = {alias: short for short, names in _ALIASES.items() for alias in names}


def canonical(name):
    """Return the one-letter unit for *name* (``"mins"`` -> ``"m"``), or None."""
    name = name.lower()
    if name in SECONDS:
        return name
    return ALIASES.get(name)
