"""Submit, approve and reject a roster version through the core's workflow
(``scheduler.versions``, which checks the rules); the project file keeps the history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from scheduler.domain import VersionStatus
from scheduler.versions import TRANSITIONS, check_transition
from ui.document import ProjectDocument

translate = QCoreApplication.translate


def can_move(document: ProjectDocument, number: int | None, status: VersionStatus) -> bool:
    version = document.version(number)
    return version is not None and status in TRANSITIONS[version.status]


def refusal(document: ProjectDocument, number: int, status: VersionStatus, comment: str = "x") -> str | None:
    """Why the step is not allowed now (the core's sentence, in the app's language), or None."""
    version = document.version(number)
    try:
        check_transition(version, status, document.project, comment)
    except ValueError as error:
        return str(error)
    return None


def move(document: ProjectDocument, number: int, status: VersionStatus, by: str, comment: str) -> None:
    """Record the decision in the project file (ValueError with the reason when refused)."""
    if document.version(number) is None:
        raise ValueError(translate("Approval", "There is no roster version {0}.").format(number))
    document.set_status(number, status, by, comment)
