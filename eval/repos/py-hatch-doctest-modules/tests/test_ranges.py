import pytest

from semverlite.__main__ import main
from semverlite.ranges import max_satisfying, satisfies


@pytest.mark.parametrize(
    "spec, inside, outside",
    [
        ("^1.2.3", ["1.2.3", "1.9.9"], ["1.2.2", "2.0.0", "2.0.0-rc.1"]),
        ("^0.2.3", ["0.2.3", "0.2.9"], ["0.3.0", "0.2.2"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4"]),
        ("~1.2.3", ["1.2.3", "1.2.10"], ["1.3.0"]),
        ("1.x", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.0"]),
        ("1.2", ["1.2.0", "1.2.7"], ["1.3.0"]),
        ("*", ["0.0.1", "9.9.9"], ["1.0.0-alpha"]),
        (">1.2", ["1.3.0"], ["1.2.9"]),
        ("<=1.2", ["1.2.9"], ["1.3.0"]),
        (">=1.0.0 <1.5.0 || 3.x", ["1.4.9", "3.0.0"], ["1.5.0", "2.0.0", "4.0.0"]),
    ],
)
def test_ranges(spec, inside, outside):
    for v in inside:
        assert satisfies(v, spec), (v, spec)
    for v in outside:
        assert not satisfies(v, spec), (v, spec)


def test_max_satisfying_none():
    assert max_satisfying(["1.0.0", "1.1.0"], ">=2") is None


def test_cli(capsys):
    assert main(["sort", "1.10.0", "1.2.0", "1.2.0-beta"]) == 0
    assert capsys.readouterr().out.split() == ["1.2.0-beta", "1.2.0", "1.10.0"]
    assert main(["bump", "minor", "1.4.2"]) == 0
    assert capsys.readouterr().out == "1.5.0\n"
    assert main(["check", "^1.2", "1.4.0"]) == 0
    assert main(["check", "^1.2", "2.0.0"]) == 1
    assert main(["bump", "minor", "nope"]) == 2
    assert main([]) == 2
