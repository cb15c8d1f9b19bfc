"""Submit, approve and reject a roster version through the core's workflow
(``scheduler.versions``, which checks the rules); the project file keeps the history."""

from __future__ import annotations

from scheduler.domain import VersionStatus
from ui.document import ProjectDocument
from ui.features import WORKFLOW, available

#: the workflow when the core has no ``scheduler.versions`` yet
_TRANSITIONS = {
    VersionStatus.DRAFT: frozenset({VersionStatus.SUBMITTED}),
    VersionStatus.SUBMITTED: frozenset({VersionStatus.APPROVED, VersionStatus.REJECTED}),
    VersionStatus.APPROVED: frozenset(),
    VersionStatus.REJECTED: frozenset(),
}


def transitions() -> dict:
    if available(WORKFLOW):
        from scheduler.versions import TRANSITIONS

        return TRANSITIONS
    return _TRANSITIONS


def can_move(document: ProjectDocument, number: int | None, status: VersionStatus) -> bool:
    version = document.version(number)
    return version is not None and status in transitions()[version.status]


def refusal(document: ProjectDocument, number: int, status: VersionStatus, comment: str = "x") -> str | None:
    """Why the step is not allowed now (the core's sentence), or None."""
    version = document.version(number)
    if available(WORKFLOW):
        from scheduler.versions import check_transition

        try:
            check_transition(version, status, document.project, comment)
        except ValueError as error:
            return str(error)
        return None
    if status not in _TRANSITIONS[version.status]:
        return f"Version {number} is {version.status.value}; it cannot become {status.value}."
    return None


def move(document: ProjectDocument, number: int, status: VersionStatus, by: str, comment: str) -> None:
    """Record the decision in the project file (ValueError with the reason when refused)."""
    if document.version(number) is None:
        raise ValueError(f"There is no roster version {number}.")
    document.set_status(number, status, by, comment)
