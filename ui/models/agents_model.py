"""The agents table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from scheduler.domain import Agent
from scheduler.domain.clock import format_minute_of_day


def _t(text: str) -> str:
    return QCoreApplication.translate("AgentsModel", text)


class AgentsModel(QAbstractTableModel):
    COLUMNS = ("ID", "Name", "Contract", "Days/week", "Hours/week", "Start window", "Nights", "Skills")

    def __init__(self, agents: tuple[Agent, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self._agents: list[Agent] = list(agents)

    def set_agents(self, agents) -> None:
        self.beginResetModel()
        self._agents = list(agents)
        self.endResetModel()

    def agent_at(self, row: int) -> Agent:
        return self._agents[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._agents)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return _t(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._agents):
            return None
        agent = self._agents[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            contract = agent.contract
            values = (
                agent.id,
                agent.name,
                _t(contract.kind.value.replace("_", " ")),
                (f"{contract.min_days_per_week}" if contract.min_days_per_week == contract.max_days_per_week
                 else f"{contract.min_days_per_week}–{contract.max_days_per_week}"),
                f"{contract.weekly_min_minutes / 60:g}–{contract.weekly_max_minutes / 60:g}",
                f"{format_minute_of_day(agent.earliest_start)}–{format_minute_of_day(agent.latest_start)}",
                _t("yes") if agent.nights else _t("no"),
                ", ".join(agent.skills),
            )
            return values[column]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (agent.id, agent.name, agent.contract.kind.value, agent.contract.max_days_per_week,
                    agent.contract.weekly_max_minutes, agent.earliest_start, agent.nights,
                    ",".join(agent.skills))[column]
        return None
