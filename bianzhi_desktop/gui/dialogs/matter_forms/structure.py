"""Guided forms for a unit's structure: 机构整合组建 (units merged into an existing or a new unit, their
quotas, divisions, hiring plans and people carried across), 内设机构调整 (divisions added, renamed,
abolished) and 三定规定 (the charter's duties as ordered items, with the divisions, quotas and leader
posts it rests on shown beside them)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import Funding, LeaderTier, Rank, UnitCategory, UnitSystem
from bianzhi_desktop.domain.units import funding_problem
from bianzhi_desktop.gui.dialogs.common import NOTE, combo_choice, select_data
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog
from bianzhi_desktop.gui.dialogs.matter_forms.institution import _deputy, split_names
from bianzhi_desktop.gui.dialogs.matter_forms.widgets import CheckList, LineTable
from bianzhi_desktop.services import ledger, matters, org

EXISTING, NEW = "existing", "new"


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def _duties_edit(form: MatterFormDialog) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName("dutiesEdit")
    edit.setPlaceholderText(form.tr("每行一项职责"))
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(90)
    return edit


class MergeUnitsForm(MatterFormDialog):
    KIND = m.MatterKind.UNIT_MERGE
    HINT = (
        "被整合机构的编制、内设机构、有效用编计划和在编人员全部转入整合后的机构，被整合机构随之撤销；"
        "整合后的机构按本事项印发三定规定。"
    )

    def build(self) -> None:
        self.sources = CheckList("sources", self.tr("输入单位名称筛选；勾选被整合的机构"), visible=5)
        with self.ctx.read() as uow:
            self.sources.fill([(u.name, u.id) for u in org.list_units(uow)])
        self.sources.list.itemChanged.connect(self.changed)
        self.wide_row(self.tr("被整合机构"), self.sources, "被整合机构")
        self.mode = self.row(self.tr("整合方式"), QComboBox())
        self.mode.setObjectName("modeCombo")
        self.mode.addItem(self.tr("并入现有机构"), EXISTING)
        self.mode.addItem(self.tr("新设机构（整合组建）"), NEW)
        self.target = self.row(self.tr("整合后机构"), self.unit_combo("targetCombo"), "整合后机构")
        self.name = self.row(self.tr("新机构名称"), self.line_edit("nameEdit", self.tr("全称")), "新机构名称")
        self.short = self.row(self.tr("规范简称"), self.line_edit("shortEdit", self.tr("选填")))
        self.category = self.row(self.tr("机构类别"), self.enum_combo("categoryCombo", UnitCategory))
        self.rank = self.row(self.tr("机构规格"), self.enum_combo("rankCombo", Rank))
        self.system = self.row(self.tr("所属系统"), self.enum_combo("systemCombo", UnitSystem))
        self.funding = self.row(
            self.tr("经费形式"),
            self.enum_combo("fundingCombo", Funding, blank=self.tr("（不适用）")),
            "经费形式",
        )
        self.effective = self.row(self.tr("生效日期"), self.date_edit("effectiveEdit"), "生效日期")
        self.duties = _duties_edit(self)
        self.row(self.tr("主要职责"), self.duties, "主要职责")
        self.heads = self.row(self.tr("增加单位正职"), self.spin("headsSpin", 0, 5, 0))
        self.deputies = self.row(self.tr("增加单位副职"), self.spin("deputiesSpin", 0, 10, 0))
        self.aliases = {"机构名称": "新机构名称", "职责": "主要职责", "机构": "整合后机构"}
        self.target.currentIndexChanged.connect(self.prefill_duties)
        self.mode.currentIndexChanged.connect(self.fit_height)
        self.source_ids: list[int] = []
        self.target_id: int | None = None
        self.effective_on: dt.date | None = None
        self._prefilled: tuple[str, ...] = ()

    def prefill_duties(self) -> None:
        """An existing target's duties in force start the new charter (the clerk edits them)."""
        target = combo_choice(self.target)
        if target is None or (_lines(self.duties) and _lines(self.duties) != self._prefilled):
            return
        with self.ctx.read() as uow:
            charter = org.charter_in_force(uow, target)
        self._prefilled = charter.duties if charter else ()
        self.duties.setPlainText("\n".join(self._prefilled))

    def check(self) -> None:
        new = self.mode.currentData() == NEW
        self.show_row(self.target, not new)
        for widget in (self.name, self.short, self.category, self.rank, self.system, self.funding):
            self.show_row(widget, new)
        self.source_ids = self.sources.checked()
        self.target_id = None if new else self.check_unit("整合后机构", self.target)
        if new:
            self.say("整合后机构", "")
        needed = 2 if new else 1
        if len(self.source_ids) < needed:
            self.say("被整合机构", self.tr("至少勾选{0}个机构").format(needed))
        elif self.target_id in self.source_ids:
            self.say("被整合机构", self.tr("被整合机构不能包含整合后的机构本身"))
        else:
            self.say("被整合机构", self.tr("已选{0}个").format(len(self.source_ids)), NOTE)
        if new:
            self.check_text("新机构名称", self.name)
            self.say(
                "经费形式", funding_problem(self.category.currentData(), self.funding.currentData()) or ""
            )
        else:
            self.say("新机构名称", "")
            self.say("经费形式", "")
        self.effective_on = self.check_day("生效日期", self.effective)
        count = len(_lines(self.duties))
        if count:
            self.say("主要职责", self.tr("共{0}项职责").format(count), NOTE)
        else:
            self.say("主要职责", self.tr("至少填写一项职责，每行一项"))

    def _rank(self) -> Rank:
        if self.mode.currentData() == NEW or self.target_id is None:
            return self.rank.currentData()
        with self.ctx.read() as uow:
            return org.get_unit(uow, self.target_id).rank

    def content(self) -> m.MergeUnits:
        assert self.effective_on is not None
        new = self.mode.currentData() == NEW
        rank = self._rank()
        posts = []
        if self.heads.value():
            posts.append(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, rank, self.heads.value()))
        if self.deputies.value():
            posts.append(m.LeaderPostDelta(LeaderTier.UNIT_DEPUTY, _deputy(rank), self.deputies.value()))
        spec = (
            m.UnitInput(
                name=self.name.text().strip(),
                category=self.category.currentData(),
                rank=self.rank.currentData(),
                system=self.system.currentData(),
                short_name=self.short.text().strip(),
                funding=self.funding.currentData(),
            )
            if new
            else None
        )
        return m.MergeUnits(
            source_unit_ids=tuple(self.source_ids),
            effective_on=self.effective_on,
            duties=_lines(self.duties),
            target_unit_id=self.target_id,
            new_unit=spec,
            leader_posts=tuple(posts),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        if not isinstance(content, m.MergeUnits):
            return False
        tiers = [p.tier for p in content.leader_posts]
        posts = len(set(tiers)) == len(tiers) and all(
            p.delta > 0 and p.tier in (LeaderTier.UNIT_HEAD, LeaderTier.UNIT_DEPUTY)
            for p in content.leader_posts
        )
        spec = content.new_unit
        plain = spec is None or (spec.supervisor_id is None and not spec.credit_code)
        return posts and plain and not content.charter_summary

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.MergeUnits)
        for unit_id in content.source_unit_ids:
            self.sources.set_checked(unit_id)
        spec = content.new_unit
        select_data(self.mode, NEW if spec else EXISTING)
        if spec is not None:
            self.name.setText(spec.name)
            self.short.setText(spec.short_name)
            for combo, value in (
                (self.category, spec.category),
                (self.rank, spec.rank),
                (self.system, spec.system),
                (self.funding, spec.funding),
            ):
                select_data(combo, value)
        else:
            select_data(self.target, content.target_unit_id)
        self.effective.setText(content.effective_on.isoformat())
        self.duties.setPlainText("\n".join(content.duties))
        by_tier = {p.tier: p.delta for p in content.leader_posts}
        self.heads.setValue(by_tier.get(LeaderTier.UNIT_HEAD, 0))
        self.deputies.setValue(by_tier.get(LeaderTier.UNIT_DEPUTY, 0))


class DivisionsForm(MatterFormDialog):
    KIND = m.MatterKind.DIVISIONS
    HINT = "在表中为内设机构填写新名称或勾选撤销（仍有在编人员的科室不能撤销），在下方增设新的内设机构。"

    def build(self) -> None:
        self.unit = self.row(self.tr("机构"), self.unit_combo("unitCombo"), "机构")
        self.table = LineTable(
            "divisionsTable",
            (self.tr("现有内设机构"), self.tr("在编"), self.tr("更名为"), self.tr("撤销")),
            stretch=2,
        )
        self.table.itemChanged.connect(self.changed)
        self.wide_row(self.tr("现有内设机构"), self.table, "现有内设机构")
        self.add = self.row(
            self.tr("增设内设机构"),
            self.line_edit("addEdit", self.tr("用顿号分隔，如：法规股、审批服务股")),
            "内设机构调整",
        )
        self.effective = self.row(self.tr("生效日期"), self.date_edit("effectiveEdit"), "生效日期")
        self.aliases = {"内设机构": "现有内设机构", "内设机构名称": "内设机构调整"}
        self.unit.currentIndexChanged.connect(self.reload)
        self.unit.editTextChanged.connect(self.reload)
        self.unit_id: int | None = None
        self.effective_on: dt.date | None = None
        self._rows_for: int | None = None
        self.rows: dict[int, int] = {}  # division id → row

    def reload(self) -> None:
        unit_id = combo_choice(self.unit)
        if unit_id == self._rows_for:
            return
        self._rows_for = unit_id
        found: list[org.DivisionInfo] = []
        staffed: Counter[str] = Counter()
        if unit_id is not None:
            with self.ctx.read() as uow:
                found = org.list_divisions(uow, unit_id)
                staffed = Counter(p.division for p in matters.people_on_quota(uow, unit_id))
        building, self._building = self._building, True
        self.table.blockSignals(True)
        self.table.setRowCount(len(found))
        self.rows = {}
        for row, division in enumerate(found):
            self.rows[division.id] = row
            self.table.set_text(row, 0, division.name, division.id)
            self.table.set_text(row, 1, str(staffed.get(division.name, 0)))
            self.table.item(row, 1).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("不更名留空"))
            edit.setFrame(False)
            self.watch(edit)
            self.table.setCellWidget(row, 2, edit)
            box = QTableWidgetItem(self.tr("撤销"))
            box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            box.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 3, box)
        self.table.fit()
        self.table.blockSignals(False)
        self._building = building

    def _rename(self, row: int) -> str:
        return self.table.cellWidget(row, 2).text().strip()

    def _abolished(self, row: int) -> bool:
        return self.table.item(row, 3).checkState() == Qt.CheckState.Checked

    def check(self) -> None:
        self.reload()
        self.unit_id = self.check_unit("机构", self.unit)
        problems = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0).text()
            if self._abolished(row) and self._rename(row):
                problems.append(self.tr("“{0}”不能既更名又撤销").format(name))
            if self._abolished(row) and self.table.item(row, 1).text() != "0":
                problems.append(self.tr("“{0}”仍有在编人员，不能撤销").format(name))
        if problems:
            self.say("现有内设机构", "；".join(problems))
        else:
            empty = self.unit_id is not None and not self.table.rowCount()
            self.say("现有内设机构", self.tr("该机构没有内设机构") if empty else "", NOTE)
        changes = split_names(self.add.text()) or any(
            self._rename(r) or self._abolished(r) for r in range(self.table.rowCount())
        )
        self.say("内设机构调整", "" if changes else self.tr("增设、更名、撤销至少填写一项"))
        self.effective_on = self.check_day("生效日期", self.effective)

    def content(self) -> m.DivisionsChange:
        assert self.unit_id is not None and self.effective_on is not None
        ids = [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())]
        return m.DivisionsChange(
            unit_id=self.unit_id,
            effective_on=self.effective_on,
            add=tuple(m.NewDivision(name) for name in split_names(self.add.text())),
            rename=tuple(
                m.DivisionRename(ids[r], self._rename(r)) for r in range(len(ids)) if self._rename(r)
            ),
            abolish=tuple(ids[r] for r in range(len(ids)) if self._abolished(r)),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        return isinstance(content, m.DivisionsChange) and not any(d.duties for d in content.add)

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.DivisionsChange)
        select_data(self.unit, content.unit_id)
        self.reload()
        for rename in content.rename:
            if rename.division_id in self.rows:
                self.table.cellWidget(self.rows[rename.division_id], 2).setText(rename.name)
        for division_id in content.abolish:
            if division_id in self.rows:
                self.table.item(self.rows[division_id], 3).setCheckState(Qt.CheckState.Checked)
        self.add.setText("、".join(d.name for d in content.add))
        self.effective.setText(content.effective_on.isoformat())


class DutyList(QWidget):
    """The charter's duties as numbered items: add, remove, move up and down, edit in place."""

    edited = Signal()

    def __init__(self, form: MatterFormDialog) -> None:
        super().__init__()
        self.setObjectName("duties")
        self.table = QTableWidget(0, 1)
        self.table.setObjectName("dutiesTable")
        self.table.setHorizontalHeaderLabels([form.tr("职责（双击修改；序号即印发顺序）")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setFixedHeight(190)
        buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("add", "新增一项"), ("remove", "删除"), ("up", "上移"), ("down", "下移")):
            button = QPushButton(form.tr(text))
            button.setObjectName(f"{key}DutyButton")
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        self.buttons["add"].clicked.connect(self.add)
        self.buttons["remove"].clicked.connect(self.remove)
        self.buttons["up"].clicked.connect(lambda: self.shift(-1))
        self.buttons["down"].clicked.connect(lambda: self.shift(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(self.edited)

    def set_items(self, duties: tuple[str, ...]) -> None:
        self.table.setRowCount(0)
        for text in duties:
            self._append(text)
        self.table.resizeRowsToContents()
        self.edited.emit()

    def _append(self, text: str) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        self.table.blockSignals(False)
        return row

    def items(self) -> tuple[str, ...]:
        cells = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return tuple(cell.text().strip() for cell in cells if cell is not None and cell.text().strip())

    def add(self) -> None:
        row = self._append("")
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def shift(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        self.table.blockSignals(True)
        upper, lower = self.table.takeItem(row, 0), self.table.takeItem(other, 0)
        self.table.setItem(row, 0, lower)
        self.table.setItem(other, 0, upper)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.table.setCurrentCell(other, 0)
        self.edited.emit()


class CharterForm(MatterFormDialog):
    KIND = m.MatterKind.CHARTER
    HINT = (
        "印发或修订三定规定：逐项列出主要职责（序号即印发顺序），新版本自施行日期起取代旧版本。"
        "内设机构、编制和领导职数如需调整，请另行起草相应事项。"
    )

    def build(self) -> None:
        self.unit = self.row(self.tr("机构"), self.unit_combo("unitCombo"), "机构")
        self.duties = DutyList(self)
        self.duties.edited.connect(self.changed)
        self.wide_row(self.tr("主要职责"), self.duties, "主要职责")
        self.summary = self.row(
            self.tr("修订说明"), self.line_edit("summaryEdit", self.tr("选填，如：根据机构改革方案修订"))
        )
        self.effective = self.row(self.tr("施行日期"), self.date_edit("effectiveEdit"), "施行日期")
        self.basis = QLabel()
        self.basis.setObjectName("basisLabel")
        self.basis.setWordWrap(True)
        self.basis.setTextFormat(Qt.TextFormat.PlainText)
        self.basis.setStyleSheet("color: #34495e;")
        self.row(self.tr("定机构、定编制"), self.basis)
        self.aliases = {"职责": "主要职责"}
        self.unit.currentIndexChanged.connect(self.reload)
        self.unit.editTextChanged.connect(self.reload)
        self.unit_id: int | None = None
        self.effective_on: dt.date | None = None
        self._loaded_for: int | None = None
        self._loaded: tuple[str, ...] = ()

    def reload(self) -> None:
        """The unit's charter in force starts the revision (unless the clerk has written their own),
        and its divisions, quotas and leader posts are shown beside it."""
        unit_id = combo_choice(self.unit)
        if unit_id == self._loaded_for:
            return
        self._loaded_for = unit_id
        if unit_id is None:
            self.basis.setText("")
            return
        with self.ctx.read() as uow:
            charter = org.charter_in_force(uow, unit_id)
            names = [d.name for d in org.list_divisions(uow, unit_id)]
            held = matters.approved_quotas(uow, unit_id)
            posts = [line for line in ledger.leader_posts(uow, unit_id) if line.figures.approved]
        duties = charter.duties if charter else ()
        if not self.duties.items() or self.duties.items() == self._loaded:
            building, self._building = self._building, True
            self.duties.set_items(duties)
            self._building = building
            self._loaded = duties
        current = (
            self.tr("现行三定规定：{0}（{1}起施行）").format(
                charter.document_number, charter.effective_on.isoformat()
            )
            if charter
            else self.tr("该机构尚无三定规定")
        )
        self.basis.setText(
            "\n".join(
                (
                    current,
                    self.tr("内设机构：{0}").format("、".join(names) or self.tr("无")),
                    self.tr("核定编制：{0}").format(
                        "，".join(f"{kind}{amount}名" for kind, amount in held) or self.tr("无")
                    ),
                    self.tr("领导职数：{0}").format(
                        "，".join(f"{p.tier.label}{p.figures.approved}名" for p in posts) or self.tr("无")
                    ),
                )
            )
        )

    def check(self) -> None:
        self.reload()
        self.unit_id = self.check_unit("机构", self.unit)
        count = len(self.duties.items())
        if count:
            self.say("主要职责", self.tr("共{0}项职责").format(count), NOTE)
        else:
            self.say("主要职责", self.tr("至少填写一项职责"))
        self.effective_on = self.check_day("施行日期", self.effective)

    def content(self) -> m.CharterChange:
        assert self.unit_id is not None and self.effective_on is not None
        return m.CharterChange(
            unit_id=self.unit_id,
            effective_on=self.effective_on,
            duties=self.duties.items(),
            summary=self.summary.text().strip(),
        )

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.CharterChange)
        select_data(self.unit, content.unit_id)
        self.reload()
        self.duties.set_items(content.duties)
        self.summary.setText(content.summary)
        self.effective.setText(content.effective_on.isoformat())
