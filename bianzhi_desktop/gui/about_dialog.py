"""帮助 → 关于: what a support request needs, with a button that copies it.

Shows the version, where the database is and its schema revision (against the newest this program
knows), the fonts in use (the window's, and the paperwork's per role, saying where a stand-in replaces
an official font), the settings file and the log folder, Qt/PySide6, Python and the operating system.
"""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop import __version__
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.persistence import migrate


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


def support_facts(ctx: AppContext, settings_path: str) -> list[tuple[str, str]]:
    """(label, value) lines for the dialog and the clipboard."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from bianzhi_desktop.documents.pdf.fonts import font_report
    from bianzhi_desktop.gui.crashlog import log_dir

    head = migrate.head_revision()
    revision = migrate.current_revision(ctx.db.engine) or _tr("（无）")
    schema = revision if revision == head else _tr("{0}（本程序最新为 {1}）").format(revision, head)
    app = QApplication.instance()
    window_font = app.font().family() if isinstance(app, QApplication) else ""
    try:
        paper_fonts = "；".join(font_report())
    except (OSError, ValueError) as error:  # a missing bundled font: say so instead of failing
        paper_fonts = _tr("无法读取字体：{0}").format(error)
    frozen = _tr("（安装版）") if getattr(sys, "frozen", False) else _tr("（源代码运行）")
    return [
        (_tr("版本"), f"{__version__} {frozen}"),
        (_tr("数据库"), ctx.db.location),
        (_tr("数据库结构版本"), schema),
        (_tr("当前用户"), f"{ctx.actor.display_name}（{ctx.actor.username}）"),
        (_tr("界面字体"), window_font),
        (_tr("文书字体"), paper_fonts),
        (_tr("设置文件"), settings_path),
        (_tr("日志文件夹"), str(log_dir())),
        ("Qt / PySide6", f"{qVersion()} / {pyside_version}"),
        ("Python", platform.python_version()),
        (_tr("操作系统"), platform.platform()),
    ]


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, settings_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_tr("关于机构编制管理"))
        self.facts = support_facts(ctx, settings_path)
        title = QLabel(_tr("<h3>机构编制管理 {0}</h3>").format(__version__))
        blurb = QLabel(_tr("县委编办的机构、编制、领导职数和实名制人员管理程序。"))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in self.facts:
            shown = QLabel(value.replace("；", "\n"))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label + "：", shown)
            self.values[label] = shown
        self.copy_button = QPushButton(_tr("复制以上信息"))
        self.copy_button.setObjectName("copySupportInfo")
        self.copy_button.setToolTip(_tr("复制后可粘贴到给技术支持的邮件或消息中"))
        self.copy_button.clicked.connect(lambda _checked=False: self.copy())
        self.copied = QLabel()
        self.copied.setObjectName("copiedNote")
        close = QPushButton(_tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(640, self.sizeHint().height())

    def support_text(self) -> str:
        return "机构编制管理 — 技术支持信息\n" + "\n".join(f"{label}：{value}" for label, value in self.facts)

    def copy(self) -> str:
        text = self.support_text()
        QApplication.clipboard().setText(text)
        self.copied.setText(_tr("已复制到剪贴板。"))
        return text
