"""CSV from the console never carries a formula (issue 15, item 5)."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from bianzhi_desktop.documents.csv_safe import neutralise

from .test_cli import run


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3", "-3"),  # a negative number stays a number
        ("+1.5", "+1.5"),
        ("云溪县教育局", "云溪县教育局"),
        (-3, -3),
    ],
)
def test_neutralise(value: object, written: object) -> None:
    assert neutralise(value) == written


def test_summary_csv_neutralises_unit_names(demo_template: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    conn = sqlite3.connect(path)
    first, second = (row[0] for row in conn.execute("SELECT id FROM unit ORDER BY id LIMIT 2"))
    conn.execute('UPDATE unit SET name = \'=HYPERLINK("http://x","y")\' WHERE id = ?', (first,))
    conn.execute("UPDATE unit SET name = '@SUM(1)' WHERE id = ?", (second,))
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "summary", "--db", str(path), "--format", "csv")
    assert code == 0
    names = {row["unit"] for row in csv.DictReader(io.StringIO(out))}
    assert '\'=HYPERLINK("http://x","y")' in names and "'@SUM(1)" in names
    assert not any(name.startswith(("=", "+", "@")) for name in names)
