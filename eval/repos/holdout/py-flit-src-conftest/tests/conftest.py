import pytest

from durationfmt import cli

# (written form, seconds) pairs that both parse and format agree on.
CANONICAL = [
    ("0s", 0),
    ("45s", 45),
    ("1m", 60),
    ("1h30m", 5400),
    ("1d2h3m4s", 93784),
    ("14d", 14 * 86400),
]


@pytest.fixture(params=CANONICAL, ids=[text for text, _ in CANONICAL])
def canonical(request):
    """One (text, seconds) pair; tests using it run once per pair."""
    return request.param


@pytest.fixture
def run_cli(capsys):
    """Run the command with the given arguments; return (status, stdout lines, stderr)."""

    def run(*argv):
        status = cli.main(list(argv))
        out, err = capsys.readouterr()
        return status, out.splitlines(), err

    return run


@pytest.fixture
def durations_file(tmp_path):
    """A file of durations in the form the --file option reads."""
    path = tmp_path / "durations.txt"
    path.write_text(
        "# build times\n"
        "90 minutes\n"
        "\n"
        "2h 15m   # slowest run\n"
        "3600\n",
        encoding="utf-8",
    )
    return path
