"""Shared by the test modules: sample data and a comparison that shows both tables."""

FRUIT_HEADER = ["name", "qty", "price"]
FRUIT_ROWS = [
    ["apple", 3, 0.5],
    ["watermelon", 1, 3.25],
    ["fig", 12, None],
]


class TableAssertions:
    """Mixed into TestCase classes that compare rendered tables."""

    def assertRendered(self, table, expected_lines):
        actual = str(table).split("\n")
        self.assertEqual(
            actual,
            expected_lines,
            "\n--- rendered\n%s\n--- expected\n%s" % ("\n".join(actual), "\n".join(expected_lines)),
        )
