"""Every command of the window as a QAction: text, shortcut, tooltip. The window
connects them to the functions in ``ui.actions``; pages put them on buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ui.i18n import LANGUAGES


class AppActions(QObject):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)

        def make(shortcut=None) -> QAction:
            action = QAction(parent)
            if shortcut is not None:
                if isinstance(shortcut, list):
                    action.setShortcuts(shortcut)
                else:
                    action.setShortcut(QKeySequence(shortcut))
            return action

        Key = QKeySequence.StandardKey
        self.new = make(Key.New)
        self.open = make(Key.Open)
        self.save_as = make(Key.SaveAs)
        self.quit = make(Key.Quit)
        self.undo = make(Key.Undo)
        self.redo = make([QKeySequence("Ctrl+Y"), QKeySequence(Key.Redo)])
        self.solve = make("F5")
        self.resolve = make("Shift+F5")
        self.cancel_solve = make("Esc")
        self.submit = make()
        self.approve = make()
        self.reject = make()
        self.show_version = make()
        self.export_workbook = make("Ctrl+E")
        self.export_approval = make()
        self.export_hr = make()
        self.export_ics = make()
        self.exports = [self.export_approval, self.export_workbook, self.export_hr, self.export_ics]
        for action, kind in zip(self.exports, ("approval", "roster", "hr", "ics")):
            action.setData(kind)
        self.about = make()
        self.language_group = QActionGroup(self)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = make()
            action.setText(name)  # a language is named in itself
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.languages[code] = action
        self.cancel_solve.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        texts = (
            (self.new, self.tr("&New project…"), self.tr("Start a new project file (Ctrl+N)")),
            (self.open, self.tr("&Open…"), self.tr("Open a project file (Ctrl+O)")),
            (self.save_as, self.tr("Save &as…"), self.tr("Copy the project to a new file and continue there")),
            (self.quit, self.tr("&Quit"), ""),
            (self.undo, self.tr("&Undo"), self.tr("Undo the last change (Ctrl+Z)")),
            (self.redo, self.tr("&Redo"), self.tr("Redo what was undone (Ctrl+Y)")),
            (self.solve, self.tr("&Solve"), self.tr("Build a new roster (F5); the window stays usable")),
            (self.resolve, self.tr("Re-solve around my changes"),
             self.tr("Solve again keeping every locked cell and hand edit (Shift+F5)")),
            (self.cancel_solve, self.tr("Stop solving"), self.tr("Stop and keep the best roster found so far (Esc)")),
            (self.submit, self.tr("Submit for approval"), self.tr("Send the selected version to be approved")),
            (self.approve, self.tr("Approve…"), self.tr("Approve the selected version with your name and a comment")),
            (self.reject, self.tr("Reject…"), self.tr("Send the selected version back with a comment")),
            (self.show_version, self.tr("Show in Roster"), self.tr("Open the selected version in the Roster tab")),
            (self.export_workbook, self.tr("Roster workbook (.xlsx)…"),
             self.tr("Excel workbook with the roster grid and the Schedule sheet (Ctrl+E)")),
            (self.export_approval, self.tr("Approval workbook (.xlsx)…"),
             self.tr("Summary, coverage, requests and floor plans for whoever approves the roster")),
            (self.export_hr, self.tr("HR export (.xlsx or .csv)…"),
             self.tr("Hours per agent (night and holiday hours apart) for payroll; approved versions only")),
            (self.export_ics, self.tr("Phone calendars (.zip of .ics)…"),
             self.tr("One calendar file per agent with their shifts and breaks; approved versions only")),
            (self.about, self.tr("&About Turnos"), ""),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip or text.replace("&", ""))
            action.setStatusTip(tip)
