"""Approval & export: versions, who decided what, and the files HR needs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from scheduler.store import load_version_events
from ui.models.versions_model import EventsModel, VersionsModel
from ui.pages.base import Page, selected_rows, table_view


class ApprovalPage(Page):
    WATCHES = frozenset({"versions", "roster"})
    show_roster_requested = Signal()

    def __init__(self, document, actions, parent=None) -> None:
        super().__init__(document, parent)
        self.actions = actions
        self.versions_model = VersionsModel(parent=self)
        self.events_model = EventsModel(parent=self)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.versions_title = QLabel()
        top_layout.addWidget(self.versions_title)
        self.versions_view, self.versions_proxy = table_view(self.versions_model, sortable=True)
        self.versions_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.versions_view.selectionModel().currentRowChanged.connect(self._version_changed)
        self.versions_view.doubleClicked.connect(lambda _i: self.show_roster_requested.emit())
        top_layout.addWidget(self.versions_view, 1)
        buttons = QHBoxLayout()
        self.buttons = []
        for action in (actions.submit, actions.approve, actions.reject, actions.show_version):
            button = QPushButton()
            button.clicked.connect(action.trigger)
            button.setProperty("action", action)
            self.buttons.append(button)
            buttons.addWidget(button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        splitter.addWidget(top)

        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.events_title = QLabel()
        history_layout.addWidget(self.events_title)
        self.events_view, _ = table_view(self.events_model)
        history_layout.addWidget(self.events_view, 1)
        bottom_layout.addWidget(history, 3)
        self.export_box = QGroupBox()
        export_layout = QVBoxLayout(self.export_box)
        self.export_buttons = []
        for action in actions.exports:
            button = QPushButton()
            button.clicked.connect(action.trigger)
            button.setProperty("action", action)
            self.export_buttons.append(button)
            export_layout.addWidget(button)
        self.export_note = QLabel()
        self.export_note.setWordWrap(True)
        export_layout.addWidget(self.export_note)
        export_layout.addStretch(1)
        bottom_layout.addWidget(self.export_box, 2)
        splitter.addWidget(bottom)
        layout.addWidget(splitter, 1)
        document.selection_changed.connect(self._select_current)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Approval && export")

    def retranslate_ui(self) -> None:
        self.versions_title.setText(self.tr("Roster versions — the selected one is shown in Roster and exported"))
        self.events_title.setText(self.tr("Approval history"))
        self.export_box.setTitle(self.tr("Export the selected version"))
        self.export_note.setText(self.tr("An approved version cannot change: editing it in Roster starts a new "
                                         "draft."))
        for button in self.buttons + self.export_buttons:
            action = button.property("action")
            button.setText(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
        self.versions_model.retranslate()
        self.events_model.retranslate()
        self.versions_view.resizeColumnsToContents()
        self.events_view.resizeColumnsToContents()

    def refresh(self, what: str = "project") -> None:
        project = self.document.project
        self.versions_model.set_items(project.versions if project else ())
        self.versions_view.resizeColumnsToContents()
        self._select_current(self.document.selected)
        self._load_events()

    def _select_current(self, number) -> None:
        for row in range(self.versions_proxy.rowCount()):
            index = self.versions_proxy.index(row, 0)
            if index.data() == number:
                self.versions_view.selectRow(row)
                return

    def _version_changed(self, current, _previous) -> None:
        rows = selected_rows(self.versions_view)
        if rows:
            number = self.versions_model.item_at(rows[0]).number
            if number != self.document.selected:
                self.document.select_version(number)
        self._load_events()

    def _load_events(self) -> None:
        if self.document.path is None or self.document.selected is None:
            self.events_model.set_items([])
            return
        try:
            events = load_version_events(self.document.path, self.document.selected)
        except Exception:  # noqa: BLE001 — history is informative; the file error shows elsewhere
            events = []
        self.events_model.set_items(events)
        self.events_view.resizeColumnsToContents()
