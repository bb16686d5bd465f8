from durationfmt import __version__


def test_normalizes_arguments(run_cli):
    status, out, err = run_cli("90 minutes", "3600")
    assert status == 0
    assert out == ["1h30m", "1h"]
    assert err == ""


def test_human_and_seconds(run_cli):
    assert run_cli("--human", "--parts", "3", "93784")[1] == ["1 day, 2 hours, 3 minutes"]
    assert run_cli("--seconds", "1h1s")[1] == ["3601"]


def test_reads_a_file_skipping_comments(run_cli, durations_file):
    status, out, _ = run_cli("--file", str(durations_file))
    assert status == 0
    assert out == ["1h30m", "2h15m", "1h"]


def test_bad_duration_is_reported_and_the_rest_still_printed(run_cli):
    status, out, err = run_cli("5 parsecs", "2m")
    assert status == 2
    assert out == ["2m"]
    assert "unknown unit 'parsecs'" in err


def test_version(run_cli, capsys):
    try:
        run_cli("--version")
    except SystemExit as exit:
        assert exit.code == 0
    assert __version__ in capsys.readouterr().out
