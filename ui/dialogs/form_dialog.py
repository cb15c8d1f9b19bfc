"""A dialog with a form, an inline error line and OK/Cancel.

Subclasses build their fields and implement ``value()``, which raises
``ValueError`` with the domain's own sentence when something is wrong; the
sentence is shown in red under the form and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
)


class FormDialog(QDialog):
    def __init__(self, parent=None, check: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def value(self) -> Any:  # pragma: no cover — abstract
        raise NotImplementedError

    def try_accept(self) -> bool:
        try:
            value = self.value()
            if self._check is not None:
                self._check(value)
        except ValueError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return False
        self.result_value = value
        self.accept()
        return True


def time_edit(minute: int) -> QTimeEdit:
    edit = QTimeEdit(QTime(minute // 60 % 24, minute % 60))
    edit.setDisplayFormat("HH:mm")
    return edit


def minutes_of(edit: QTimeEdit) -> int:
    t = edit.time()
    return t.hour() * 60 + t.minute()
