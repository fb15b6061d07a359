"""The program's start: `bianzhi` and `python -m bianzhi_desktop`.

    bianzhi [--db PATH] [--settings INI]                  sign in, then the main window
    bianzhi --smoke-test [--db PATH] [--verbose]          open the main window, visit every page, print
                                                          every document, Excel out and in, health check,
                                                          migrate an old copy (gui/selfcheck.py); exit 0
                                                          and, without --verbose, not a word
    bianzhi --screenshots DIR [--db PATH]                 render each page to DIR/NN-name.png

Without --db the smoke test and the screenshots use a small demo county built in the background in a
temporary folder, and a temporary settings file, so they leave nothing behind.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    QRect,
    Qt,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from bianzhi_desktop import __version__
from bianzhi_desktop.domain.errors import BianzhiError

APP_NAME = "bianzhi"
DISPLAY_NAME = "机构编制管理"
SMOKE_PERSONS = 300
# Qt messages that say nothing about the program: the offscreen platform (used headless) cannot pass
# a window's size hints to a window manager and says so whenever a main window is shown.
IGNORED_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = ArgumentParser(prog="bianzhi", description="机构编制管理（县委编办桌面程序）")
    parser.add_argument("--db", metavar="PATH", help="数据库文件路径或数据库地址（URL）")
    parser.add_argument("--settings", metavar="PATH", help="程序设置文件（INI）的路径")
    parser.add_argument("--smoke-test", action="store_true", help="打开主窗口、逐页显示一次后退出（自检）")
    parser.add_argument("--screenshots", metavar="DIR", help="把每一页渲染成 PNG 图片保存到 DIR")
    parser.add_argument(
        "--verbose", action="store_true", help="自检时逐项打印结果（默认成功时不输出任何内容）"
    )
    parser.add_argument("--version", action="version", version=f"bianzhi {__version__}")
    # bench/bench_frozen.py: open --db as its first administrator, show the main window, print READY
    # when it has been painted, exit (the same start from source and frozen).
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def app_icon() -> QIcon:
    """The window icon: a red seal-like square with 编, drawn at the usual sizes."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#b71c1c"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRect(0, 0, size, size), size * 0.18, size * 0.18)
        font = QFont(QApplication.font())
        font.setPixelSize(int(size * 0.68))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "编")
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def application() -> QApplication:
    """The QApplication, set up once: high DPI, names, Chinese translations of Qt's own texts, font, icon."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    if app.property("bianzhi_ready"):
        return app
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    own = Path(__file__).resolve().parent.parent / "resources" / "translations"
    for name, folder in (
        ("qt_zh_CN", translations),
        ("qtbase_zh_CN", translations),
        ("bianzhi_zh_CN", str(own)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    from bianzhi_desktop.gui.fonts import add_rare_character_fallback, ensure_cjk_font

    app.setProperty("cjk_font", ensure_cjk_font(app) or "")
    app.setProperty("rare_character_font", add_rare_character_fallback(app) or "")
    app.setWindowIcon(app_icon())
    app.setProperty("bianzhi_ready", True)
    return app


class Shell(QObject):
    """Holds the main window; swaps it when the user opens another database."""

    def __init__(self, settings, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.settings = settings
        self.window = None

    def show(self, ctx) -> None:  # type: ignore[no-untyped-def]
        from bianzhi_desktop.gui.main_window import MainWindow

        old = self.window
        self.window = MainWindow(ctx, self.settings)
        self.window.context_replaced.connect(self.show)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
            old.ctx.db.close()

    def close(self) -> None:
        if self.window is not None:
            self.window.ctx.db.close()


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stderr is None:  # a windowed Windows build has no console
        sys.stderr = sys.stdout = open(Path(tempfile.gettempdir()) / "bianzhi.log", "a", encoding="utf-8")  # noqa: SIM115
    args = parse_args(argv)
    app = application()
    from bianzhi_desktop.gui.settings import Settings

    if args.smoke_test or args.screenshots:
        return run_checks(app, args)
    if args.startup_probe:
        return startup_probe(app, args)
    from bianzhi_desktop.gui.crashlog import install_excepthook

    install_excepthook()
    settings = Settings(args.settings)
    from bianzhi_desktop.gui.signin import sign_in

    ctx = sign_in(settings, args.db)
    if ctx is None:
        return 0
    shell = Shell(settings)
    shell.show(ctx)
    app.aboutToQuit.connect(shell.close)
    return app.exec()


# -- smoke test and screenshots -------------------------------------------------------------------
@contextlib.contextmanager
def qt_messages() -> Iterator[list[str]]:
    """Collect Qt's warnings (and pass them on to the previous handler)."""
    collected: list[str] = []
    previous = None

    def handler(kind: QtMsgType, context, message: str) -> None:  # type: ignore[no-untyped-def]
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and message not in IGNORED_MESSAGES:
            collected.append(message)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield collected
    finally:
        qInstallMessageHandler(previous)


def _wait(task) -> None:  # type: ignore[no-untyped-def]
    if not task.done:
        loop = QEventLoop()
        task.finished.connect(loop.quit)
        loop.exec()


def _build_demo(path: Path) -> None:
    """Build a small demo county on the worker, the GUI thread staying responsive."""
    from bianzhi_desktop.demo import build_demo_county
    from bianzhi_desktop.gui.tasks import run_task
    from bianzhi_desktop.persistence.database import open_database

    def work(progress, _cancelled):  # type: ignore[no-untyped-def]
        db = open_database(path)
        try:
            return build_demo_county(db, persons=SMOKE_PERSONS, seed=7, progress=progress)
        finally:
            db.close()

    task = run_task(
        None,
        QCoreApplication.translate("app", "生成演示县"),
        work,
        on_failure=lambda error: None,
        cancellable=False,
    )
    _wait(task)
    if task.error is not None:
        raise task.error


def _admin_context(location: str):  # type: ignore[no-untyped-def]
    """The first administrator of the database (the smoke test runs as the holder of the file)."""
    from bianzhi_desktop.domain.enums import Role
    from bianzhi_desktop.gui.context import AppContext
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services import admin

    db = open_database(location)
    with db.read() as uow:
        holder = next((u for u in admin.list_users(uow) if u.active and Role.ADMIN in u.roles), None)
        if holder is None:
            db.close()
            raise SystemExit(f"数据库“{location}”中没有管理员用户。")
        actor = admin.actor_by_id(uow, holder.id)
    return AppContext(db, actor)


def _busiest_unit(ctx) -> int | None:  # type: ignore[no-untyped-def]
    """The unit with the most people on quota (the unit page worth looking at), None without units."""
    from bianzhi_desktop.services import ledger

    with ctx.read() as uow:
        enrolled: dict[int, int] = {}
        for (unit_id, _kind), figures in ledger.figures_by_unit_kind(uow).items():
            enrolled[unit_id] = enrolled.get(unit_id, 0) + figures.enrolled
    return max(enrolled, key=lambda unit_id: (enrolled[unit_id], -unit_id), default=None)


def _settle(app: QApplication, widget: QWidget | None = None) -> None:
    """Let the window catch up: pending events, and work a page started on the task runner."""
    from bianzhi_desktop.gui.tasks import running_tasks

    for _ in range(3):
        app.processEvents()
    while running_tasks():
        _wait(running_tasks()[0])
        app.processEvents()
    if widget is not None:
        widget.repaint()


def run_checks(app: QApplication, args: argparse.Namespace) -> int:
    """--smoke-test and --screenshots: every page once, on the given or a temporary demo database.
    Fails (exit 1) on a Qt warning, on an exception escaping a slot and on a failed self-check."""
    shots = Path(args.screenshots) if args.screenshots else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    escaped: list[str] = []

    def record(kind, error, trace) -> None:  # type: ignore[no-untyped-def]
        """An exception escaping a slot or event handler (PySide6 reports it here and carries on)."""
        escaped.append("".join(traceback.format_exception(kind, error, trace)))

    previous_hook, sys.excepthook = sys.excepthook, record
    try:
        with tempfile.TemporaryDirectory(prefix="bianzhi-check-") as folder, qt_messages() as messages:
            code = _visit(app, args, folder, shots, messages)
    finally:
        sys.excepthook = previous_hook
    for text in escaped:
        print(text, file=sys.stderr)
    return 1 if escaped else code


def _visit(
    app: QApplication, args: argparse.Namespace, folder: str, shots: Path | None, messages: list[str]
) -> int:
    from bianzhi_desktop.gui.main_window import MainWindow
    from bianzhi_desktop.gui.settings import Settings
    from bianzhi_desktop.gui.signin import NewCountyDialog, SignInDialog, WelcomeDialog

    count = 0

    def shot(widget: QWidget, name: str) -> None:
        nonlocal count
        _settle(app, widget)
        if shots is not None:
            count += 1
            widget.grab().save(str(shots / f"{count:02d}-{name}.png"))

    settings = Settings(args.settings or Path(folder) / "bianzhi.ini")
    location = args.db
    if location is None:
        location = str(Path(folder) / "demo.sqlite3")
        _build_demo(Path(location))
    ctx = _admin_context(location)
    try:
        welcome = WelcomeDialog(settings, str(Path(folder) / "new.sqlite3"), data_dir=Path(folder))
        welcome.show()
        shot(welcome, "welcome")
        welcome.close()
        new_county = NewCountyDialog(str(Path(folder) / "new.sqlite3"))
        new_county.show()
        shot(new_county, "new-county")
        new_county.close()
        signin = SignInDialog(ctx.db, settings)
        signin.show()
        shot(signin, "sign-in")
        signin.close()
        window = MainWindow(ctx, settings)
        window.resize(1280, 800)  # the headless screen is smaller than an office monitor
        window.show()
        shown_unit = _busiest_unit(ctx)
        for spec in window.specs:  # every page the window offers this user, whoever added it
            if spec.opens_units:
                if shown_unit is not None:
                    window.open_unit(shown_unit)
            else:
                window.show_page(spec.key)
            shot(window, spec.key)
            page = window.page(spec.key)
            for name, view in getattr(page, "extra_views", list)():
                view.show()
                shot(view, f"{spec.key}-{name}")
                view.close()
        window.navigation.search.setText("jyj")
        shot(window, "tree-search")
        window.navigation.search.clear()
        about = window.about()
        shot(about, "about")
        about.close()
        window.close()
        _settle(app)
        if args.smoke_test:
            from bianzhi_desktop.gui.selfcheck import SelfCheckFailed, run_selfcheck

            try:
                for line in run_selfcheck(ctx, Path(folder) / "selfcheck", strict=args.db is None):
                    if args.verbose:
                        print(f"自检 {line}")
            except (SelfCheckFailed, BianzhiError) as error:
                print(f"自检失败：{error}", file=sys.stderr)
                return 1
            _settle(app)
    finally:
        ctx.db.close()
    if messages:
        for message in messages:
            print(f"Qt: {message}", file=sys.stderr)
        return 1
    return 0


def startup_probe(app: QApplication, args: argparse.Namespace) -> int:
    """--startup-probe --db PATH: the main window of PATH (as its first administrator, no password, as
    the smoke test), READY on stdout once it is painted; the caller times the process to that line."""
    from bianzhi_desktop.gui.main_window import MainWindow
    from bianzhi_desktop.gui.settings import Settings
    from bianzhi_desktop.gui.tasks import shutdown

    if not args.db:
        print("用法错误：--startup-probe 需要 --db", file=sys.stderr)
        return 2
    ctx = _admin_context(args.db)
    with tempfile.TemporaryDirectory(prefix="bianzhi-probe-") as folder, qt_messages() as messages:
        window = MainWindow(ctx, Settings(Path(folder) / "probe.ini"))
        window.show()
        handle = window.windowHandle()
        while handle is None or not handle.isExposed():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            handle = window.windowHandle()
        window.repaint()
        app.processEvents()
        print("READY", flush=True)
        window.close()
        shutdown()
    ctx.db.close()
    for message in messages:
        print(f"Qt: {message}", file=sys.stderr)
    return 1 if messages else 0
