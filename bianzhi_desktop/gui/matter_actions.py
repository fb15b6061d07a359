"""The main window's 事项 menu: 新建事项… (Ctrl+N, clerks) and 待我办理 (the matters page), also on the
toolbar. The hook in MainWindow._build_actions calls `install_matter_actions`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from bianzhi_desktop.domain.enums import Role

KEY = "matters"  # the PageSpec key of the matters page


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def new_matter(window: QMainWindow):  # type: ignore[no-untyped-def]
    """Show the matters page and ask which kind of matter to draft (returns the chooser)."""
    page = window.show_page(KEY)  # type: ignore[attr-defined]
    return page.new_matter() if page is not None else None


def install_matter_actions(window: QMainWindow, toolbar: QToolBar) -> QAction | None:
    """Add 事项 → 新建事项… before the help menu and on the toolbar; None when the page is not there."""
    if window.spec(KEY) is None:  # type: ignore[attr-defined]
        return None
    ctx = window.ctx  # type: ignore[attr-defined]
    action = QAction(_tr("新建事项…"), window)
    action.setObjectName("newMatterAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
    action.setToolTip(_tr("起草新的机构编制事项（Ctrl+N）"))
    action.setEnabled(ctx.actor.has(Role.CLERK))
    action.setVisible(ctx.actor.has(Role.CLERK))  # reviewers and approvers do not draft
    action.triggered.connect(lambda: new_matter(window))
    inbox = QAction(_tr("待我办理"), window)
    inbox.setObjectName("mattersInboxAction")
    inbox.triggered.connect(lambda: window.show_page(KEY))  # type: ignore[attr-defined]
    menu = window.menuBar().addMenu(_tr("事项(&M)"))
    menu.addActions([action, inbox])
    actions = window.menuBar().actions()
    if len(actions) >= 2:  # keep 帮助 last
        window.menuBar().insertMenu(actions[-2], menu)
    toolbar.addSeparator()
    toolbar.addAction(action)
    window.new_matter_action = action  # type: ignore[attr-defined]
    return action
