"""Guided forms that move people between units: 撤销机构 (every person transferred, 转隶, or removed,
and every quota transferred, returned to the county pool or withdrawn, in the same matter) and
县内调动 (several people of one unit to another)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import RemovalReason
from bianzhi_desktop.gui.dialogs.common import NOTE, combo_choice, fill_combo, select_data
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog
from bianzhi_desktop.gui.dialogs.matter_forms.widgets import CheckList, LineTable, unit_cell_combo
from bianzhi_desktop.services import matters, org

MOVE, REMOVE = "move", "remove"  # what happens to a person of an abolished unit
TO_UNIT, TO_POOL, WITHDRAW = "unit", "pool", "withdraw"  # where an abolished unit's quota goes


def _unit_choices(form: MatterFormDialog) -> list[tuple[str, int]]:
    with form.ctx.read() as uow:
        return [(u.name, u.id) for u in org.list_units(uow)]


class AbolishUnitForm(MatterFormDialog):
    KIND = m.MatterKind.UNIT_ABOLISH
    HINT = (
        "撤销机构须在同一事项中把全部在编人员转隶（或出编），把全部核定编制划转、交回编制周转池或收回；"
        "领导职数随之收回，内设机构撤销，有效的用编计划作废。"
    )

    def build(self) -> None:
        self.choices = _unit_choices(self)
        self.unit = self.row(self.tr("撤销机构"), self.unit_combo("unitCombo"), "撤销机构")
        self.effective = self.row(self.tr("撤销日期"), self.date_edit("effectiveEdit"), "撤销日期")
        helper = QWidget()
        line = QHBoxLayout(helper)
        line.setContentsMargins(0, 0, 0, 0)
        self.default_target = unit_cell_combo(self.choices)
        self.default_target.setObjectName("defaultTargetCombo")
        self.apply_target = QPushButton(self.tr("设为全部人员和编制的接收单位"))
        self.apply_target.setObjectName("applyTargetButton")
        self.apply_target.clicked.connect(self.use_default_target)
        line.addWidget(self.default_target, 1)
        line.addWidget(self.apply_target)
        self.row(self.tr("接收单位"), helper)
        self.people = LineTable(
            "peopleTable",
            (self.tr("在编人员"), self.tr("去向"), self.tr("接收单位"), self.tr("出编原因")),
            stretch=0,
        )
        self.wide_row(self.tr("人员去向"), self.people, "人员去向")
        self.quotas = LineTable(
            "quotasTable",
            (self.tr("编制类型"), self.tr("核定"), self.tr("去向"), self.tr("接收单位")),
            stretch=3,
            visible=4,
        )
        self.wide_row(self.tr("编制去向"), self.quotas, "编制去向")
        self.aliases = {
            "机构": "撤销机构",
            "转隶人员": "人员去向",
            "出编人员": "人员去向",
            "编制去向": "编制去向",
            "编制数": "编制去向",
        }
        self.unit.currentIndexChanged.connect(self.reload)
        self.unit.editTextChanged.connect(self.reload)
        self.unit_id: int | None = None
        self.effective_on: dt.date | None = None
        self._rows_for: int | None = None
        self.person_rows: dict[int, int] = {}  # enrollment id → row
        self.quota_rows: dict[str, int] = {}  # kind name → row

    # -- the tables ------------------------------------------------------------------------------
    def _cell_combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        fill_combo(combo, items)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _target_combo(self) -> QComboBox:
        combo = unit_cell_combo(self.choices)
        self.watch(combo)
        return combo

    def reload(self) -> None:
        """One row per person on quota and per kind of quota held, for the chosen unit."""
        unit_id = combo_choice(self.unit)
        if unit_id == self._rows_for:
            return
        self._rows_for = unit_id
        people: list[matters.PersonOnQuota] = []
        held: list[tuple[str, int]] = []
        if unit_id is not None:
            with self.ctx.read() as uow:
                people = matters.people_on_quota(uow, unit_id)
                held = matters.approved_quotas(uow, unit_id)
        building, self._building = self._building, True  # no checks on half-made rows
        try:
            self._fill_rows(people, held)
        finally:
            self._building = building

    def _fill_rows(self, people: list[matters.PersonOnQuota], held: list[tuple[str, int]]) -> None:
        reasons = [(reason.label, reason.value) for reason in RemovalReason]
        self.people.setRowCount(len(people))
        self.person_rows = {}
        for row, person in enumerate(people):
            self.person_rows[person.enrollment_id] = row
            self.people.set_text(row, 0, person.label, person.enrollment_id)
            self.people.setCellWidget(
                row, 1, self._cell_combo([(self.tr("转隶"), MOVE), (self.tr("出编"), REMOVE)])
            )
            self.people.setCellWidget(row, 2, self._target_combo())
            reason = self._cell_combo(reasons)
            select_data(reason, RemovalReason.TRANSFERRED_OUT.value)
            reason.setEnabled(False)
            self.people.setCellWidget(row, 3, reason)
        self.people.fit()
        self.quotas.setRowCount(len(held))
        self.quota_rows = {}
        for row, (kind, amount) in enumerate(held):
            self.quota_rows[kind] = row
            self.quotas.set_text(row, 0, kind, kind)
            self.quotas.set_text(row, 1, str(amount), amount)
            self.quotas.item(row, 1).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.quotas.setCellWidget(
                row,
                2,
                self._cell_combo(
                    [
                        (self.tr("划入其他单位"), TO_UNIT),
                        (self.tr("交回编制周转池"), TO_POOL),
                        (self.tr("收回（核减）"), WITHDRAW),
                    ]
                ),
            )
            self.quotas.setCellWidget(row, 3, self._target_combo())
        self.quotas.fit()

    def use_default_target(self) -> None:
        """Every person to be transferred and every quota to be carried goes to the chosen unit."""
        target = combo_choice(self.default_target)
        if target is None:
            return
        self._building = True
        for table, column, mode_column, mode in ((self.people, 2, 1, MOVE), (self.quotas, 3, 2, TO_UNIT)):
            for row in range(table.rowCount()):
                if table.cellWidget(row, mode_column).currentData() == mode:
                    select_data(table.cellWidget(row, column), target)
        self._building = False
        self.changed()

    # -- checking --------------------------------------------------------------------------------
    def _target(self, table: LineTable, row: int, column: int) -> int | None:
        return combo_choice(table.cellWidget(row, column))

    def check(self) -> None:
        self.reload()
        self.unit_id = self.check_unit("撤销机构", self.unit)
        self.effective_on = self.check_day("撤销日期", self.effective)
        problems, moved, removed = [], 0, 0
        for row in range(self.people.rowCount()):
            name = self.people.item(row, 0).text().split("（")[0]
            mode = self.people.cellWidget(row, 1).currentData()
            self.people.cellWidget(row, 2).setEnabled(mode == MOVE)
            self.people.cellWidget(row, 3).setEnabled(mode == REMOVE)
            if mode == REMOVE:
                removed += 1
                continue
            moved += 1
            target = self._target(self.people, row, 2)
            if target is None:
                problems.append(self.tr("第{0}行（{1}）须选择接收单位").format(row + 1, name))
            elif target == self.unit_id:
                problems.append(self.tr("第{0}行（{1}）不能转隶到被撤销的机构本身").format(row + 1, name))
        if problems:
            self.say("人员去向", "；".join(problems[:3]) + ("……" if len(problems) > 3 else ""))
        elif self.people.rowCount():
            self.say(
                "人员去向",
                self.tr("共{0}人：转隶{1}人，出编{2}人").format(moved + removed, moved, removed),
                NOTE,
            )
        else:
            self.say("人员去向", self.tr("该机构没有在编人员") if self.unit_id else "", NOTE)
        problems = []
        for row in range(self.quotas.rowCount()):
            mode = self.quotas.cellWidget(row, 2).currentData()
            self.quotas.cellWidget(row, 3).setEnabled(mode == TO_UNIT)
            if mode != TO_UNIT:
                continue
            kind = self.quotas.item(row, 0).text()
            target = self._target(self.quotas, row, 3)
            if target is None:
                problems.append(self.tr("{0}须选择接收单位").format(kind))
            elif target == self.unit_id:
                problems.append(self.tr("{0}不能划入被撤销的机构本身").format(kind))
        if problems:
            self.say("编制去向", "；".join(problems))
        else:
            empty = self.tr("该机构没有核定编制") if self.unit_id else ""
            self.say("编制去向", "" if self.quotas.rowCount() else empty, NOTE)

    # -- the content -----------------------------------------------------------------------------
    def content(self) -> m.AbolishUnit:
        assert self.unit_id is not None and self.effective_on is not None
        transfers, removals, releases = [], [], []
        for row in range(self.people.rowCount()):
            enrollment_id = self.people.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if self.people.cellWidget(row, 1).currentData() == MOVE:
                transfers.append(m.Move(enrollment_id, self._target(self.people, row, 2)))  # type: ignore[arg-type]
            else:
                reason = RemovalReason(self.people.cellWidget(row, 3).currentData())
                removals.append(m.Removal(enrollment_id, self.effective_on, reason))
        for row in range(self.quotas.rowCount()):
            kind = self.quotas.item(row, 0).text()
            amount = self.quotas.item(row, 1).data(Qt.ItemDataRole.UserRole)
            mode = self.quotas.cellWidget(row, 2).currentData()
            releases.append(
                m.QuotaRelease(
                    kind,
                    amount,
                    to_unit_id=self._target(self.quotas, row, 3) if mode == TO_UNIT else None,
                    to_pool=mode == TO_POOL,
                )
            )
        return m.AbolishUnit(
            unit_id=self.unit_id,
            effective_on=self.effective_on,
            transfers=tuple(transfers),
            removals=tuple(removals),
            quotas=tuple(releases),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        if not isinstance(content, m.AbolishUnit):
            return False
        plain = all(not t.to_kind and t.division_id is None and not t.post_title for t in content.transfers)
        kinds = [q.kind for q in content.quotas]
        same_day = all(r.end_on == content.effective_on for r in content.removals)
        return plain and same_day and len(set(kinds)) == len(kinds)

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.AbolishUnit)
        select_data(self.unit, content.unit_id)
        self.reload()
        self.effective.setText(content.effective_on.isoformat())
        missing = 0
        for move in content.transfers:
            row = self.person_rows.get(move.enrollment_id)
            if row is None:
                missing += 1
                continue
            select_data(self.people.cellWidget(row, 1), MOVE)
            select_data(self.people.cellWidget(row, 2), move.to_unit_id)
        for removal in content.removals:
            row = self.person_rows.get(removal.enrollment_id)
            if row is None:
                missing += 1
                continue
            select_data(self.people.cellWidget(row, 1), REMOVE)
            select_data(self.people.cellWidget(row, 3), removal.reason.value)
        for release in content.quotas:
            row = self.quota_rows.get(release.kind)
            if row is None:
                continue
            mode = TO_POOL if release.to_pool else (TO_UNIT if release.to_unit_id else WITHDRAW)
            select_data(self.quotas.cellWidget(row, 2), mode)
            select_data(self.quotas.cellWidget(row, 3), release.to_unit_id)
        if missing:
            self.show_form_error(
                self.tr("草稿中有{0}人现已不在该机构在编，表中按现有人员列出，请核对后保存。").format(missing)
            )


class TransferForm(MatterFormDialog):
    KIND = m.MatterKind.TRANSFER
    HINT = "县内调动：原单位出编、调入单位同日入编，不使用用编计划，调入单位须有同类型空编。"

    def build(self) -> None:
        self.source = self.row(self.tr("调出单位"), self.unit_combo("sourceCombo"), "调出单位")
        self.people = CheckList("people", self.tr("输入姓名筛选；勾选要调动的人员"))
        self.people.list.itemChanged.connect(self.changed)
        self.wide_row(self.tr("调动人员"), self.people, "调动人员")
        self.target = self.row(self.tr("调入单位"), self.unit_combo("targetCombo"), "调入单位")
        self.kind = self.row(self.tr("调入后编制类型"), self.kind_combo("kindCombo"))
        self.kind.insertItem(0, self.tr("（与原编制类型相同）"), "")
        self.kind.setCurrentIndex(0)
        self.post = self.row(
            self.tr("调入后岗位"), self.line_edit("postEdit", self.tr("选填；不填沿用原岗位"))
        )
        self.effective = self.row(self.tr("调动日期"), self.date_edit("effectiveEdit"), "调动日期")
        self.aliases = {"机构": "调入单位", "内设机构": "调入单位"}
        self.source.currentIndexChanged.connect(self.reload)
        self.source.editTextChanged.connect(self.reload)
        self.source_id: int | None = None
        self.target_id: int | None = None
        self.effective_on: dt.date | None = None
        self._people_for: int | None = None

    def reload(self) -> None:
        unit_id = combo_choice(self.source)
        if unit_id == self._people_for:
            return
        self._people_for = unit_id
        people: list[matters.PersonOnQuota] = []
        if unit_id is not None:
            with self.ctx.read() as uow:
                people = matters.people_on_quota(uow, unit_id)
        self.people.fill([(p.label, p.enrollment_id) for p in people])

    def check(self) -> None:
        self.reload()
        self.source_id = self.check_unit("调出单位", self.source)
        chosen = self.people.checked()
        if self.source_id is not None and not self.people.items():
            self.say("调动人员", self.tr("该单位没有在编人员"))
        elif not chosen:
            self.say("调动人员", self.tr("至少勾选一人"))
        else:
            self.say("调动人员", self.tr("已选{0}人").format(len(chosen)), NOTE)
        self.target_id = self.check_unit("调入单位", self.target)
        if self.target_id is not None and self.target_id == self.source_id:
            self.say("调入单位", self.tr("调入单位不能是调出单位本身"))
        self.effective_on = self.check_day("调动日期", self.effective)

    def content(self) -> m.TransferRequest:
        assert self.target_id is not None and self.effective_on is not None
        kind = self.kind.currentData() or ""
        post = self.post.text().strip()
        return m.TransferRequest(
            effective_on=self.effective_on,
            moves=tuple(
                m.Move(enrollment_id, self.target_id, to_kind=kind, post_title=post)
                for enrollment_id in self.people.checked()
            ),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        if not isinstance(content, m.TransferRequest):
            return False
        shared = {(mv.to_unit_id, mv.to_kind, mv.post_title) for mv in content.moves}
        return len(shared) == 1 and all(mv.division_id is None for mv in content.moves)

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.TransferRequest)
        first = content.moves[0]
        with self.ctx.read() as uow:
            select_data(self.source, matters.enrollment_unit(uow, first.enrollment_id))
        self.reload()
        missing = sum(1 for mv in content.moves if not self.people.set_checked(mv.enrollment_id))
        select_data(self.target, first.to_unit_id)
        select_data(self.kind, first.to_kind)
        self.post.setText(first.post_title)
        self.effective.setText(content.effective_on.isoformat())
        if missing:
            self.show_form_error(
                self.tr("草稿中有{0}人现已不在调出单位在编（或不在同一单位），未列出，请核对后保存。").format(
                    missing
                )
            )
