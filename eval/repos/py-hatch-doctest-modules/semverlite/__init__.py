"""Semantic version numbers: parsing, ordering, bumping and range matching."""

from semverlite.__about__ import __version__
from semverlite.ranges import satisfies
from semverlite.version import InvalidVersion, Version

__all__ = ["InvalidVersion", "Version", "__version__", "satisfies"]
