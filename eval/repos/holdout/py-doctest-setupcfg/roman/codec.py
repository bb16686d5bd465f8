"""Roman numerals.

>>> to_roman(1994)
'MCMXCIV'
>>> from_roman('MMXXIV')
2024
"""

_NUMERALS = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(n):
    """
    >>> to_roman(4)
    'IV'
    >>> to_roman(0)
    Traceback (most recent call last):
    ...
    ValueError: out of range: 0
    """
    if not 0 < n < 4000:
        raise ValueError(f"out of range: {n}")
    out = []
    for value, numeral in _NUMERALS:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def from_roman(text):
    """
    >>> from_roman('xlii')
    42
    """
    text = text.upper()
    total, i = 0, 0
    for value, numeral in _NUMERALS:
        while text.startswith(numeral, i):
            total += value
            i += len(numeral)
    if i != len(text) or to_roman(total) != text:
        raise ValueError(f"not a canonical Roman numeral: {text}")
    return total
