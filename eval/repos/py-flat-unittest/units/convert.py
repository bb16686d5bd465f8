from units.table import UNITS, dimension_of


class IncompatibleUnits(ValueError):
    pass


def convert(value, src, dst):
    dim = dimension_of(src)
    if dimension_of(dst) != dim:
        raise IncompatibleUnits(f"{src} and {dst} measure different things")
    return value * UNITS[dim][src] / UNITS[dim][dst]
