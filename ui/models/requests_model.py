"""Requests as a calendar: one row per agent, one column per day."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from scheduler.domain import Project, Request, RequestKind
from ui.models.base import AgentDayGridModel

REQUESTS_ROLE = Qt.ItemDataRole.UserRole + 2


def _t(text: str) -> str:
    return QCoreApplication.translate("RequestsModel", text)


def kind_name(kind: RequestKind) -> str:
    return {
        RequestKind.DAY_OFF: _t("day off"), RequestKind.VACATION: _t("vacation"),
        RequestKind.UNAVAILABLE: _t("unavailable"), RequestKind.PREFER_MORNING: _t("prefers morning"),
        RequestKind.PREFER_AFTERNOON: _t("prefers afternoon"), RequestKind.PREFER_NIGHT: _t("prefers night"),
    }[kind]


def kind_short(kind: RequestKind) -> str:
    return {
        RequestKind.DAY_OFF: _t("Off"), RequestKind.VACATION: _t("Vac"),
        RequestKind.UNAVAILABLE: _t("N/A"), RequestKind.PREFER_MORNING: _t("AM"),
        RequestKind.PREFER_AFTERNOON: _t("PM"), RequestKind.PREFER_NIGHT: _t("Night"),
    }[kind]


#: (hard, soft) colours per kind
KIND_COLOURS = {
    RequestKind.DAY_OFF: ("#f6b26b", "#fde9d4"),
    RequestKind.VACATION: ("#93c47d", "#d9ead3"),
    RequestKind.UNAVAILABLE: ("#b7b7b7", "#e6e6e6"),
    RequestKind.PREFER_MORNING: ("#ffd966", "#fff2cc"),
    RequestKind.PREFER_AFTERNOON: ("#6fa8dc", "#dbe8f6"),
    RequestKind.PREFER_NIGHT: ("#8e7cc3", "#e0dbf0"),
}


def describe_request(request: Request) -> str:
    state = _t("approved") if request.hard else _t("pending, priority {0}").format(request.priority)
    text = f"{kind_name(request.kind)} ({state})"
    return f"{text} — {request.note}" if request.note else text


class RequestsCalendarModel(AgentDayGridModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._agents = []
        self._days = []
        self._cells: dict[tuple[int, int], list[Request]] = {}
        self._conflicts: set[tuple[str, object]] = set()

    def set_project(self, project: Project | None, conflicts: set | None = None) -> None:
        self.beginResetModel()
        self._agents = list(project.agents) if project else []
        self._days = project.horizon.dates() if project else []
        self._conflicts = conflicts or set()
        rows = {a.id: r for r, a in enumerate(self._agents)}
        cells: dict[tuple[int, int], list[Request]] = defaultdict(list)
        if project is not None:
            for request in project.requests:
                if request.agent_id in rows and request.day in project.horizon:
                    cells[(rows[request.agent_id], project.horizon.index(request.day))].append(request)
        self._cells = dict(cells)
        self.endResetModel()

    def agent_at(self, row: int):
        return self._agents[row]

    def day_at(self, column: int):
        return self._days[column]

    def requests_at(self, row: int, column: int) -> list[Request]:
        return list(self._cells.get((row, column), ()))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not self.in_grid(index):
            return None
        requests = self._cells.get((index.row(), index.column()))
        if role == REQUESTS_ROLE:
            return list(requests or ())
        if role == Qt.ItemDataRole.BackgroundRole and index.column() < len(self._days) \
                and not requests and self._days[index.column()].weekday() >= 5:
            return QBrush(QColor("#f6f6f6"))
        if not requests:
            return None
        first = requests[0]
        if role == Qt.ItemDataRole.DisplayRole:
            text = " ".join(kind_short(r.kind) for r in requests)
            conflict = (self._agents[index.row()].id, self._days[index.column()]) in self._conflicts
            return f"{text} !" if conflict else text
        if role == Qt.ItemDataRole.BackgroundRole:
            hard, soft = KIND_COLOURS[first.kind]
            return QBrush(QColor(hard if first.hard else soft))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(first.hard)
            font.setItalic(not first.hard)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            agent = self._agents[index.row()]
            lines = [f"{agent.name} · {self._days[index.column()]:%d/%m/%Y}"]
            lines += [describe_request(r) for r in requests]
            if (agent.id, self._days[index.column()]) in self._conflicts:
                lines.append(_t("Not honoured by the roster on screen"))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
