"""新增人员 / 修改人员信息: a person's particulars, checked against the ID number as the user types."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from bianzhi_desktop.domain.enums import Education, PoliticalStatus, RetirementCategory, Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import IdNumberInfo, parse_id_number
from bianzhi_desktop.domain.retirement import months_until_retirement, statutory_retirement_date
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import ERROR, OK, WARNING, FormDialog, fill_combo, select_data
from bianzhi_desktop.gui.forms.ui_person_form import Ui_PersonForm
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import register

# The 56 ethnic groups of China (GB 3304), most common in county registers first.
ETHNICITIES = (
    "汉族", "壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族",
    "藏族", "蒙古族", "侗族", "布依族", "瑶族", "白族", "朝鲜族", "哈尼族",
    "黎族", "哈萨克族", "傣族", "畲族", "傈僳族", "东乡族", "仡佬族", "拉祜族",
    "佤族", "水族", "纳西族", "羌族", "土族", "仫佬族", "锡伯族", "柯尔克孜族",
    "景颇族", "达斡尔族", "撒拉族", "布朗族", "毛南族", "塔吉克族", "普米族", "阿昌族",
    "怒族", "鄂温克族", "京族", "基诺族", "德昂族", "保安族", "俄罗斯族", "裕固族",
    "乌孜别克族", "门巴族", "鄂伦春族", "独龙族", "赫哲族", "高山族", "珞巴族", "塔塔尔族",
)  # fmt: skip


def retirement_text(birth: dt.date, category: RetirementCategory, today: dt.date | None = None) -> str:
    """“2031-05-12（还有68个月）” or “2024-03-01（已到龄3个月）”."""
    day = today or dt.date.today()
    retires = statutory_retirement_date(birth, category)
    months = months_until_retirement(birth, category, day)
    if retires <= day:
        left = f"已到龄{-months}个月" if months < 0 else "本月到龄"
    elif months <= 0:
        left = "本月到龄"
    else:
        left = f"还有{months}个月"
    return f"{retires.isoformat()}（{left}）"


class PersonDialog(FormDialog):
    """Create a person (person_id None) or edit one."""

    def __init__(self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Ui_PersonForm(), parent)
        self.person_id = person_id
        self.parsed: IdNumberInfo | None = None
        ui = self.ui
        self.setWindowTitle(self.tr("新增人员") if person_id is None else self.tr("修改人员信息"))
        self.field("姓名", ui.nameMessage, ui.nameEdit)
        self.field("身份证号", ui.idNumberMessage, ui.idNumberEdit)
        self.field("退休类别", ui.categoryMessage, ui.categoryCombo)
        fill_combo(ui.categoryCombo, [(c.label, c) for c in RetirementCategory], blank=self.tr("（请选择）"))
        ui.ethnicityCombo.addItems(ETHNICITIES)
        fill_combo(ui.educationCombo, [(e.label, e) for e in Education], blank=self.tr("（未填）"))
        fill_combo(ui.politicalCombo, [(p.label, p) for p in PoliticalStatus], blank=self.tr("（未填）"))
        if person_id is not None:
            self._load(person_id)
        ui.nameEdit.textChanged.connect(self.check_name)
        ui.idNumberEdit.textChanged.connect(self.check_id_number)
        ui.categoryCombo.currentIndexChanged.connect(self.check_category)
        self.check_id_number()

    def _load(self, person_id: int) -> None:
        with self.ctx.read() as uow:
            info = register.get_person(uow, person_id)
        ui = self.ui
        ui.nameEdit.setText(info.name)
        ui.idNumberEdit.setText(info.id_number)
        select_data(ui.categoryCombo, info.retirement_category)
        ui.ethnicityCombo.setCurrentText(info.ethnicity)
        select_data(ui.educationCombo, info.education)
        select_data(ui.politicalCombo, info.political_status)

    # -- checks as the user types ---------------------------------------------------------------------
    def check_name(self) -> None:
        if not self.ui.nameEdit.text().strip():
            self.say("姓名", self.tr("必填"))
            return
        try:
            register.clean_name(self.ui.nameEdit.text())
        except ValidationError as error:
            self.say("姓名", error.rule)
        else:
            self.say("姓名", "")

    def check_id_number(self) -> None:
        ui = self.ui
        text = ui.idNumberEdit.text()
        self.parsed = None
        if not text.strip():
            self.say("身份证号", self.tr("必填") if ui.nameEdit.text() else "", ERROR)
        else:
            try:
                self.parsed = parse_id_number(text)
            except ValidationError as error:
                self.say("身份证号", error.rule)
            else:
                self._id_number_ok(self.parsed)
        parsed = self.parsed
        ui.sexValue.setText(parsed.sex.label if parsed else "—")
        ui.birthValue.setText(parsed.birth_date.isoformat() if parsed else "—")
        male = parsed is not None and parsed.sex == Sex.MALE
        if male:
            select_data(ui.categoryCombo, RetirementCategory.MALE_60)
        elif parsed is not None and ui.categoryCombo.currentData() == RetirementCategory.MALE_60:
            ui.categoryCombo.setCurrentIndex(0)
        ui.categoryCombo.setEnabled(not male)
        self.check_category()

    def _id_number_ok(self, parsed: IdNumberInfo) -> None:
        with self.ctx.read() as uow:
            other = register.find_by_id_number(uow, parsed.number)
        if other is not None and other.id != self.person_id:
            self.say("身份证号", self.tr("已登记为“{0}”，同一人不能登记两次").format(other.name))
        elif parsed.warnings:
            self.say("身份证号", "；".join(parsed.warnings), WARNING)
        else:
            self.say(
                "身份证号",
                self.tr("有效：{0}，{1}出生").format(parsed.sex.label, parsed.birth_date.isoformat()),
                OK,
            )

    def check_category(self) -> None:
        ui = self.ui
        category = ui.categoryCombo.currentData()
        parsed = self.parsed
        if parsed is not None and parsed.sex == Sex.FEMALE and category is None:
            self.say("退休类别", self.tr("女性须选择原法定退休年龄类别（55岁或50岁）"))
        else:
            self.say("退休类别", "")
        if parsed is not None and category is not None:
            ui.retirementValue.setText(retirement_text(parsed.birth_date, category))
        else:
            ui.retirementValue.setText("—")

    def check(self) -> None:
        self.check_name()
        self.check_id_number()
        if not self.ui.idNumberEdit.text().strip():
            self.say("身份证号", self.tr("必填"))

    # -- saving ---------------------------------------------------------------------------------------
    def data(self) -> register.PersonInput:
        ui = self.ui
        return register.PersonInput(
            name=ui.nameEdit.text(),
            id_number=ui.idNumberEdit.text(),
            retirement_category=ui.categoryCombo.currentData(),
            ethnicity=ui.ethnicityCombo.currentText(),
            education=ui.educationCombo.currentData(),
            political_status=ui.politicalCombo.currentData(),
        )

    def save(self, uow: UnitOfWork) -> register.PersonInfo:
        if self.person_id is None:
            return register.create_person(uow, self.ctx.actor, self.data())
        return register.update_person(uow, self.ctx.actor, self.person_id, self.data())
