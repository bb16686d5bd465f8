"""The Version type.

>>> v = Version.parse("2.0.0-rc.2+build.7")
>>> v.major, v.minor, v.patch
(2, 0, 0)
>>> v.prerelease
('rc', 2)
>>> str(v)
'2.0.0-rc.2+build.7'
"""

import functools
import re

_VERSION = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


class InvalidVersion(ValueError):
    """The text is not a semantic version."""


def _identifiers(text):
    if text is None:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in text.split("."))


@functools.total_ordering
class Version:
    """A semantic version. Build metadata is kept but plays no part in ordering.

    >>> Version(1, 2, 3) == Version.parse("1.2.3+local")
    True
    """

    def __init__(self, major, minor=0, patch=0, prerelease=(), build=()):
        if min(major, minor, patch) < 0:
            raise InvalidVersion("version numbers cannot be negative")
        self.major, self.minor, self.patch = major, minor, patch
        self.prerelease = tuple(prerelease)
        self.build = tuple(build)

    @classmethod
    def parse(cls, text):
        """Read a version; a leading ``v`` is allowed.

        >>> Version.parse("v1.10.0")
        Version('1.10.0')
        >>> Version.parse("1.2")
        Traceback (most recent call last):
            ...
        semverlite.version.InvalidVersion: not a semantic version: '1.2'
        """
        match = _VERSION.match(text.strip())
        if match is None:
            raise InvalidVersion(f"not a semantic version: {text!r}")
        major, minor, patch, pre, build = match.groups()
        return cls(int(major), int(minor), int(patch), _identifiers(pre), _identifiers(build))

    def _key(self):
        # A release sorts after all its prereleases; numeric identifiers sort before text.
        pre = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, not self.prerelease, pre)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(str(p) for p in self.prerelease)
        if self.build:
            text += "+" + ".".join(str(b) for b in self.build)
        return text

    def __repr__(self):
        return f"Version({str(self)!r})"

    def bump(self, part):
        """Return the next version for a *part* ("major", "minor" or "patch") change.

        >>> v = Version.parse("1.4.2-beta")
        >>> str(v.bump("patch")), str(v.bump("minor")), str(v.bump("major"))
        ('1.4.2', '1.5.0', '2.0.0')
        """
        if part == "major":
            return Version(self.major + 1)
        if part == "minor":
            return Version(self.major, self.minor + 1)
        if part == "patch":
            # The release of a prerelease is the same numbers without the suffix.
            return Version(self.major, self.minor, self.patch + (0 if self.prerelease else 1))
        raise ValueError(f"unknown part {part!r}")

    @property
    def is_stable(self):
        """True for a release of 1.0.0 or later.

        >>> Version.parse("0.9.0").is_stable, Version.parse("1.0.0").is_stable
        (False, True)
        """
        return self.major >= 1 and not self.prerelease
