"""Add or edit an agent."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from scheduler.domain import Agent, Contract, ContractKind
from ui.dialogs.form_dialog import FormDialog, minutes_of, time_edit


class AgentDialog(FormDialog):
    def __init__(self, agent: Agent | None = None, parent=None, check=None) -> None:
        super().__init__(parent, check)
        self.setWindowTitle(self.tr("Edit agent") if agent else self.tr("New agent"))
        self._agent = agent
        agent = agent or Agent("-", "-", Contract.full_time(), 6 * 60, 16 * 60)
        self.id_edit = QLineEdit(agent.id if self._agent else "")
        self.name_edit = QLineEdit(agent.name if self._agent else "")
        self.kind = QComboBox()
        for kind, text in ((ContractKind.FULL_TIME, self.tr("Full time (5 days, 40 h)")),
                           (ContractKind.PART_TIME, self.tr("Part time")),
                           (ContractKind.CUSTOM, self.tr("Custom"))):
            self.kind.addItem(text, kind)
        self.kind.setCurrentIndex(self.kind.findData(agent.contract.kind))
        c = agent.contract
        self.min_days, self.max_days = QSpinBox(), QSpinBox()
        for box, value in ((self.min_days, c.min_days_per_week), (self.max_days, c.max_days_per_week)):
            box.setRange(0, 7)
            box.setValue(value)
        self.min_hours, self.max_hours = QDoubleSpinBox(), QDoubleSpinBox()
        for box, value in ((self.min_hours, c.weekly_min_minutes), (self.max_hours, c.weekly_max_minutes)):
            box.setRange(0, 168)
            box.setDecimals(1)
            box.setSuffix(" h")
            box.setValue(value / 60)
        self.earliest, self.latest = time_edit(agent.earliest_start), time_edit(agent.latest_start)
        self.nights = QCheckBox(self.tr("May work night shifts"))
        self.nights.setChecked(agent.nights)
        self.skills = QLineEdit(", ".join(agent.skills))
        self.skills.setPlaceholderText(self.tr("e.g. es, en"))

        self.form.addRow(self.tr("ID"), self.id_edit)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow(self.tr("Contract"), self.kind)
        self.form.addRow(self.tr("Days a week"), _pair(self.min_days, self.max_days))
        self.form.addRow(self.tr("Hours a week"), _pair(self.min_hours, self.max_hours))
        self.form.addRow(self.tr("Shift may start"), _pair(self.earliest, self.latest))
        self.form.addRow("", self.nights)
        self.form.addRow(self.tr("Skills"), self.skills)
        self.min_days.setToolTip(self.tr("Fewest and most working days a week"))
        self.min_hours.setToolTip(self.tr("Fewest and most paid hours a week"))
        self.earliest.setToolTip(self.tr("Earliest and latest time a shift of this agent may start"))
        self.kind.currentIndexChanged.connect(self._preset)
        self.setMinimumWidth(420)

    def _preset(self) -> None:
        kind = self.kind.currentData()
        if kind is ContractKind.FULL_TIME:
            contract = Contract.full_time()
        elif kind is ContractKind.PART_TIME:
            contract = Contract.part_time()
        else:
            return
        self.min_days.setValue(contract.min_days_per_week)
        self.max_days.setValue(contract.max_days_per_week)
        self.min_hours.setValue(contract.weekly_min_minutes / 60)
        self.max_hours.setValue(contract.weekly_max_minutes / 60)

    def value(self) -> Agent:
        contract = Contract(self.kind.currentData(), self.min_days.value(), self.max_days.value(),
                            round(self.min_hours.value() * 60), round(self.max_hours.value() * 60))
        return Agent(self.id_edit.text(), self.name_edit.text(), contract,
                     minutes_of(self.earliest), minutes_of(self.latest), self.nights.isChecked(),
                     tuple(s.strip() for s in self.skills.text().split(",")),
                     self._agent.time_zone if self._agent else "")


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first)
    layout.addWidget(second)
    return box
