import json

import pytest

from mergepatch import __version__
from mergepatch.cli import main


@pytest.fixture
def write_json(tmp_path):
    def write(name, value):
        path = tmp_path / name
        path.write_text(json.dumps(value), encoding="utf-8")
        return str(path)

    return write


def test_apply(write_json, capsys):
    doc = write_json("doc.json", {"a": 1, "b": {"c": 2}})
    patch = write_json("patch.json", {"b": {"c": None, "d": 3}})
    assert main(["--indent", "0", "apply", doc, patch]) == 0
    assert capsys.readouterr().out == '{"a": 1, "b": {"d": 3}}\n'


def test_diff_then_apply(write_json, capsys, document):
    changed = dict(document, draft=True)
    source = write_json("source.json", document)
    target = write_json("target.json", changed)
    assert main(["diff", source, target]) == 0
    patch = json.loads(capsys.readouterr().out)
    assert patch == {"draft": True}


def test_get_uses_data_file(load_json, write_json, capsys):
    doc = write_json("doc.json", load_json("document.json"))
    assert main(["get", doc, "/authors/0/roles"]) == 0
    assert json.loads(capsys.readouterr().out) == ["editor", "reviewer"]


def test_errors_are_reported(write_json, capsys, tmp_path):
    doc = write_json("doc.json", {"a": 1})
    assert main(["get", doc, "/b"]) == 1
    assert "no member 'b'" in capsys.readouterr().err

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["apply", str(broken), doc]) == 1
    assert capsys.readouterr().err.startswith("mergepatch: ")


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mergepatch {__version__}"
