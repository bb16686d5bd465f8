import unittest

from tabulon.align import pad, truncate, visible_width


class VisibleWidthTest(unittest.TestCase):
    def test_plain(self):
        self.assertEqual(visible_width("abc"), 3)
        self.assertEqual(visible_width(""), 0)

    def test_colour_codes_take_no_room(self):
        self.assertEqual(visible_width("\x1b[1;31mred\x1b[0m"), 3)

    def test_wide_and_combining(self):
        self.assertEqual(visible_width("日本"), 4)
        self.assertEqual(visible_width("e\u0301"), 1)


class PadTest(unittest.TestCase):
    def test_alignments(self):
        self.assertEqual(pad("ab", 5, "l"), "ab   ")
        self.assertEqual(pad("ab", 5, "r"), "   ab")
        self.assertEqual(pad("ab", 5, "c"), " ab  ")

    def test_never_cuts(self):
        self.assertEqual(pad("abcdef", 3), "abcdef")

    def test_bad_alignment(self):
        with self.assertRaises(ValueError):
            pad("x", 3, "x")


class TruncateTest(unittest.TestCase):
    def test_short_text_is_kept(self):
        self.assertEqual(truncate("abc", 3), "abc")

    def test_cut_with_marker(self):
        self.assertEqual(truncate("abcdef", 4), "abc…")
        self.assertEqual(truncate("abcdef", 4, marker="..."), "a...")


if __name__ == "__main__":
    unittest.main()
