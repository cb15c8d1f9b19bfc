"""Solve: one button, live progress, cancel keeps the best roster so far."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from scheduler.explain import describe_penalty, penalty_totals
from scheduler.export.coverage import coverage as phone_coverage
from scheduler.i18n import number
from ui.pages.base import Page


class SolvePage(Page):
    show_roster_requested = Signal()

    def __init__(self, document, controller, actions, parent=None) -> None:
        super().__init__(document, parent)
        self.controller = controller
        self.actions = actions
        self._last = None
        self._progress = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.limit_label = QLabel()
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setDecimals(0)
        self.time_limit.setValue(controller.time_limit)
        self.time_limit.valueChanged.connect(self._limit_changed)
        self.reproducible = QCheckBox()
        self.reproducible.setChecked(controller.reproducible)
        self.reproducible.toggled.connect(self._reproducible_changed)
        self.solve_button = QPushButton()
        self.solve_button.clicked.connect(actions.solve.trigger)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(actions.cancel_solve.trigger)
        self.resolve_button = QPushButton()
        self.resolve_button.clicked.connect(actions.resolve.trigger)
        bar.addWidget(self.limit_label)
        bar.addWidget(self.time_limit)
        bar.addWidget(self.reproducible)
        bar.addWidget(self.solve_button)
        bar.addWidget(self.resolve_button)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.limit_label.setBuddy(self.time_limit)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        layout.addWidget(self.progress_bar)
        self.progress_text = QLabel()
        self.progress_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress_text)

        self.result_box = QGroupBox()
        result_layout = QVBoxLayout(self.result_box)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextFormat(Qt.TextFormat.RichText)
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout.addWidget(self.result_text, 1)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.show_roster_requested)
        self.show_button.setEnabled(False)
        result_layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result_box, 1)

        controller.running_changed.connect(self._running)
        controller.progress.connect(self.show_progress)
        controller.solved.connect(self.show_outcome)
        controller.problems.connect(self.show_problems)
        self.retranslate_ui()
        self._running(False)

    def title(self) -> str:
        return self.tr("Solve")

    def retranslate_ui(self) -> None:
        self.limit_label.setText(self.tr("Search for at most"))
        self.time_limit.setSuffix(self.tr(" s"))
        self.time_limit.setToolTip(self.tr("The solver stops after this many seconds with the best roster "
                                           "found; longer searches find cheaper rosters"))
        self.reproducible.setText(self.tr("Same roster every run"))
        self.reproducible.setToolTip(self.tr(
            "Solving the same project twice gives the same roster, on any computer. The limit then counts "
            "units of work (about a second each) instead of seconds, so the search may take longer or "
            "shorter than the limit"))
        self.solve_button.setText(self.tr("Solve (F5)"))
        self.solve_button.setToolTip(self.tr("Build a new roster for the whole period; it is saved as a new draft "
                                             "version"))
        self.resolve_button.setText(self.tr("Re-solve around my changes"))
        self.resolve_button.setToolTip(self.actions.resolve.toolTip())
        self.cancel_button.setText(self.tr("Stop and keep the best"))
        self.cancel_button.setToolTip(self.tr("Stop searching; the best roster found so far is kept"))
        self.result_box.setTitle(self.tr("Result"))
        self.show_button.setText(self.tr("Show in Roster"))
        if self._last is None:
            self.result_text.setText(self.tr("Press Solve (F5) to build a roster for {0}.").format(
                self._period()) if self.document.project else self.tr("Open a project first."))
            self.progress_text.setText(self.tr("Not solving."))
        elif isinstance(self._last, list):
            self.show_problems(self._last)
        else:
            self.show_outcome(*self._last)
        if self._progress is not None:
            self.show_progress(self._progress)

    def _period(self) -> str:
        h = self.document.project.horizon
        return self.tr("{0} – {1}").format(h.start.strftime("%d/%m/%Y"), h.end.strftime("%d/%m/%Y"))

    def refresh(self, what: str = "project") -> None:
        self._last = None
        self._progress = None
        self.show_button.setEnabled(False)
        self.retranslate_ui()

    def _limit_changed(self, value: float) -> None:
        self.controller.time_limit = float(value)

    def _reproducible_changed(self, checked: bool) -> None:
        self.controller.reproducible = checked

    def _running(self, running: bool) -> None:
        self.solve_button.setEnabled(not running)
        self.resolve_button.setEnabled(not running and self.actions.resolve.isVisible())
        self.resolve_button.setVisible(self.actions.resolve.isVisible())
        self.cancel_button.setEnabled(running)
        self.time_limit.setEnabled(not running)
        self.reproducible.setEnabled(not running)
        if running:
            self._progress = None
            self.progress_bar.setValue(0)
            self.progress_text.setText(self.tr("Starting the search…"))
            self.result_text.setText(self.tr("Solving… the window stays usable; the result will be saved "
                                             "as a new draft version."))

    def show_progress(self, progress) -> None:
        self._progress = progress
        limit = max(1.0, self.controller.time_limit)
        self.progress_bar.setValue(min(1000, int(progress.elapsed_seconds / limit * 1000)))
        self.progress_bar.setFormat(self.tr("{0} s of {1} s").format(number(progress.elapsed_seconds, ".0f"),
                                                                        number(limit, ".0f")))
        parts = [self.tr("{0} s").format(number(progress.elapsed_seconds, ".1f"))]
        if progress.objective is not None:
            parts.append(self.tr("best cost {0}").format(number(progress.objective, ",.0f")))
        if progress.bound is not None:
            parts.append(self.tr("best possible {0}").format(number(progress.bound, ",.0f")))
        if progress.gap is not None:
            parts.append(self.tr("within {0} of the best possible").format(number(progress.gap, ".1%")))
        elif progress.objective is None:
            parts.append(self.tr("looking for a first roster…"))
        self.progress_text.setText(" · ".join(parts))

    def show_outcome(self, outcome, version) -> None:
        self._last = (outcome, version)
        result = outcome.result
        self.progress_bar.setValue(1000)
        self.progress_bar.setFormat(self.tr("Done in {0} s").format(number(result.wall_seconds, ".1f")))
        if version is None:
            if result.status.value == "infeasible":
                text = self.tr("<b>No roster:</b> the hard rules cannot all hold. Check contracts, approved days "
                               "off and start windows (see Requests › Conflicts).")
            else:
                text = self.tr("<b>No roster was found in the time allowed.</b> Try a longer search.")
            self.result_text.setText(text)
            self.show_button.setEnabled(False)
            return
        status = {"optimal": self.tr("the best possible roster"),
                  "feasible": self.tr("a good roster, maybe not the best")}.get(result.status.value,
                                                                                result.status.value)
        lines = [self.tr("<b>Version {0} saved as a draft:</b> {1}.").format(version.number, status)]
        if result.cancelled:
            lines.append(self.tr("You stopped the search; this is the best roster found until then."))
        lines.append(self.tr("Cost {0}; best possible {1}").format(number(result.objective or 0, ",.0f"),
                                                                  number(result.bound or 0, ",.0f")))
        if result.gap is not None:
            lines[-1] += self.tr(" (within {0})").format(number(result.gap, ".1%"))
        # short and over as callers live it and as the approval workbook says: on the phone, breaks taken
        on_phone = phone_coverage(self.document.project, outcome.roster)
        lines.append(self.tr("{0} shifts; on the phone (breaks included) short {1} agent-hours, "
                             "over {2} agent-hours.").format(
            number(len(outcome.roster.shifts), ","), number(on_phone.short_agent_minutes / 60, ",.1f"),
            number(on_phone.excess_agent_minutes / 60, ",.1f")))
        lines.append(self.tr("Rules broken: {0}").format(len(outcome.violations)))
        if getattr(outcome, "unplaced_breaks", 0):
            lines.append(self.tr("{0} shifts got no breaks within their rules; see Roster.").format(
                outcome.unplaced_breaks))
        lines += self._cost_breakdown(outcome)
        self.result_text.setText("<br>".join(lines))
        self.show_button.setEnabled(True)

    def term_name(self, term: str) -> str:
        return {"shortage": self.tr("Intervals short of agents"),
                "shortage_deep": self.tr("Intervals short by more than one agent"),
                "excess": self.tr("Agents beyond what is needed"),
                "day_off_request": self.tr("Requested days off that are worked"),
                "days_off_together": self.tr("Days off not taken together"),
                "fair_weekends": self.tr("Weekends shared unevenly"),
                "fair_nights": self.tr("Nights shared unevenly"),
                "fair_holidays": self.tr("Holidays shared unevenly"),
                "shift_preference": self.tr("Shift preferences not met"),
                "stable_start": self.tr("Start times that change from day to day")}.get(term, term.replace("_", " "))

    def _cost_breakdown(self, outcome) -> list[str]:
        """Where the cost comes from, and the costliest compromises in words."""
        penalties = outcome.result.penalties
        if not penalties:
            return []
        totals = penalty_totals(penalties)
        rows = "".join(f"<tr><td>{html.escape(self.term_name(term))}</td><td align='right'>&nbsp;{number(cost, ',')}</td></tr>"
                       for term, cost in sorted(totals.items(), key=lambda item: -item[1]))
        lines = ["", self.tr("<b>Where the cost comes from</b>"), f"<table>{rows}</table>"]
        worst = sorted((p for p in penalties if p.term not in ("excess",)), key=lambda p: -p.cost)[:8]
        if worst:
            lines.append(self.tr("<b>The costliest compromises</b>"))
            lines.append("<ul>" + "".join(f"<li>{html.escape(describe_penalty(outcome.plan, p))}</li>"
                                          for p in worst) + "</ul>")
        return lines

    def show_problems(self, problems: list[str]) -> None:
        self._last = problems
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        self.result_text.setText(self.tr("<b>The rules cannot all hold, so there is nothing to solve yet.</b> "
                                         "Fix these first:") + f"<ul>{items}</ul>")
        self.show_button.setEnabled(False)
