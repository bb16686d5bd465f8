import csv
import io


def read_columns(text):
    """Columns of a CSV text with a header row, as {name: [cell, ...]}."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        return {}
    return {name: [row[name] for row in rows] for name in rows[0]}
