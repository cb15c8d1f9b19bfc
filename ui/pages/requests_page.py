"""Requests: a calendar of who asked for what, and the conflicts it causes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler.domain import Request, RequestKind
from scheduler.precheck import find_impossibilities
from ui import i18n, notify
from ui.actions.import_actions import review_and_apply
from ui.actions.tasks import import_availability_task, write_templates_task
from ui.dates import day_label
from ui.dialogs.request_dialog import RequestDialog
from ui.models.issues_model import Issue, IssuesModel
from ui.models.requests_model import KIND_COLOURS, RequestsCalendarModel, kind_name
from ui.pages.base import Page, table_view


class RequestsPage(Page):
    WATCHES = frozenset({"agents", "requests", "roster", "versions", "rules"})

    def __init__(self, document, worker, parent=None) -> None:
        super().__init__(document, parent)
        self.worker = worker
        self._import_conflicts: list = []
        self.model = RequestsCalendarModel(self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        bar.addWidget(self.filter, 1)
        self.templates_button, self.import_file_button, self.import_folder_button = (
            QPushButton(), QPushButton(), QPushButton())
        for button in (self.templates_button, self.import_file_button, self.import_folder_button):
            bar.addWidget(button)
        self.templates_button.clicked.connect(self.choose_templates_folder)
        self.import_file_button.clicked.connect(self.choose_import_file)
        self.import_folder_button.clicked.connect(self.choose_import_folder)
        layout.addLayout(bar)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setDefaultSectionSize(52)
        self.view.horizontalHeader().setMinimumHeight(40)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._edit_index)
        self.filter.textChanged.connect(self._filter_agents)
        splitter.addWidget(self.view)

        conflicts = QWidget()
        conflicts_layout = QVBoxLayout(conflicts)
        conflicts_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_title = QLabel()
        conflicts_layout.addWidget(self.conflicts_title)
        self.conflicts_model = IssuesModel(parent=self)
        self.conflicts_view, _ = table_view(self.conflicts_model)
        self.conflicts_view.setWordWrap(False)
        self.conflicts_view.doubleClicked.connect(self._show_conflict)
        conflicts_layout.addWidget(self.conflicts_view)
        splitter.addWidget(conflicts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Requests")

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter agents…"))
        self.templates_button.setText(self.tr("Export availability templates…"))
        self.templates_button.setToolTip(self.tr("Write one Excel template per agent for the period, to send out "
                                                 "and collect their days off and preferences"))
        self.import_file_button.setText(self.tr("Import a template…"))
        self.import_file_button.setToolTip(self.tr("Read one filled-in availability template"))
        self.import_folder_button.setText(self.tr("Import a folder…"))
        self.import_folder_button.setToolTip(self.tr("Read every filled-in template in a folder at once"))
        swatches = []
        for kind in (RequestKind.DAY_OFF, RequestKind.VACATION, RequestKind.UNAVAILABLE, RequestKind.PREFER_MORNING):
            hard, soft = KIND_COLOURS[kind]
            swatches.append(f"<span style='background:{hard}'>&nbsp;&nbsp;&nbsp;</span> {kind_name(kind)}")
        soft = KIND_COLOURS[RequestKind.DAY_OFF][1]
        swatches.append(self.tr("<b>bold</b> = approved; <span style='background:{0}'><i>italic</i></span> = pending")
                        .format(soft))
        self.legend.setText(" &nbsp; ".join(swatches))
        self.view.setToolTip(self.tr("Double-click a day to add or change a request; right-click for more"))
        self.conflicts_title.setText(self.tr("Conflicts: rules that cannot hold, and requests the roster "
                                             "on screen does not honour"))
        self.model.retranslate()
        self.conflicts_model.retranslate()
        self.refresh()

    # -- data ------------------------------------------------------------------------
    def refresh(self, what: str = "project") -> None:
        project = self.document.project
        issues, unhonoured = self._conflicts()
        self.model.set_project(project, unhonoured)
        self.conflicts_model.set_items(issues)
        self.conflicts_view.resizeColumnToContents(0)
        self.conflicts_view.resizeColumnToContents(1)
        self.view.verticalHeader().setMinimumWidth(200)

    def _conflicts(self):
        project = self.document.project
        if project is None:
            return [], set()
        issues = [Issue("rule", "", "", text) for text in find_impossibilities(project)]
        for conflict in self._import_conflicts:
            issues.append(Issue("short", day_label(conflict.day), "",
                                str(conflict), conflict.agent_ids[0] if len(conflict.agent_ids) == 1 else None,
                                conflict.day))
        version = self.document.version()
        unhonoured = set()
        if version is not None:
            worked = {(s.agent_id, s.day) for s in version.roster.shifts}
            names = {a.id: a.name for a in project.agents}
            for request in project.requests:
                if request.kind.is_day_off and (request.agent_id, request.day) in worked:
                    unhonoured.add((request.agent_id, request.day))
                    text = self.tr("{0} works on a requested {1} (version {2})").format(
                        names.get(request.agent_id, request.agent_id), kind_name(request.kind), version.number)
                    issues.append(Issue("rule" if request.hard else "penalty", day_label(request.day),
                                        names.get(request.agent_id, request.agent_id), text,
                                        request.agent_id, request.day))
        return issues, unhonoured

    def _filter_agents(self, text: str) -> None:
        text = text.lower()
        for row in range(self.model.rowCount()):
            agent = self.model.agent_at(row)
            hide = bool(text) and text not in f"{agent.id} {agent.name}".lower()
            self.view.setRowHidden(row, hide)

    # -- editing ----------------------------------------------------------------------
    def _cell(self, proxy_index):
        index = self.proxy.mapToSource(proxy_index)
        return index.row(), index.column()

    def _edit_index(self, proxy_index) -> None:
        row, column = self._cell(proxy_index)
        agent, day = self.model.agent_at(row), self.model.day_at(column)
        existing = self.model.requests_at(row, column)
        dialog = RequestDialog(f"{agent.name} ({agent.id})", agent.id, day, existing[0] if existing else None, self)
        if dialog.exec():
            self.set_requests([(agent.id, day)], dialog.result_value)

    def set_requests(self, cells, template: Request | None) -> None:
        """Give every (agent, day) in ``cells`` the request like ``template``; None removes."""
        project = self.document.project
        wanted = set(cells)
        kept = tuple(r for r in project.requests if (r.agent_id, r.day) not in wanted)
        added = () if template is None else tuple(replace(template, agent_id=a, day=d) for a, d in cells)
        if template is None:
            text = self.tr("Remove {0} requests").format(len(project.requests) - len(kept))
        else:
            text = self.tr("Set {0} on {1} days").format(kind_name(template.kind), len(cells))
        self.document.apply(replace(project, requests=kept + added), text, "requests")

    def _selected_cells(self):
        cells = []
        for proxy_index in self.view.selectionModel().selectedIndexes():
            row, column = self._cell(proxy_index)
            cells.append((self.model.agent_at(row).id, self.model.day_at(column)))
        return cells

    def _context_menu(self, pos) -> None:
        if self.document.project is None or not self.view.indexAt(pos).isValid():
            return
        cells = self._selected_cells()
        if not cells:
            return
        menu = QMenu(self)
        choices = (
            (self.tr("Day off (pending)"), Request("x", cells[0][1], RequestKind.DAY_OFF, False, 3)),
            (self.tr("Day off (approved)"), Request("x", cells[0][1], RequestKind.DAY_OFF, True, 3)),
            (self.tr("Vacation"), Request("x", cells[0][1], RequestKind.VACATION, True)),
            (self.tr("Unavailable"), Request("x", cells[0][1], RequestKind.UNAVAILABLE, True)),
            (self.tr("Prefers morning"), Request("x", cells[0][1], RequestKind.PREFER_MORNING, False, 2)),
            (self.tr("Prefers afternoon"), Request("x", cells[0][1], RequestKind.PREFER_AFTERNOON, False, 2)),
        )
        for text, template in choices:
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, t=template: self.set_requests(cells, t))
            menu.addAction(action)
        menu.addSeparator()
        remove = menu.addAction(self.tr("Remove request"))
        remove.triggered.connect(lambda: self.set_requests(cells, None))
        edit = menu.addAction(self.tr("Edit…"))
        edit.triggered.connect(lambda: self._edit_index(self.view.indexAt(pos)))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _show_conflict(self, proxy_index) -> None:
        issue = self.conflicts_model.item_at(self.conflicts_view.model().mapToSource(proxy_index).row())
        if issue.agent_id is None or issue.day is None:
            return
        for row in range(self.model.rowCount()):
            if self.model.agent_at(row).id == issue.agent_id:
                column = self.document.project.horizon.index(issue.day)
                self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, column)))
                self.view.scrollTo(self.view.currentIndex())
                return

    # -- availability templates ---------------------------------------------------------------
    def _folder(self) -> str:
        return str(self.document.path.parent) if self.document.path else ""

    def choose_templates_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the templates"), self._folder())
        if folder:
            self.write_templates(Path(folder))

    def write_templates(self, folder: Path) -> bool:
        return self._start(write_templates_task, folder, self._templates_written,
                           self.tr("Availability templates"))

    def _templates_written(self, paths) -> None:
        notify.info(self, self.tr("Availability templates"),
                    self.tr("{0} templates written in {1}. Send each agent theirs; import them back when filled in.")
                    .format(len(paths), str(paths[0].parent) if paths else ""))

    def choose_import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a template"), self._folder(),
                                              self.tr("Spreadsheets (*.xlsx)"))
        if name:
            self.import_availability(Path(name))

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every template in a folder"), self._folder())
        if folder:
            self.import_availability(Path(folder))

    def import_availability(self, source: Path) -> bool:
        """Read a template or a folder of them on the worker; review; apply as one edit."""
        return self._start(import_availability_task, source, self._availability_read,
                           self.tr("Import availability"))

    def _availability_read(self, report) -> None:
        self._import_conflicts = list(report.conflicts)
        if not review_and_apply(self, self.document, report, self.tr("Import availability"),
                                self.tr("Import availability"), "requests"):
            self.refresh()

    def _start(self, task, path: Path, on_result, title: str) -> bool:
        project = self.document.project
        if project is None:
            return False
        try:
            self.worker.start(task, project, Path(path), i18n.language(), description=title,
                              on_result=on_result, on_error=lambda error: notify.error(self, title, error))
        except RuntimeError as error:
            notify.error(self, title, error)
            return False
        return True
