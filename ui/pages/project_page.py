"""The project at a glance: the center, the period, what it holds, recent files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from scheduler.domain import Horizon
from scheduler.i18n import number
from ui import notify, settings
from ui.models.versions_model import status_name
from ui.pages.base import Page


class ProjectPage(Page):
    WATCHES = frozenset({"agents", "requests", "site", "versions", "roster", "rules", "forecast"})
    open_requested = Signal(object)  # a Path

    def __init__(self, document, actions, parent=None) -> None:
        super().__init__(document, parent)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setWordWrap(True)
        self.summary.setMargin(8)
        left.addWidget(self.summary)

        self.period_box = QGroupBox()
        form = QFormLayout(self.period_box)
        self.center_name = QLineEdit()
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 6)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply_period)
        self.center_label, self.start_label, self.weeks_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.center_label, self.center_name)
        form.addRow(self.start_label, self.start)
        form.addRow(self.weeks_label, self.weeks)
        form.addRow("", self.apply_button)
        left.addWidget(self.period_box)
        left.addStretch(1)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        self.recent_box = QGroupBox()
        recent_layout = QVBoxLayout(self.recent_box)
        self.recent_model = QStringListModel(self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.recent_view.activated.connect(self._open_recent)
        recent_layout.addWidget(self.recent_view)
        buttons = QHBoxLayout()
        for action in (actions.new, actions.open):
            button = QPushButton()
            button.clicked.connect(action.trigger)
            button.setProperty("action", action)
            buttons.addWidget(button)
        self._action_buttons = [buttons.itemAt(i).widget() for i in range(buttons.count())]
        recent_layout.addLayout(buttons)
        right.addWidget(self.recent_box)
        layout.addLayout(right, 2)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Project")

    def retranslate_ui(self) -> None:
        self.period_box.setTitle(self.tr("Center and period"))
        self.center_label.setText(self.tr("Center name"))
        self.start_label.setText(self.tr("First day"))
        self.weeks_label.setText(self.tr("Weeks"))
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setToolTip(self.tr("Change the center's name or the weeks to plan (Ctrl+Z undoes it)"))
        self.recent_box.setTitle(self.tr("Recent projects"))
        for button in self._action_buttons:
            button.setText(button.property("action").text().replace("&", ""))
        self.refresh()

    def refresh(self, what: str = "project") -> None:
        self.recent_model.setStringList([str(p) for p in settings.recent_files()])
        project = self.document.project
        self.period_box.setEnabled(project is not None)
        if project is None:
            self.summary.setText(self.tr("<h2>No project open</h2><p>Open a project (Ctrl+O) or start a new "
                                         "one (Ctrl+N). Recent projects are listed on the right.</p>"))
            return
        self.center_name.setText(project.site.name)
        h = project.horizon
        self.start.setDate(QDate(h.start.year, h.start.month, h.start.day))
        self.weeks.setValue(h.weeks)
        latest = project.latest_version()
        hard = sum(1 for r in project.requests if r.hard)
        lines = [
            f"<h2>{project.site.name}</h2>",
            self.tr("<b>Period:</b> {0} – {1} ({2} weeks)").format(
                h.start.strftime("%d/%m/%Y"), h.end.strftime("%d/%m/%Y"), h.weeks),
            self.tr("<b>Time zone:</b> {0}, {1}-minute intervals").format(
                project.site.time_zone, project.site.interval_minutes),
            self.tr("<b>Agents:</b> {0}").format(number(len(project.agents), ",")),
            self.tr("<b>Requests:</b> {0} ({1} approved, {2} pending)").format(
                number(len(project.requests), ","), number(hard, ","), number(len(project.requests) - hard, ",")),
            self.tr("<b>Forecast:</b> {0} intervals").format(number(len(project.forecast.intervals), ",")),
            self.tr("<b>Roster versions:</b> {0}").format(len(project.versions)),
        ]
        if latest is not None:
            lines.append(self.tr("<b>Latest version:</b> {0} ({1}, {2} shifts)").format(
                latest.number, status_name(latest.status), number(len(latest.roster.shifts), ",")))
        else:
            lines.append(self.tr("<b>No roster yet.</b> Check the agents, requests, forecast and rules, "
                                 "then solve (F5)."))
        lines.append("<p style='color:#555'>" + self.tr("Saved automatically in {0}").format(
            str(self.document.path)) + "</p>")
        self.summary.setText("<br>".join(lines))

    def apply_period(self) -> None:
        project = self.document.project
        if project is None:
            return
        try:
            site = replace(project.site, name=self.center_name.text())
            horizon = Horizon(self.start.date().toPython(), self.weeks.value())
            changed = replace(project, site=site, horizon=horizon)
        except ValueError as error:
            notify.error(self, self.tr("Cannot change the period"), error)
            return
        self.document.apply(changed, self.tr("Change center and period"), "site")

    def _open_recent(self, index) -> None:
        self.open_requested.emit(Path(index.data()))
