"""Roster: the grid of the month, a day hour by hour, coverage, and what is wrong.

Hand edits (change a shift, move a break, lock) go through
:mod:`ui.actions.roster_edits` and the document's undo stack; the independent
validator runs again at once and every broken rule is framed in red and listed.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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

from scheduler.explain import describe_penalty
from scheduler.i18n import number, weekday
from ui import notify
from ui.actions import roster_edits
from ui.coverage import Coverage, coverage, day_slots, predicted_service_level
from ui.dates import day_label
from ui.dialogs.shift_dialog import DAY_OFF, BreakDialog, ShiftDialog
from ui.models.issues_model import Issue, IssuesModel
from ui.models.roster_model import FAMILY_COLOURS, RosterModel, family_name
from ui.models.versions_model import status_name
from ui.pages.base import Page, table_view
from ui.validation import IncrementalValidator
from ui.widgets.coverage_chart import CoverageChart
from ui.widgets.gantt import GanttView
from ui.widgets.roster_delegate import RosterDelegate
from ui.widgets.time_axis import TimeAxis


class RosterPage(Page):
    WATCHES = frozenset({"roster", "versions", "agents", "requests", "rules", "forecast", "staffing", "site"})
    resolve_requested = Signal()

    def __init__(self, document, actions, parent=None) -> None:
        super().__init__(document, parent)
        self.actions = actions
        self.model = RosterModel(self)
        self.issues_model = IssuesModel(parent=self)
        self.violations = []
        self.cover: Coverage | None = None
        self.day: date | None = None
        self._window: range = range(0)
        self._shape = None
        self._refreshed = None
        self.validator = IncrementalValidator()
        layout = QVBoxLayout(self)

        # top bar ----------------------------------------------------------------------
        bar = QHBoxLayout()
        self.version_label = QLabel()
        self.version_combo = QComboBox()
        self.version_combo.setMinimumWidth(220)
        self.version_combo.activated.connect(self._version_picked)
        self.version_label.setBuddy(self.version_combo)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_agents)
        bar.addWidget(self.version_label)
        bar.addWidget(self.version_combo)
        bar.addWidget(self.filter, 1)
        self.change_action = QAction(self)
        self.change_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_F2)])
        self.change_action.triggered.connect(self.change_shift)
        self.off_action = QAction(self)
        self.off_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.off_action.triggered.connect(self.make_day_off)
        self.break_action = QAction(self)
        self.break_action.triggered.connect(self.move_break_dialog)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.set_locked(True))
        self.unlock_action = QAction(self)
        self.unlock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.unlock_action.triggered.connect(lambda: self.set_locked(False))
        self.buttons = []
        for action in (self.change_action, self.break_action, self.lock_action, self.unlock_action, actions.resolve):
            button = QPushButton()
            button.clicked.connect(action.trigger)
            button.setProperty("action", action)
            self.buttons.append(button)
            bar.addWidget(button)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addLayout(bar)
        layout.addWidget(self.legend)

        # grid --------------------------------------------------------------------------
        outer = QSplitter(Qt.Orientation.Vertical)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(RosterDelegate(self.grid))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setDefaultSectionSize(86)
        self.grid.horizontalHeader().setMinimumHeight(40)
        self.grid.verticalHeader().setDefaultSectionSize(22)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.doubleClicked.connect(lambda _i: self.change_shift())
        self.grid.horizontalHeader().sectionClicked.connect(lambda column: self.show_day(self.model.day_at(column)))
        for action in (self.change_action, self.off_action, self.lock_action, self.unlock_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(action)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        outer.addWidget(self.grid)

        # day view: Gantt over coverage, issues on the right ---------------------------------
        lower = QSplitter(Qt.Orientation.Horizontal)
        day_view = QWidget()
        day_layout = QVBoxLayout(day_view)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.setSpacing(2)
        self.day_title = QLabel()
        self.day_title.setWordWrap(True)
        day_layout.addWidget(self.day_title)
        day_split = QSplitter(Qt.Orientation.Vertical)
        self.gantt = GanttView()
        self.coverage_chart = CoverageChart()
        self.coverage_chart.axis = TimeAxis(left=200, right=44)
        self.gantt.align_with(self.coverage_chart.axis)
        day_split.addWidget(self.gantt)
        day_split.addWidget(self.coverage_chart)
        day_split.setStretchFactor(0, 3)
        day_split.setStretchFactor(1, 2)
        day_layout.addWidget(day_split, 1)
        lower.addWidget(day_view)

        issues = QWidget()
        issues_layout = QVBoxLayout(issues)
        issues_layout.setContentsMargins(0, 0, 0, 0)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.explain.setMinimumHeight(60)
        self.explain.setStyleSheet("background:#f7f7f7; padding:6px; border:1px solid #dddddd;")
        issues_layout.addWidget(self.explain)
        self.only_day = QCheckBox()
        self.only_day.setChecked(True)
        self.only_day.toggled.connect(lambda _c: self._fill_issues())
        issues_layout.addWidget(self.only_day)
        self.issues_view, self.issues_proxy = table_view(self.issues_model)
        self.issues_view.setWordWrap(False)
        self.issues_view.activated.connect(self._issue_activated)
        self.issues_view.clicked.connect(self._issue_activated)
        issues_layout.addWidget(self.issues_view, 1)
        lower.addWidget(issues)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        outer.addWidget(lower)
        outer.setStretchFactor(0, 1)
        outer.setStretchFactor(1, 1)
        outer.setSizes([320, 420])
        lower.setSizes([780, 560])
        day_split.setSizes([260, 160])
        self.outer_splitter = outer
        layout.addWidget(outer, 1)

        self.gantt.agent_clicked.connect(self._gantt_agent)
        self.gantt.shift_move_requested.connect(self.move_shift)
        self.gantt.break_move_requested.connect(self.move_break)
        self.coverage_chart.slot_clicked.connect(self._slot_clicked)
        document.selection_changed.connect(self._selection_changed)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Roster")

    def _selection_changed(self, _number) -> None:
        self.refresh("roster")

    def retranslate_ui(self) -> None:
        self.version_label.setText(self.tr("&Version"))
        self.filter.setPlaceholderText(self.tr("Filter agents…"))
        self.change_action.setText(self.tr("Change shift…"))
        self.change_action.setToolTip(self.tr("Give the selected agent another start time or a day off (Enter)"))
        self.off_action.setText(self.tr("Make it a day off"))
        self.break_action.setText(self.tr("Move break…"))
        self.break_action.setToolTip(self.tr("Move a break of the selected shift (or drag it in the day view)"))
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Keep the selected cells when re-solving (Ctrl+L)"))
        self.unlock_action.setText(self.tr("Unlock"))
        self.unlock_action.setToolTip(self.tr("Let a new solve change the selected cells (Ctrl+Shift+L)"))
        for button in self.buttons:
            action = button.property("action")
            button.setText(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.setVisible(action.isVisible())
        self.legend.setText(" &nbsp; ".join(
            f"<span style='background:{FAMILY_COLOURS[f]}; border:1px solid #aaa'>&nbsp;&nbsp;&nbsp;&nbsp;</span> "
            f"{family_name(f)}" for f in ("morning", "afternoon", "night", "off", "vacation"))
            + " &nbsp; " + self.tr("<span style='color:#b00020'><b>red frame</b></span> = a rule is broken "
                                   "(hover for why) &nbsp; ▪ padlock = locked"))
        self.only_day.setText(self.tr("Only the day shown"))
        self.model.retranslate()
        self.issues_model.retranslate()
        self._fill_versions()
        self._show_day_view()
        self._explain(getattr(self, "_explained", None))

    # -- data -----------------------------------------------------------------------------
    def refresh(self, what: str = "project", force: bool = False) -> None:
        project = self.document.project
        version = self.document.version()
        roster = version.roster if version else None
        key = (id(project), id(roster), self.document.selected)
        if what != "project" and not force and key == self._refreshed:
            return
        self._refreshed = key
        self.violations = self.validator.run(project, roster) if project and roster else []
        self.cover = coverage(project, roster) if project else None
        locked_off = self.document.locked_off.get(version.number, set()) if version else set()
        shape = (tuple(a.id for a in project.agents), project.horizon) if project else None
        if shape != self._shape:
            self._shape = shape
            self.model.set_roster(project, roster, self.violations, locked_off)
            self.grid.verticalHeader().setMinimumWidth(200)
            if project is not None and (self.day is None or self.day not in project.horizon):
                self.day = project.horizon.start
        else:
            self.model.update_roster(roster, self.violations, locked_off)
        if project is None:
            self.day = None
        self._fill_versions()
        self._filter_agents(self.filter.text(), show=False)
        self._show_day_view()
        for action in (self.change_action, self.off_action, self.break_action, self.lock_action,
                       self.unlock_action):
            action.setEnabled(roster is not None)

    def _fill_versions(self) -> None:
        project = self.document.project
        self.version_combo.clear()
        if project is None:
            return
        for version in sorted(project.versions, key=lambda v: -v.number):
            self.version_combo.addItem(self.tr("Version {0} — {1}").format(version.number, status_name(version.status)),
                                       version.number)
        index = self.version_combo.findData(self.document.selected)
        self.version_combo.setCurrentIndex(index)

    def _version_picked(self, index: int) -> None:
        self.document.select_version(self.version_combo.itemData(index))

    def _filter_agents(self, text: str, show: bool = True) -> None:
        text = text.lower()
        for row in range(self.model.rowCount()):
            agent = self.model.agent_at(row)
            hidden = bool(text) and text not in f"{agent.id} {agent.name}".lower()
            if self.grid.isRowHidden(row) != hidden:
                self.grid.setRowHidden(row, hidden)
        if show:
            self._show_day_view()

    def _visible_agents(self) -> list[str]:
        return [self.model.agent_at(r).id for r in range(self.model.rowCount()) if not self.grid.isRowHidden(r)]

    # -- the day view --------------------------------------------------------------------------
    def show_day(self, day: date) -> None:
        self.day = day
        self._show_day_view()

    def _show_day_view(self) -> None:
        project = self.document.project
        version = self.document.version()
        if project is None or self.day is None or self.day not in project.horizon:
            self.gantt.set_day(None, None, None)
            self.coverage_chart.set_data(self.coverage_chart.axis, 15, [], [], [], 0.8, [])
            self.day_title.setText("")
            self._fill_issues()
            return
        roster = version.roster if version else None
        broken = {v.agent_id for v in self.violations if v.day == self.day}
        locked = {s.agent_id for s in (roster.shifts if roster else ()) if s.day == self.day and s.locked}
        self.gantt.set_day(project, roster, self.day, self._visible_agents(), broken, locked)
        window = day_slots(project, self.day)
        self._window = window
        timeline = project.timeline
        inside = [s for s in window if s < timeline.n_slots]
        required = [self.cover.required[s] for s in inside]
        on_duty = [self.cover.on_phone[s] for s in inside]
        service = predicted_service_level(project, self.cover, range(inside[0], inside[-1] + 1)) if inside else []
        labels = [f"{timeline.slot_local(s):%H:%M}" if s < timeline.n_slots
                  else f"{timeline.minutes_to_local(timeline.slot_start(s)):%H:%M}" for s in range(window.start,
                                                                                              window.stop + 1)]
        self.coverage_chart.set_data(self.coverage_chart.axis, timeline.slot_minutes, required, on_duty, service,
                                     project.staffing.service_level, labels)
        short = sum(1 for s in inside[: 24 * 60 // timeline.slot_minutes] if self.cover.short(s) > 1e-9)
        self.day_title.setText(self.tr("<b>{0} {1}</b> hour by hour — {2} intervals short. Drag a bar to move "
                                       "a shift or a break; click the chart to ask why an interval is short.")
                               .format(weekday(self.day.weekday()), self.day.strftime("%d/%m/%Y"), short))
        self._fill_issues()

    def _fill_issues(self) -> None:
        project = self.document.project
        if project is None:
            self.issues_model.set_items([])
            self.explain.setText("")
            return
        names = {a.id: a.name for a in project.agents}
        only_day = self.only_day.isChecked() and self.day is not None
        issues = []
        for v in self.violations:
            if only_day and v.day != self.day and not (v.rule in ("weekly_days", "weekly_hours") and v.day
                                                       and 0 <= (self.day - v.day).days < 7):
                continue
            issues.append(Issue("rule", day_label(v.day), names.get(v.agent_id, v.agent_id),
                                v.message, v.agent_id, v.day, rule=v.rule))
        issues += self._short_issues()
        issues += self._penalty_issues(only_day)
        self.issues_model.set_items(issues)
        self.issues_view.resizeColumnToContents(0)
        self.issues_view.resizeColumnToContents(1)
        if not issues:
            self.explain.setText(self.tr("Nothing to report for this day: every rule holds and every interval "
                                         "is covered.") if self.document.version() else
                                 self.tr("No roster yet: press Solve (F5)."))
        elif not self.explain.property("slot_explained"):
            rules = sum(1 for i in issues if i.kind == "rule")
            self.explain.setText(self.tr("{0} broken rules, {1} short periods. Click a red interval in the chart "
                                         "to see why it is short.").format(rules, sum(1 for i in issues
                                                                                   if i.kind == "short")))

    def _short_issues(self) -> list[Issue]:
        project = self.document.project
        if self.cover is None or self.day is None or self.document.version() is None:
            return []
        timeline = project.timeline
        index = project.horizon.index(self.day)
        first, last = timeline.slot_of(timeline.day_start(index)), timeline.slot_of(timeline.day_start(index + 1))
        issues, run = [], []
        for slot in list(range(first, min(last, timeline.n_slots))) + [None]:
            if slot is not None and self.cover.short(slot) > 1e-9:
                run.append(slot)
                continue
            if run:
                worst = max(self.cover.short(s) for s in run)
                start = timeline.slot_local(run[0])
                end = timeline.minutes_to_local(timeline.slot_start(run[-1]) + timeline.slot_minutes)
                issues.append(Issue("short", f"{start:%H:%M}–{end:%H:%M}", "",
                                    self.tr("Short by up to {0} agents ({1} required at worst)").format(
                                        number(worst, ".1f"), max(self.cover.required[s] for s in run)),
                                    None, self.day, run[0]))
                run = []
        return issues

    def _penalty_issues(self, only_day: bool) -> list[Issue]:
        document = self.document
        if document.outcome is None or document.outcome_version != document.selected:
            return []
        plan = document.outcome.plan
        dates = document.project.horizon.dates()
        issues = []
        for penalty in document.outcome.result.penalties:
            if penalty.term in ("shortage", "excess") or penalty.day is None:
                continue
            day = dates[penalty.day] if 0 <= penalty.day < len(dates) else None
            if only_day and day != self.day:
                continue
            who = penalty.agent or ""
            issues.append(Issue("penalty", day_label(day), who,
                                describe_penalty(plan, penalty), penalty.agent, day))
        return issues

    def explain_slot(self, slot: int) -> str:
        """Why the interval ``slot`` (of the horizon) is short, or that it is not."""
        project = self.document.project
        timeline = project.timeline
        start = timeline.slot_local(slot)
        end = timeline.minutes_to_local(timeline.slot_start(slot) + timeline.slot_minutes)
        need, duty = self.cover.required[slot], self.cover.on_phone[slot]
        level = predicted_service_level(project, self.cover, range(slot, slot + 1))[0]
        when = f"{weekday(start.weekday())} {start:%d/%m %H:%M}–{end:%H:%M}"
        lines = [self.tr("<b>{0}</b>: {1} agents required, {2} on the phone").format(when, need,
                                                                                       number(duty, ".1f"))]
        if duty + 1e-9 < need:
            lines[0] += self.tr(" — <b style='color:#b00020'>short by {0}</b>").format(number(need - duty, ".1f"))
        else:
            lines[0] += self.tr(" — covered")
        if level is not None:
            lines.append(self.tr("Predicted service level {0} (goal {1} within {2} s)").format(
                number(level, ".0%"), number(project.staffing.service_level, ".0%"),
                number(project.staffing.target_seconds, ".0f")))
        lines.append(self._who_is_off(start.date()))
        document = self.document
        if document.outcome is not None and document.outcome_version == document.selected:
            for penalty in document.outcome.result.penalties:
                if penalty.slot == slot:
                    lines.append(html.escape(describe_penalty(document.outcome.plan, penalty)))
        return "<br>".join(lines)

    def _who_is_off(self, day: date) -> str:
        project = self.document.project
        version = self.document.version()
        if version is None or day not in project.horizon:
            return ""
        working = {s.agent_id for s in version.roster.shifts if s.day == day}
        requested = {r.agent_id: r for r in project.requests if r.day == day and r.kind.is_day_off}
        approved = sum(1 for a in project.agents if a.id not in working and a.id in requested
                       and requested[a.id].hard)
        pending = sum(1 for a in project.agents if a.id not in working and a.id in requested
                      and not requested[a.id].hard)
        rest = sum(1 for a in project.agents if a.id not in working and a.id not in requested)
        return self.tr("That day {0} agents work; off: {1} on approved leave, {2} on requested days off, "
                       "{3} on their weekly rest.").format(len(working), approved, pending, rest)

    def _slot_clicked(self, index: int) -> None:
        if not self._window or self.cover is None:
            return
        slot = self._window.start + index
        if slot >= len(self.cover.required):
            return
        self._explain(slot)

    def _explain(self, slot: int | None) -> None:
        """Show why ``slot`` is short; kept across language changes."""
        self._explained = slot
        if slot is None or self.cover is None or slot >= len(self.cover.required):
            self.explain.setProperty("slot_explained", False)
            return
        self.explain.setText(self.explain_slot(slot))
        self.explain.setProperty("slot_explained", True)

    # -- selection ----------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        self._explained = None
        self.explain.setProperty("slot_explained", False)
        day = self.model.day_at(current.column())
        agent_id = self.model.agent_at(current.row()).id
        if day != self.day:
            self.show_day(day)
        self.gantt.select_agent(agent_id)

    def _gantt_agent(self, agent_id: str) -> None:
        row = self.model.row_of(agent_id)
        column = self.model.column_of(self.day) if self.day else -1
        if row >= 0 and column >= 0:
            self.grid.selectionModel().setCurrentIndex(
                self.model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_cell(self, agent_id: str, day: date) -> None:
        row, column = self.model.row_of(agent_id), self.model.column_of(day)
        if row >= 0 and column >= 0:
            index = self.model.index(row, column)
            self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.grid.scrollTo(index)

    def _issue_activated(self, proxy_index) -> None:
        issue = self.issues_model.item_at(self.issues_proxy.mapToSource(proxy_index).row())
        if issue.slot is not None and issue.kind == "short":
            self._explain(issue.slot)
            if self._window and issue.slot in self._window:
                self.coverage_chart.select_slot(issue.slot - self._window.start)
            return
        if issue.agent_id and issue.day:
            self.select_cell(issue.agent_id, issue.day)

    def _selected_cells(self) -> list[tuple[str, date]]:
        return [(self.model.agent_at(i.row()).id, self.model.day_at(i.column()))
                for i in self.grid.selectionModel().selectedIndexes()]

    def _current_cell(self) -> tuple[str, date] | None:
        index = self.grid.currentIndex()
        if not index.isValid():
            return None
        return self.model.agent_at(index.row()).id, self.model.day_at(index.column())

    # -- edits ------------------------------------------------------------------------------------
    def _edit(self, roster, text: str, cell: tuple[str, date] | None = None) -> None:
        """Record an edit; the day view follows the edited cell."""
        if roster is None:
            return
        if cell is not None:
            self.day = cell[1]
        try:
            self.document.edit_roster(roster, text)
        except ValueError as error:
            notify.error(self, self.tr("Cannot change the roster"), error)
            return
        if cell is not None:
            self.select_cell(*cell)

    def change_shift(self) -> None:
        cell = self._current_cell()
        version = self.document.version()
        if cell is None or version is None:
            return
        agent_id, day = cell
        project = self.document.project
        agent = project.agent(agent_id)
        dialog = ShiftDialog(project, f"{agent.name} ({agent.id})", day, version.roster.shift_on(agent_id, day), self)
        if dialog.exec():
            self.set_shift(agent_id, day, dialog.result_value)

    def set_shift(self, agent_id: str, day: date, choice) -> None:
        """``choice``: ``DAY_OFF`` or ``(template, start minute of day)``."""
        project = self.document.project
        roster = self.document.version().roster
        name = project.agent(agent_id).name
        if choice == DAY_OFF:
            self._edit(roster_edits.set_day_off(roster, agent_id, day),
                       self.tr("{0}: day off on {1}").format(name, day.strftime("%d/%m")), (agent_id, day))
            version = self.document.version()
            self.document.locked_off.setdefault(version.number, set()).add((agent_id, day))
            self.document.locks_changed()
            self.refresh("roster", force=True)
            return
        template, minute = choice
        self._edit(roster_edits.set_shift(project, roster, agent_id, day, template, minute),
                   self.tr("{0}: shift at {1:02d}:{2:02d} on {3}").format(name, minute // 60, minute % 60,
                                                                          day.strftime("%d/%m")), (agent_id, day))

    def make_day_off(self) -> None:
        cell = self._current_cell()
        if cell is not None and self.document.version() is not None:
            self.set_shift(*cell, DAY_OFF)

    def move_shift(self, agent_id: str, day: date, minutes: int) -> None:
        version = self.document.version()
        if version is None:
            return
        roster = roster_edits.move_shift(self.document.project, version.roster, agent_id, day, minutes)
        self._edit(roster, self.tr("Move the shift of {0} on {1}").format(
            self.document.project.agent(agent_id).name, day.strftime("%d/%m")), (agent_id, day))

    def move_break(self, agent_id: str, day: date, index: int, minutes: int) -> None:
        version = self.document.version()
        if version is None:
            return
        roster = roster_edits.move_break(version.roster, agent_id, day, index, minutes)
        self._edit(roster, self.tr("Move a break of {0} on {1}").format(
            self.document.project.agent(agent_id).name, day.strftime("%d/%m")), (agent_id, day))

    def move_break_dialog(self) -> None:
        cell = self._current_cell()
        version = self.document.version()
        if cell is None or version is None:
            return
        shift = version.roster.shift_on(*cell)
        if shift is None or not shift.breaks:
            notify.info(self, self.tr("Move break"), self.tr("The selected shift has no breaks."))
            return
        dialog = BreakDialog(self.document.project, shift, self)
        if dialog.exec():
            index, minute = dialog.result_value
            timeline = self.document.project.timeline
            candidates = [timeline.wall_to_utc(cell[1], minute + extra) for extra in (0, 24 * 60)]
            start = next((c for c in candidates if shift.start <= c < shift.end), candidates[0])
            self._edit(roster_edits.set_break_start(version.roster, *cell, index, start),
                       self.tr("Move a break"), cell)

    def set_locked(self, locked: bool) -> None:
        version = self.document.version()
        cells = self._selected_cells()
        if version is None or not cells:
            return
        shifts = {(s.agent_id, s.day) for s in version.roster.shifts}
        on_shift = [c for c in cells if c in shifts]
        off = {c for c in cells if c not in shifts}
        offs = self.document.locked_off.setdefault(version.number, set())
        if locked:
            offs |= off
        else:
            offs -= off
        if off:
            self.document.locks_changed()
        if on_shift:
            self._edit(roster_edits.set_locked(version.roster, on_shift, locked),
                       self.tr("Lock {0} cells").format(len(cells)) if locked
                       else self.tr("Unlock {0} cells").format(len(cells)))
        else:
            self.refresh("roster", force=True)

    def _context_menu(self, pos) -> None:
        if self.document.version() is None or not self.grid.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        for action in (self.change_action, self.off_action, self.break_action, None,
                       self.lock_action, self.unlock_action, None, self.actions.resolve):
            if action is None:
                menu.addSeparator()
            elif action.isVisible():
                menu.addAction(action)
        menu.popup(self.grid.viewport().mapToGlobal(pos))
