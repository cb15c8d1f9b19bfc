"""The one worker for long work: solving, importing a folder, exporting.

The work is a plain function ``fn(state, *args)`` that knows nothing of Qt:
it reports with ``state.report(value)`` and polls ``state.cancelled``.
:class:`Worker` runs it on a ``QThread`` and hands progress, the result and
any error to the GUI thread through queued signals; ``finished`` always comes
last. One job at a time per worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal


class TaskState:
    """Qt-free progress and cancel state handed to the work function."""

    def __init__(self, sink: Callable[[Any], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._sink = sink

    def report(self, value: Any) -> None:
        if self._sink is not None:
            self._sink(value)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def should_stop(self) -> bool:
        """For ``solve_project(should_stop=…)``."""
        return self._cancel.is_set()


class _Thread(QThread):
    def __init__(self, job: Callable[[], None]) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:  # noqa: D102 (Qt API)
        self._job()


class Worker(QObject):
    """Runs one job at a time off the GUI thread."""

    started = Signal(str)
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Thread | None = None
        self._state: TaskState | None = None
        self._callbacks: tuple = (None, None)
        self.description = ""
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, fn: Callable[..., Any], *args: Any, description: str = "",
              on_result: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None) -> TaskState:
        """Run ``fn(state, *args)``; refuse (RuntimeError) while another job runs.

        ``on_result`` / ``on_error`` are called on the GUI thread for this job only.
        """
        if self.busy:
            raise RuntimeError(self.tr("Turnos is still busy with {0}; wait for it or cancel it.")
                               .format(self.description or self.tr("another task")))
        state = TaskState(self.progress.emit)
        self._state = state
        self.description = description
        self._callbacks = (on_result, on_error)

        def job() -> None:
            try:
                result = fn(state, *args)
            except BaseException as error:  # noqa: BLE001 — every failure goes to the notifier
                self.failed.emit(error)
            else:
                self.succeeded.emit(result)

        thread = _Thread(job)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        self.started.emit(description)
        thread.start()
        return state

    def cancel(self) -> None:
        if self._state is not None:
            self._state.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the job ends (on window close); True when it did."""
        thread = self._thread
        if thread is None:
            return True
        done = thread.wait(milliseconds)
        if done:
            # hand over the result the thread queued for us before reporting the end
            QCoreApplication.sendPostedEvents(self)
            self._on_thread_finished()
        return done

    def shutdown(self, milliseconds: int = 30_000) -> bool:
        """Cancel and wait: the window is closing."""
        self.cancel()
        return self.wait(milliseconds)

    def _deliver_result(self, result: Any) -> None:
        if self._callbacks[0] is not None:
            self._callbacks[0](result)

    def _deliver_error(self, error: BaseException) -> None:
        if self._callbacks[1] is not None:
            self._callbacks[1](error)

    def _on_thread_finished(self) -> None:
        thread = self._thread
        if thread is None:
            return
        self._thread = None
        self._state = None
        self._callbacks = (None, None)
        thread.deleteLater()
        self.finished.emit()
