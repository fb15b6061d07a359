"""The import wizard: pick a workbook → (match columns when the headers are not recognised) → preview
every row with its errors (red) and warnings (yellow) → import all, or nothing.

Reading, checking and writing run on the task runner with progress and cancel; the preview can be
saved as an error report workbook. `kind` is "roster" (花名册) or "ledger" (机构编制台账).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.documents.excel.layouts import ROSTER_IMPORT_FIELDS as ROSTER_FIELDS
from bianzhi_desktop.documents.excel.reader import column_index, column_letter
from bianzhi_desktop.domain.enums import Funding, RemovalReason, RetirementCategory
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.tasks import Task, run_task, show_error
from bianzhi_desktop.services import exchange
from bianzhi_desktop.services.exchange import BatchChoices, default_basis_title, group_problems

ERROR_BRUSH = QBrush(QColor("#FFC7CE"))
WARNING_BRUSH = QBrush(QColor("#FFEB9C"))
Index = QModelIndex | QPersistentModelIndex


class ProblemRowsModel(QAbstractTableModel):
    """The sheet's data rows (or only those with problems): 行号, 问题, then the sheet's columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.sheet_rows: list[list[object]] = []
        self.row_numbers: list[int] = []
        self.cell_problems: dict[tuple[int, int], list[exchange.Problem]] = {}
        self.row_problems: dict[int, list[exchange.Problem]] = {}

    def set_preview(self, sheet, match, problems, only_problems: bool) -> None:  # type: ignore[no-untyped-def]
        self.beginResetModel()
        self.headers = [match.header_of(i) or column_letter(i) for i in range(len(match.headers))]
        self.sheet_rows = sheet.rows
        self.cell_problems = {}
        self.row_problems = {}
        for problem in problems:
            self.row_problems.setdefault(problem.row, []).append(problem)
            if problem.column:
                column = column_index(problem.column)
                self.cell_problems.setdefault((problem.row, column), []).append(problem)
        numbers = range(match.data_start + 1, len(sheet.rows) + 1)
        self.row_numbers = [n for n in numbers if n in self.row_problems] if only_problems else list(numbers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.row_numbers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers) + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("行号")
        if section == 1:
            return self.tr("问题")
        return self.headers[section - 2]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = self.row_numbers[index.row()]
        column = index.column() - 2
        problems = self.row_problems.get(number, [])
        if index.column() == 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return "；".join((f"{p.header}：" if p.header else "") + p.message for p in problems)
            if role == Qt.ItemDataRole.BackgroundRole and problems:
                return ERROR_BRUSH if any(p.is_error for p in problems) else WARNING_BRUSH
            return None
        if index.column() == 0:
            return number if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.sheet_rows[number - 1]
            value = row[column] if column < len(row) else ""
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return "" if value is None else str(value)
        here = self.cell_problems.get((number, column), [])
        if role == Qt.ItemDataRole.BackgroundRole and here:
            return ERROR_BRUSH if any(p.is_error for p in here) else WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and here:
            return "\n".join(p.message for p in here)
        return None


class ImportWizard(QDialog):
    imported = Signal()

    def __init__(self, ctx: AppContext, kind: str = "roster", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.preview: Any = None
        self.task: Task | None = None
        self._mapping_used: dict[str, int] = {}
        self.setObjectName("importWizard")
        title = {
            "roster": self.tr("导入花名册"),
            "ledger": self.tr("导入机构编制台账"),
            "removals": self.tr("从名单起草出编事项"),
            "hires": self.tr("从名单起草入编事项"),
        }[kind]
        self.setWindowTitle(title)
        self.resize(1100, 680)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setObjectName("nextButton")
        self.report_button = QPushButton(self.tr("导出错误报告…"))
        self.report_button.setObjectName("errorReportButton")
        self.import_button = QPushButton(
            {"removals": self.tr("起草出编事项"), "hires": self.tr("起草入编事项")}.get(
                kind, self.tr("全部导入")
            )
        )
        self.import_button.setObjectName("importButton")
        cancel = QPushButton(self.tr("关闭"))
        cancel.setObjectName("closeButton")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.report_button.clicked.connect(self.save_error_report)
        self.import_button.clicked.connect(self.import_all)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.report_button, self.next_button, self.import_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show(0)

    # -- pages ------------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if self.kind == "removals":
            what = self.tr(
                "选择人员名单工作簿（如退休人员名单、调出人员名单）：每行姓名、身份证号、出编时间（退休时间），"
                "可有单位和出编原因列。每行按出编事项的规则检查（须在编、姓名一致、出编时间不早于入编时间），"
                "全部无误后起草为一个出编事项，再按流程审核、批准。"
            )
            intro = QLabel(what)
            intro.setWordWrap(True)
            return self._file_page_with(page, layout, intro)
        if self.kind == "hires":
            intro = QLabel(
                self.tr(
                    "选择新进人员名单工作簿（如当年招聘的教师）：每行姓名、身份证号、单位、编制类型、入编（报到）时间，"
                    "可有用编计划文号、内设机构、岗位、退休类别等列。每行按入编事项的规则检查（身份证号有效、"
                    "未在编、单位和编制类型、用编计划），全部无误后按单位、编制类型、入编时间和用编计划起草入编事项"
                    "（同一用编计划为一个事项），再按流程审核、批准。"
                )
            )
            intro.setWordWrap(True)
            return self._file_page_with(page, layout, intro)
        what = (
            self.tr(
                "选择实名制花名册工作簿。表头可以在标题行下面、可以有合并单元格或分两行；列名按常用写法自动识别"
                "（姓名、公民身份号码/身份证号、单位/所在单位、编制类型/编制类别、入编时间/进编时间、入编文号……），"
                "省实名制系统的人员信息表可直接导入；每个单位一个工作表时，单位从表的标题中读取。\n"
                "表中没有的，能由其他数据确定的会自动填写并逐行说明（如女性原法定退休年龄类别、“事业编制”的经费形式、"
                "出生年月只到月）；没有入编文号的行按本批依据登记，预览时可修改。"
            )
            if self.kind == "roster"
            else self.tr(
                "选择机构编制台账工作簿：机构、内设机构、编制台账、领导职数台账各一个工作表（按表头识别）；"
                "或一张表每行一个机构（机构类别、规格、经费形式与编制类型、核定编制数、批准文号、批准日期并列，"
                "或行政编制、事业编制、工勤编制分列），机构和编制一起导入；也可每个单位一个工作表，单位写在标题中。"
                "小计、合计行和序号列自动跳过；已有的机构按全称、规范简称或加挂牌子对应，不重复新建。"
            )
        )
        intro = QLabel(
            what + "\n" + self.tr("导入前会逐行检查并显示全部问题；只有全部无误时才能导入，且一次全部写入。")
        )
        intro.setWordWrap(True)
        return self._file_page_with(page, layout, intro)

    def _file_page_with(self, page: QWidget, layout: QVBoxLayout, intro: QLabel) -> QWidget:
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setPlaceholderText(self.tr("工作簿路径（.xlsx .xls .et .ods）"))
        browse = QPushButton(self.tr("浏览…"))
        browse.setObjectName("browseButton")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.mapping_intro = QLabel()
        self.mapping_intro.setObjectName("mappingIntro")
        self.mapping_intro.setWordWrap(True)
        form = QFormLayout()
        self.mapping_boxes: dict[str, QComboBox] = {}
        for spec in ROSTER_FIELDS:
            box = QComboBox()
            box.setObjectName(f"map_{spec.key}")
            self.mapping_boxes[spec.key] = box
            note = "（必填）" if spec.required else ""
            if spec.key == "start_on":
                note = "（必填，空时可用进入时间或参加工作时间）"
            elif spec.key == "document_number":
                note = "（空时按本批依据登记）"
            form.addRow(spec.header + note + "：", box)
        layout.addWidget(self.mapping_intro)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.only_problems = QCheckBox(self.tr("只显示有问题的行"))
        self.only_problems.setObjectName("onlyProblems")
        self.only_problems.toggled.connect(lambda _on: self._fill_table())
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._fill_table())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.sheet_combo)
        top.addWidget(self.only_problems)
        # the problems by kind with their counts: errors, then the assumptions the import made
        self.groups = QListWidget()
        self.groups.setObjectName("problemGroups")
        self.groups.setMaximumHeight(150)
        self.groups.setWordWrap(True)
        self.groups.setToolTip(self.tr("双击一类问题，表格只显示这些行"))
        self.groups.itemDoubleClicked.connect(self._show_group)
        middle = QHBoxLayout()
        middle.addWidget(self.groups, 3)
        if self.kind == "roster":
            middle.addWidget(self._choices_box(), 2)
        elif self.kind == "removals":
            middle.addWidget(self._reason_box(), 2)
        self.model = ProblemRowsModel(self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.group_rows: set[int] | None = None
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.table, 1)
        return page

    def _choices_box(self) -> QGroupBox:
        """The questions asked once for the whole batch (roster only)."""
        box = QGroupBox(self.tr("本批设定（对所有行有效）"))
        box.setObjectName("batchChoices")
        form = QFormLayout(box)
        self.basis_edit = QLineEdit(default_basis_title())
        self.basis_edit.setObjectName("basisEdit")
        self.basis_edit.setToolTip(self.tr("没有入编文号的行，以此作为入编依据登记，并在台账明细中显示"))
        self.retirement_combo = QComboBox()
        self.retirement_combo.setObjectName("retirementCombo")
        self.retirement_combo.addItem(self.tr("按编制类型（工勤编制原50岁，其他原55岁）"), None)
        self.retirement_combo.addItem(
            self.tr("一律原55岁（干部/管理岗位）"), RetirementCategory.FEMALE_55.value
        )
        self.retirement_combo.addItem(self.tr("一律原50岁（工人岗位）"), RetirementCategory.FEMALE_50.value)
        self.division_combo = QComboBox()
        self.division_combo.setObjectName("divisionCombo")
        self.division_combo.addItem(self.tr("导入时新建"), True)
        self.division_combo.addItem(self.tr("不新建，内设机构留空"), False)
        self.funding_combo = QComboBox()
        self.funding_combo.setObjectName("fundingCombo")
        self.funding_combo.addItem(self.tr("报错（请在表中注明）"), None)
        for funding in Funding:
            self.funding_combo.addItem(self.tr("按{0}").format(funding.label), funding.value)
        self.recheck_button = QPushButton(self.tr("按此设定重新检查"))
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.clicked.connect(self.recheck)
        form.addRow(self.tr("无入编文号时的依据："), self.basis_edit)
        form.addRow(self.tr("女性未填退休类别时："), self.retirement_combo)
        form.addRow(self.tr("单位尚无的内设机构："), self.division_combo)
        form.addRow(self.tr("“事业编制”不能确定经费形式时："), self.funding_combo)
        form.addRow("", self.recheck_button)
        return box

    def _reason_box(self) -> QGroupBox:
        """The batch's 出编原因, for lines without one (removals only)."""
        box = QGroupBox(self.tr("本批设定（对所有行有效）"))
        box.setObjectName("batchChoices")
        form = QFormLayout(box)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reasonCombo")
        for reason in RemovalReason:
            if reason != RemovalReason.TRANSFERRED_IN_COUNTY:
                self.reason_combo.addItem(reason.label, reason.value)
        self.recheck_button = QPushButton(self.tr("按此设定重新检查"))
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.clicked.connect(self.recheck)
        form.addRow(self.tr("未填出编原因时："), self.reason_combo)
        form.addRow("", self.recheck_button)
        return box

    def batch_choices(self) -> BatchChoices:
        if self.kind != "roster":
            return BatchChoices()
        return BatchChoices(
            basis_title=self.basis_edit.text().strip(),
            female_retirement=RetirementCategory(code)
            if (code := self.retirement_combo.currentData())
            else None,
            create_divisions=bool(self.division_combo.currentData()),
            pi_funding=Funding(code) if (code := self.funding_combo.currentData()) else None,
        )

    def recheck(self) -> None:
        """Read and check again with the batch's answers as they now stand (the mapping is kept)."""
        self._start_preview(self._mapping_used or None)

    def _show_group(self, item: QListWidgetItem) -> None:
        rows = item.data(Qt.ItemDataRole.UserRole)
        self.group_rows = None if rows is None or self.group_rows == set(rows) else set(rows)
        self._fill_table()

    def _show(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < 2)
        self.report_button.setVisible(index == 2)
        self.import_button.setVisible(index == 2)
        if index == 2 and self.preview is not None:
            self.report_button.setEnabled(bool(self.preview.problems))
            self.import_button.setEnabled(self.preview.ok)

    # -- steps ------------------------------------------------------------------------------------
    def browse(self) -> None:
        from bianzhi_desktop.gui.excel_actions import ask_open_file

        path = ask_open_file(self, self.windowTitle())
        if path:
            self.path_edit.setText(path)

    def go_back(self) -> None:
        self._show(1 if self.pages.currentIndex() == 2 and self._has_mapping() else 0)

    def _has_mapping(self) -> bool:
        return self.kind == "roster" and self.preview is not None and bool(self._mapping_used)

    def go_next(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            QMessageBox.warning(self, self.windowTitle(), self.tr("请先选择要导入的工作簿。"))
            return
        mapping = self._mapping() if self.pages.currentIndex() == 1 else None
        self._mapping_used = mapping or {}
        self._start_preview(mapping)

    def _start_preview(self, mapping: dict[str, int] | None) -> None:
        path = self.path_edit.text().strip()
        ctx, kind = self.ctx, self.kind
        choices = self.batch_choices()
        reason = RemovalReason(self.reason_combo.currentData()) if kind == "removals" else None

        def work(progress, _cancelled):  # type: ignore[no-untyped-def]
            progress(0, 1, self.tr("读取工作簿"))
            with ctx.read() as uow:
                if kind == "removals":
                    return exchange.preview_removals(uow, ctx.actor, path, reason=reason)  # type: ignore[arg-type]
                if kind == "hires":
                    return exchange.preview_hires(uow, ctx.actor, path)
                if kind == "roster":
                    return exchange.preview_roster(
                        uow, ctx.actor, path, mapping=mapping, progress=progress, choices=choices
                    )
                return exchange.preview_ledger(uow, ctx.actor, path)

        self.task = run_task(
            self,
            self.tr("读取并检查"),
            work,
            self._previewed,
            lambda error: show_error(self, self.windowTitle(), error),
            label=self.tr("正在读取并逐行检查 {0} ……").format(Path(path).name),
        )

    def _mapping(self) -> dict[str, int]:
        return {
            key: box.currentData() for key, box in self.mapping_boxes.items() if box.currentData() is not None
        }

    def _previewed(self, preview: Any) -> None:
        self.preview = preview
        if self.kind == "roster" and preview.needs_mapping:
            self._offer_mapping(preview)
            return
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in self._sheets():
            self.sheet_combo.addItem(name)
        self.sheet_combo.setVisible(self.sheet_combo.count() > 1)
        self.sheet_combo.blockSignals(False)
        errors, warnings = len(preview.errors), len(preview.warnings)
        if errors:
            text = self.tr(
                "共{0}行：{1}处错误（红色），{2}处提醒（黄色）。请改正错误后重新导入；可导出错误报告对照修改。"
            )
        elif preview.ok and self.kind == "removals":
            text = self.tr("共{0}行，全部通过检查（{2}处提醒，黄色）。点“起草出编事项”起草为一个出编事项。")
        elif preview.ok and self.kind == "hires":
            text = self.tr("共{0}行，全部通过检查（{2}处提醒，黄色）。点“起草入编事项”起草，共{3}个事项。")
        elif preview.ok:
            text = self.tr("共{0}行，全部通过检查（{2}处提醒，黄色）。点“全部导入”一次写入。")
        else:
            text = self.tr("共{0}行，没有可导入的数据。")
        self.summary.setText(text.format(preview.rows, errors, warnings, len(getattr(preview, "groups", ()))))
        self.summary.setStyleSheet("color: #C0392B;" if errors else "")
        self._fill_groups()
        self.only_problems.setChecked(bool(preview.problems) and preview.rows > 200)
        self._fill_table()
        self._show(2)

    def _fill_groups(self) -> None:
        self.groups.clear()
        self.group_rows = None
        found = group_problems(self.preview.problems)
        several = len({p.sheet for p in self.preview.problems}) > 1
        for group in found:
            label = self.tr("错误") if group.is_error else self.tr("提醒")
            item = QListWidgetItem(f"【{label}】{group.line(several)}")
            item.setBackground(ERROR_BRUSH if group.is_error else WARNING_BRUSH)
            item.setToolTip(group.text)
            item.setData(Qt.ItemDataRole.UserRole, group.rows)
            self.groups.addItem(item)
        if not found:
            self.groups.addItem(self.tr("没有发现问题，也没有需要推断的内容。"))

    def _sheet_matches(self) -> list[Any]:
        if self.kind != "ledger":  # one sheet, or (roster) one sheet per unit read as one roster
            return getattr(self.preview, "parts", None) or [(self.preview.sheet, self.preview.match)]
        return list(self.preview.sheets.values())

    def _sheets(self) -> list[str]:
        return [sheet.sheet_name for sheet, _match in self._sheet_matches()]

    def _current_sheet(self):  # type: ignore[no-untyped-def]
        name = self.sheet_combo.currentText()
        found = self._sheet_matches()
        for sheet, match in found:
            if sheet.sheet_name == name:
                return sheet, match
        return found[0] if found else (None, None)

    def _fill_table(self) -> None:
        if self.preview is None:
            return
        sheet, match = self._current_sheet()
        if sheet is None:
            return
        problems = [p for p in self.preview.problems if p.sheet in ("", sheet.sheet_name)]
        if self.group_rows is not None:  # one kind of problem picked in the list: only its rows
            problems = [p for p in problems if p.row in self.group_rows]
        self.model.set_preview(
            sheet, match, problems, self.only_problems.isChecked() or self.group_rows is not None
        )
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.table.setColumnWidth(1, 320)

    def _offer_mapping(self, preview: exchange.RosterPreview) -> None:
        missing = "、".join(spec.header for spec in preview.match.missing)
        self.mapping_intro.setText(
            self.tr("工作表“{0}”中找不到这些列：{1}。请为每个字段选择对应的列（表头在第{2}行）。").format(
                preview.sheet.sheet_name, missing, preview.match.header_row + 1
            )
        )
        choices = [(f"{column_letter(i)}列 {h}", i) for i, h in enumerate(preview.match.headers)]
        for key, box in self.mapping_boxes.items():
            box.clear()
            box.addItem(self.tr("（无）"), None)
            for text, index in choices:
                box.addItem(text, index)
            current = preview.match.columns.get(key)
            box.setCurrentIndex(0 if current is None else current + 1)
        self._show(1)

    def save_error_report(self) -> None:
        from bianzhi_desktop.gui.excel_actions import ask_save_file

        sheet, match = self._current_sheet()
        stem = Path(self.preview.file_name).stem
        path = ask_save_file(self, self.tr("导出错误报告"), self.tr("{0}-错误报告.xlsx").format(stem))
        if not path:
            return
        problems = [p for p in self.preview.problems if p.sheet in ("", sheet.sheet_name)]
        try:
            exchange.write_error_report(path, sheet, match, problems)
        except Exception as error:
            show_error(self, self.tr("导出错误报告"), error)
            return
        self.report_path = path
        QMessageBox.information(self, self.tr("导出错误报告"), self.tr("错误报告已保存：\n{0}").format(path))

    def import_all(self) -> None:
        preview, ctx, kind = self.preview, self.ctx, self.kind
        if preview is None or not preview.ok:
            return

        def work(progress, _cancelled):  # type: ignore[no-untyped-def]
            with ctx.write() as uow:
                if kind == "hires":
                    ids = exchange.draft_hires(uow, ctx.actor, preview)
                    text = self.tr("已起草入编事项{0}个（{1}人），请在“事项”页提交审核。").format(
                        len(ids), preview.hires
                    )
                elif kind == "removals":
                    matter_id = exchange.draft_removals(uow, ctx.actor, preview)
                    text = self.tr("已起草出编事项（第{0}号草稿，{1}人），请在“事项”页提交审核。").format(
                        matter_id, len(preview.removals)
                    )
                elif kind == "roster":
                    result = exchange.commit_roster(uow, ctx.actor, preview, progress=progress)
                    text = self.tr("已导入{0}人。").format(result.persons)
                else:
                    counts = exchange.commit_ledger(uow, ctx.actor, preview, progress=progress)
                    text = self.tr(
                        "已导入：新建机构{0}个，内设机构{1}个，编制台账{2}条，领导职数台账{3}条。"
                    ).format(*counts)
                progress(1, 1, self.tr("提交"))
                uow.commit()
            return text

        self.import_button.setEnabled(False)
        self.task = run_task(
            self,
            self.tr("导入"),
            work,
            self._imported,
            self._failed,
            label=self.tr("正在写入（全部成功或全部不写入）……"),
            on_cancelled=lambda: self.import_button.setEnabled(True),
        )

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        show_error(self, self.windowTitle(), error)

    def _imported(self, text: str) -> None:
        self.result_text = text
        self.imported.emit()
        box = QMessageBox(
            QMessageBox.Icon.Information, self.windowTitle(), text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("importDoneBox")
        box.finished.connect(lambda _r: self.accept())
        box.open()
        self.done_box = box
