from collections import Counter

from textkit.slug import slugify


def word_counts(text):
    """Occurrences of each word, compared by slug so case and accents do not split a word."""
    return Counter(slugify(w) for w in text.split() if slugify(w))


def most_common(text, n=1):
    return [word for word, _ in word_counts(text).most_common(n)]
