"""The one place errors and questions reach the team lead.

Every failure becomes a short human message in a dialog; the traceback goes
to the log (stderr and ``turnos.log`` in the app data folder), never on screen.
Tests replace :data:`show` and :data:`ask` to record instead of blocking.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from scheduler.files import ExportError
from scheduler.solving import PlanningError
from scheduler.store import ProjectFileError

log = logging.getLogger("turnos")


def _t(text: str) -> str:
    return QCoreApplication.translate("Notifier", text)


def setup_logging() -> Path | None:
    """Log to stderr and to ``turnos.log`` in the app data folder."""
    if log.handlers:
        return None
    log.setLevel(logging.INFO)
    log.addHandler(logging.StreamHandler())
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "turnos.log", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        return folder / "turnos.log"
    except OSError:
        return None


def _show_box(parent: QWidget | None, level: str, title: str, text: str) -> None:
    box = {"error": QMessageBox.warning, "info": QMessageBox.information}[level]
    box(parent, title, text)


def _ask_box(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


#: ``show(parent, level, title, text)``; replaced in tests.
show = _show_box
#: ``ask(parent, title, text) -> bool``; replaced in tests.
ask = _ask_box


def human_message(error: BaseException) -> str:
    """What to tell a person about ``error``: the domain's own sentence when it has one."""
    if isinstance(error, PlanningError):
        return _t("The rules cannot all hold:") + "\n" + "\n".join(f"• {p}" for p in error.problems)
    if isinstance(error, (ProjectFileError, ExportError, ValueError)):
        return str(error)
    if isinstance(error, PermissionError):
        return _t("Turnos may not write there: {0}. Choose another folder or close the file in "
                  "the other program.").format(getattr(error, "filename", "") or error)
    if isinstance(error, OSError):
        return _t("The file could not be read or written: {0}").format(error.strerror or error)
    return _t("Something went wrong ({0}). The details are in the log file; your project "
              "file is safe.").format(type(error).__name__)


def error(parent: QWidget | None, title: str, failure: BaseException | str) -> None:
    """Show ``failure`` in words; log its traceback."""
    if isinstance(failure, BaseException):
        log.error("%s: %s\n%s", title, failure,
                  "".join(traceback.format_exception(type(failure), failure, failure.__traceback__)))
        text = human_message(failure)
    else:
        log.warning("%s: %s", title, failure)
        text = failure
    show(parent, "error", title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    show(parent, "info", title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    return ask(parent, title, text)
