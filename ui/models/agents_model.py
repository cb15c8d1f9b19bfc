"""The agents table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from scheduler.domain import Agent
from scheduler.domain.clock import format_minute_of_day
from scheduler.i18n import number
from ui.models.base import Column, ListTableModel


def _t(text: str) -> str:
    return QCoreApplication.translate("AgentsModel", text)


def contract_name(kind: str) -> str:
    return {"full_time": _t("full time"), "part_time": _t("part time"), "custom": _t("custom")}.get(kind, kind)


def _days(agent: Agent) -> str:
    c = agent.contract
    return f"{c.min_days_per_week}" if c.min_days_per_week == c.max_days_per_week \
        else f"{c.min_days_per_week}–{c.max_days_per_week}"


class AgentsModel(ListTableModel):
    CONTEXT = "AgentsModel"
    COLUMNS = (
        Column("ID", lambda a: a.id),
        Column("Name", lambda a: a.name),
        Column("Contract", lambda a: contract_name(a.contract.kind.value), lambda a: a.contract.kind.value),
        Column("Days/week", _days, lambda a: a.contract.max_days_per_week,
               header_tip="Working days a week the contract asks for"),
        Column("Hours/week", lambda a: f"{number(a.contract.weekly_min_minutes / 60, 'g')}–"
                                       f"{number(a.contract.weekly_max_minutes / 60, 'g')}",
               lambda a: a.contract.weekly_max_minutes,
               header_tip="Paid hours a week, lowest–highest"),
        Column("Start window", lambda a: f"{format_minute_of_day(a.earliest_start)}–"
                                         f"{format_minute_of_day(a.latest_start)}",
               lambda a: (a.earliest_start, a.latest_start),
               header_tip="Earliest and latest time a shift of this agent may start"),
        Column("Nights", lambda a: _t("yes") if a.nights else _t("no"), lambda a: a.nights,
               header_tip="Whether the agent may work night shifts"),
        Column("Skills", lambda a: ", ".join(a.skills)),
    )

    def __init__(self, agents=(), parent=None) -> None:
        super().__init__(agents, parent)

    def set_agents(self, agents) -> None:
        self.set_items(agents)

    def agent_at(self, row: int) -> Agent:
        return self.item_at(row)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return super().data(index, role)
