"""A team lead's month without leaving the window: plan, solve, review, edit, approve, send."""

from __future__ import annotations

import time

from openpyxl import load_workbook
from PySide6.QtCore import QTimer

from scheduler.domain import VersionStatus
from scheduler.store import load_project, load_version_events
from ui.models.roster_model import VIOLATIONS_ROLE


def _rest_breaking_edit(window):
    """Start an agent's next-day shift at the template's first start, less than 12 h after
    today's shift ends; returns (agent, next day)."""
    from ui.actions.roster_edits import clock_minutes, local_start

    project = window.document.project
    roster = window.document.version().roster
    template = project.shift_templates[0]
    days = project.horizon.dates()
    for shift in roster.shifts:
        end = local_start(project, shift) + clock_minutes(project, template)
        index = days.index(shift.day)
        if index + 1 < len(days) and end - 24 * 60 + project.labour.min_rest_minutes > template.earliest_start:
            window.roster_page.set_shift(shift.agent_id, days[index + 1], (template, template.earliest_start))
            return shift.agent_id, days[index + 1]
    raise AssertionError("no shift ends late enough to break the rest rule")


def _solve(qtbot, window, seconds: float = 5) -> None:
    window.solver.time_limit = seconds
    with qtbot.waitSignal(window.worker.finished, timeout=90_000):
        assert window.solve()


def test_plan_solve_edit_undo_approve_export(qtbot, window, small_center, tmp_path, dialogs):
    assert window.open_project(small_center)

    # Forecast & staffing: a stricter service goal needs more agents, at once.
    forecast = window.forecast_page
    before = sum(r.required for r in forecast.rows())
    forecast.service_level.setValue(95)
    after = sum(r.required for r in forecast.rows())
    assert after > before
    assert window.document.project.staffing.service_level == 0.95

    # Solve with a short time limit; the result is a new draft version, shown in Roster.
    _solve(qtbot, window)
    version = window.document.version()
    assert version is not None and version.status is VersionStatus.DRAFT
    assert load_project(small_center).latest_version().number == version.number
    # the summary's shortfall is the approval workbook's: on the phone, breaks included
    from scheduler.export.coverage import coverage
    from scheduler.i18n import number

    short = coverage(window.document.project, version.roster).short_agent_minutes / 60
    assert f"on the phone (breaks included) short {number(short, ',.1f')} agent-hours" in \
        window.solve_page.result_text.text()
    page = window.roster_page
    assert page.model.rowCount() == 12 and page.model.columnCount() == 7
    clean = len(page.violations)

    # A day hour by hour: one Gantt row per agent, coverage on the same axis.
    day = window.document.project.horizon.start
    page.show_day(day)
    assert len(page.gantt.rows()) == 12
    assert page.coverage_chart._required

    # Move a shift so that the rest before it is under 12 h: the validator marks it at once.
    agent_id, next_day = _rest_breaking_edit(window)
    assert any(v.rule == "min_rest" and v.agent_id == agent_id for v in page.violations)
    listed = [page.issues_model.item_at(r) for r in range(page.issues_model.rowCount())]
    assert any(i.kind == "rule" and i.agent_id == agent_id and "rest" in i.text for i in listed)
    cell = page.model.index(page.model.row_of(agent_id), page.model.column_of(next_day))
    assert cell.data(VIOLATIONS_ROLE)

    # Undo (Ctrl+Z): the violation is gone.
    window.actions.undo.trigger()
    assert len(page.violations) == clean
    assert not cell.data(VIOLATIONS_ROLE)

    # Drag a break far out of its window in the Gantt (when the core places breaks).
    shift = next((s for s in version.roster.shifts if s.day == day and s.breaks), None)
    if shift is not None:
        index = max(range(len(shift.breaks)), key=lambda i: shift.breaks[i].end - shift.breaks[i].start)
        page.gantt.break_move_requested.emit(shift.agent_id, day, index, 6 * 60)
        assert any(v.agent_id == shift.agent_id and v.day == day and v.rule.startswith("break")
                   for v in page.violations)
        window.actions.undo.trigger()
        assert len(page.violations) == clean

    # Approve: submit, then approve with a name and a comment.
    assert window.decide(VersionStatus.SUBMITTED, "Marta", "")
    assert window.decide(VersionStatus.APPROVED, "Marta", "OK for January"), dialogs
    assert window.document.version().status is VersionStatus.APPROVED
    events = load_version_events(small_center, version.number)
    assert [e.status for e in events][-1] is VersionStatus.APPROVED and events[-1].by == "Marta"
    assert "approved" in window.windowTitle()

    # Export, and read the file back.
    target = tmp_path / "roster.xlsx"
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        assert window.export(target)
    book = load_workbook(target, read_only=True)
    assert "Schedule" in book.sheetnames
    rows = list(book["Schedule"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Agent ID", "Agent", "Date")
    assert {r[0] for r in rows[1:]} == {a.id for a in window.document.project.agents}
    book.close()


def test_editing_an_approved_version_starts_a_new_draft(window, solved_center):
    window.open_project(solved_center)
    number = window.document.selected
    assert window.decide(VersionStatus.SUBMITTED, "Lead", "")
    assert window.decide(VersionStatus.APPROVED, "Lead", "")
    shift = window.document.version().roster.shifts[0]
    window.roster_page.select_cell(shift.agent_id, shift.day)
    window.roster_page.set_locked(True)
    assert window.document.selected == number + 1
    assert window.document.version(number).status is VersionStatus.APPROVED
    assert window.document.version().status is VersionStatus.DRAFT


def test_window_stays_responsive_while_solving(qtbot, window, small_center):
    window.open_project(small_center)
    ticks: list[float] = []
    delivered: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    # while the worker solves: until its result (or error) reaches the GUI thread
    window.worker.succeeded.connect(lambda _r: delivered.append(time.monotonic()))
    window.worker.failed.connect(lambda _e: delivered.append(time.monotonic()))
    timer.start()
    _solve(qtbot, window, seconds=2)  # responsiveness, not the roster, is what counts here
    timer.stop()
    ticks = [t for t in ticks if t <= delivered[0]]
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20, "the solve should last more than a second"
    assert max(gaps) < 0.2, f"the event loop stalled for {max(gaps):.3f} s"


def test_cancel_keeps_the_best_roster_so_far(qtbot, window, small_center):
    window.open_project(small_center)
    window.solver.time_limit = 60
    window.solver.progress.connect(lambda p: p.objective is not None and window.solver.cancel())
    started = time.monotonic()
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        window.solve()
    assert time.monotonic() - started < 30
    assert window.document.version() is not None
    assert window.solve_page.result_text.text().count("stopped")


def test_rules_that_clash_are_listed_not_raised(qtbot, window, small_center, dialogs):
    from dataclasses import replace

    from scheduler.domain import Request, RequestKind

    window.open_project(small_center)
    project = window.document.project
    agent = project.agents[0]
    days = project.horizon.dates()
    clash = tuple(Request(agent.id, d, RequestKind.DAY_OFF, hard=True) for d in days[:5])
    window.document.apply(replace(project, requests=tuple(r for r in project.requests if r.agent_id != agent.id)
                                  + clash), "clash", "requests")
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        window.solve()
    text = window.solve_page.result_text.text()
    assert agent.id in text and "Traceback" not in text
    assert not [d for d in dialogs if d[0] == "error"]


def test_closing_during_a_solve_stops_it_and_keeps_the_best_roster(qtbot, small_center):
    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(small_center)
    best = []
    window.solver.progress.connect(lambda p: p.objective is not None and best.append(p.objective))
    window.solver.time_limit = 120
    window.solve()
    qtbot.waitUntil(lambda: bool(best), timeout=60_000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 20
    assert not window.worker.busy
    assert load_project(small_center).versions, "the best roster found so far is saved"


def test_same_roster_every_run_when_the_team_lead_asks_for_it(qtbot, window, small_center):
    window.open_project(small_center)
    box = window.solve_page.reproducible
    assert not box.isChecked() and not window.solver.reproducible
    box.setChecked(True)
    assert window.solver.reproducible
    rosters = []
    for _ in range(2):
        _solve(qtbot, window, seconds=3)
        rosters.append(window.document.version().roster.shifts)
    assert window.document.version().number == 2  # two solves, two draft versions
    assert rosters[0] and rosters[0] == rosters[1]
