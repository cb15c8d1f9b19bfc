"""Change one agent's shift on one day: another start, or a day off; move a break."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel

from scheduler.domain import Project, ShiftAssignment
from scheduler.domain.clock import format_minute_of_day
from ui.actions.roster_edits import clock_minutes, local_start, start_choices
from ui.dialogs.form_dialog import FormDialog, minutes_of, time_edit

DAY_OFF = "off"


class ShiftDialog(FormDialog):
    """``result_value``: ``DAY_OFF`` or ``(template, start minute)``."""

    def __init__(self, project: Project, agent_label: str, day: date, shift: ShiftAssignment | None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change shift"))
        self.start = QComboBox()
        self.start.addItem(self.tr("Day off"), DAY_OFF)
        current = local_start(project, shift) if shift is not None else None
        several = len(project.shift_templates) > 1
        for template, minute in start_choices(project):
            end = format_minute_of_day((minute + clock_minutes(project, template)) % (24 * 60))
            label = f"{format_minute_of_day(minute)}–{end}"
            if several:
                label = f"{template.name}: {label}"
            self.start.addItem(label, (template, minute))
            if shift is not None and template.name == shift.template and minute == current:
                self.start.setCurrentIndex(self.start.count() - 1)
        self.start.setMaxVisibleItems(16)
        self.form.addRow(self.tr("Agent"), QLabel(agent_label))
        self.form.addRow(self.tr("Day"), QLabel(day.strftime("%d/%m/%Y")))
        self.form.addRow(self.tr("Shift"), self.start)
        self.form.addRow("", QLabel(self.tr("The rules are checked again as soon as you press OK.")))

    def value(self):
        return self.start.currentData()


class BreakDialog(FormDialog):
    """Move a break of a shift to a new start time; ``result_value`` is the index and minute."""

    def __init__(self, project: Project, shift: ShiftAssignment, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move break"))
        zone = project.site.zone
        self.which = QComboBox()
        for i, pause in enumerate(shift.breaks):
            self.which.addItem(f"{pause.kind} {pause.start.astimezone(zone):%H:%M}–"
                               f"{pause.end.astimezone(zone):%H:%M}", i)
        self.start = time_edit(0)
        self._shift, self._zone = shift, zone
        self.which.currentIndexChanged.connect(self._pick)
        self._pick()
        self.form.addRow(self.tr("Break"), self.which)
        self.form.addRow(self.tr("New start"), self.start)

    def _pick(self) -> None:
        index = self.which.currentData()
        if index is None:
            return
        local = self._shift.breaks[index].start.astimezone(self._zone)
        self.start.setTime(self.start.time().fromString(f"{local:%H:%M}", "HH:mm"))

    def value(self):
        if self.which.currentData() is None:
            raise ValueError(self.tr("This shift has no breaks to move."))
        return self.which.currentData(), minutes_of(self.start)
