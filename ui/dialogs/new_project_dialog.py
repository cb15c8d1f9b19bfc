"""A new, empty project: the center and the weeks to plan."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox

from scheduler.domain import BreakRule, Horizon, Project, ShiftTemplate, Site
from ui.dialogs.form_dialog import FormDialog

ZONES = ("Europe/Madrid", "Atlantic/Canary", "Europe/Lisbon", "Europe/London", "America/Mexico_City",
         "America/Bogota", "America/Lima", "America/Argentina/Buenos_Aires", "America/Santiago", "UTC")


class NewProjectDialog(FormDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Customer care Seville"))
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(ZONES)
        today = date.today()
        monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
        self.start = QDateEdit(QDate(monday.year, monday.month, monday.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 6)
        self.weeks.setValue(4)
        self.interval = QComboBox()
        for minutes in (15, 30, 60):
            self.interval.addItem(f"{minutes} min", minutes)
        self.form.addRow(self.tr("Center name"), self.name)
        self.form.addRow(self.tr("Time zone"), self.zone)
        self.form.addRow(self.tr("First day"), self.start)
        self.form.addRow(self.tr("Weeks"), self.weeks)
        self.form.addRow(self.tr("Planning interval"), self.interval)
        self.setMinimumWidth(400)

    def value(self) -> Project:
        start = self.start.date().toPython()
        site = Site(self.name.text(), self.zone.currentText().strip(), self.interval.currentData())
        return Project(site, Horizon(start, self.weeks.value()),
                       shift_templates=(ShiftTemplate("8h", 8 * 60, 0, 23 * 60, 60),),
                       break_rules=(BreakRule(self.tr("Break"), 20, count=1, min_shift_minutes=6 * 60,
                                              earliest_offset=2 * 60, latest_offset=5 * 60),))
