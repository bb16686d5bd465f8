"""JSON Merge Patch (RFC 7386).

A merge patch is a JSON document that looks like the target: objects are
merged member by member, ``null`` deletes a member, and anything else
replaces the value outright (arrays included).
"""

import copy


class PatchError(ValueError):
    """The change cannot be written as a merge patch."""


def apply_patch(target, patch):
    """Return *target* with *patch* applied. Neither argument is modified."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = apply_patch(result.get(name), value)
    return result


def make_patch(source, target):
    """Return a merge patch that turns *source* into *target*.

    Raises PatchError when *target* holds a ``null`` member value, which a
    merge patch cannot set.
    """
    if not (isinstance(source, dict) and isinstance(target, dict)):
        _check_no_nulls(target, "")
        return copy.deepcopy(target)
    patch = {}
    for name in source:
        if name not in target:
            patch[name] = None
    for name, value in target.items():
        if name not in source:
            _check_no_nulls(value, name)
            patch[name] = copy.deepcopy(value)
        elif source[name] != value or type(source[name]) is not type(value):
            if value is None:
                raise PatchError(f"cannot set member {name!r} to null with a merge patch")
            patch[name] = make_patch(source[name], value)
    return patch


def _check_no_nulls(value, where):
    if value is None and where:
        raise PatchError(f"cannot set member {where!r} to null with a merge patch")
    if isinstance(value, dict):
        for name, member in value.items():
            if member is None:
                raise PatchError(f"cannot set member {name!r} to null with a merge patch")
            _check_no_nulls(member, name)
