"""The Table type."""

from tabulon.align import pad, truncate, visible_width


def _cell(value, float_format):
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, float_format)
    return str(value)


class Table:
    """Rows of cells under a header, rendered with columns padded to fit.

    *align* holds one letter per column ("l", "r" or "c"); missing letters mean "l".
    """

    def __init__(self, header, align="", max_width=None, float_format="g"):
        self.header = [str(h) for h in header]
        self.align = (align + "l" * len(self.header))[: len(self.header)]
        self.max_width = max_width
        self.float_format = float_format
        self.rows = []

    def add_row(self, row):
        row = list(row)
        if len(row) > len(self.header):
            raise ValueError(
                "row has %d cells, the table %d columns" % (len(row), len(self.header))
            )
        row += [None] * (len(self.header) - len(row))
        self.rows.append([_cell(v, self.float_format) for v in row])
        return self

    def add_rows(self, rows):
        for row in rows:
            self.add_row(row)
        return self

    def widths(self):
        widths = [visible_width(h) for h in self.header]
        for row in self.rows:
            widths = [max(w, visible_width(c)) for w, c in zip(widths, row)]
        if self.max_width is not None:
            widths = [min(w, self.max_width) for w in widths]
        return widths

    def _line(self, cells, widths, sep="  "):
        if self.max_width is not None:
            cells = [truncate(c, self.max_width) for c in cells]
        padded = [pad(c, w, a) for c, w, a in zip(cells, widths, self.align)]
        return sep.join(padded).rstrip()

    def render(self, rule="-"):
        widths = self.widths()
        lines = [self._line(self.header, widths)]
        if rule:
            lines.append("  ".join(rule * w for w in widths))
        lines.extend(self._line(row, widths) for row in self.rows)
        return "\n".join(lines)

    def __str__(self):
        return self.render()
