from csvstats.reader import read_columns


def test_columns_by_header(sample_csv):
    cols = read_columns(sample_csv)
    assert list(cols) == ["name", "age", "height"]
    assert cols["name"] == ["ann", "bob", "cid"]


def test_empty_text():
    assert read_columns("") == {}
