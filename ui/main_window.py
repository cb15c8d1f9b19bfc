"""The main window: one tab per step of a team lead's month, File/Edit/Roster menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from scheduler.domain import VersionStatus
from ui import i18n, notify, settings
from ui.actions import approval_actions, export_actions
from ui.actions.app_actions import AppActions
from ui.actions.project_actions import with_suffix
from ui.actions.solve_actions import SolveController
from ui.dialogs.approval_dialog import ApprovalDialog
from ui.dialogs.new_project_dialog import NewProjectDialog
from ui.document import ProjectDocument, user_name
from ui.models.versions_model import status_name
from ui.pages.agents_page import AgentsPage
from ui.pages.approval_page import ApprovalPage
from ui.pages.forecast_page import ForecastPage
from ui.pages.project_page import ProjectPage
from ui.pages.requests_page import RequestsPage
from ui.pages.roster_page import RosterPage
from ui.pages.rules_page import RulesPage
from ui.pages.solve_page import SolvePage
from ui.worker import Worker


class MainWindow(QMainWindow):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document = ProjectDocument(self)
        self.worker = Worker(self)
        self.actions = AppActions(self)
        self.solver = SolveController(self.document, self.worker, self)
        self.actions.resolve.setVisible(self.solver.supports_locks())
        self._build()
        self._connect()
        self._restore_geometry()
        self.retranslate_ui()
        self._update_title()

    # -- construction -------------------------------------------------------------------
    def _build(self) -> None:
        doc, actions = self.document, self.actions
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.project_page = ProjectPage(doc, actions)
        self.agents_page = AgentsPage(doc, self.worker)
        self.requests_page = RequestsPage(doc, self.worker)
        self.forecast_page = ForecastPage(doc)
        self.rules_page = RulesPage(doc)
        self.solve_page = SolvePage(doc, self.solver, actions)
        self.roster_page = RosterPage(doc, actions)
        self.approval_page = ApprovalPage(doc, actions)
        self.pages = [self.project_page, self.agents_page, self.requests_page, self.forecast_page,
                      self.rules_page, self.solve_page, self.roster_page, self.approval_page]
        for page in self.pages:
            self.tabs.addTab(page, "")

        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(actions.new)
        self.file_menu.addAction(actions.open)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addAction(actions.save_as)
        self.file_menu.addSeparator()
        self.export_menu = self.file_menu.addMenu("")
        for action in actions.exports:
            self.export_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(actions.quit)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(actions.undo)
        self.edit_menu.addAction(actions.redo)
        self.roster_menu = self.menuBar().addMenu("")
        for action in (actions.solve, actions.resolve, actions.cancel_solve):
            self.roster_menu.addAction(action)
        self.roster_menu.addSeparator()
        for action in (actions.submit, actions.approve, actions.reject):
            self.roster_menu.addAction(action)
        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        for action in actions.languages.values():
            self.language_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(actions.about)

        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (actions.new, actions.open, None, actions.undo, actions.redo, None,
                       actions.solve, actions.cancel_solve):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.save_state = QLabel()
        self.statusBar().addPermanentWidget(self.save_state)

    def _connect(self) -> None:
        a, doc = self.actions, self.document
        a.new.triggered.connect(self.new_project)
        a.open.triggered.connect(self.choose_project)
        a.save_as.triggered.connect(self.save_project_as)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(doc.undo_stack.undo)
        a.redo.triggered.connect(doc.undo_stack.redo)
        doc.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        doc.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        a.solve.triggered.connect(lambda: self.solve())
        a.resolve.triggered.connect(lambda: self.solve(around_changes=True))
        a.cancel_solve.triggered.connect(self.solver.cancel)
        a.submit.triggered.connect(lambda: self.decide(VersionStatus.SUBMITTED))
        a.approve.triggered.connect(lambda: self.decide(VersionStatus.APPROVED))
        a.reject.triggered.connect(lambda: self.decide(VersionStatus.REJECTED))
        a.show_version.triggered.connect(self.show_roster)
        for action in a.exports:
            action.triggered.connect(lambda _=False, kind=action.data(): self.choose_export(kind))
        a.about.triggered.connect(self.about)
        a.language_group.triggered.connect(lambda action: self.set_language(action.data()))
        self.solver.running_changed.connect(self._solving)
        self.solver.solved.connect(self._solved)
        self.solve_page.show_roster_requested.connect(self.show_roster)
        self.approval_page.show_roster_requested.connect(self.show_roster)
        self.project_page.open_requested.connect(self.open_project)
        doc.changed.connect(self._update_title)
        doc.selection_changed.connect(self._update_title)
        doc.saved.connect(self._saved)
        doc.save_failed.connect(self._save_failed)
        doc.undo_stack.indexChanged.connect(self._update_title)

    # -- language -------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        settings.set_language(language)
        i18n.set_language(language)  # Qt sends LanguageChange to every widget
        self.retranslate_ui()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.actions.retranslate()
        self.actions.languages[i18n.language()].setChecked(True)
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.roster_menu.setTitle(self.tr("&Roster"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        for index, page in enumerate(self.pages):
            self.tabs.setTabText(index, page.title())
        self._update_title()

    # -- project ------------------------------------------------------------------------------
    def open_project(self, path: Path) -> bool:
        if self.solver.running:
            notify.info(self, self.tr("Open project"), self.tr("Stop the solve before opening another project."))
            return False
        try:
            self.document.open(Path(path))
        except Exception as error:  # noqa: BLE001 — a human message, never a traceback
            notify.error(self, self.tr("Cannot open project"), error)
            if not Path(path).exists():
                settings.remove_recent_file(Path(path))
            return False
        settings.add_recent_file(Path(path))
        settings.mark_opened()
        self.project_page.refresh()
        return True

    def choose_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), self._folder(),
                                              self.tr("Turnos projects (*.turnos)"))
        if name:
            self.open_project(Path(name))

    def new_project(self) -> None:
        dialog = NewProjectDialog(self)
        if not dialog.exec():
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the new project as"), self._folder(),
                                              self.tr("Turnos projects (*.turnos)"))
        if name:
            self.create_project(with_suffix(Path(name), ".turnos"), dialog.result_value)

    def create_project(self, path: Path, project) -> bool:
        try:
            self.document.create(path, project)
        except Exception as error:  # noqa: BLE001
            notify.error(self, self.tr("Cannot create the project"), error)
            return False
        settings.add_recent_file(path)
        self.tabs.setCurrentWidget(self.agents_page)
        return True

    def save_project_as(self) -> None:
        if self.document.project is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save project as"), self._folder(),
                                              self.tr("Turnos projects (*.turnos)"))
        if not name:
            return
        try:
            self.document.save_as(with_suffix(Path(name), ".turnos"))
        except Exception as error:  # noqa: BLE001
            notify.error(self, self.tr("Cannot save the project"), error)
            return
        settings.add_recent_file(self.document.path)

    def _folder(self) -> str:
        return str(self.document.path.parent) if self.document.path else ""

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    # -- solving ------------------------------------------------------------------------------
    def solve(self, around_changes: bool = False) -> bool:
        started = self.solver.solve(around_changes)
        if started:
            self.tabs.setCurrentWidget(self.solve_page)
        return started

    def _solving(self, running: bool) -> None:
        self.actions.solve.setEnabled(not running)
        self.actions.resolve.setEnabled(not running)
        self.actions.cancel_solve.setEnabled(running)
        self.statusBar().showMessage(self.tr("Solving…") if running else "", 0 if running else 3000)

    def _solved(self, outcome, version) -> None:
        if version is not None:
            self.statusBar().showMessage(self.tr("Version {0} saved as a draft").format(version.number), 5000)

    def show_roster(self) -> None:
        self.tabs.setCurrentWidget(self.roster_page)

    # -- approval and export ----------------------------------------------------------------------
    def decide(self, status: VersionStatus, name: str | None = None, comment: str | None = None) -> bool:
        """Submit, approve or reject the selected version (asks who and why unless given)."""
        document = self.document
        version = document.version()
        if version is None:
            notify.info(self, self.tr("Approval"), self.tr("There is no roster version yet; solve first (F5)."))
            return False
        refused = approval_actions.refusal(document, version.number, status)
        if refused:
            notify.info(self, self.tr("Approval"), refused)
            return False
        if name is None:
            titles = {VersionStatus.SUBMITTED: self.tr("Submit for approval"),
                      VersionStatus.APPROVED: self.tr("Approve version {0}").format(version.number),
                      VersionStatus.REJECTED: self.tr("Reject version {0}").format(version.number)}
            dialog = ApprovalDialog(titles[status], self.tr("Version {0}, {1} shifts. Your name and comment go "
                                                            "into the approval history.").format(
                version.number, len(version.roster.shifts)), user_name(), self,
                need_comment=status is VersionStatus.REJECTED)
            if not dialog.exec():
                return False
            name, comment = dialog.result_value
        try:
            approval_actions.move(document, version.number, status, name, comment or "")
        except Exception as error:  # noqa: BLE001
            notify.error(self, self.tr("Approval"), error)
            return False
        self.statusBar().showMessage(self.tr("Version {0} is now {1}").format(version.number, status_name(status)),
                                     5000)
        return True

    def choose_export(self, kind: str = "roster") -> None:
        if self.document.version() is None:
            notify.info(self, self.tr("Export"), self.tr("There is no roster to export yet; solve first (F5)."))
            return
        filters = {"roster": self.tr("Excel workbooks (*.xlsx)"), "approval": self.tr("Excel workbooks (*.xlsx)"),
                   "hr": self.tr("Excel workbooks (*.xlsx);;CSV files (*.csv)"),
                   "ics": self.tr("Zip archives (*.zip)")}
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Export"),
                                                   str(export_actions.default_name(self.document, kind)),
                                                   filters[kind])
        if name:
            suffix = ".csv" if "csv" in chosen.lower() and kind == "hr" else export_actions.EXPORTS[kind][0]
            path = Path(name) if Path(name).suffix.lower() in (".xlsx", ".csv", ".zip") else \
                with_suffix(Path(name), suffix)
            self.export(path, kind)

    def export(self, path: Path, kind: str = "roster") -> bool:
        """Write the ``kind`` export of the version on screen to ``path`` (on the worker)."""
        try:
            export_actions.export(self.document, self.worker, kind, path, self._exported,
                                  lambda error: notify.error(self, self.tr("Export failed"), error))
        except (ValueError, RuntimeError) as error:
            notify.error(self, self.tr("Export"), error)
            return False
        self.statusBar().showMessage(self.tr("Writing {0}…").format(Path(path).name))
        return True

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Wrote {0}").format(path), 8000)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Turnos"), self.tr(
            "<b>Turnos</b> builds shift and break rosters for 24/7 call centers: agents, requests, the "
            "forecast and labour rules in; a roster that covers every interval out."))

    # -- title, saving ----------------------------------------------------------------------------
    def _update_title(self, *_args) -> None:
        document = self.document
        if document.project is None or document.path is None:
            self.setWindowTitle("Turnos")
            self.setWindowModified(False)
            return
        version = document.version()
        status = ""
        if version is not None:
            status = " — " + self.tr("version {0} ({1})").format(version.number, status_name(version.status))
        self.setWindowTitle(f"{document.path.name}[*]{status} — Turnos")
        self.setWindowModified(document.dirty)
        self.save_state.setText(self.tr("Saving…") if document.dirty else self.tr("All changes saved"))

    def _saved(self) -> None:
        self.setWindowModified(False)
        self.save_state.setText(self.tr("All changes saved"))

    def _save_failed(self, error) -> None:
        self.save_state.setText(self.tr("Not saved!"))
        notify.error(self, self.tr("Cannot save the project"), error)

    # -- closing ----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = settings.settings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.solver.running:
            if not notify.confirm(self, self.tr("Quit"), self.tr(
                    "A solve is running. Stop it and close? The roster found so far is saved.")):
                event.ignore()
                return
            self.solver.cancel()
        self.worker.shutdown()
        QTimer.singleShot(0, lambda: None)
        if self.document.could_lose_changes and not notify.confirm(self, self.tr("Quit"), self.tr(
                "The last changes could not be saved to {0}. Close anyway and lose them?").format(
                self.document.path)):
            event.ignore()
            return
        settings.settings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
