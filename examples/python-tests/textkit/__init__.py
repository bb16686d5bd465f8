"""Small text helpers: slugs and word statistics."""

from textkit.slug import slugify
from textkit.words import word_counts

__all__ = ["slugify", "word_counts"]
