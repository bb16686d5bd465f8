"""JSON Merge Patch (RFC 7386) and JSON Pointer (RFC 6901) for plain Python data."""

from .merge import PatchError, apply_patch, make_patch
from .pointer import PointerError, escape, resolve, split

__version__ = "0.6.1"

__all__ = [
    "PatchError",
    "PointerError",
    "apply_patch",
    "escape",
    "make_patch",
    "resolve",
    "split",
]
