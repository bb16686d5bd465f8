# Factor to the base unit of each dimension.
UNITS = {
    "length": {"m": 1.0, "km": 1000.0, "cm": 0.01, "in": 0.0254, "ft": 0.3048},
    "mass": {"kg": 1.0, "g": 0.001, "lb": 0.45359237},
}


def dimension_of(unit):
    for dimension, factors in UNITS.items():
        if unit in factors:
            return dimension
    raise KeyError(f"unknown unit: {unit}")
