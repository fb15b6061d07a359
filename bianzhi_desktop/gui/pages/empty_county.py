"""The first page of a county with no units yet: 新建机构, 导入机构台账, 打开演示县.

The main window shows it instead of the overview while the county has no units, and leaves it as soon
as one exists. Each way in is the window's own action; one that the user may not take now is greyed,
with the reason written under it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.services import admin

NO_ROLE = "需要“经办”或“管理员”角色。"
CLOSED = "初始化录入已结束：新设机构请办理“设立机构”事项。"


class EmptyCountyPage(QWidget):
    new_unit_requested = Signal()
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("emptyCountyPage")
        with ctx.read() as uow:
            office = admin.office_settings(uow)
        title = QLabel(self.tr("{0}还没有机构").format(office.county_name))
        title.setObjectName("emptyTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "先录入全县的机构：逐个新建，或导入编办现有的机构编制台账（Excel）。"
                "然后为各机构登记三定规定、核定编制和在编人员，运行体检，最后在“系统”菜单中结束初始化录入。"
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #566573;")
        self.new_button = QCommandLinkButton(
            self.tr("新建机构"), self.tr("填写机构名称、类别、规格、所属系统和经费形式，逐个录入。")
        )
        self.new_button.setObjectName("emptyNewUnitButton")
        self.import_button = QCommandLinkButton(
            self.tr("导入机构台账…"),
            self.tr("从 Excel 导入机构、内设机构、核定编制和领导职数（先检查，全部无误才写入）。"),
        )
        self.import_button.setObjectName("emptyImportLedgerButton")
        self.demo_button = QCommandLinkButton(
            self.tr("打开演示县"),
            self.tr("打开虚构的“云溪县”熟悉程序和培训（另一个数据库文件，不影响本县数据）。"),
        )
        self.demo_button.setObjectName("emptyDemoButton")
        self.why = QLabel()
        self.why.setObjectName("emptyWhy")
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #9c640c;")
        self.new_button.clicked.connect(self.new_unit_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        column = QWidget()
        column.setMaximumWidth(640)
        layout = QVBoxLayout(column)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        for button in (self.new_button, self.import_button):
            layout.addWidget(button)
        layout.addWidget(self.why)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 48, 24, 24)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.read() as uow:
            initialisation = admin.office_settings(uow).initialisation
        editor = self.ctx.actor.has(Role.CLERK)
        why = "" if editor and initialisation else self.tr(NO_ROLE if not editor else CLOSED)
        for button in (self.new_button, self.import_button):
            button.setEnabled(not why)
        self.why.setText(why)
        self.why.setVisible(bool(why))
