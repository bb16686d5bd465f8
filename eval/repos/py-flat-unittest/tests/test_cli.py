import contextlib
import io
import unittest

from units import cli


class CliTest(unittest.TestCase):
    def test_prints_result(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.assertEqual(cli.main(["3", "ft", "in"]), 0)
        self.assertEqual(out.getvalue().strip(), "36")

    def test_usage(self):
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(cli.main([]), 2)


if __name__ == "__main__":
    unittest.main()
