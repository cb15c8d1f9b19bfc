"""Edit a shift template or a break rule."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from scheduler.domain import BreakRule, ShiftTemplate
from ui.dialogs.form_dialog import FormDialog, minutes_of, time_edit


def _minutes_box(value: int, top: int, step: int = 5, suffix=" min") -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, top)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setValue(value)
    return box


class TemplateDialog(FormDialog):
    def __init__(self, template: ShiftTemplate | None = None, parent=None, check=None) -> None:
        super().__init__(parent, check)
        self.setWindowTitle(self.tr("Shift template"))
        template = template or ShiftTemplate("8h")
        self.name = QLineEdit(template.name)
        self.length = _minutes_box(template.length_minutes, 14 * 60, 15)
        self.first, self.last = time_edit(template.earliest_start), time_edit(template.latest_start)
        self.step = QComboBox()
        for step in (5, 10, 15, 20, 30, 60):
            self.step.addItem(f"{step} min", step)
        self.step.setCurrentIndex(self.step.findData(template.start_step))
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Length"), self.length)
        self.form.addRow(self.tr("First start"), self.first)
        self.form.addRow(self.tr("Last start"), self.last)
        self.form.addRow(self.tr("A start every"), self.step)
        self.length.setToolTip(self.tr("How long a shift of this shape lasts on the clock"))
        self.last.setToolTip(self.tr("Latest time a shift of this shape may start; late starts cross midnight"))

    def value(self) -> ShiftTemplate:
        return ShiftTemplate(self.name.text(), self.length.value(), minutes_of(self.first),
                             minutes_of(self.last), self.step.currentData())


class BreakRuleDialog(FormDialog):
    def __init__(self, rule: BreakRule | None = None, parent=None, check=None) -> None:
        super().__init__(parent, check)
        self.setWindowTitle(self.tr("Break rule"))
        rule = rule or BreakRule(self.tr("Break"), 15, min_shift_minutes=6 * 60)
        self._rule = rule
        self.name = QLineEdit(rule.name)
        self.length = _minutes_box(rule.length_minutes, 120, 5)
        self.paid = QCheckBox(self.tr("Paid (counts as worked time)"))
        self.paid.setChecked(rule.paid)
        self.count = QSpinBox()
        self.count.setRange(0, 10)
        self.count.setValue(rule.count)
        self.every = _minutes_box(rule.every_minutes, 8 * 60, 15)
        self.min_shift = _minutes_box(rule.min_shift_minutes, 14 * 60, 30)
        self.earliest = _minutes_box(rule.earliest_offset, 24 * 60, 15)
        self.latest = _minutes_box(rule.latest_offset, 24 * 60, 15)
        self.before_end = _minutes_box(rule.latest_before_end, 8 * 60, 5)
        self.work_before = _minutes_box(rule.min_work_before, 8 * 60, 15)
        rows = (
            (self.tr("Name"), self.name, ""),
            (self.tr("Length"), self.length, self.tr("How long each break lasts")),
            ("", self.paid, self.tr("Unpaid breaks do not count towards the weekly hours")),
            (self.tr("Breaks per shift"), self.count, self.tr("How many breaks of this kind every long enough shift gets")),
            (self.tr("Or one every"), self.every, self.tr("0: use the count above; otherwise one break per this much work (e.g. 5 min per hour of screen work)")),
            (self.tr("For shifts of at least"), self.min_shift, self.tr("Shorter shifts do not get this break")),
            (self.tr("Not before"), self.earliest, self.tr("Earliest start of the break, counted from the shift start")),
            (self.tr("Not after"), self.latest, self.tr("Latest start of the break, counted from the shift start")),
            (self.tr("Ends at least"), self.before_end, self.tr("The break ends at least this long before the shift ends")),
            (self.tr("Work before it"), self.work_before, self.tr("Minimum work before the first break of this kind")),
        )
        for label, widget, tip in rows:
            widget.setToolTip(tip)
            self.form.addRow(label, widget)

    def value(self) -> BreakRule:
        # fields the dialog does not show (gaps, templates, hour marks …) stay as they were
        return replace(self._rule, name=self.name.text(), length_minutes=self.length.value(),
                       paid=self.paid.isChecked(), count=self.count.value(), every_minutes=self.every.value(),
                       min_shift_minutes=self.min_shift.value(), earliest_offset=self.earliest.value(),
                       latest_offset=self.latest.value(), latest_before_end=self.before_end.value(),
                       min_work_before=self.work_before.value())
