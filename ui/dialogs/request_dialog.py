"""Add or change one agent's request for one day."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from scheduler.domain import Request, RequestKind
from ui.dialogs.form_dialog import FormDialog
from ui.models.requests_model import kind_name


class RequestDialog(FormDialog):
    def __init__(self, agent_label: str, agent_id: str, day: date, request: Request | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._agent_id, self._day = agent_id, day
        self.setWindowTitle(self.tr("Request"))
        self.kind = QComboBox()
        for kind in RequestKind:
            self.kind.addItem(kind_name(kind), kind)
        self.hard = QCheckBox(self.tr("Approved (the roster must honour it)"))
        self.priority = QSpinBox()
        self.priority.setRange(1, 5)
        self.priority.setToolTip(self.tr("1 = nice to have … 5 = very important; pending requests only"))
        self.note = QLineEdit()
        if request is not None:
            self.kind.setCurrentIndex(self.kind.findData(request.kind))
            self.hard.setChecked(request.hard)
            self.priority.setValue(request.priority)
            self.note.setText(request.note)
        else:
            self.priority.setValue(3)
        self.form.addRow(self.tr("Agent"), QLabel(agent_label))
        self.form.addRow(self.tr("Day"), QLabel(day.strftime("%d/%m/%Y")))
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow("", self.hard)
        self.form.addRow(self.tr("Priority"), self.priority)
        self.form.addRow(self.tr("Note"), self.note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        always = self.kind.currentData() in (RequestKind.VACATION, RequestKind.UNAVAILABLE)
        if always:
            self.hard.setChecked(True)
        self.hard.setEnabled(not always)

    def value(self) -> Request:
        return Request(self._agent_id, self._day, self.kind.currentData(), self.hard.isChecked(),
                       self.priority.value(), self.note.text().strip())
