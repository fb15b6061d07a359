"""The one task runner for long work (after Anki's QueryOp/CollectionOp).

    run_task(parent, "生成演示县", work, on_success=done, on_failure=failed)

`work(progress, is_cancelled)` runs on a worker thread and returns a result. It must never touch a
widget: it reports through `progress(done, total, label)` and polls `is_cancelled()`. Once the user has
cancelled, `progress()` raises `TaskCancelled`, so work that only reports progress (such as the demo
builder) stops at its next report and its open transaction rolls back.

Back on the GUI thread exactly one of these happens:
- success: `on_success(result)`;
- cancelled: `on_cancelled()` when given, nothing else;
- failure: `on_failure(error)` when given, otherwise a message box — a `BianzhiError` as its Chinese
  message, anything else as an error dialog with the details for a bug report.

All tasks share one serial worker, so database work never runs two at a time.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from bianzhi_desktop.domain.errors import BianzhiError

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, Callable[[], bool]], Any]

SHOW_AFTER_MS = 300  # quick tasks finish without a flashing dialog
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second cross the thread boundary


class TaskCancelled(Exception):
    """Raised inside the work by `progress()` once the user has cancelled."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("tasks", text)


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._signals = signals
        self._cancel = cancel
        self._last_report = 0.0

    def _progress(self, done: int, total: int, label: str = "") -> None:
        if self._cancel.is_set():
            raise TaskCancelled
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL_S or done >= total:
            self._last_report = now
            self._signals.progressed.emit(int(done), int(total), str(label))

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except TaskCancelled:
            self._report("cancelled")
        except BaseException as error:  # reported on the GUI thread
            self._report("failed", error, traceback.format_exc())
        else:
            if self._cancel.is_set():
                self._report("cancelled")
            else:
                self._report("succeeded", result)

    def _report(self, outcome: str, *args: Any) -> None:
        # RuntimeError: the program is quitting and its objects are gone, so nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            getattr(self._signals, outcome).emit(*args)


class Task(QObject):
    """A running task: its progress dialog and its outcome. `finished` is emitted last, always."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.title = title
        self.label = label
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.done = False
        self.on_success: Callable[[Any], None] | None = None
        self.on_failure: Callable[[BaseException], None] | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.signals.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(label, _tr("取消") if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumWidth(420)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self.cancel)
        # Qt shows the dialog by itself once the work has run this long (reset() stops that timer).
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next progress report or cancellation check)."""
        if not self.done:
            self._cancel.set()
            self.dialog.setLabelText(_tr("正在取消……"))

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self.done or self._cancel.is_set():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if label:
            text = f"{self.label}\n{label}" if self.label else label
            self.dialog.setLabelText(f"{text}（{done}/{total}）" if total > 0 else text)

    def _finish(self) -> None:
        self.done = True
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        _RUNNING.discard(self)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._finish()
        try:
            if self.on_success is not None:
                self.on_success(result)
        finally:
            self.finished.emit()

    @Slot(object, str)
    def _on_failed(self, error: BaseException, details: str) -> None:
        self.error = error
        self._finish()
        try:
            if self.on_failure is not None:
                self.on_failure(error)
            else:
                show_error(
                    self.parent() if isinstance(self.parent(), QWidget) else None,  # type: ignore[arg-type]
                    self.title,
                    error,
                    details,
                )
        finally:
            self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        self._finish()
        try:
            if self.on_cancelled is not None:
                self.on_cancelled()
        finally:
            self.finished.emit()


_RUNNING: set[Task] = set()
_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    """The one serial worker all tasks share."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
        _POOL.setExpiryTimeout(-1)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(shutdown)
    return _POOL


def run_task(
    parent: QWidget | None,
    title: str,
    work: Work,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    label: str = "",
    cancellable: bool = True,
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Run `work(progress, is_cancelled)` on the worker behind a progress dialog; see the module doc."""
    task = Task(parent, title, label or title, cancellable)
    task.on_success = on_success
    task.on_failure = on_failure
    task.on_cancelled = on_cancelled
    _RUNNING.add(task)
    _pool().start(_Runnable(work, task.signals, task._cancel))
    return task


def running_tasks() -> list[Task]:
    return list(_RUNNING)


def shutdown(timeout_ms: int = 30000) -> bool:
    """Cancel every task and wait for the worker (called when the program quits)."""
    for task in list(_RUNNING):
        task.cancel()
    return _POOL.waitForDone(timeout_ms) if _POOL is not None else True


_BOXES: set[QMessageBox] = set()


def show_error(parent: QWidget | None, title: str, error: BaseException, details: str = "") -> QMessageBox:
    """A `BianzhiError` as its Chinese message; anything else as an error with details to report.

    The box is window-modal but does not block the caller (tests find it with `error_boxes()`).
    """
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setWindowTitle(title)
    if isinstance(error, BianzhiError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(error))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(_tr("程序出现了意外错误，操作未完成。"))
        box.setInformativeText(
            _tr("请将下面的详细信息发给技术支持：\n{0}").format(f"{type(error).__name__}: {error}")
        )
        box.setDetailedText(details or "".join(traceback.format_exception(error)))
        from bianzhi_desktop.gui.crashlog import log_exception

        log_exception(error, title)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _BOXES.add(box)
    box.finished.connect(lambda _result: _BOXES.discard(box))
    box.open()
    return box


def error_boxes() -> list[QMessageBox]:
    """The error boxes `show_error` has open."""
    return list(_BOXES)
