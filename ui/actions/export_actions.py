"""Exports run on the worker: the window stays usable while a big workbook is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from scheduler.store import load_version_events
from ui import i18n
from ui.actions.tasks import export_task
from ui.document import ProjectDocument
from ui.worker import Worker

#: kind -> (file suffix, file name part)
EXPORTS = {
    "roster": (".xlsx", "roster"),
    "approval": (".xlsx", "approval"),
    "hr": (".xlsx", "hr"),
    "ics": (".zip", "calendars"),
}


def default_name(document: ProjectDocument, kind: str = "roster") -> Path:
    suffix, part = EXPORTS[kind]
    version = document.version()
    stem = document.path.stem if document.path else "turnos"
    number = f"-v{version.number}" if version else ""
    folder = document.path.parent if document.path else Path.home()
    return folder / f"{stem}{number}-{part}{suffix}"


def export(document: ProjectDocument, worker: Worker, kind: str, path: Path, on_done, on_error) -> None:
    """Write the selected version's ``kind`` export to ``path`` in the app's language."""
    version = document.version()
    if version is None:
        raise ValueError(QCoreApplication.translate("Export", "There is no roster to export yet; solve first (F5)."))
    document.flush()
    events = load_version_events(document.path, version.number) if document.path else []
    worker.start(export_task, kind, document.project, version, Path(path), i18n.language(), events,
                 description="export", on_result=on_done, on_error=on_error)
