"""Signing in, and the first start.

`sign_in(settings)` is the whole flow the program runs before its main window: it opens the remembered
(or default) database and shows `SignInDialog`; when there is no database yet, or the one found cannot
be used, it shows `WelcomeDialog` (new empty county, the demo county, or an existing file). A database
problem (not ours, newer version, locked, read-only, corrupt) is shown as its Chinese message in the
dialog, and the program keeps running. The dialogs open their sub-dialogs without blocking (`open()`),
so tests drive them the way a person does.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.errors import AuthenticationError, BianzhiError
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.settings import Settings
from bianzhi_desktop.gui.tasks import run_task, show_error
from bianzhi_desktop.persistence.database import Database, default_database_path, open_database
from bianzhi_desktop.persistence.errors import DatabaseProblem
from bianzhi_desktop.services import admin, county

DEMO_PERSONS = 3000
DEMO_FILENAME = "demo-yunxi.sqlite3"
SWITCH = 2  # SignInDialog result: the user chose another database file
DATABASE_FILTER = "数据库文件 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"


def is_missing_file(location: str) -> bool:
    """A database file path (not a server URL) where no file exists yet."""
    return "://" not in location and not Path(location).expanduser().exists()


def ask_open_file(parent: QWidget, directory: str = "") -> str | None:
    """The file dialog for “open an existing database” (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, parent.tr("打开数据库文件"), directory, parent.tr(DATABASE_FILTER)
    )
    return path or None


def ask_save_file(parent: QWidget, suggested: str) -> str | None:
    """The file dialog for “where to put a new database” (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("新数据库的位置"), suggested, parent.tr(DATABASE_FILTER)
    )
    return path or None


def _big_font(label: QLabel, scale: float) -> QFont:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #c0392b;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class SignInDialog(QDialog):
    """User name and password for one open database; 更换… picks another database file."""

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.ctx: AppContext | None = None
        self.switch_location: str | None = None
        self.setWindowTitle(self.tr("登录 — 机构编制管理"))
        with db.read() as uow:
            info = admin.office_settings(uow)
        title = QLabel(self.tr("{0}机构编制管理").format(info.county_name))
        title.setObjectName("titleLabel")
        title.setFont(_big_font(title, 1.6))
        subtitle = QLabel(info.office_name)
        subtitle.setObjectName("officeLabel")

        self.user_edit = QLineEdit(settings.last_user)
        self.user_edit.setObjectName("userEdit")
        self.user_edit.setPlaceholderText(self.tr("用户名"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("密码"))
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.user_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        self.error_label = _error_label()

        self.location_label = QLabel()
        self.location_label.setObjectName("locationLabel")
        self.location_label.setStyleSheet("color: palette(mid);")
        self.location_label.setText(self.tr("数据库：{0}").format(db.location))
        self.location_label.setToolTip(db.location)
        self.location_label.setWordWrap(True)
        self.switch_button = QPushButton(self.tr("更换…"))
        self.switch_button.setObjectName("switchButton")
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self._switch)
        location_row = QHBoxLayout()
        location_row.addWidget(self.location_label, 1)
        location_row.addWidget(self.switch_button)

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        quit_button = buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addSpacing(4)
        layout.addLayout(location_row)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        (self.password_edit if settings.last_user else self.user_edit).setFocus()

    def accept(self) -> None:
        username = self.user_edit.text().strip()
        if not username:
            _set_error(self.error_label, self.tr("请输入用户名。"))
            self.user_edit.setFocus()
            return
        try:
            with self.db.write() as uow:
                actor = admin.authenticate(uow, username, self.password_edit.text())
        except BianzhiError as error:  # wrong password, locked account, database problem
            _set_error(self.error_label, str(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.settings.last_user = username
        self.ctx = AppContext(self.db, actor)
        super().accept()

    def _switch(self) -> None:
        location = ask_open_file(self, str(Path(self.db.location).parent) if self.db.is_sqlite else "")
        if location:
            self.switch_location = location
            self.done(SWITCH)


class NewCountyDialog(QDialog):
    """(a) of the first start: a new empty county and its first administrator (services.county)."""

    created = Signal(object)

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self.ctx: AppContext | None = None
        self.setWindowTitle(self.tr("新建空白县数据库"))
        self.county_edit = QLineEdit()
        self.county_edit.setObjectName("countyEdit")
        self.county_edit.setPlaceholderText(self.tr("例如：云溪县"))
        self.office_edit = QLineEdit()
        self.office_edit.setObjectName("officeEdit")
        self.prefix_edit = QLineEdit()
        self.prefix_edit.setObjectName("prefixEdit")
        self.prefix_edit.setPlaceholderText(self.tr("例如：云编办发"))
        self.admin_edit = QLineEdit("admin")
        self.admin_edit.setObjectName("adminEdit")
        self.admin_name_edit = QLineEdit(self.tr("系统管理员"))
        self.admin_name_edit.setObjectName("adminNameEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("至少6位"))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatEdit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.location_label = QLabel(location)
        self.location_label.setObjectName("locationLabel")
        self.location_label.setWordWrap(True)
        self.location_label.setMinimumWidth(300)
        change = QPushButton(self.tr("更改…"))
        change.setAutoDefault(False)
        change.clicked.connect(self._change_location)
        location_row = QHBoxLayout()
        location_row.addWidget(self.location_label, 1)
        location_row.addWidget(change)

        form = QFormLayout()
        form.addRow(self.tr("县（市、区）名称："), self.county_edit)
        form.addRow(self.tr("编办名称："), self.office_edit)
        form.addRow(self.tr("发文字号前缀："), self.prefix_edit)
        form.addRow(self.tr("管理员用户名："), self.admin_edit)
        form.addRow(self.tr("管理员姓名："), self.admin_name_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        form.addRow(self.tr("再次输入密码："), self.repeat_edit)
        form.addRow(self.tr("数据库位置："), location_row)
        self.error_label = _error_label()
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(self.tr("新建"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        heading = QLabel(self.tr("新建空白县数据库"))
        heading.setFont(_big_font(heading, 1.3))
        hint = QLabel(
            self.tr(
                "建立本县（市、区）的数据库和第一位管理员。编办名称和发文字号前缀按县名自动填写，可以修改。"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(580)
        self.county_edit.setFocus()
        self._office_touched = self._prefix_touched = False
        self.county_edit.textEdited.connect(self._suggest)
        self.office_edit.textEdited.connect(lambda: setattr(self, "_office_touched", True))
        self.prefix_edit.textEdited.connect(lambda: setattr(self, "_prefix_touched", True))

    def _suggest(self, county_name: str) -> None:
        """Fill in the usual office name and prefix from the county name until the user edits them."""
        name = county_name.strip()
        if not self._office_touched:
            self.office_edit.setText(self.tr("中共{0}委机构编制委员会办公室").format(name) if name else "")
        if not self._prefix_touched:
            self.prefix_edit.setText(self.tr("{0}编办发").format(name[0]) if name else "")

    def _change_location(self) -> None:
        location = ask_save_file(self, self.location)
        if location:
            self.location = location
            self.location_label.setText(location)

    def accept(self) -> None:
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            _set_error(self.error_label, self.tr("两次输入的密码不一致。"))
            self.repeat_edit.setFocus()
            return
        db, problem = try_open(self.location)
        if db is None:
            _set_error(self.error_label, problem)
            return
        try:
            administrator = county.create_county(
                db,
                county_name=self.county_edit.text(),
                office_name=self.office_edit.text(),
                doc_prefix=self.prefix_edit.text(),
                admin_username=self.admin_edit.text(),
                admin_password=password,
                admin_name=self.admin_name_edit.text().strip() or "系统管理员",
            )
        except BianzhiError as error:
            db.close()
            _set_error(self.error_label, str(error))
            return
        self.ctx = AppContext(db, administrator)
        super().accept()
        self.created.emit(self.ctx)


class WelcomeDialog(QDialog):
    """First start: new empty county, the demo county, or an existing database file.

    Finishes accepted with either `ctx` (signed in: a new county's administrator or the demo admin) or
    `open_location` (a file to sign in to).
    """

    signed_in = Signal(object)

    def __init__(
        self,
        settings: Settings,
        location: str,
        *,
        problem: str = "",
        data_dir: Path | None = None,
        demo_persons: int = DEMO_PERSONS,
        location_free: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.location = location
        # May a new county go to `location`? Yes when nothing is there, or an empty database of ours.
        self.location_free = is_missing_file(location) if location_free is None else location_free
        self.data_dir = data_dir or default_database_path().parent
        self.demo_persons = demo_persons
        self.ctx: AppContext | None = None
        self.open_location: str | None = None
        self.new_county_dialog: NewCountyDialog | None = None
        self.setWindowTitle(self.tr("欢迎使用机构编制管理"))

        title = QLabel(self.tr("欢迎使用机构编制管理"))
        title.setFont(_big_font(title, 1.6))
        intro = QLabel(self.tr("还没有可用的数据库。请选择如何开始："))
        intro.setWordWrap(True)
        self.error_label = _error_label()
        _set_error(self.error_label, problem)

        self.new_button = QCommandLinkButton(
            self.tr("新建空白县数据库"),
            self.tr("填写县（市、区）名称、编办名称和发文字号前缀，设置第一位管理员，然后开始录入现状。"),
        )
        self.new_button.setObjectName("newCountyButton")
        self.demo_button = QCommandLinkButton(
            self.tr("打开演示县"),
            self.tr("生成虚构的“云溪县”（约{0}名在编人员），用于熟悉程序和培训，不影响正式数据。").format(
                demo_persons
            ),
        )
        self.demo_button.setObjectName("demoButton")
        self.open_button = QCommandLinkButton(
            self.tr("打开已有数据库文件…"),
            self.tr("选择已有的数据库文件，例如从其他电脑复制来的数据库或备份。"),
        )
        self.open_button.setObjectName("openButton")
        self.new_button.clicked.connect(self._new_county)
        self.demo_button.clicked.connect(self._open_demo)
        self.open_button.clicked.connect(self._open_existing)

        buttons = QDialogButtonBox()
        quit_button = buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        for button in (self.new_button, self.demo_button, self.open_button):
            layout.addWidget(button)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        # The link buttons wrap their text: size the dialog for its real width, not the narrowest one.
        self.resize(600, layout.totalHeightForWidth(600))
        self.new_button.setFocus()

    def _busy(self, busy: bool) -> None:
        for button in (self.new_button, self.demo_button, self.open_button):
            button.setEnabled(not busy)

    # -- (a) a new empty county -------------------------------------------------------------------
    def _new_county(self) -> None:
        location = self.location
        if not self.location_free and "://" not in location:
            location = str(_free_path(Path(location).expanduser().parent, "bianzhi"))
        dialog = NewCountyDialog(location, parent=self)
        self.new_county_dialog = dialog
        dialog.created.connect(self._finish)
        dialog.open()

    # -- (b) the demo county ----------------------------------------------------------------------
    def demo_path(self) -> Path:
        return self.data_dir / DEMO_FILENAME

    def _open_demo(self) -> None:
        def failed(text: str) -> None:
            self._busy(False)
            _set_error(self.error_label, text)

        def needs_password(location: str) -> None:  # the demo admin's password was changed
            self.open_location = location
            self.accept()

        _set_error(self.error_label, "")
        self.demo_task = open_demo_county(
            self,
            self.demo_path(),
            self.demo_persons,
            on_ready=lambda ctx: (self._busy(False), self._finish(ctx)),
            on_failed=failed,
            on_sign_in=needs_password,
            on_busy=lambda: self._busy(True),
        )

    # -- (c) an existing file ---------------------------------------------------------------------
    def _open_existing(self) -> None:
        location = ask_open_file(self, str(self.data_dir))
        if location:
            self.open_location = location
            self.accept()

    def _finish(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.settings.remember_database(ctx.db.location if ctx.db.is_sqlite else ctx.db.url)
        self.signed_in.emit(ctx)
        self.accept()


def open_demo_county(
    parent: QWidget,
    target: Path,
    persons: int,
    *,
    on_ready: Callable[[AppContext], object],
    on_failed: Callable[[str], object],
    on_sign_in: Callable[[str], object],
    on_busy: Callable[[], object] = lambda: None,
):  # type: ignore[no-untyped-def]
    """打开演示县: sign in to the demo county at `target` as its administrator, building it first (on
    the task runner) when it is not there. `on_sign_in(location)` when its admin password was changed
    (the clerk signs in by hand); `on_failed(message)` on any problem. Returns the build task, if any."""
    from bianzhi_desktop.demo import PASSWORD, build_demo_county

    if target.exists():
        try:
            on_ready(_open_and_sign_in(str(target), "admin", PASSWORD))
        except AuthenticationError:
            on_sign_in(str(target))
        except BianzhiError as error:
            on_failed(str(error))
        return None
    partial = target.with_name(target.name + ".building")

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]  # runs on the worker
        _remove_database_files(partial)
        db = open_database(partial)
        try:
            report = build_demo_county(db, persons=persons, progress=progress)
        finally:
            db.close()
        partial.replace(target)
        return report

    def built(report) -> None:  # type: ignore[no-untyped-def]
        try:
            ctx = _open_and_sign_in(str(target), "admin", report.password)
        except BianzhiError as error:
            on_failed(str(error))
            return
        on_ready(ctx)

    def stopped(error: BaseException | None = None) -> None:
        _remove_database_files(partial)
        on_failed("")
        if error is not None:
            show_error(parent, parent.tr("打开演示县"), error)

    on_busy()
    return run_task(
        parent,
        parent.tr("打开演示县"),
        work,
        built,
        stopped,
        on_cancelled=stopped,
        label=parent.tr("正在生成演示县“云溪县”……"),
    )


def _free_path(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.sqlite3"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.sqlite3"
        number += 1
    return candidate


def _remove_database_files(path: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + extra).unlink()


def _open_and_sign_in(location: str, username: str, password: str) -> AppContext:
    db = open_database(location)
    try:
        with db.write() as uow:
            actor = admin.authenticate(uow, username, password)
    except BaseException:
        db.close()
        raise
    return AppContext(db, actor)


# Pure-Python modules the main window's pages need beyond those `bianzhi_desktop.gui` imports at start.
WARM_UP_MODULES = tuple(
    f"bianzhi_desktop.services.{name}"
    for name in ("units", "persons", "register", "history", "charters", "divisions", "quota_kinds")
)


def warm_up() -> threading.Thread:
    """Import the slow modules on a background thread while the clerk types the password, so the
    main window appears sooner after 登录. Qt modules are left to the GUI thread."""

    def run() -> None:
        for name in WARM_UP_MODULES:
            with contextlib.suppress(Exception):  # the real import reports any problem later
                importlib.import_module(name)

    thread = threading.Thread(target=run, name="bianzhi-warm-up", daemon=True)
    thread.start()
    return thread


def try_open(location: str) -> tuple[Database | None, str]:
    """Open a database, or return the Chinese message of why it cannot be used."""
    try:
        return open_database(location), ""
    except DatabaseProblem as error:
        return None, str(error)


def sign_in(
    settings: Settings,
    location: str | None = None,
    *,
    parent: QWidget | None = None,
    data_dir: Path | None = None,
) -> AppContext | None:
    """The start-up flow (blocking, before the main window); None when the user quits."""
    location = location or settings.last_database or str(default_database_path())
    while True:
        db, problem = (None, "") if is_missing_file(location) else try_open(location)
        empty = False
        dialog: SignInDialog | None = None
        if db is not None:
            try:  # reading the file can still fail (locked by another program, server gone)
                empty = not county.is_initialised(db)
                dialog = None if empty else SignInDialog(db, settings, parent)
            except DatabaseProblem as error:
                problem = str(error)
            if dialog is None:
                db.close()
                db = None
        if db is None or dialog is None:
            free = is_missing_file(location) or empty
            welcome = WelcomeDialog(
                settings, location, problem=problem, data_dir=data_dir, location_free=free, parent=parent
            )
            if welcome.exec() != QDialog.DialogCode.Accepted:
                return None
            if welcome.ctx is not None:
                return welcome.ctx
            location = welcome.open_location or location
            continue
        warm_up()
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted and dialog.ctx is not None:
            settings.remember_database(db.location if db.is_sqlite else location)
            return dialog.ctx
        db.close()
        if result == SWITCH and dialog.switch_location:
            location = dialog.switch_location
            continue
        return None
