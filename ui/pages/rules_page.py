"""Rules: shift shapes, labour law, breaks, and what the solver weighs."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler.breaks.presets import PRESETS, apply_preset
from scheduler.domain import LabourRules
from scheduler.i18n import tr as core_tr
from solver import Weights
from ui import notify
from ui.dialogs.form_dialog import minutes_of, time_edit
from ui.dialogs.rule_dialogs import BreakRuleDialog, TemplateDialog
from ui.models.templates_model import BreakRulesModel, ShiftTemplatesModel
from ui.pages.base import Page, selected_rows, table_view


class ListEditor(QWidget):
    """A table with Add / Edit / Remove buttons under it."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = model
        self.view, self.proxy = table_view(model)
        self.view.setMinimumHeight(110)
        layout.addWidget(self.view, 1)
        self.bar = QHBoxLayout()
        self.add, self.edit, self.remove = QPushButton(), QPushButton(), QPushButton()
        for button in (self.add, self.edit, self.remove):
            self.bar.addWidget(button)
        self.bar.addStretch(1)
        layout.addLayout(self.bar)
        self.view.doubleClicked.connect(lambda _i: self.edit.click())

    def retranslate(self, tr) -> None:
        self.add.setText(tr("Add…"))
        self.edit.setText(tr("Edit…"))
        self.remove.setText(tr("Remove"))

    def selected(self) -> int | None:
        rows = selected_rows(self.view)
        return rows[0] if rows else None


class RulesPage(Page):
    WATCHES = frozenset({"rules"})

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self._loading = False
        layout = QGridLayout(self)

        self.templates_box = QGroupBox()
        box_layout = QVBoxLayout(self.templates_box)
        self.templates = ListEditor(ShiftTemplatesModel(parent=self))
        box_layout.addWidget(self.templates)
        layout.addWidget(self.templates_box, 0, 0)

        self.labour_box = QGroupBox()
        form = QFormLayout(self.labour_box)
        self.rest = QDoubleSpinBox()
        self.rest.setRange(0, 24)
        self.rest.setSuffix(" h")
        self.rest.setDecimals(1)
        self.consecutive = QSpinBox()
        self.consecutive.setRange(1, 14)
        self.night_start, self.night_end = time_edit(22 * 60), time_edit(6 * 60)
        self.night_min = QDoubleSpinBox()
        self.night_min.setRange(0.5, 8)
        self.night_min.setDecimals(1)
        self.night_min.setSuffix(" h")
        self.labour_labels = [QLabel() for _ in range(5)]
        for label, widget in zip(self.labour_labels, (self.rest, self.consecutive, self.night_start,
                                                      self.night_end, self.night_min)):
            form.addRow(label, widget)
            if hasattr(widget, "setKeyboardTracking"):
                widget.setKeyboardTracking(False)
        for widget in (self.rest, self.night_min):
            widget.valueChanged.connect(self._labour_changed)
        self.consecutive.valueChanged.connect(self._labour_changed)
        self.night_start.timeChanged.connect(self._labour_changed)
        self.night_end.timeChanged.connect(self._labour_changed)
        layout.addWidget(self.labour_box, 0, 1)

        self.breaks_box = QGroupBox()
        breaks_layout = QVBoxLayout(self.breaks_box)
        self.breaks = ListEditor(BreakRulesModel(parent=self))
        self.preset_combo = QComboBox()
        self.preset_button = QPushButton()
        for item in PRESETS:
            self.preset_combo.addItem(item.title, item.key)
        self.breaks.bar.addWidget(self.preset_combo)
        self.breaks.bar.addWidget(self.preset_button)
        self.preset_button.clicked.connect(self.apply_preset)
        breaks_layout.addWidget(self.breaks)
        layout.addWidget(self.breaks_box, 1, 0)

        self.weights_box = QGroupBox()
        weights_layout = QVBoxLayout(self.weights_box)
        self.weights_text = QLabel()
        self.weights_text.setWordWrap(True)
        self.weights_text.setTextFormat(Qt.TextFormat.RichText)
        self.weights_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        weights_layout.addWidget(self.weights_text)
        layout.addWidget(self.weights_box, 1, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        self.templates.add.clicked.connect(lambda: self.edit_template(None))
        self.templates.edit.clicked.connect(lambda: self.edit_template(self.templates.selected()))
        self.templates.remove.clicked.connect(self.remove_template)
        self.breaks.add.clicked.connect(lambda: self.edit_break(None))
        self.breaks.edit.clicked.connect(lambda: self.edit_break(self.breaks.selected()))
        self.breaks.remove.clicked.connect(self.remove_break)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Rules")

    def retranslate_ui(self) -> None:
        self.templates_box.setTitle(self.tr("Shift templates"))
        self.templates_box.setToolTip(self.tr("The shapes a shift can take: its length and the times it may start"))
        self.labour_box.setTitle(self.tr("Labour rules"))
        self.breaks_box.setTitle(self.tr("Breaks"))
        self.breaks_box.setToolTip(self.tr("The pauses every shift must carry"))
        self.weights_box.setTitle(self.tr("What the solver weighs"))
        self.templates.retranslate(self.tr)
        self.breaks.retranslate(self.tr)
        texts = (
            (self.tr("Rest between shifts"), self.tr("Minimum hours off between the end of one shift and the "
                                                     "start of the next (Spain: 12 h, art. 34.3 ET)")),
            (self.tr("Most days in a row"), self.tr("Longest run of consecutive working days")),
            (self.tr("Night starts at"), self.tr("Start of the night window (Spain: 22:00, art. 36.1 ET)")),
            (self.tr("Night ends at"), self.tr("End of the night window (Spain: 06:00)")),
            (self.tr("Night shift from"), self.tr("A shift is a night shift when at least this much of it "
                                                  "falls in the night window (Spain: 3 h)")),
        )
        widgets = (self.rest, self.consecutive, self.night_start, self.night_end, self.night_min)
        for label, widget, (text, tip) in zip(self.labour_labels, widgets, texts):
            label.setText(text)
            label.setToolTip(tip)
            widget.setToolTip(tip)
        self.preset_button.setText(self.tr("Use law preset"))
        for index, item in enumerate(PRESETS):  # the law's name, source and notes in the app's language
            self.preset_combo.setItemText(index, core_tr(item.title))
            self.preset_combo.setItemData(index, f"{core_tr(item.source)}\n{core_tr(item.notes)}".strip(),
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip(self.tr("Replace the break rules with those a law requires"))
        w = Weights()
        self.weights_text.setText(
            "<p>" + self.tr("The solver looks for the roster with the lowest cost. Hard rules (contracts, rest, "
                            "approved days off, start windows, nights) are never broken; these soft ones "
                            "are traded off:") + "</p><ul>"
            + "<li>" + self.tr("Each agent missing in an interval costs <b>{0}</b> points, and <b>{1}</b> more "
                               "for each further agent missing in the same interval.").format(w.shortage,
                                                                                             w.shortage_deep)
            + "</li><li>" + self.tr("Each agent more than needed costs <b>{0}</b> points per interval.")
            .format(w.excess)
            + "</li><li>" + self.tr("Working a pending day-off request costs <b>{0}</b> points times its "
                                    "priority (1–5).").format(w.day_off_request)
            + "</li></ul><p>" + self.tr("So one interval short by one agent weighs about as much as 50 "
                                        "intervals with one agent too many.") + "</p>")
        self.templates.model.retranslate()
        self.breaks.model.retranslate()
        for editor in (self.templates, self.breaks):
            editor.view.resizeColumnsToContents()

    def refresh(self, what: str = "project") -> None:
        project = self.document.project
        self.setEnabled(project is not None)
        self.templates.model.set_items(project.shift_templates if project else ())
        self.breaks.model.set_items(project.break_rules if project else ())
        for editor in (self.templates, self.breaks):
            editor.view.resizeColumnsToContents()
        if project is None:
            return
        self._loading = True
        labour = project.labour
        self.rest.setValue(labour.min_rest_minutes / 60)
        self.consecutive.setValue(labour.max_consecutive_days)
        self.night_start.setTime(self.night_start.time().fromMSecsSinceStartOfDay(labour.night_start * 60000))
        self.night_end.setTime(self.night_end.time().fromMSecsSinceStartOfDay(labour.night_end * 60000))
        self.night_min.setValue(labour.night_min_minutes / 60)
        self._loading = False

    # -- labour rules ------------------------------------------------------------------
    def labour_from_form(self) -> LabourRules:
        return LabourRules(round(self.rest.value() * 60), self.consecutive.value(),
                           minutes_of(self.night_start), minutes_of(self.night_end),
                           round(self.night_min.value() * 60))

    def _labour_changed(self, *_args) -> None:
        if self._loading or self.document.project is None:
            return
        try:
            labour = self.labour_from_form()
        except ValueError as error:
            notify.error(self, self.tr("Labour rules"), error)
            return
        self.document.apply(replace(self.document.project, labour=labour), self.tr("Change labour rules"),
                            "rules", merge=2)

    # -- templates ------------------------------------------------------------------------
    def _check_templates(self, keep: int | None):
        def check(template) -> None:
            names = [t.name for i, t in enumerate(self.document.project.shift_templates) if i != keep]
            if template.name in names:
                raise ValueError(self.tr("There is already a template called {0}.").format(template.name))
        return check

    def edit_template(self, row: int | None) -> None:
        project = self.document.project
        if project is None:
            return
        old = project.shift_templates[row] if row is not None else None
        dialog = TemplateDialog(old, self, self._check_templates(row))
        if not dialog.exec():
            return
        templates = list(project.shift_templates)
        if row is None:
            templates.append(dialog.result_value)
        else:
            templates[row] = dialog.result_value
        self.document.apply(replace(project, shift_templates=tuple(templates)),
                            self.tr("Edit shift templates"), "rules")

    def remove_template(self) -> None:
        project = self.document.project
        row = self.templates.selected()
        if project is None or row is None:
            return
        if len(project.shift_templates) == 1:
            notify.info(self, self.tr("Shift templates"), self.tr("The project needs at least one shift template."))
            return
        templates = tuple(t for i, t in enumerate(project.shift_templates) if i != row)
        self.document.apply(replace(project, shift_templates=templates), self.tr("Remove a shift template"), "rules")

    # -- breaks ----------------------------------------------------------------------------
    def edit_break(self, row: int | None) -> None:
        project = self.document.project
        if project is None:
            return
        old = project.break_rules[row] if row is not None else None
        dialog = BreakRuleDialog(old, self)
        if not dialog.exec():
            return
        rules = list(project.break_rules)
        if row is None:
            rules.append(dialog.result_value)
        else:
            rules[row] = dialog.result_value
        self.document.apply(replace(project, break_rules=tuple(rules)), self.tr("Edit break rules"), "rules")

    def remove_break(self) -> None:
        project = self.document.project
        row = self.breaks.selected()
        if project is None or row is None:
            return
        rules = tuple(r for i, r in enumerate(project.break_rules) if i != row)
        self.document.apply(replace(project, break_rules=rules), self.tr("Remove a break rule"), "rules")

    def apply_preset(self) -> None:
        project = self.document.project
        if project is None:
            return
        key = self.preset_combo.currentData()
        self.document.apply(apply_preset(project, key),
                            self.tr("Use law preset: {0}").format(self.preset_combo.currentText()), "rules")
