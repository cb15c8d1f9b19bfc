"""Long work as plain functions ``fn(state, …)`` for :class:`ui.worker.Worker`.

No Qt here: each takes a :class:`ui.worker.TaskState`, reports progress with
``state.report`` and stops early when ``state.cancelled``.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from scheduler.domain import Project, RosterVersion
from scheduler.export.roster_workbook import write_roster_workbook
from scheduler.solving import solve_project
from solver import SolveParams


def solve_supports_locks() -> bool:
    """Whether ``solve_project`` can keep locked shifts (the ``locks`` parameter)."""
    return "locks" in inspect.signature(solve_project).parameters


def solve_task(state, project: Project, params: SolveParams, locks: dict | None = None):
    """Solve ``project``; progress values are ``solver.Progress``; returns the Outcome.

    Cancelling keeps the best roster found so far. Raises ``PlanningError``
    when the rules clash before any search.
    """
    kwargs = {}
    if locks is not None and solve_supports_locks():
        kwargs["locks"] = locks
    return solve_project(project, params, progress=state.report, should_stop=state.should_stop, **kwargs)


def export_workbook_task(state, project: Project, version: RosterVersion, path: Path, language: str) -> Path:
    """Write the roster workbook of ``version`` to ``path``."""
    write_roster_workbook(project, version.roster, path, version, language=language)
    return Path(path)


# -- exports ------------------------------------------------------------------------------

def export_task(state, kind: str, project: Project, version: RosterVersion, path: Path, language: str,
                events: list) -> Path:
    """Write one of the export files of ``version``; ``kind`` names which (see ``EXPORTS``)."""
    path = Path(path)
    if kind == "roster":
        write_roster_workbook(project, version.roster, path, version, language=language)
    elif kind == "approval":
        from scheduler.export.approval_workbook import write_approval_workbook

        write_approval_workbook(project, version, path, language=language, events=events)
    elif kind == "hr":
        from scheduler.export.hr_export import write_hr_export

        write_hr_export(project, version, path, language=language, events=events)
    elif kind == "ics":
        from scheduler.export.ics import write_ics_zip

        write_ics_zip(project, version, path, language=language)
    else:
        raise ValueError(f"Unknown export {kind!r}")
    return path


# -- imports (pure: they return an ImportReport; the window applies it as one undoable edit) --

def import_agents_task(state, project: Project, path: Path, language: str):
    from scheduler.spreadsheets.agents_import import import_agents

    return import_agents(project, path, language=language)


def import_availability_task(state, project: Project, source: Path, language: str):
    from scheduler.spreadsheets.availability_import import import_availability

    return import_availability(project, source, language=language)


def write_templates_task(state, project: Project, folder: Path, language: str) -> list[Path]:
    from scheduler.spreadsheets.availability_template import write_availability_templates

    return write_availability_templates(project, folder, layout="agent", language=language)
