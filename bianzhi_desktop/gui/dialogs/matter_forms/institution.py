"""Guided forms for institutions and quotas: 设立机构, 更名/调整规格/加挂牌子, 领导职数调整, 编制调整
(increase, reduce, transfer between units, to and from the county pool)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import Funding, LeaderTier, NameKind, Rank, UnitCategory, UnitSystem
from bianzhi_desktop.domain.units import funding_problem
from bianzhi_desktop.gui.dialogs.common import NOTE, select_data
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog


def split_names(text: str) -> tuple[str, ...]:
    """Names separated by 、，, ; or new lines."""
    for mark in "，,;；\n":
        text = text.replace(mark, "、")
    return tuple(part.strip() for part in text.split("、") if part.strip())


def _deputy(rank: Rank) -> Rank:
    order = list(Rank)
    index = order.index(rank)
    return order[index + 1] if rank is not Rank.UNRANKED and index + 1 < len(order) - 1 else rank


class CreateUnitForm(MatterFormDialog):
    KIND = m.MatterKind.UNIT_CREATE
    HINT = "设立机构同时印发其三定规定（主要职责、内设机构、编制和领导职数）；党政机构不得超出机构限额。"

    def build(self) -> None:
        self.name = self.row(self.tr("机构名称"), self.line_edit("nameEdit", self.tr("全称")), "机构名称")
        self.short = self.row(self.tr("规范简称"), self.line_edit("shortEdit", self.tr("选填")))
        self.category = self.row(self.tr("机构类别"), self.enum_combo("categoryCombo", UnitCategory))
        self.rank = self.row(self.tr("机构规格"), self.enum_combo("rankCombo", Rank))
        self.system = self.row(self.tr("所属系统"), self.enum_combo("systemCombo", UnitSystem))
        self.funding = self.row(
            self.tr("经费形式"),
            self.enum_combo("fundingCombo", Funding, blank=self.tr("（不适用）")),
            "经费形式",
        )
        self.effective = self.row(self.tr("设立日期"), self.date_edit("effectiveEdit"), "设立日期")
        self.duties = QPlainTextEdit()
        self.duties.setObjectName("dutiesEdit")
        self.duties.setPlaceholderText(self.tr("每行一项职责"))
        self.duties.setTabChangesFocus(True)
        self.duties.setFixedHeight(72)
        self.row(self.tr("主要职责"), self.duties, "主要职责")
        self.divisions = self.row(
            self.tr("内设机构"),
            self.line_edit("divisionsEdit", self.tr("选填，用顿号分隔，如：综合股、业务股")),
        )
        self.kind = self.row(self.tr("核定编制类型"), self.kind_combo("kindCombo"))
        self.amount = self.row(self.tr("核定编制数"), self.spin("amountSpin", 0, 9999, 0), "编制数")
        self.source = self.row(self.tr("编制来源"), QComboBox())
        self.source.setObjectName("sourceCombo")
        self.source.addItem(self.tr("上级核定（新增）"), False)
        self.source.addItem(self.tr("编制周转池调剂"), True)
        self.heads = self.row(self.tr("单位正职职数"), self.spin("headsSpin", 0, 5, 1))
        self.deputies = self.row(self.tr("单位副职职数"), self.spin("deputiesSpin", 0, 10, 2))
        self.aliases = {"编制数": "编制数", "职责": "主要职责"}
        self.effective_on: dt.date | None = None

    def check(self) -> None:
        self.check_text("机构名称", self.name)
        self.say("经费形式", funding_problem(self.category.currentData(), self.funding.currentData()) or "")
        self.effective_on = self.check_day("设立日期", self.effective)
        count = len([line for line in self.duties.toPlainText().splitlines() if line.strip()])
        if count:
            self.say("主要职责", self.tr("共{0}项职责").format(count), NOTE)
        else:
            self.say("主要职责", self.tr("至少填写一项职责，每行一项"))
        self.say("编制数", "" if self.amount.value() else self.tr("不核定编制（如议事协调机构）"), NOTE)

    def content(self) -> m.CreateUnit:
        assert self.effective_on is not None
        rank = self.rank.currentData()
        posts = []
        if self.heads.value():
            posts.append(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, rank, self.heads.value()))
        if self.deputies.value():
            posts.append(m.LeaderPostDelta(LeaderTier.UNIT_DEPUTY, _deputy(rank), self.deputies.value()))
        grants = (
            (m.QuotaGrant(self.kind.currentData(), self.amount.value(), from_pool=self.source.currentData()),)
            if self.amount.value()
            else ()
        )
        return m.CreateUnit(
            unit=m.UnitInput(
                name=self.name.text().strip(),
                category=self.category.currentData(),
                rank=rank,
                system=self.system.currentData(),
                short_name=self.short.text().strip(),
                funding=self.funding.currentData(),
            ),
            effective_on=self.effective_on,
            duties=tuple(line.strip() for line in self.duties.toPlainText().splitlines() if line.strip()),
            divisions=tuple(m.NewDivision(name) for name in split_names(self.divisions.text())),
            quotas=grants,
            leader_posts=tuple(posts),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        if not isinstance(content, m.CreateUnit):
            return False
        tiers = [p.tier for p in content.leader_posts]
        simple_posts = len(set(tiers)) == len(tiers) and set(tiers) <= {
            LeaderTier.UNIT_HEAD,
            LeaderTier.UNIT_DEPUTY,
        }
        plain = all(q.from_unit_id is None for q in content.quotas) and not content.cap_document
        return (
            len(content.quotas) <= 1
            and simple_posts
            and plain
            and not any(d.duties for d in content.divisions)
        )

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.CreateUnit)
        spec = content.unit
        self.name.setText(spec.name)
        self.short.setText(spec.short_name)
        for combo, value in (
            (self.category, spec.category),
            (self.rank, spec.rank),
            (self.system, spec.system),
            (self.funding, spec.funding),
        ):
            select_data(combo, value)
        self.effective.setText(content.effective_on.isoformat())
        self.duties.setPlainText("\n".join(content.duties))
        self.divisions.setText("、".join(d.name for d in content.divisions))
        if content.quotas:
            grant = content.quotas[0]
            select_data(self.kind, grant.kind)
            self.amount.setValue(grant.amount)
            select_data(self.source, grant.from_pool)
        by_tier = {p.tier: p.delta for p in content.leader_posts}
        self.heads.setValue(by_tier.get(LeaderTier.UNIT_HEAD, 0))
        self.deputies.setValue(by_tier.get(LeaderTier.UNIT_DEPUTY, 0))


class AmendUnitForm(MatterFormDialog):
    KIND = m.MatterKind.UNIT_AMEND
    HINT = "更名、规范简称、调整规格或加挂牌子（合署办公），至少填写一项；原名称留在机构的历史中。"

    def build(self) -> None:
        self.unit = self.row(self.tr("机构"), self.unit_combo("unitCombo"), "机构")
        self.new_name = self.row(self.tr("新名称"), self.line_edit("newNameEdit", self.tr("不更名留空")))
        self.new_short = self.row(self.tr("新简称"), self.line_edit("newShortEdit", self.tr("不调整留空")))
        self.new_rank = self.row(
            self.tr("新规格"), self.enum_combo("newRankCombo", Rank, blank=self.tr("（不调整）")), "新规格"
        )
        self.plates = self.row(
            self.tr("加挂牌子"),
            self.line_edit("platesEdit", self.tr("不加挂留空；多个用顿号分隔")),
            "机构调整",
        )
        self.plate_kind = self.row(self.tr("牌子类型"), self.enum_combo("plateKindCombo", NameKind))
        self.effective = self.row(self.tr("生效日期"), self.date_edit("effectiveEdit"), "生效日期")
        self.unit_id: int | None = None
        self.effective_on: dt.date | None = None

    def check(self) -> None:
        self.unit_id = self.check_unit("机构", self.unit)
        self.say("新规格", "")
        changes = (
            self.new_name.text().strip()
            or self.new_short.text().strip()
            or self.new_rank.currentData()
            or split_names(self.plates.text())
        )
        self.say("机构调整", "" if changes else self.tr("新名称、新简称、新规格、加挂牌子至少填写一项"))
        self.effective_on = self.check_day("生效日期", self.effective)

    def content(self) -> m.AmendUnit:
        assert self.unit_id is not None and self.effective_on is not None
        return m.AmendUnit(
            unit_id=self.unit_id,
            effective_on=self.effective_on,
            new_name=self.new_name.text().strip(),
            new_short_name=self.new_short.text().strip(),
            new_rank=self.new_rank.currentData(),
            nameplates=split_names(self.plates.text()),
            nameplate_kind=self.plate_kind.currentData(),
        )

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.AmendUnit)
        select_data(self.unit, content.unit_id)
        self.new_name.setText(content.new_name)
        self.new_short.setText(content.new_short_name)
        select_data(self.new_rank, content.new_rank)
        self.plates.setText("、".join(content.nameplates))
        select_data(self.plate_kind, content.nameplate_kind)
        self.effective.setText(content.effective_on.isoformat())


class LeaderPostsForm(MatterFormDialog):
    KIND = m.MatterKind.LEADER_POSTS
    HINT = "增加或核减一个层级、一个职级的领导职数；核减后实配超出核定的，列为超职数待整改。"

    def build(self) -> None:
        self.unit = self.row(self.tr("机构"), self.unit_combo("unitCombo"), "机构")
        self.tier = self.row(self.tr("职数层级"), self.enum_combo("tierCombo", LeaderTier))
        self.rank = self.row(self.tr("职级"), self.enum_combo("rankCombo", Rank))
        self.delta = self.row(self.tr("增减数"), self.spin("deltaSpin", -20, 20, 1), "领导职数")
        self.delta.setToolTip(self.tr("正数为增加，负数为核减"))
        self.reason = self.row(self.tr("调整事由"), self.line_edit("reasonEdit"), "调整事由")
        self.effective = self.row(self.tr("生效日期"), self.date_edit("effectiveEdit"), "生效日期")
        self.unit_id: int | None = None
        self.effective_on: dt.date | None = None

    def check(self) -> None:
        self.unit_id = self.check_unit("机构", self.unit)
        self.say("领导职数", "" if self.delta.value() else self.tr("增减数不能为0"))
        self.check_text("调整事由", self.reason)
        self.effective_on = self.check_day("生效日期", self.effective)

    def content(self) -> m.LeaderPostsChange:
        assert self.unit_id is not None and self.effective_on is not None
        return m.LeaderPostsChange(
            unit_id=self.unit_id,
            effective_on=self.effective_on,
            changes=(
                m.LeaderPostDelta(self.tier.currentData(), self.rank.currentData(), self.delta.value()),
            ),
            reason=self.reason.text().strip(),
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        return isinstance(content, m.LeaderPostsChange) and len(content.changes) == 1

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.LeaderPostsChange)
        select_data(self.unit, content.unit_id)
        change = content.changes[0]
        select_data(self.tier, change.tier)
        select_data(self.rank, change.rank)
        self.delta.setValue(change.delta)
        self.reason.setText(content.reason)
        self.effective.setText(content.effective_on.isoformat())


# How a quota line moves: (label, needs a source unit, needs a target unit, from pool, to pool)
DIRECTIONS = (
    ("增加（上级核定）", False, True, False, False),
    ("核减（收回）", True, False, False, False),
    ("单位之间划转", True, True, False, False),
    ("从编制周转池调剂（周转编制）", False, True, True, False),
    ("收回编制周转池", True, False, False, True),
)


class QuotaChangeForm(MatterFormDialog):
    KIND = m.MatterKind.QUOTA_CHANGE
    HINT = "编制按类型分别调整，不同类型不得互相挤占；核减或划出的编制不能超过该单位的空编。"

    def build(self) -> None:
        self.direction = self.row(self.tr("调整方式"), QComboBox())
        self.direction.setObjectName("directionCombo")
        for index, (label, *_rest) in enumerate(DIRECTIONS):
            self.direction.addItem(self.tr(label), index)
        self.source = self.row(self.tr("调出单位"), self.unit_combo("sourceCombo"), "调出单位")
        self.target = self.row(self.tr("调入单位"), self.unit_combo("targetCombo"), "调入单位")
        self.kind = self.row(self.tr("编制类型"), self.kind_combo("kindCombo"), "编制类型")
        self.amount = self.row(self.tr("编制数"), self.spin("amountSpin", 1, 9999, 1), "编制数")
        self.due = self.row(
            self.tr("归还日期"), self.line_edit("dueEdit", self.tr("周转编制选填")), "归还日期"
        )
        self.reason = self.row(self.tr("调整事由"), self.line_edit("reasonEdit"), "调整事由")
        self.effective = self.row(self.tr("生效日期"), self.date_edit("effectiveEdit"), "生效日期")
        self.aliases = {"调出方": "调出单位", "调入方": "调入单位", "编制调整": "调入单位"}
        self.source_id: int | None = None
        self.target_id: int | None = None
        self.due_on: dt.date | None = None
        self.effective_on: dt.date | None = None

    def _mode(self) -> tuple[str, bool, bool, bool, bool]:
        return DIRECTIONS[self.direction.currentData()]

    def check(self) -> None:
        _label, needs_source, needs_target, from_pool, _to_pool = self._mode()
        self.source.setEnabled(needs_source)
        self.target.setEnabled(needs_target)
        self.due.setEnabled(from_pool)
        self.source_id = self.check_unit("调出单位", self.source) if needs_source else None
        self.target_id = self.check_unit("调入单位", self.target) if needs_target else None
        if not needs_source:
            self.say("调出单位", "")
        if not needs_target:
            self.say("调入单位", "")
        if self.source_id is not None and self.source_id == self.target_id:
            self.say("调入单位", self.tr("调出和调入不能是同一单位"))
        self.due_on = self.check_day("归还日期", self.due, required=False) if from_pool else None
        if not from_pool:
            self.say("归还日期", "")
        self.check_text("调整事由", self.reason)
        self.effective_on = self.check_day("生效日期", self.effective)

    def content(self) -> m.QuotaChange:
        assert self.effective_on is not None
        _label, _s, _t, from_pool, to_pool = self._mode()
        move = m.QuotaMove(
            kind=self.kind.currentData(),
            amount=self.amount.value(),
            from_unit_id=self.source_id,
            to_unit_id=self.target_id,
            from_pool=from_pool,
            to_pool=to_pool,
            due_on=self.due_on,
        )
        return m.QuotaChange(effective_on=self.effective_on, moves=(move,), reason=self.reason.text().strip())

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        return isinstance(content, m.QuotaChange) and len(content.moves) == 1

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.QuotaChange)
        move = content.moves[0]
        if move.from_pool:
            index = 3
        elif move.to_pool:
            index = 4
        elif move.from_unit_id is None:
            index = 0
        elif move.to_unit_id is None:
            index = 1
        else:
            index = 2
        select_data(self.direction, index)
        select_data(self.source, move.from_unit_id)
        select_data(self.target, move.to_unit_id)
        select_data(self.kind, move.kind)
        self.amount.setValue(move.amount)
        self.due.setText(move.due_on.isoformat() if move.due_on else "")
        self.reason.setText(content.reason)
        self.effective.setText(content.effective_on.isoformat())
