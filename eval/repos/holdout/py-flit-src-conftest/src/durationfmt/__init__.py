"""Parse and format human-readable durations such as ``1h30m`` or ``2 days 4h``."""

__version__ = "1.2.0"

from .format import format_seconds, humanize
from .parse import ParseError, parse

__all__ = ["ParseError", "format_seconds", "humanize", "parse"]
