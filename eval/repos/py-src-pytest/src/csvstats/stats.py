import statistics

from .reader import read_columns


def numeric(values):
    out = []
    for v in values:
        try:
            out.append(float(v))
        except ValueError:
            pass
    return out


def summarize(text):
    """Mean and median of every column that holds at least one number."""
    summary = {}
    for name, values in read_columns(text).items():
        numbers = numeric(values)
        if numbers:
            summary[name] = {"mean": statistics.mean(numbers), "median": statistics.median(numbers)}
    return summary
