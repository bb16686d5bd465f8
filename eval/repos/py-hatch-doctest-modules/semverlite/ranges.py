"""Matching versions against ranges written the way package managers write them.

A range is one or more comparators separated by spaces, all of which must hold,
or several such sets separated by ``||``, one of which must hold:

>>> satisfies("1.5.0", ">=1.2.0 <2.0.0")
True
>>> satisfies("3.1.0", "1.x || >=3")
True
"""

from semverlite.version import Version

_OPERATORS = {
    "=": lambda v, b: v == b,
    ">": lambda v, b: v > b,
    ">=": lambda v, b: v >= b,
    "<": lambda v, b: v < b,
    "<=": lambda v, b: v <= b,
}


def _partial(text):
    """Read a version with parts left out or written ``x``; return (numbers, given).

    >>> _partial("1.x")
    ((1, 0, 0), 1)
    >>> _partial("2.3")
    ((2, 3, 0), 2)
    """
    parts = text.lstrip("v").split(".")
    given = []
    for part in parts:
        if part in ("x", "X", "*"):
            break
        given.append(int(part))
    numbers = tuple(given) + (0,) * (3 - len(given))
    return numbers[:3], len(given)


def _expand(comparator):
    """Turn one comparator into a list of (operator, Version) pairs.

    >>> [(op, str(v)) for op, v in _expand("^0.2.3")]
    [('>=', '0.2.3'), ('<', '0.3.0-0')]
    >>> [(op, str(v)) for op, v in _expand("~1.2")]
    [('>=', '1.2.0'), ('<', '1.3.0-0')]
    """
    for op in ("^", "~", ">=", "<=", ">", "<", "="):
        if comparator.startswith(op):
            rest = comparator[len(op):]
            break
    else:
        op, rest = "", comparator

    if op in (">", ">=", "<", "<=", "=") and rest.count(".") == 2 and "x" not in rest:
        return [(op, Version.parse(rest))]

    (major, minor, patch), given = _partial(rest)
    low = Version(major, minor, patch)
    if op == "^":
        if major > 0 or given == 1:
            high = Version(major + 1)
        elif minor > 0 or given == 2:
            high = Version(0, minor + 1)
        else:
            high = Version(0, 0, patch + 1)
    elif op == "~":
        high = Version(major + 1) if given == 1 else Version(major, minor + 1)
    elif op in ("", "="):
        if given == 0:
            return []
        if given == 3:
            return [("=", low)]
        high = Version(major + 1) if given == 1 else Version(major, minor + 1)
    elif op in (">", "<="):
        # ">1.2" means past every 1.2.x; "<=1.2" means up to every 1.2.x.
        bound = Version(major + 1) if given == 1 else Version(major, minor + 1)
        return [(">=" if op == ">" else "<", bound)]
    else:
        return [(op, low)]
    # "-0" is the lowest prerelease, so that prereleases of the upper bound are excluded.
    return [(">=", low), ("<", Version(high.major, high.minor, high.patch, (0,)))]


def satisfies(version, spec):
    """True if *version* (a Version or its text) is in the range *spec*.

    Prereleases only match ranges that name a prerelease of the same numbers:

    >>> satisfies("1.3.0-beta", ">=1.2.0"), satisfies("1.3.0-beta", ">=1.3.0-alpha")
    (False, True)
    """
    if not isinstance(version, Version):
        version = Version.parse(version)
    for alternative in spec.split("||"):
        checks = [pair for comparator in alternative.split() for pair in _expand(comparator)]
        if not all(_OPERATORS[op](version, bound) for op, bound in checks):
            continue
        if version.prerelease and not any(
            bound.prerelease and (bound.major, bound.minor, bound.patch)
            == (version.major, version.minor, version.patch)
            for _, bound in checks
        ):
            continue
        return True
    return False


def max_satisfying(versions, spec):
    """Return the highest of *versions* in the range, or None.

    >>> max_satisfying(["1.2.0", "1.9.3", "2.0.0"], "~1")
    '1.9.3'
    """
    matching = [v for v in versions if satisfies(v, spec)]
    return max(matching, key=Version.parse, default=None)
