"""Imports run on the worker and come back as an ImportReport; applying it is one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui import notify
from ui.dialogs.import_report_dialog import ImportReportDialog
from ui.document import ProjectDocument


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportActions", text)


def apply_report(document: ProjectDocument, report, text: str, what: str) -> bool:
    """Apply ``report.project`` if the project did not change while the files were read."""
    if not report.changed:
        return False
    if report.base != document.project:
        raise ValueError(_t("The project changed while the files were read; import them again so that "
                            "nothing is lost."))
    document.apply(report.project, text, what)
    return True


def review_and_apply(parent, document: ProjectDocument, report, title: str, text: str, what: str,
                     ask: bool = True) -> bool:
    """Show what the import would do; apply it when the team lead agrees."""
    if ask:
        dialog = ImportReportDialog(title, report, parent)
        if not dialog.exec():
            return False
    try:
        return apply_report(document, report, text, what)
    except ValueError as error:
        notify.error(parent, title, error)
        return False
