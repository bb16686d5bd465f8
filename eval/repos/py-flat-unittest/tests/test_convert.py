import unittest

from units import convert
from units.convert import IncompatibleUnits


class ConvertTest(unittest.TestCase):
    def test_length(self):
        self.assertAlmostEqual(convert(1, "km", "m"), 1000.0)
        self.assertAlmostEqual(convert(12, "in", "ft"), 1.0)

    def test_mass(self):
        self.assertAlmostEqual(convert(1, "lb", "g"), 453.59237)

    def test_incompatible(self):
        with self.assertRaises(IncompatibleUnits):
            convert(1, "kg", "m")

    def test_unknown(self):
        with self.assertRaises(KeyError):
            convert(1, "parsec", "m")


if __name__ == "__main__":
    unittest.main()
