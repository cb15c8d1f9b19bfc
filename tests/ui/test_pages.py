"""The planning screens: agents, requests, rules, forecast — every edit undoable and saved."""

from __future__ import annotations

from scheduler.domain import RequestKind
from scheduler.store import load_project


def test_agent_dialog_shows_domain_errors_inline(qtbot, window, small_center):
    from ui.dialogs.agent_dialog import AgentDialog

    window.open_project(small_center)
    page = window.agents_page
    dialog = AgentDialog(None, window, page._check(window.document.project, None))
    qtbot.addWidget(dialog)
    dialog.id_edit.setText("A001")
    dialog.name_edit.setText("Nueva Persona")
    assert not dialog.try_accept()
    assert "A001" in dialog.error_label.text() and not dialog.error_label.isHidden()
    dialog.id_edit.setText("N1")
    dialog.earliest.setTime(dialog.latest.time().addSecs(3600))
    assert not dialog.try_accept()
    assert "earliest start" in dialog.error_label.text()
    dialog.earliest.setTime(dialog.latest.time().addSecs(-3600))
    assert dialog.try_accept()
    page.add(dialog.result_value)
    assert page.model.rowCount() == 13
    window.document.flush()
    assert len(load_project(small_center).agents) == 13
    window.actions.undo.trigger()
    assert page.model.rowCount() == 12


def test_in_spanish_the_dialog_shows_the_domain_refusal_in_spanish(qtbot, window, small_center):
    from ui.dialogs.agent_dialog import AgentDialog

    window.open_project(small_center)
    window.set_language("es")
    try:
        dialog = AgentDialog(None, window, window.agents_page._check(window.document.project, None))
        qtbot.addWidget(dialog)
        dialog.id_edit.setText("N1")
        dialog.name_edit.setText("Nueva Persona")
        dialog.earliest.setTime(dialog.latest.time().addSecs(3600))
        assert not dialog.try_accept()
        text = dialog.error_label.text()
        assert "N1" in text and "inicio" in text and "earliest" not in text
    finally:
        window.set_language("en")


def test_requests_calendar_sets_and_removes_requests(window, small_center):
    from scheduler.domain import Request

    window.open_project(small_center)
    page = window.requests_page
    project = window.document.project
    agent, day = project.agents[0].id, project.horizon.dates()[2]
    page.set_requests([(agent, day)], Request(agent, day, RequestKind.VACATION, True))
    row = next(r for r in range(page.model.rowCount()) if page.model.agent_at(r).id == agent)
    assert page.model.index(row, 2).data().startswith("Vac")
    page.set_requests([(agent, day)], None)
    assert not page.model.index(row, 2).data()
    window.actions.undo.trigger()
    assert page.model.index(row, 2).data().startswith("Vac")


def test_rules_page_law_preset_and_labour_rules(window, small_center):
    window.open_project(small_center)
    page = window.rules_page
    page.preset_combo.setCurrentIndex(page.preset_combo.findData("uk-wtr"))
    page.apply_preset()
    project = window.document.project
    assert project.labour.min_rest_minutes == 11 * 60
    assert [r.name for r in project.break_rules] == ["Rest break"]
    page.consecutive.setValue(5)
    assert window.document.project.labour.max_consecutive_days == 5
    window.actions.undo.trigger()
    assert window.document.project.labour.max_consecutive_days == 6


def test_law_presets_are_named_in_the_chosen_language(qtbot, window, small_center):
    from PySide6.QtCore import Qt

    window.open_project(small_center)
    combo = window.rules_page.preset_combo
    index = combo.findData("es-contact-center")
    assert combo.itemText(index) == "Spain — contact-center sector agreement"
    window.set_language("es")  # pages hear of it through Qt's LanguageChange event
    try:
        qtbot.waitUntil(lambda: combo.itemText(index) == "España — convenio del sector de contact center")
        assert "pausa de pantalla (PVD)" in combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: combo.itemText(index) == "Spain — contact-center sector agreement")


def test_forecast_minimum_staff_recomputes_live(window, small_center):
    window.open_project(small_center)
    page = window.forecast_page
    page.min_agents.setValue(9)
    assert min(r.required for r in page.rows()) == 9
    page.aht_override.setChecked(True)
    page.aht_seconds.setValue(900)
    assert max(r.aht_seconds for r in page.rows()) == 900
    assert all(i.aht_seconds != 900 for i in window.document.project.forecast.intervals[:4])


def test_explains_why_an_interval_is_short(window, solved_center):
    window.open_project(solved_center)
    page = window.roster_page
    page.show_day(window.document.project.horizon.start)
    slot = page._window.start + 10 * 4  # 10:00
    text = page.explain_slot(slot)
    assert "required" in text and "on the phone" in text and "That day" in text


def test_locked_cells_and_resolve_around_them(qtbot, window, solved_center):
    window.open_project(solved_center)
    page = window.roster_page
    version = window.document.version()
    shift = version.roster.shifts[0]
    page.select_cell(shift.agent_id, shift.day)
    page.set_locked(True)
    assert window.document.version().roster.shift_on(shift.agent_id, shift.day).locked
    if not window.actions.resolve.isVisible():
        return
    window.solver.time_limit = 5
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        assert window.solve(around_changes=True)
    kept = window.document.version().roster.shift_on(shift.agent_id, shift.day)
    assert kept is not None and kept.start == shift.start


def test_locked_day_off_survives_closing_and_reopening_the_project(window, solved_center):
    window.open_project(solved_center)
    page = window.roster_page
    version = window.document.version()
    worked = {(s.agent_id, s.day) for s in version.roster.shifts}
    agent = window.document.project.agents[0].id
    day_off = next(d for d in window.document.project.horizon.dates() if (agent, d) not in worked)
    page.select_cell(agent, day_off)
    page.set_locked(True)
    assert window.document.flush()
    window.document.close()
    window.open_project(solved_center)
    assert (agent, day_off) in window.document.locked_off.get(version.number, set())
    project = window.document.project
    row = [a.id for a in project.agents].index(agent)
    assert page.model.is_locked(row, project.horizon.index(day_off))  # the padlock is back on screen


def test_incremental_validation_matches_a_full_check(window, solved_center):
    from scheduler.validate import validate

    window.open_project(solved_center)
    page = window.roster_page
    project = window.document.project
    shift = window.document.version().roster.shifts[3]
    page.set_shift(shift.agent_id, shift.day, (project.shift_templates[0], 0))
    page.make_day_off()
    roster = window.document.version().roster
    assert page.violations == validate(project, roster)


def test_gantt_paints_300_agents_quickly(qtbot):
    import time
    from dataclasses import replace

    from scheduler.domain import Roster, ShiftAssignment
    from scheduler.generate import generate_center
    from ui.widgets.gantt import GanttView

    project = generate_center(300, weeks=4)
    project = replace(project, forecast=replace(project.forecast, intervals=()))
    timeline, template = project.timeline, project.shift_templates[0]
    shifts = tuple(ShiftAssignment(a.id, d, timeline.wall_to_utc(d, a.earliest_start // 30 * 30),
                                   timeline.wall_to_utc(d, a.earliest_start // 30 * 30 + 480), template.name)
                   for a in project.agents for d in project.horizon.dates() if d.weekday() < 5)
    roster = Roster(shifts)
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(1200, 600)
    started = time.perf_counter()
    view.set_day(project, roster, project.horizon.dates()[9])
    view.viewport().grab()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.viewport().grab()
    assert len(view.rows()) == 300
    assert time.perf_counter() - started < 1.0
