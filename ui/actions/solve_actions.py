"""Solving from the window: start, follow, cancel, and keep the result as a draft."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from scheduler.domain import RosterVersion
from scheduler.i18n import number
from scheduler.solving import PlanningError
from solver import SolveParams
from ui import notify
from ui.actions.roster_edits import locks_of
from ui.actions.tasks import solve_supports_locks, solve_task
from ui.document import ProjectDocument, user_name
from ui.worker import Worker


class SolveController(QObject):
    """One solve at a time, on the shared worker; the result becomes a new draft version."""

    running_changed = Signal(bool)
    progress = Signal(object)  # solver.Progress
    solved = Signal(object, object)  # Outcome, the new RosterVersion or None
    problems = Signal(list)  # sentences: the rules cannot all hold

    def __init__(self, document: ProjectDocument, worker: Worker, parent_widget=None) -> None:
        super().__init__(parent_widget)
        self.document = document
        self.worker = worker
        self.parent_widget = parent_widget
        self.time_limit = 60.0
        self.workers = 0
        #: the limit counts work, not seconds: the same project gives the same roster every run
        self.reproducible = False
        self.running = False
        self.around_changes = False
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)

    @staticmethod
    def supports_locks() -> bool:
        return solve_supports_locks()

    def solve(self, around_changes: bool = False) -> bool:
        """Start a solve; False (with a message) when one cannot start now."""
        project = self.document.project
        if project is None:
            notify.info(self.parent_widget, self.tr("Solve"), self.tr("Open a project first."))
            return False
        if self.worker.busy:
            notify.info(self.parent_widget, self.tr("Solve"),
                        self.tr("Turnos is still busy with {0}; wait for it or cancel it.")
                        .format(self.worker.description))
            return False
        locks = None
        if around_changes:
            version = self.document.version()
            if version is None:
                notify.info(self.parent_widget, self.tr("Re-solve"), self.tr("There is no roster to keep yet."))
                return False
            locks = locks_of(version.roster, self.document.locked_off.get(version.number, set()))
        self.document.flush()
        params = SolveParams(time_limit_seconds=self.time_limit, workers=self.workers,
                             reproducible=self.reproducible)
        self.around_changes = around_changes
        self.running = True
        self.running_changed.emit(True)
        self.worker.start(solve_task, project, params, locks, description=self.tr("solving"),
                          on_result=self._result, on_error=self._error)
        return True

    def cancel(self) -> None:
        """Stop searching; the best roster found so far is kept."""
        if self.running:
            self.worker.cancel()

    def _progress(self, value) -> None:
        if self.running:
            self.progress.emit(value)

    def _result(self, outcome) -> None:
        version = None
        if outcome.roster is not None and self.document.project is not None:
            result = outcome.result
            cost = number(result.objective or 0, ",.0f")
            comment = self.tr("Solved in Turnos: {0}, cost {1}").format(result.status.value, cost)
            if self.around_changes:
                comment = self.tr("Re-solved around hand edits: {0}, cost {1}").format(result.status.value, cost)
            previous = self.document.version()
            version = RosterVersion(self.document.project.next_version_number(), outcome.roster,
                                    author=user_name(), comment=comment,
                                    horizon_start=self.document.project.horizon.start)
            try:
                self.document.add_version(version)
            except Exception as error:  # noqa: BLE001 — a human message, the roster stays on screen
                notify.error(self.parent_widget, self.tr("Cannot save the roster"), error)
                version = None
            else:
                if self.around_changes and previous is not None:
                    kept = self.document.locked_off.get(previous.number)
                    if kept:
                        self.document.locked_off[version.number] = set(kept)
                        self.document.locks_changed()
                self.document.outcome, self.document.outcome_version = outcome, version.number
        self.solved.emit(outcome, version)

    def _error(self, error) -> None:
        if isinstance(error, PlanningError):
            self.problems.emit(list(error.problems))
        else:
            notify.error(self.parent_widget, self.tr("The solve failed"), error)

    def _finished(self) -> None:
        if self.running:
            self.running = False
            self.running_changed.emit(False)
