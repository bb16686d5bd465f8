import pytest

from roman import from_roman, to_roman


@pytest.mark.parametrize("n", [1, 4, 9, 14, 40, 90, 400, 1666, 3999])
def test_roundtrip(n):
    assert from_roman(to_roman(n)) == n


def test_rejects_non_canonical():
    with pytest.raises(ValueError):
        from_roman("IIII")
