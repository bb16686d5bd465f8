import io
import unittest

from tabulon import Table
from tabulon.cli import main

from tests.helpers import FRUIT_HEADER, FRUIT_ROWS, TableAssertions


class TableTest(TableAssertions, unittest.TestCase):
    def setUp(self):
        self.table = Table(FRUIT_HEADER, align="lrr").add_rows(FRUIT_ROWS)

    def test_render(self):
        self.assertRendered(
            self.table,
            [
                "name        qty  price",
                "----------  ---  -----",
                "apple         3    0.5",
                "watermelon    1   3.25",
                "fig          12",
            ],
        )

    def test_widths(self):
        self.assertEqual(self.table.widths(), [10, 3, 5])

    def test_short_rows_are_filled(self):
        t = Table(["a", "b"]).add_row(["x"])
        self.assertEqual(t.rows, [["x", ""]])

    def test_long_rows_are_refused(self):
        with self.assertRaisesRegex(ValueError, "3 cells, the table 2 columns"):
            Table(["a", "b"]).add_row([1, 2, 3])

    def test_max_width_and_no_rule(self):
        t = Table(["word"], max_width=4).add_row(["extraordinary"])
        self.assertEqual(t.render(rule=""), "word\next…")

    def test_float_format(self):
        t = Table(["x"], float_format=".2f").add_row([1 / 3])
        self.assertEqual(t.rows, [["0.33"]])


class CliTest(unittest.TestCase):
    def run_cli(self, argv, text):
        out = io.StringIO()
        status = main(argv, stdin=io.StringIO(text), stdout=out)
        return status, out.getvalue()

    def test_csv_to_table(self):
        status, out = self.run_cli(["--align", "lr"], "city,pop\nOslo,709037\nBergen,291940\n")
        self.assertEqual(status, 0)
        self.assertEqual(out, "city       pop\n------  ------\nOslo    709037\nBergen  291940\n")

    def test_empty_input(self):
        self.assertEqual(self.run_cli([], "")[0], 1)


if __name__ == "__main__":
    unittest.main()
