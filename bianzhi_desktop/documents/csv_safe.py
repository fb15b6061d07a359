"""CSV the program writes, safe to open in Excel or WPS: a cell beginning with =, +, -, @, a tab or a
carriage return would be read as a formula there (=HYPERLINK(…), @SUM(…), +cmd|…), so such text gets a
leading apostrophe, which the spreadsheet shows as plain text. Numbers, negative ones included, are
left as they are."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """The value as a CSV cell that no spreadsheet reads as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(stream: TextIO, header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([neutralise(value) for value in header])
    writer.writerows([neutralise(value) for value in row] for row in rows)
