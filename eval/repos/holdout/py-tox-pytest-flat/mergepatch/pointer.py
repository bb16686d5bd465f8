"""JSON Pointer (RFC 6901): addressing one value inside a JSON document."""

import re

_INDEX = re.compile(r"0|[1-9][0-9]*")
_MISSING = object()


class PointerError(LookupError):
    """The pointer is malformed or does not lead to a value."""


def split(pointer):
    """Return the unescaped reference tokens of *pointer*.

    >>> split("/a~1b/m~0n/0")
    ['a/b', 'm~n', '0']
    """
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PointerError(f"pointer must be empty or start with '/': {pointer!r}")
    tokens = pointer[1:].split("/")
    for token in tokens:
        if re.search(r"~(?![01])", token):
            raise PointerError(f"bad escape in {token!r}")
    # ~1 first, so that "~01" becomes "~1" and not "/".
    return [t.replace("~1", "/").replace("~0", "~") for t in tokens]


def escape(token):
    """Escape one reference token: ``"a/b"`` -> ``"a~1b"``."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join(*tokens):
    """Build a pointer from unescaped tokens."""
    return "".join("/" + escape(t) for t in tokens)


def _step(value, token, seen):
    if isinstance(value, dict):
        if token not in value:
            raise PointerError(f"no member {token!r} at {join(*seen) or '<root>'}")
        return value[token]
    if isinstance(value, list):
        if token == "-":
            raise PointerError(f"'-' names the element after the end of {join(*seen) or '<root>'}")
        if not _INDEX.fullmatch(token):
            raise PointerError(f"bad array index {token!r}")
        index = int(token)
        if index >= len(value):
            raise PointerError(f"index {index} out of range at {join(*seen) or '<root>'}")
        return value[index]
    raise PointerError(f"cannot descend into {type(value).__name__} at {join(*seen) or '<root>'}")


def resolve(document, pointer, default=_MISSING):
    """Return the value *pointer* refers to in *document*.

    If the pointer leads nowhere, return *default* when given, else raise
    PointerError. A malformed pointer always raises.
    """
    tokens = split(pointer)
    value = document
    for depth, token in enumerate(tokens):
        try:
            value = _step(value, token, tokens[:depth])
        except PointerError:
            if default is _MISSING:
                raise
            return default
    return value
