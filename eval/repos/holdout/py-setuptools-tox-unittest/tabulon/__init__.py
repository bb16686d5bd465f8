"""Plain-text tables."""

__version__ = "1.3.0"

from tabulon.align import pad, visible_width
from tabulon.table import Table

__all__ = ["Table", "pad", "visible_width"]
