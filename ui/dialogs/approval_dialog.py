"""Who approves or rejects a version, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from ui.dialogs.form_dialog import FormDialog


class ApprovalDialog(FormDialog):
    """``result_value``: ``(name, comment)``."""

    def __init__(self, title: str, prompt: str, name: str, parent=None, need_comment=False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._need_comment = need_comment
        self.name = QLineEdit(name)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Optional") if not need_comment else self.tr("Say what to change"))
        self.comment.setFixedHeight(80)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Comment"), self.comment)
        self.setMinimumWidth(420)

    def value(self):
        name = self.name.text().strip()
        if not name:
            raise ValueError(self.tr("Write your name: the approval history records who decided."))
        comment = self.comment.toPlainText().strip()
        if self._need_comment and not comment:
            raise ValueError(self.tr("Say why, so the author knows what to change."))
        return name, comment
