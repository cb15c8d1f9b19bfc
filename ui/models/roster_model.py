"""The roster grid: one row per agent, one column per day, coloured by shift family."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from scheduler.domain import Project, Roster, ShiftAssignment
from scheduler.domain.requests import RequestKind
from scheduler.export.roster_workbook import shift_family, shift_text
from scheduler.i18n import weekday
from ui.models.base import AgentDayGridModel

FAMILY_ROLE = Qt.ItemDataRole.UserRole + 3
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 4
VIOLATIONS_ROLE = Qt.ItemDataRole.UserRole + 5
SHIFT_ROLE = Qt.ItemDataRole.UserRole + 6

FAMILY_COLOURS = {
    "morning": "#fff2cc",
    "afternoon": "#daeef3",
    "night": "#d9d2e9",
    "off": "#ffffff",
    "vacation": "#e2efda",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("RosterModel", text)


def family_name(family: str) -> str:
    return {"morning": _t("morning"), "afternoon": _t("afternoon"), "night": _t("night"),
            "off": _t("day off"), "vacation": _t("vacation")}.get(family, family)


class RosterModel(AgentDayGridModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._agents = []
        self._days: list[date] = []
        self._shifts: dict[tuple[int, int], ShiftAssignment] = {}
        self._families: dict[tuple[int, int], str] = {}
        self._vacation: set[tuple[int, int]] = set()
        self._locked_off: set[tuple[int, int]] = set()
        self._violations: dict[tuple[int, int], list[str]] = {}

    # -- filling ---------------------------------------------------------------------
    def set_roster(self, project: Project | None, roster: Roster | None, violations=(),
                   locked_off: set | None = None) -> None:
        self.beginResetModel()
        self._project = project
        self._agents = list(project.agents) if project else []
        self._days = project.horizon.dates() if project else []
        self._fill(roster, violations, locked_off or set())
        self.endResetModel()

    def update_roster(self, roster: Roster | None, violations=(), locked_off: set | None = None) -> None:
        """Same agents and days, new cells: repaint without resetting the view."""
        self._fill(roster, violations, locked_off or set())
        if self._agents and self._days:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._agents) - 1, len(self._days) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._agents) - 1)

    def _fill(self, roster: Roster | None, violations, locked_off: set) -> None:
        project = self._project
        self._shifts, self._families, self._vacation, self._violations = {}, {}, set(), {}
        if project is None:
            self._locked_off = set()
            return
        rows = {a.id: r for r, a in enumerate(self._agents)}
        horizon = project.horizon
        for shift in (roster.shifts if roster else ()):
            if shift.agent_id in rows and shift.day in horizon:
                key = (rows[shift.agent_id], horizon.index(shift.day))
                self._shifts[key] = shift
                self._families[key] = shift_family(shift, project)
        for request in project.requests:
            if request.kind is RequestKind.VACATION and request.agent_id in rows and request.day in horizon:
                self._vacation.add((rows[request.agent_id], horizon.index(request.day)))
        grouped: dict[tuple[int, int], list[str]] = defaultdict(list)
        for violation in violations:
            if violation.agent_id in rows and violation.day is not None and violation.day in horizon:
                grouped[(rows[violation.agent_id], horizon.index(violation.day))].append(violation.message)
        self._violations = dict(grouped)
        self._locked_off = {(rows[a], horizon.index(d)) for a, d in locked_off if a in rows and d in horizon}

    # -- lookups ---------------------------------------------------------------------
    def agent_at(self, row: int):
        return self._agents[row]

    def day_at(self, column: int) -> date:
        return self._days[column]

    def row_of(self, agent_id: str) -> int:
        return next((r for r, a in enumerate(self._agents) if a.id == agent_id), -1)

    def column_of(self, day: date) -> int:
        return self._days.index(day) if day in self._days else -1

    def shift_at(self, row: int, column: int) -> ShiftAssignment | None:
        return self._shifts.get((row, column))

    def family_at(self, row: int, column: int) -> str:
        if (row, column) in self._families:
            return self._families[(row, column)]
        return "vacation" if (row, column) in self._vacation else "off"

    # -- Qt model API ------------------------------------------------------------------
    def day_tooltip(self, day) -> str:
        return _t("Click to see {0} hour by hour").format(day.strftime("%d/%m/%Y"))

    def agent_tooltip(self, agent) -> str:
        return f"{agent.name} ({agent.id})"

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not self.in_grid(index):
            return None
        key = (index.row(), index.column())
        shift = self._shifts.get(key)
        family = self.family_at(*key)
        if role == Qt.ItemDataRole.DisplayRole:
            if shift is not None:
                return shift_text(shift, self._project)
            return _t("Vacation") if family == "vacation" else _t("Off")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(FAMILY_COLOURS[family]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            agent = self._agents[index.row()]
            day = self._days[index.column()]
            lines = [f"{agent.name} · {weekday(day.weekday())} {day:%d/%m}", family_name(family)]
            if shift is not None:
                lines[1] += f" {shift_text(shift, self._project)}"
                zone = self._project.site.zone
                lines += [f"  {b.kind} {b.start.astimezone(zone):%H:%M}–{b.end.astimezone(zone):%H:%M}"
                          for b in shift.breaks]
            if self.is_locked(*key):
                lines.append(_t("Locked: a new solve keeps it"))
            lines += [f"⚠ {m}" for m in self._violations.get(key, ())]
            return "\n".join(lines)
        if role == FAMILY_ROLE:
            return family
        if role == LOCKED_ROLE:
            return self.is_locked(*key)
        if role == VIOLATIONS_ROLE:
            return list(self._violations.get(key, ()))
        if role == SHIFT_ROLE:
            return shift
        return None

    def is_locked(self, row: int, column: int) -> bool:
        shift = self._shifts.get((row, column))
        return shift.locked if shift is not None else (row, column) in self._locked_off
