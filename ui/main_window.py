"""The main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scheduler.domain import Project
from scheduler.store import ProjectFileError, load_project
from ui.models.agents_model import AgentsModel


class MainWindow(QMainWindow):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.path: Path | None = None
        self.agents_model = AgentsModel()
        self._build()
        self._restore_geometry()
        self._update_title()

    # -- construction -------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)

        agents_page = QWidget()
        layout = QVBoxLayout(agents_page)
        self.agent_filter = QLineEdit()
        self.agent_filter.setPlaceholderText(self.tr("Filter agents by name, ID or skill…"))
        self.agents_proxy = QSortFilterProxyModel(self)
        self.agents_proxy.setSourceModel(self.agents_model)
        self.agents_proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.agents_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.agents_proxy.setFilterKeyColumn(-1)
        self.agent_filter.textChanged.connect(self.agents_proxy.setFilterFixedString)
        self.agents_view = QTableView()
        self.agents_view.setModel(self.agents_proxy)
        self.agents_view.setSortingEnabled(True)
        self.agents_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.agent_filter)
        layout.addWidget(self.agents_view)
        self.tabs.addTab(agents_page, self.tr("Agents"))

        self.summary = QLabel(self.tr("Open a project (File › Open) to start planning."))
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setMargin(12)
        self.tabs.insertTab(0, self.summary, self.tr("Project"))
        self.tabs.setCurrentIndex(0)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_project)
        file_menu.addAction(self.open_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    # -- actions ------------------------------------------------------------------
    def choose_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "",
                                              self.tr("Turnos projects (*.turnos)"))
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        try:
            project = load_project(path)
        except ProjectFileError as error:
            QMessageBox.warning(self, self.tr("Cannot open project"), str(error))
            return False
        self.project, self.path = project, Path(path)
        self.agents_model.set_agents(project.agents)
        self.agents_view.resizeColumnsToContents()
        self.summary.setText(self._summary_text(project))
        self._update_title()
        return True

    def _summary_text(self, project: Project) -> str:
        latest = project.latest_version()
        lines = [
            f"<h2>{project.site.name}</h2>",
            self.tr("Period: {0} – {1} ({2} weeks)").format(
                project.horizon.start.isoformat(), project.horizon.end.isoformat(), project.horizon.weeks),
            self.tr("Agents: {0}").format(len(project.agents)),
            self.tr("Requests: {0}").format(len(project.requests)),
            self.tr("Roster versions: {0}").format(len(project.versions)),
        ]
        if latest is not None:
            lines.append(self.tr("Latest version: {0} ({1})").format(latest.number, latest.status.value))
        return "<br>".join(lines)

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("Turnos")
            return
        latest = self.project.latest_version()
        status = f" — v{latest.number} {latest.status.value}" if latest else ""
        self.setWindowTitle(f"{self.path.name}{status} — Turnos")

    # -- settings -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
