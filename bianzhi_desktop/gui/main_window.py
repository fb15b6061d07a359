"""The main window: the county's navigation tree on the left, pages on the right.

Pages are listed once, in `PAGES`; one line adds a page. A page is a QWidget built as `Page(ctx)` the
first time it is shown; a page whose module is not there is skipped, so the window never shows an
empty placeholder. What a page may offer the window (all optional):

- `show_unit(unit_id)` — on the page that opens a unit chosen in the tree (`PageSpec.opens_units`);
- `refresh()` — read its data again (视图 → 刷新, F5);
- `unit_requested = Signal(int)` — ask the window to open a unit's page;
- `category_requested = Signal(str)` — ask the tree to show one unit category only;
- `extra_views()` — `[(name, widget), …]` that `bianzhi --smoke-test` and `--screenshots` open and
  render after the page (windows and dialogs reached from it, e.g. a person's page).

`--smoke-test` and `--screenshots` visit every page in `MainWindow.specs`, so a page added here is
checked and rendered without further work.

The pages of this issue: 总览 (overview), 实名制 (register), the unit page, 操作日志 (audit log,
administrators only). Two pages come with their own issues, each as one more `PageSpec` line in `PAGES`
once its module exists, placed after 实名制 with the shortcuts Ctrl+3 and Ctrl+4:
staffing matters, 机构编制事项 (module `bianzhi_desktop.gui.pages.matters_inbox`, class `MattersPage`, with
its 事项 menu from `gui.matter_actions`), and
the health check, 体检 (module `bianzhi_desktop.gui.pages.health`, class `HealthPage`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role, UnitCategory
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.gui import excel_actions, matter_actions, print_actions
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.settings import Settings
from bianzhi_desktop.gui.signin import (
    DEMO_FILENAME,
    DEMO_PERSONS,
    SWITCH,
    NewCountyDialog,
    SignInDialog,
    ask_open_file,
    open_demo_county,
    try_open,
)
from bianzhi_desktop.gui.tasks import run_task, show_error
from bianzhi_desktop.persistence.database import default_database_path
from bianzhi_desktop.services import admin, county, ledger

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # source text, translated in the "MainWindow" context
    module: str
    class_name: str
    shortcut: str = ""
    icon: SP | None = None
    roles: frozenset[Role] = frozenset()  # empty: everyone
    in_menu: bool = True  # False: reached from the tree only
    opens_units: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "总览",
        "bianzhi_desktop.gui.pages.overview",
        "OverviewPage",
        "Ctrl+1",
        SP.SP_FileDialogInfoView,
    ),
    PageSpec(
        "register",
        "实名制",
        "bianzhi_desktop.gui.pages.register",
        "RegisterPage",
        "Ctrl+2",
        SP.SP_FileDialogDetailedView,
    ),
    PageSpec(
        "matters",
        "机构编制事项",
        "bianzhi_desktop.gui.pages.matters_inbox",
        "MattersPage",
        "Ctrl+3",
        SP.SP_FileDialogListView,
    ),
    PageSpec(
        "health",
        "体检",
        "bianzhi_desktop.gui.pages.health",
        "HealthPage",
        "Ctrl+4",
        SP.SP_MessageBoxWarning,
    ),
    PageSpec("unit", "机构", "bianzhi_desktop.gui.pages.unit", "UnitPage", in_menu=False, opens_units=True),
    PageSpec(
        "audit",
        "操作日志",
        "bianzhi_desktop.gui.pages.audit",
        "AuditPage",
        "Ctrl+9",
        SP.SP_FileDialogContentsView,
        roles=frozenset({Role.ADMIN}),
    ),
)


def available_pages(ctx: AppContext, pages: tuple[PageSpec, ...] = PAGES) -> list[PageSpec]:
    """The pages whose module exists and whose roles the signed-in user has."""
    found = []
    for spec in pages:
        if spec.roles and not any(ctx.actor.has(role) for role in spec.roles):
            continue
        if importlib.util.find_spec(spec.module) is None:
            continue
        found.append(spec)
    return found


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# -- navigation tree ------------------------------------------------------------------------------
UNIT_ID = Qt.ItemDataRole.UserRole + 1
DIVISION_ID = Qt.ItemDataRole.UserRole + 2
CATEGORY = Qt.ItemDataRole.UserRole + 3


class UnitTreeModel(QStandardItemModel):
    """Categories → units → divisions, built from `services.overview.navigation`."""

    def __init__(self, units: list[ledger.NavUnit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = units
        self.by_id = {unit.id: unit for unit in units}
        root = self.invisibleRootItem()
        by_category: dict[UnitCategory, list[ledger.NavUnit]] = {}
        for unit in units:
            by_category.setdefault(unit.category, []).append(unit)
        for category, members in by_category.items():
            group = QStandardItem(f"{category.label}（{len(members)}）")
            group.setData(category.value, CATEGORY)
            group.setEditable(False)
            for unit in members:
                item = QStandardItem(unit.name)
                item.setEditable(False)
                item.setData(unit.id, UNIT_ID)
                item.setData(category.value, CATEGORY)
                extra = [f"简称：{unit.short_name}"] if unit.short_name else []
                extra += [f"加挂：{plate}" for plate in unit.nameplates]
                item.setToolTip("\n".join([unit.name, *extra]))
                for division in unit.divisions:
                    child = QStandardItem(division.name)
                    child.setEditable(False)
                    child.setData(unit.id, UNIT_ID)
                    child.setData(division.id, DIVISION_ID)
                    item.appendRow(child)
                group.appendRow(item)
            root.appendRow(group)


class UnitFilterProxy(QSortFilterProxyModel):
    """Filters the tree by a search text (name, short name, nameplate, pinyin initials) and a category.

    A unit that matches keeps its divisions; a category stays while any of its units does.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.category: str | None = None
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_filter(self, text: str, category: str | None) -> None:
        self.beginFilterChange()
        self.text = text.strip()
        self.category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, UnitTreeModel):
            return True
        if not source_parent.isValid():  # a category: kept by its units when searching
            category = model.index(source_row, 0).data(CATEGORY)
            return not self.text and self.category in (None, category)
        if source_parent.parent().isValid():  # a division: shown with its unit
            return False
        unit = model.by_id[model.index(source_row, 0, source_parent).data(UNIT_ID)]
        if self.category and unit.category.value != self.category:
            return False
        return unit.matches(self.text)


class NavigationPanel(QWidget):
    unit_selected = Signal(int, object)  # unit id, division id or None
    category_selected = Signal(str)
    new_unit_requested = Signal(object)  # the category right-clicked, or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索机构：名称、简称、牌子或拼音首字母"))
        self.search.setToolTip(self.tr("例如输入“教育”或拼音首字母“jyj”（Ctrl+F）"))
        self.category_label = QLabel()
        self.category_label.setObjectName("categoryFilterLabel")
        self.clear_category = QToolButton()
        self.clear_category.setText(self.tr("显示全部"))
        self.clear_category.clicked.connect(lambda: self.set_category(None))
        self.category_bar = QWidget()
        bar = QHBoxLayout(self.category_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.category_label, 1)
        bar.addWidget(self.clear_category)
        self.category_bar.hide()
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 2px 0px; }")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self.context_menu(pos).popup(self.tree.viewport().mapToGlobal(pos))
        )
        self.proxy = UnitFilterProxy(self)
        self.tree.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.category_bar)
        layout.addWidget(self.tree, 1)
        self.search.textChanged.connect(lambda _text: self._apply())
        self.search.returnPressed.connect(self._open_first)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.reload()

    def reload(self) -> None:
        with self.ctx.read() as uow:
            units = ledger.navigation(uow)
        old = getattr(self, "model", None)
        self.model = UnitTreeModel(units, self)
        self.proxy.setSourceModel(self.model)
        if old is not None:
            old.deleteLater()
        self._apply()

    def context_menu(self, pos) -> QMenu:  # type: ignore[no-untyped-def]
        """The tree's context menu: 新建机构… during initialisation (in the category right-clicked)."""
        menu = QMenu(self.tree)
        menu.setObjectName("unitTreeMenu")
        with self.ctx.read() as uow:
            initialisation = admin.office_settings(uow).initialisation
        if initialisation:
            category = self.tree.indexAt(pos).data(CATEGORY)
            action = menu.addAction(self.tr("新建机构…"))
            action.setObjectName("treeNewUnitAction")
            if self.ctx.actor.has(Role.CLERK):
                action.triggered.connect(lambda _checked=False: self.new_unit_requested.emit(category))
            else:
                action.setEnabled(False)
                action.setText(self.tr("新建机构…（需要“经办”或“管理员”角色）"))
            menu.addSeparator()
        expand = menu.addAction(self.tr("全部展开"))
        expand.triggered.connect(lambda _checked=False: self.tree.expandAll())
        collapse = menu.addAction(self.tr("全部折叠"))
        collapse.triggered.connect(lambda _checked=False: self.tree.expandToDepth(0))
        return menu

    def set_category(self, category: str | None) -> None:
        """Show one unit category only (None: all)."""
        if category:
            self.category_label.setText(self.tr("只显示：{0}").format(UnitCategory(category).label))
        self.category_bar.setVisible(bool(category))
        self.proxy.set_filter(self.search.text(), category)
        self.tree.expandToDepth(0)

    def _apply(self) -> None:
        self.proxy.set_filter(self.search.text(), self.proxy.category)
        self.tree.expandToDepth(0)

    def visible_unit_names(self) -> list[str]:
        names = []
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            names += [self.proxy.index(child, 0, group).data() for child in range(self.proxy.rowCount(group))]
        return names

    def _open_first(self) -> None:
        if self.proxy.rowCount() and self.proxy.rowCount(self.proxy.index(0, 0)):
            first = self.proxy.index(0, 0, self.proxy.index(0, 0))
            self.tree.setCurrentIndex(first)
            self.tree.setFocus()

    def select_unit(self, unit_id: int) -> None:
        """Make a unit opened elsewhere (the overview, a link) the tree's current item, quietly."""
        if self.tree.currentIndex().data(UNIT_ID) == unit_id:
            return
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group)):
                index = self.proxy.index(child, 0, group)
                if index.data(UNIT_ID) == unit_id:
                    self._quiet = True
                    try:
                        self.tree.setCurrentIndex(index)
                    finally:
                        self._quiet = False
                    self.tree.scrollTo(index)
                    return

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if getattr(self, "_quiet", False):
            return
        unit_id = current.data(UNIT_ID)
        if unit_id is not None:
            self.unit_selected.emit(unit_id, current.data(DIVISION_ID))
        elif current.data(CATEGORY):
            self.category_selected.emit(current.data(CATEGORY))


# -- the window -----------------------------------------------------------------------------------
class MainWindow(QMainWindow):
    context_replaced = Signal(object)  # a new AppContext after 打开数据库… (the app swaps windows)

    def __init__(self, ctx: AppContext, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setObjectName("mainWindow")
        with ctx.read() as uow:
            self.office = admin.office_settings(uow)
        self.setWindowTitle(self.tr("{0} — 机构编制管理").format(self.office.county_name))
        self.pages: dict[str, QWidget] = {}
        self.specs = available_pages(ctx)
        self.navigation = NavigationPanel(ctx)
        self.navigation.unit_selected.connect(self.open_unit)
        self.navigation.new_unit_requested.connect(self.new_unit)
        self.data_dir = default_database_path().parent  # where 打开演示县 keeps the demo county
        self.demo_persons = DEMO_PERSONS
        self.empty_page: QWidget | None = None
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        self.banner = QLabel()
        self.banner.setObjectName("reopenedBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fdebd0; color: #9c640c; border: 1px solid #f0b27a; padding: 6px 10px;"
        )
        self.banner.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 980])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_status_bar()
        self._restore()
        first = next((spec.key for spec in self.specs if spec.in_menu), None)
        if first:
            self.show_page(first)
        self._show_empty_state()

    # -- an empty county ------------------------------------------------------------------------------
    def _show_empty_state(self) -> None:
        """While the county has no units, the empty-state page instead of the overview; then leave it."""
        empty = not self.navigation.model.units
        if empty:
            if self.empty_page is None:
                from bianzhi_desktop.gui.pages.empty_county import EmptyCountyPage

                self.empty_page = EmptyCountyPage(self.ctx)
                self.empty_page.new_unit_requested.connect(lambda: self.new_unit())
                self.empty_page.import_requested.connect(self.import_ledger)
                self.empty_page.demo_requested.connect(self.open_demo)
                self.stack.addWidget(self.empty_page)
            else:
                self.empty_page.refresh()  # type: ignore[attr-defined]
            self.stack.setCurrentWidget(self.empty_page)
            checked = self.page_group.checkedAction()
            if checked is not None:
                checked.setChecked(False)
        elif self.empty_page is not None and self.stack.currentWidget() is self.empty_page:
            first = next((spec.key for spec in self.specs if spec.in_menu), None)
            if first:
                self.show_page(first)

    def new_unit(self, category: str | None = None) -> QDialog:
        """新建机构 (initialisation mode): the unit form; the new unit opens once saved."""
        from bianzhi_desktop.gui.dialogs.common import select_data
        from bianzhi_desktop.gui.dialogs.unit_dialog import UnitDialog

        dialog = UnitDialog(self.ctx, None, self)
        if category:
            select_data(dialog.ui.categoryCombo, UnitCategory(category))

        def saved(info) -> None:  # type: ignore[no-untyped-def]
            self.refresh()
            self.open_unit(info.id)

        dialog.saved.connect(saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.pending_dialog = dialog
        return dialog

    def import_ledger(self) -> QDialog:
        return excel_actions.open_import(self, self.ctx, "ledger", self.refresh)

    def open_demo(self) -> None:
        """打开演示县: sign in to the demo county (built first when it is not there) in place of this one."""

        def ready(ctx: AppContext) -> None:
            self.settings.remember_database(ctx.db.location)
            self.context_replaced.emit(ctx)

        def failed(text: str) -> None:
            if text:
                _inform(self, self.tr("打开演示县"), text, QMessageBox.Icon.Warning)

        self.demo_task = open_demo_county(
            self,
            self.data_dir / DEMO_FILENAME,
            self.demo_persons,
            on_ready=ready,
            on_failed=failed,
            on_sign_in=lambda location: self.open_location(location),
        )

    # -- pages ------------------------------------------------------------------------------------
    def spec(self, key: str) -> PageSpec | None:
        return next((spec for spec in self.specs if spec.key == key), None)

    def page(self, key: str) -> QWidget | None:
        """The page, built on first use; None when this program or user has no such page."""
        if key in self.pages:
            return self.pages[key]
        spec = self.spec(key)
        if spec is None:
            return None
        module = importlib.import_module(spec.module)
        page: QWidget = getattr(module, spec.class_name)(self.ctx)
        if hasattr(page, "unit_requested"):
            page.unit_requested.connect(self.open_unit)
        if hasattr(page, "category_requested"):
            page.category_requested.connect(self.navigation.set_category)
        self.pages[key] = page
        self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> QWidget | None:
        page = self.page(key)
        if page is not None:
            self.stack.setCurrentWidget(page)
            action = self.page_actions.get(key)
            if action is not None:
                action.setChecked(True)
            elif self.page_group.checkedAction() is not None:
                self.page_group.checkedAction().setChecked(False)
        return page

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is current), None)

    def open_unit(self, unit_id: int, division_id: int | None = None) -> None:
        spec = next((spec for spec in self.specs if spec.opens_units), None)
        if spec is None:
            return
        page = self.show_page(spec.key)
        if page is not None and hasattr(page, "show_unit"):
            self.navigation.select_unit(unit_id)
            page.show_unit(unit_id)
            if division_id is not None and hasattr(page, "show_division"):
                page.show_division(division_id)

    def refresh(self) -> None:
        self.navigation.reload()
        for page in self.pages.values():
            if hasattr(page, "refresh"):
                page.refresh()
        self._update_status()
        self._show_empty_state()

    # -- menus and toolbar ------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot,
        shortcut: str | QKeySequence.StandardKey = "",  # type: ignore[no-untyped-def]
        icon: SP | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            self.tr("打开数据库…"),
            self.open_database_file,
            QKeySequence.StandardKey.Open,
            SP.SP_DialogOpenButton,
        )
        self.backup_action = self._action(
            self.tr("备份数据库…"), self.backup_database, "Ctrl+B", SP.SP_DialogSaveButton
        )
        self.backup_action.setEnabled(self.ctx.db.is_sqlite)
        quit_action = self._action(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.open_action, self.backup_action])
        print_actions.install_print_menu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.page_group = QActionGroup(self)
        self.page_actions: dict[str, QAction] = {}
        for spec in self.specs:
            if not spec.in_menu:
                continue
            action = self._action(
                _tr(spec.title),
                lambda _checked=False, key=spec.key: self.show_page(key),
                spec.shortcut,
                spec.icon,
            )
            action.setCheckable(True)
            self.page_group.addAction(action)
            self.page_actions[spec.key] = action
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.search_action = self._action(
            self.tr("搜索机构"), self._focus_search, QKeySequence.StandardKey.Find
        )
        self.refresh_action = self._action(
            self.tr("刷新"), self.refresh, QKeySequence.StandardKey.Refresh, SP.SP_BrowserReload
        )
        view_menu.addActions([self.search_action, self.refresh_action])

        excel_actions.install_data_menu(self)  # 数据 menu
        system_menu = self.menuBar().addMenu(self.tr("系统(&S)"))
        system_menu.setObjectName("systemMenu")
        self.go_live_action = self._action(self.tr("结束初始化录入…"), self.open_go_live)
        self.go_live_action.setObjectName("goLiveAction")
        system_menu.addAction(self.go_live_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = self._action(self.tr("关于"), self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions(list(self.page_actions.values()))
        toolbar.addSeparator()
        toolbar.addActions([self.refresh_action, self.backup_action])
        matter_actions.install_matter_actions(self, toolbar)
        self.addToolBar(toolbar)

    def open_go_live(self) -> QDialog:
        """系统 → 结束初始化录入 / 重新打开初始化录入: the checklist and the switch."""
        from bianzhi_desktop.gui.dialogs.golive_dialog import GoLiveDialog

        dialog = GoLiveDialog(self.ctx, self)
        dialog.changed.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.pending_dialog = dialog
        return dialog

    def _focus_search(self) -> None:
        self.navigation.search.setFocus()
        self.navigation.search.selectAll()

    # -- status bar -------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.location_label = QLabel()
        self.location_label.setObjectName("locationLabel")
        self.county_label = QLabel()
        self.county_label.setObjectName("countyLabel")
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.mode_label = QLabel(self.tr("初始化录入"))
        self.mode_label.setObjectName("modeLabel")
        self.mode_label.setStyleSheet(
            "background: #fdebd0; color: #9c640c; padding: 1px 8px; border-radius: 3px;"
        )
        self.mode_label.setToolTip(
            self.tr(
                "初始化录入模式：可直接录入现状。关闭后，编制、职数和人员的变动须通过审批的机构编制事项办理。"
            )
        )
        self.repaired_label = QLabel()  # what opening the database had to repair (Database.repaired)
        self.repaired_label.setObjectName("repairedLabel")
        self.repaired_label.setStyleSheet(
            "background: #fadbd8; color: #922b21; padding: 1px 8px; border-radius: 3px;"
        )
        bar.addWidget(self.location_label, 1)
        for label in (self.repaired_label, self.county_label, self.user_label, self.mode_label):
            bar.addPermanentWidget(label)
        self._update_status()

    def _update_status(self) -> None:
        with self.ctx.read() as uow:
            self.office = admin.office_settings(uow)
        location = self.ctx.db.location
        shown = location if len(location) <= 70 else location[:30] + "…" + location[-38:]
        self.location_label.setText(self.tr("数据库：{0}").format(shown))
        self.location_label.setToolTip(location)
        self.county_label.setText(self.office.county_name)
        actor = self.ctx.actor
        self.user_label.setText(self.tr("用户：{0}（{1}）").format(actor.display_name, actor.roles_label))
        self.mode_label.setVisible(self.office.initialisation)
        with self.ctx.read() as uow:
            state = admin.initialisation_state(uow)
        self.banner.setText(self.tr("初始化录入已重新打开：{0}").format(state.reopened_reason))
        self.banner.setToolTip(
            self.tr("上线后重新打开的初始化录入，在管理员再次结束（系统 → 结束初始化录入）之前一直显示。")
        )
        self.banner.setVisible(state.reopened)
        self.go_live_action.setText(
            self.tr("结束初始化录入…") if state.initialisation else self.tr("重新打开初始化录入…")
        )
        repaired = self.ctx.db.repaired
        self.repaired_label.setText(self.tr("已恢复防篡改保护，请运行体检") if repaired else "")
        self.repaired_label.setToolTip("\n".join(repaired))
        self.repaired_label.setVisible(bool(repaired))

    # -- file actions -----------------------------------------------------------------------------
    def open_database_file(self) -> None:
        location = ask_open_file(
            self, str(Path(self.ctx.db.location).parent) if self.ctx.db.is_sqlite else ""
        )
        if location:
            self.open_location(location)

    def open_location(self, location: str) -> QDialog | None:
        """Open another database and sign in to it; the current one stays open until that succeeds."""
        db, problem = try_open(location)
        if db is None:
            _inform(self, self.tr("打开数据库"), problem, QMessageBox.Icon.Warning)
            return None
        dialog: QDialog
        try:  # reading the file can still fail (locked by another program, server gone)
            if county.is_initialised(db):
                dialog = SignInDialog(db, self.settings, self)
            else:
                dialog = NewCountyDialog(location, parent=self)
        except BianzhiError as error:
            db.close()
            _inform(self, self.tr("打开数据库"), str(error), QMessageBox.Icon.Warning)
            return None

        def finished(result: int) -> None:
            ctx = getattr(dialog, "ctx", None)
            if result == QDialog.DialogCode.Accepted and ctx is not None:
                self.settings.remember_database(ctx.db.location if ctx.db.is_sqlite else ctx.db.url)
                self.context_replaced.emit(ctx)
                return
            db.close()
            if result == SWITCH and getattr(dialog, "switch_location", None):
                self.open_location(dialog.switch_location)  # type: ignore[attr-defined]

        dialog.finished.connect(finished)
        dialog.open()
        self.pending_dialog = dialog
        return dialog

    def backup_database(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(
            Path(folder) / self.tr("{0}编制数据库备份-{1}.sqlite3").format(self.office.county_name, stamp)
        )
        target = ask_backup_file(self, suggested)
        if not target:
            return
        db = self.ctx.db
        self.backup_task = run_task(
            self,
            self.tr("备份数据库"),
            lambda _progress, _cancelled: db.backup(target),
            lambda path: _inform(self, self.tr("备份数据库"), self.tr("数据库已备份到：\n{0}").format(path)),
            lambda error: show_error(self, self.tr("备份数据库"), error),
            label=self.tr("正在备份数据库……"),
            cancellable=False,
        )

    def about(self) -> QDialog:
        """帮助 → 关于: version, database and schema revision, fonts, with a button copying them."""
        from bianzhi_desktop.gui.about_dialog import AboutDialog

        dialog = AboutDialog(self.ctx, self.settings.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- geometry ---------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(default_size(self))
        state = self.settings.window_state
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.splitter_state
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)


def default_size(widget: QWidget) -> QSize:
    """1280 × 800, or less on a smaller screen (1366 × 768 laptops are common in offices)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    if available is None or available.isEmpty():
        return QSize(1280, 800)
    return QSize(min(1280, available.width()), min(800, available.height()))


def ask_backup_file(parent: QWidget, suggested: str) -> str | None:
    """The file dialog for the backup target (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("备份数据库到"), suggested, parent.tr("数据库文件 (*.sqlite3);;所有文件 (*)")
    )
    return path or None


def _inform(
    parent: QWidget, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
) -> QMessageBox:
    """A window-modal message that does not block the caller."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("infoBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
