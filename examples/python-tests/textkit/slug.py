import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, sep="-"):
    """Lower-case ASCII words of text joined by sep."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(sep, ascii_text.lower()).strip(sep)
