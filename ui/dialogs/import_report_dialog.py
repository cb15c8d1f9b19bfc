"""What an import would change, its errors and conflicts; Apply makes it one undoable edit."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


def applied_text(item, tr) -> str:
    """One line per applied file, whatever the importer."""
    if hasattr(item, "added") and hasattr(item, "updated"):  # agents
        return tr("{0}: {1} agents added, {2} updated, {3} unchanged, {4} removed").format(
            item.file, len(item.added), len(item.updated), len(item.unchanged), len(item.removed))
    if hasattr(item, "answers"):  # availability template
        return tr("{0}: {1} days answered for {2}").format(item.file, item.count, ", ".join(item.agent_ids))
    if hasattr(item, "rows"):  # requests list
        return tr("{0}: {1} rows, {2} requests added, {3} replaced").format(
            item.file, item.rows, len(item.added), len(item.removed))
    return str(item)


class ImportReportDialog(QDialog):
    def __init__(self, title: str, report, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        summary = QLabel()
        summary.setWordWrap(True)
        layout.addWidget(summary)
        text = QPlainTextEdit()
        text.setReadOnly(True)
        layout.addWidget(text, 1)
        lines = []
        if report.applied:
            lines.append(self.tr("Read:"))
            lines += [f"  • {applied_text(item, self.tr)}" for item in report.applied]
        if report.errors:
            lines.append(self.tr("Not imported (fix the file and import it again):"))
            lines += [f"  • {error}" for error in report.errors]
        if report.warnings:
            lines.append(self.tr("Worth a look (the import still applies):"))
            lines += [f"  • {warning}" for warning in report.warnings]
        if report.conflicts:
            lines.append(self.tr("To decide:"))
            lines += [f"  • {conflict}" for conflict in report.conflicts]
        text.setPlainText("\n".join(lines) or self.tr("The files hold nothing new."))
        if report.changed:
            summary.setText(self.tr("Apply these changes to the project? Ctrl+Z undoes them."))
        else:
            summary.setText(self.tr("Nothing changes in the project."))
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(report.changed)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel if report.changed
                          else QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 380)
