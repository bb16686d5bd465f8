from units.convert import convert
from units.table import UNITS

__all__ = ["convert", "UNITS"]
