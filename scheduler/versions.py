"""Roster versions: the approval workflow and the content fingerprint.

Workflow (``TRANSITIONS``)::

    draft ──submit──▶ submitted ──approve──▶ approved   (final)
                          │
                          └────reject────▶ rejected   (final)

* Only a **draft** is edited in place. Editing anything else (:func:`edit_copy`)
  makes a new draft with the next number, a copy of the roster; the original
  stays exactly as it was reviewed.
* **Rejected → draft is not allowed**: the rejected version keeps the content
  the reviewer saw, so the rejection comment always refers to it. Rework is a
  new draft (copy), which is then submitted again.
* **Approval is refused** while the independent validator finds hard-rule
  violations; the message lists them.
* A **reject** needs a comment (what to change).
* Every step is recorded, with name, time (UTC) and comment, in the project's
  approval history (``store.load_version_events``).

The **fingerprint** of a roster is the SHA-256 of :func:`canonical_schedule`:
one JSON line per shift, sorted, with agent, day, start, end and breaks in UTC
ISO 8601. Printed on the approval workbook and by the CLI, it lets HR check
that a file matches what was approved (see docs/exports.md).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from datetime import datetime, timezone

from scheduler.domain import Project, Roster, RosterVersion, VersionStatus
from scheduler.i18n import add_translations, tr

__all__ = [
    "FINGERPRINT_FORMAT",
    "TRANSITIONS",
    "WorkflowError",
    "approve",
    "canonical_schedule",
    "check_transition",
    "edit_copy",
    "find_version",
    "fingerprint",
    "require_approved",
    "reject",
    "short_fingerprint",
    "submit",
]

DRAFT, SUBMITTED, APPROVED, REJECTED = (VersionStatus.DRAFT, VersionStatus.SUBMITTED,
                                        VersionStatus.APPROVED, VersionStatus.REJECTED)

TRANSITIONS: dict[VersionStatus, frozenset[VersionStatus]] = {
    DRAFT: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({APPROVED, REJECTED}),
    APPROVED: frozenset(),
    REJECTED: frozenset(),
}

#: First line of the canonical serialisation; changes if the format ever does.
FINGERPRINT_FORMAT = "turnos-roster-fingerprint-v1"

#: How many violations an approval refusal lists before "… and N more".
_LISTED = 10


class WorkflowError(ValueError):
    """A workflow step that is not allowed; the message says why and what to do."""


add_translations({
    # approved versions needed (exports, calendars)
    "Version {number} is a draft; {purpose} need an approved version. Submit and approve it first.":
        "La versión {number} es un borrador; {purpose} necesitan una versión aprobada. "
        "Envíala y apruébala primero.",
    "Version {number} is submitted; {purpose} need an approved version. Approve it first.":
        "La versión {number} está enviada; {purpose} necesitan una versión aprobada. Apruébala primero.",
    "Version {number} was rejected; {purpose} need an approved version. Edit it as a new draft, "
    "then submit and approve that.":
        "La versión {number} fue rechazada; {purpose} necesitan una versión aprobada. Edítala como "
        "un borrador nuevo y después envía y aprueba ese borrador.",
    "HR exports": "las exportaciones para RR. HH.",
    "phone calendars": "los calendarios para el móvil",
    # finding versions
    "The project has no roster yet; solve it and save the roster "
    "(turnos-cli solve PROJECT --save) first.":
        "El proyecto aún no tiene cuadrante; resuélvelo y guarda el cuadrante "
        "(turnos-cli solve PROYECTO --save) primero.",
    "There is no roster version {number}; the project has versions {versions}.":
        "No hay ninguna versión {number} del cuadrante; el proyecto tiene las versiones {versions}.",
    "The project has no draft roster version (versions: {versions}).":
        "El proyecto no tiene ninguna versión del cuadrante en borrador (versiones: {versions}).",
    "The project has no submitted roster version (versions: {versions}).":
        "El proyecto no tiene ninguna versión del cuadrante enviada (versiones: {versions}).",
    "The project has no approved roster version (versions: {versions}).":
        "El proyecto no tiene ninguna versión del cuadrante aprobada (versiones: {versions}).",
    "The project has no rejected roster version (versions: {versions}).":
        "El proyecto no tiene ninguna versión del cuadrante rechazada (versiones: {versions}).",
    "{number} draft": "{number} borrador",
    "{number} submitted": "{number} enviada",
    "{number} approved": "{number} aprobada",
    "{number} rejected": "{number} rechazada",
    # the workflow
    "Say why version {number} is rejected (--comment): the author needs to know what to change.":
        "Di por qué rechazas la versión {number} (--comment): quien la hizo necesita saber qué cambiar.",
    "Approving needs the project to check the roster against its rules":
        "Para aprobar hace falta el proyecto: con él se comprueba el cuadrante frente a sus reglas",
    "Version {number} is approved and cannot change; edit it as a new draft.":
        "La versión {number} está aprobada y no puede cambiar; edítala como un borrador nuevo.",
    "Version {number} was rejected and stays as reviewed; edit it as a new draft and submit that.":
        "La versión {number} fue rechazada y se queda tal como se revisó; edítala como un borrador "
        "nuevo y envía ese borrador.",
    "Version {number} is a draft; submit it before it can be approved.":
        "La versión {number} es un borrador; envíala antes de aprobarla.",
    "Version {number} is a draft; submit it before it can be rejected.":
        "La versión {number} es un borrador; envíala antes de rechazarla.",
    "Version {number} is a draft; submit it before it can be draft.":
        "La versión {number} ya es un borrador; envíala cuando esté lista.",
    "Version {number} is a draft; submit it before it can be submitted.":
        "La versión {number} es un borrador; envíala.",
    "Version {number} is already submitted; approve or reject it.":
        "La versión {number} ya está enviada; apruébala o recházala.",
    "Version {number} cannot be approved: it breaks {count} hard rule:":
        "La versión {number} no se puede aprobar: incumple {count} regla obligatoria:",
    "Version {number} cannot be approved: it breaks {count} hard rules:":
        "La versión {number} no se puede aprobar: incumple {count} reglas obligatorias:",
    "  … and {count} more": "  … y {count} más",
    "Give the name of the person doing this (--by NAME).":
        "Escribe el nombre de quien hace esto (--by NOMBRE).",
})

#: "The project has no … roster version": one whole sentence per status (the
#: Spanish adjective agrees with "versión").
_NO_VERSION_WITH = {
    DRAFT: "The project has no draft roster version (versions: {versions}).",
    SUBMITTED: "The project has no submitted roster version (versions: {versions}).",
    APPROVED: "The project has no approved roster version (versions: {versions}).",
    REJECTED: "The project has no rejected roster version (versions: {versions}).",
}

#: A version in a list: "2 approved" / "2 aprobada".
_NUMBER_AND_STATUS = {
    DRAFT: "{number} draft",
    SUBMITTED: "{number} submitted",
    APPROVED: "{number} approved",
    REJECTED: "{number} rejected",
}

#: A draft asked to move elsewhere than "submitted", by the target asked for.
_DRAFT_REFUSAL = {
    APPROVED: "Version {number} is a draft; submit it before it can be approved.",
    REJECTED: "Version {number} is a draft; submit it before it can be rejected.",
    DRAFT: "Version {number} is a draft; submit it before it can be draft.",
    SUBMITTED: "Version {number} is a draft; submit it before it can be submitted.",
}


# -- fingerprint -------------------------------------------------------------------

def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_schedule(roster: Roster) -> bytes:
    """The roster as canonical UTF-8 text: a format line, then one JSON array per shift.

    ``[agent_id, day, start, end, [[kind, start, end, paid], …]]`` with instants
    in UTC (``2027-01-04T07:00:00Z``), compact JSON, lines sorted, ``\\n`` endings.
    Templates and lock flags are not part of it: they do not change who works when.
    """
    lines = sorted(
        json.dumps([shift.agent_id, shift.day.isoformat(), _iso(shift.start), _iso(shift.end),
                    sorted([b.kind, _iso(b.start), _iso(b.end), b.paid] for b in shift.breaks)],
                   ensure_ascii=False, separators=(",", ":"))
        for shift in roster.shifts
    )
    return "\n".join([FINGERPRINT_FORMAT, *lines, ""]).encode("utf-8")


def fingerprint(roster: Roster) -> str:
    """SHA-256 (hex) of :func:`canonical_schedule`."""
    return hashlib.sha256(canonical_schedule(roster)).hexdigest()


def short_fingerprint(value: str) -> str:
    """The first 12 hex digits, grouped for reading aloud: ``3f2a 91c0 7b4e``."""
    return " ".join(value[i:i + 4] for i in range(0, 12, 4))


# -- finding versions ------------------------------------------------------------

def find_version(project: Project, number: int | None = None,
                 status: VersionStatus | None = None) -> RosterVersion:
    """Version ``number``, or the latest one (with ``status`` when given)."""
    versions = sorted(project.versions, key=lambda v: v.number)
    if not versions:
        raise WorkflowError(tr("The project has no roster yet; solve it and save the roster "
                               "(turnos-cli solve PROJECT --save) first."))
    if number is not None:
        for version in versions:
            if version.number == number:
                return version
        raise WorkflowError(tr("There is no roster version {number}; the project has versions {versions}.")
                            .format(number=number, versions=", ".join(str(v.number) for v in versions)))
    if status is not None:
        matching = [v for v in versions if v.status is status]
        if not matching:
            raise WorkflowError(tr(_NO_VERSION_WITH[status]).format(versions=_statuses(versions)))
        return matching[-1]
    return versions[-1]


def _statuses(versions) -> str:
    return ", ".join(tr(_NUMBER_AND_STATUS[v.status]).format(number=v.number) for v in versions)


def require_approved(version: RosterVersion, purpose: str = "HR exports",
                     language: str | None = None) -> None:
    """Raise :class:`WorkflowError` unless ``version`` is approved, saying what to do."""
    if version.status is APPROVED:
        return
    templates = {
        DRAFT: "Version {number} is a draft; {purpose} need an approved version. Submit and approve it first.",
        SUBMITTED: "Version {number} is submitted; {purpose} need an approved version. Approve it first.",
        REJECTED: "Version {number} was rejected; {purpose} need an approved version. Edit it as a new "
                  "draft, then submit and approve that.",
    }
    message = tr(templates[version.status], language).format(number=version.number,
                                                              purpose=tr(purpose, language))
    raise WorkflowError(message[0].upper() + message[1:])


# -- the workflow ----------------------------------------------------------------

def check_transition(version: RosterVersion, target: VersionStatus | str,
                     project: Project | None = None, comment: str = "") -> None:
    """Raise :class:`WorkflowError` unless ``version`` may move to ``target``.

    Approval also needs ``project``: the roster is checked against every rule.
    """
    target = VersionStatus(target)
    current = version.status
    if target not in TRANSITIONS[current]:
        raise WorkflowError(_refusal(version.number, current, target))
    if target is REJECTED and not comment.strip():
        raise WorkflowError(tr("Say why version {number} is rejected (--comment): the author needs to "
                               "know what to change.").format(number=version.number))
    if target is APPROVED:
        if project is None:
            raise ValueError(tr("Approving needs the project to check the roster against its rules"))
        _check_rules(project, version)


def _refusal(number: int, current: VersionStatus, target: VersionStatus) -> str:
    if current is APPROVED:
        return tr("Version {number} is approved and cannot change; edit it as a new draft.").format(number=number)
    if current is REJECTED:
        return tr("Version {number} was rejected and stays as reviewed; edit it as a new draft "
                  "and submit that.").format(number=number)
    if current is DRAFT:
        return tr(_DRAFT_REFUSAL[target]).format(number=number)
    return tr("Version {number} is already submitted; approve or reject it.").format(number=number)


def _check_rules(project: Project, version: RosterVersion) -> None:
    from scheduler.validate import validate

    violations = validate(project, version.roster)
    if not violations:
        return
    listed = [f"  - {v.message}" for v in violations[:_LISTED]]
    if len(violations) > _LISTED:
        listed.append(tr("  … and {count} more").format(count=len(violations) - _LISTED))
    heading = tr("Version {number} cannot be approved: it breaks {count} hard rule:" if len(violations) == 1
                 else "Version {number} cannot be approved: it breaks {count} hard rules:")
    raise WorkflowError(heading.format(number=version.number, count=len(violations)) + "\n" + "\n".join(listed))


def _move(path: str | os.PathLike, number: int | None, target: VersionStatus, by: str,
          comment: str) -> RosterVersion:
    from scheduler.store import load_project, set_version_status

    if not by.strip():
        raise WorkflowError(tr("Give the name of the person doing this (--by NAME)."))
    project = load_project(path)
    version = find_version(project, number)
    check_transition(version, target, project, comment)
    set_version_status(path, version.number, target, by=by.strip(), comment=comment.strip())
    return replace(version, status=target)


def submit(path: str | os.PathLike, number: int | None = None, *, by: str,
           comment: str = "") -> RosterVersion:
    """Submit a draft for approval (default: the latest version)."""
    return _move(path, number, SUBMITTED, by, comment)


def approve(path: str | os.PathLike, number: int | None = None, *, by: str,
            comment: str = "") -> RosterVersion:
    """Approve a submitted version; refused while it breaks any hard rule."""
    return _move(path, number, APPROVED, by, comment)


def reject(path: str | os.PathLike, number: int | None = None, *, by: str,
           comment: str) -> RosterVersion:
    """Reject a submitted version; the comment says what to change."""
    return _move(path, number, REJECTED, by, comment)


def edit_copy(path: str | os.PathLike, number: int | None = None, *, by: str,
              roster: Roster | None = None) -> RosterVersion:
    """Start editing version ``number``: a new draft with the next number.

    The copy holds ``roster`` when given (the edited roster), otherwise the
    original's. The original is left exactly as it was. A draft needs no copy:
    save it in place with ``store.save_version``.
    """
    from scheduler.store import load_project, save_version

    project = load_project(path)
    original = find_version(project, number)
    copy = RosterVersion(
        number=project.next_version_number(),
        roster=original.roster if roster is None else roster,
        status=DRAFT,
        author=by.strip(),
        comment=f"edited from version {original.number}",
        horizon_start=original.horizon_start,
    )
    save_version(path, copy, by=by.strip())
    return copy
