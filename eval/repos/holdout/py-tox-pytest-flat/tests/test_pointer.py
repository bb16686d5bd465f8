import pytest

from mergepatch import PointerError, escape, resolve, split
from mergepatch.pointer import join


def test_empty_pointer_is_the_whole_document(document):
    assert resolve(document, "") is document


@pytest.mark.parametrize(
    "pointer, expected",
    [
        ("/title", "Release notes"),
        ("/authors/0/name", "Grace"),
        ("/authors/0/roles/1", "reviewer"),
        ("/authors/1/roles", []),
        ("/tags/a~1b", "slash"),
        ("/tags/m~0n", "tilde"),
        ("/tags/", "empty"),
        ("/tags/ ", "space"),
        ("/counts/0", "zero as a key"),
        ("/draft", False),
        ("/notes", None),
    ],
)
def test_resolve(document, pointer, expected):
    assert resolve(document, pointer) == expected


@pytest.mark.parametrize(
    "pointer",
    ["/missing", "/authors/2", "/authors/01", "/authors/-", "/authors/x", "/title/0", "/notes/x"],
)
def test_unresolvable(document, pointer):
    with pytest.raises(PointerError):
        resolve(document, pointer)
    assert resolve(document, pointer, default="fallback") == "fallback"


@pytest.mark.parametrize("pointer", ["title", "/a~2b", "/tilde~"])
def test_malformed_pointer_raises_even_with_default(document, pointer):
    with pytest.raises(PointerError):
        resolve(document, pointer, default=None)


def test_split_and_escape_round_trip():
    tokens = ["a/b", "m~n", "~1", "", "plain"]
    pointer = join(*tokens)
    assert pointer == "/a~1b/m~0n/~01//plain"
    assert split(pointer) == tokens
    assert escape(0) == "0"
