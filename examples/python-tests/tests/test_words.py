import unittest

from textkit.words import most_common, word_counts


class WordCountsTest(unittest.TestCase):
    def test_counts_ignore_case_and_accents(self):
        counts = word_counts("Café cafe CAFE tea")
        self.assertEqual(counts["cafe"], 3)
        self.assertEqual(counts["tea"], 1)

    def test_punctuation_only_words_are_dropped(self):
        self.assertEqual(word_counts("-- ... !"), {})

    def test_most_common(self):
        self.assertEqual(most_common("b a b c b a", 2), ["b", "a"])


if __name__ == "__main__":
    unittest.main()
