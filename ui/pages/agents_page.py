"""Agents: who can be rostered, with which contract, hours, skills and nights."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from scheduler.domain import Project
from ui import i18n, notify
from ui.actions.import_actions import review_and_apply
from ui.actions.tasks import import_agents_task
from ui.dialogs.agent_dialog import AgentDialog
from ui.models.agents_model import AgentsModel
from ui.pages.base import Page, selected_rows, table_view


class AgentsPage(Page):
    WATCHES = frozenset({"agents"})

    def __init__(self, document, worker, parent=None) -> None:
        super().__init__(document, parent)
        self.worker = worker
        self.model = AgentsModel(parent=self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        bar.addWidget(self.filter, 1)
        self.add_button, self.edit_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        self.import_button = QPushButton()
        for button in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            bar.addWidget(button)
        self.import_button.clicked.connect(self.choose_import)
        layout.addLayout(bar)
        self.view, self.proxy = table_view(self.model, sortable=True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self.add_agent)
        self.edit_button.clicked.connect(self.edit_agent)
        self.remove_button.clicked.connect(self.remove_agents)
        self.view.doubleClicked.connect(lambda _index: self.edit_agent())
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Agents")

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter agents by name, ID or skill…"))
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.remove_button.setText(self.tr("Remove"))
        self.add_button.setToolTip(self.tr("Add an agent to the center"))
        self.remove_button.setToolTip(self.tr("Remove the selected agents and their requests (Ctrl+Z undoes it)"))
        self.import_button.setText(self.tr("Import from spreadsheet…"))
        self.import_button.setToolTip(self.tr("Add or update agents from an Excel or CSV list (ID, name, contract, "
                                              "hours, start window, nights, skills); you see the changes first"))
        self.model.retranslate()
        self.view.resizeColumnsToContents()
        self._update_status()

    def refresh(self, what: str = "project") -> None:
        project = self.document.project
        self.model.set_agents(project.agents if project else ())
        self.view.resizeColumnsToContents()
        enabled = project is not None
        for button in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            button.setEnabled(enabled)
        self._update_status()

    def _update_status(self) -> None:
        project = self.document.project
        if project is None:
            self.status.setText("")
            return
        full = sum(1 for a in project.agents if a.contract.kind.value == "full_time")
        nights = sum(1 for a in project.agents if a.nights)
        self.status.setText(self.tr("{0} agents: {1} full time, {2} part time or custom; {3} may work nights")
                            .format(len(project.agents), full, len(project.agents) - full, nights))

    # -- actions --------------------------------------------------------------------
    def _check(self, project: Project, old_id: str | None):
        def check(agent) -> None:
            agents = [a for a in project.agents if a.id != old_id]
            if any(a.id == agent.id for a in agents):
                raise ValueError(self.tr("Agent ID {0} is already used by {1}; every agent needs its own ID.")
                                 .format(agent.id, next(a.name for a in agents if a.id == agent.id)))
        return check

    def add_agent(self) -> None:
        project = self.document.project
        if project is None:
            return
        dialog = AgentDialog(None, self, self._check(project, None))
        if dialog.exec():
            self.add(dialog.result_value)

    def add(self, agent) -> None:
        project = self.document.project
        self.document.apply(replace(project, agents=project.agents + (agent,)),
                            self.tr("Add agent {0}").format(agent.name), "agents")

    def edit_agent(self) -> None:
        project = self.document.project
        rows = selected_rows(self.view)
        if project is None or not rows:
            return
        old = self.model.agent_at(rows[0])
        dialog = AgentDialog(old, self, self._check(project, old.id))
        if dialog.exec():
            self.replace_agent(old, dialog.result_value)

    def replace_agent(self, old, agent) -> None:
        project = self.document.project
        agents = tuple(agent if a.id == old.id else a for a in project.agents)
        requests = tuple(replace(r, agent_id=agent.id) if r.agent_id == old.id else r for r in project.requests)
        self.document.apply(replace(project, agents=agents, requests=requests),
                            self.tr("Edit agent {0}").format(agent.name), "agents")

    def remove_agents(self) -> None:
        project = self.document.project
        rows = selected_rows(self.view)
        if project is None or not rows:
            return
        gone = {self.model.agent_at(r).id for r in rows}
        n_requests = sum(1 for r in project.requests if r.agent_id in gone)
        if n_requests and not notify.confirm(
                self, self.tr("Remove agents"),
                self.tr("Remove {0} agents and their {1} requests?").format(len(gone), n_requests)):
            return
        self.document.apply(replace(project, agents=tuple(a for a in project.agents if a.id not in gone),
                                    requests=tuple(r for r in project.requests if r.agent_id not in gone)),
                            self.tr("Remove {0} agents").format(len(gone)), "agents")

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import agents"), self._folder(),
                                              self.tr("Spreadsheets (*.xlsx *.csv)"))
        if name:
            self.import_agents(Path(name))

    def _folder(self) -> str:
        return str(self.document.path.parent) if self.document.path else ""

    def import_agents(self, path: Path) -> bool:
        """Read ``path`` on the worker; show what would change; apply when agreed."""
        project = self.document.project
        if project is None:
            return False
        try:
            self.worker.start(import_agents_task, project, Path(path), i18n.language(),
                              description=self.tr("reading {0}").format(Path(path).name),
                              on_result=self._imported,
                              on_error=lambda error: notify.error(self, self.tr("Import agents"), error))
        except RuntimeError as error:
            notify.error(self, self.tr("Import agents"), error)
            return False
        return True

    def _imported(self, report) -> None:
        review_and_apply(self, self.document, report, self.tr("Import agents"),
                         self.tr("Import agents"), "agents")
