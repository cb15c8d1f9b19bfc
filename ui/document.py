"""The open project: the file is the document.

Every change replaces the immutable :class:`Project` and is written back with
``store.save_project`` shortly after (debounced; one SQLite transaction).
Edits go through :meth:`ProjectDocument.apply`, which records them on the
undo stack; solving, approving and opening are recorded in the file's own
history instead and clear the undo stack.
"""

from __future__ import annotations

import getpass
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from scheduler import versions as workflow
from scheduler.domain import Project, Roster, RosterVersion, VersionStatus
from scheduler.store import (
    load_locked_days_off,
    load_project,
    save_locked_days_off,
    save_project,
    save_version,
)

SAVE_DELAY_MS = 400


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name on some systems
        return ""


class ProjectChange(QUndoCommand):
    """One undoable change: the project before and after, and which version was shown."""

    def __init__(self, document: ProjectDocument, before: Project, after: Project, text: str,
                 what: str, selected_before: int | None, selected_after: int | None,
                 merge_key: int = -1) -> None:
        super().__init__(text)
        self.document = document
        self.before, self.after = before, after
        self.what = what
        self.selected_before, self.selected_after = selected_before, selected_after
        self._merge_key = merge_key

    def redo(self) -> None:  # noqa: D102 (Qt API)
        self.document._set(self.after, self.what, self.selected_after)

    def undo(self) -> None:  # noqa: D102 (Qt API)
        self.document._set(self.before, self.what, self.selected_before)

    def id(self) -> int:  # noqa: A003 (Qt API)
        return self._merge_key

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, ProjectChange) or other.id() != self.id() or self.id() < 0:
            return False
        self.after, self.selected_after = other.after, other.selected_after
        return True


class ProjectDocument(QObject):
    """The project being planned, its file, the version on screen and the undo history."""

    #: what changed: "project" (all), "agents", "requests", "forecast", "staffing",
    #: "rules", "site", "roster", "versions"
    changed = Signal(str)
    selection_changed = Signal(object)  # version number or None
    saved = Signal()
    save_failed = Signal(object)

    MERGE_STAFFING = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.path: Path | None = None
        self.selected: int | None = None
        self.undo_stack = QUndoStack(self)
        self.dirty = False
        self.last_error: BaseException | None = None
        #: locked days off per version (agent, day) — the roster itself has no row for a day off
        self.locked_off: dict[int, set] = {}
        #: the last solve's outcome and the version it produced (penalties explained in Roster)
        self.outcome = None
        self.outcome_version: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    # -- opening -------------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load ``path`` (ProjectFileError when it is not a healthy project)."""
        project = load_project(path)
        self.flush()
        self._load(project, Path(path))

    def create(self, path: Path, project: Project) -> None:
        path = Path(path)
        if path.exists():
            path.unlink()  # the user confirmed replacing it in the save dialog
        save_project(path, project, by=user_name())
        self._load(load_project(path), path)

    def save_as(self, path: Path) -> None:
        """Write the whole project to a new file and continue there."""
        if self.project is None:
            return
        self.flush()
        path = Path(path)
        if path.exists():
            path.unlink()
        save_project(path, self.project, by=user_name())
        self.path = path
        self.changed.emit("project")

    def close(self) -> None:
        self.flush()
        self._timer.stop()
        self.project = self.path = None
        self.selected = None
        self.undo_stack.clear()
        self.changed.emit("project")

    def _load(self, project: Project, path: Path) -> None:
        self.project, self.path = project, path
        latest = project.latest_version()
        self.selected = latest.number if latest else None
        try:
            self.locked_off = load_locked_days_off(path)
        except Exception:  # noqa: BLE001 — a file that cannot say has none
            self.locked_off = {}
        self.outcome = None
        self.outcome_version = None
        self.dirty = False
        self.last_error = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.changed.emit("project")
        self.selection_changed.emit(self.selected)

    # -- versions on screen ------------------------------------------------------------
    def version(self, number: int | None = None) -> RosterVersion | None:
        if self.project is None:
            return None
        number = self.selected if number is None else number
        return next((v for v in self.project.versions if v.number == number), None)

    def select_version(self, number: int | None) -> None:
        if number != self.selected:
            self.selected = number
            self.selection_changed.emit(number)

    # -- undoable edits ------------------------------------------------------------------
    def apply(self, after: Project, text: str, what: str, *, selected: int | None = None,
              merge: int = -1) -> None:
        """Record and apply an edit of the project (undoable)."""
        if self.project is None or after == self.project:
            return
        target = self.selected if selected is None else selected
        self.undo_stack.push(ProjectChange(self, self.project, after, text, what,
                                           self.selected, target, merge))

    def edit_roster(self, roster: Roster, text: str) -> int:
        """Replace the roster on screen. A draft changes in place; a submitted,
        approved or rejected version is kept and the edit becomes a new draft.
        Returns the number of the version that holds the edit."""
        version = self.version()
        if self.project is None or version is None:
            raise ValueError(self.tr("There is no roster to edit yet; solve first (F5)."))
        if version.status is VersionStatus.DRAFT:
            edited = replace(version, roster=roster)
        else:
            edited = RosterVersion(self.project.next_version_number(), roster, VersionStatus.DRAFT,
                                   author=user_name(),
                                   comment=self.tr("Edited from version {0}").format(version.number),
                                   horizon_start=version.horizon_start)
            locks = self.locked_off.get(version.number)
            if locks:
                self.locked_off[edited.number] = set(locks)
        self.apply(self.project.with_version(edited), text, "roster", selected=edited.number)
        return edited.number

    def _set(self, project: Project, what: str, selected: int | None) -> None:
        self.project = project
        if self.version(selected) is None:
            latest = project.latest_version()
            selected = latest.number if latest else None
        selection_moved = selected != self.selected
        self.selected = selected
        self.dirty = True
        self._timer.start()
        self.changed.emit(what)
        if selection_moved:
            self.selection_changed.emit(selected)

    # -- changes recorded in the file's history (not undoable) -----------------------------
    def add_version(self, version: RosterVersion) -> None:
        """A solved roster: store it as a new version and show it."""
        self.flush()
        save_version(self.path, version, by=user_name())
        self.project = self.project.with_version(version)
        self.selected = version.number
        self.undo_stack.clear()
        self.changed.emit("versions")
        self.selection_changed.emit(version.number)

    def set_status(self, number: int, status: VersionStatus, by: str, comment: str) -> None:
        """Submit, approve or reject through the core's workflow (which checks the rules
        and records who and why); ``WorkflowError`` says why a step is refused."""
        self.flush()
        step = {VersionStatus.SUBMITTED: workflow.submit, VersionStatus.APPROVED: workflow.approve,
                VersionStatus.REJECTED: workflow.reject}[status]
        step(self.path, number, by=by, comment=comment)
        version = self.version(number)
        self.project = self.project.with_version(replace(version, status=status))
        # keep versions in number order as the store does after a reload
        self.project = replace(self.project, versions=tuple(sorted(self.project.versions,
                                                                   key=lambda v: v.number)))
        self.undo_stack.clear()
        self.changed.emit("versions")

    # -- saving ------------------------------------------------------------------------
    def locks_changed(self) -> None:
        """Locked days off changed: they are saved with the next autosave."""
        self.dirty = True
        self._timer.start()

    def flush(self) -> bool:
        """Write pending changes now; False (and ``save_failed``) when that failed."""
        self._timer.stop()
        if not self.dirty or self.project is None or self.path is None:
            return True
        try:
            save_project(self.path, self.project, by=user_name())
            save_locked_days_off(self.path, self.locked_off)
        except Exception as error:  # noqa: BLE001 — reported through the notifier
            self.last_error = error
            self.save_failed.emit(error)
            return False
        self.dirty = False
        self.last_error = None
        self.undo_stack.setClean()
        self.saved.emit()
        return True

    @property
    def could_lose_changes(self) -> bool:
        """True only when a change is not in the file and saving it failed."""
        return self.dirty and not self.flush()
