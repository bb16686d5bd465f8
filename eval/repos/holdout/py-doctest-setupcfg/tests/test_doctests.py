import doctest
import unittest

import roman.codec


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(roman.codec))
    return tests


if __name__ == "__main__":
    unittest.main()
