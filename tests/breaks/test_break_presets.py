"""Every law preset yields rosters whose breaks obey every rule; wrong placements are caught."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from scheduler.breaks.presets import PRESETS, apply_preset, preset
from scheduler.domain import Agent, BreakAssignment, BreakRule, Roster, ShiftAssignment, ShiftTemplate
from scheduler.solving import solve_project
from scheduler.validate import validate
from solver import SolveParams
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)
PARAMS = SolveParams(time_limit_seconds=5, workers=2, seed=2)


def small_center(template_hours: int = 8):
    agents = [Agent(f"A{i}", f"Agent {i}", contract(5, template_hours, min_days=3)) for i in range(6)]
    return tiny_project(agents, required=2, interval=15,
                        templates=(ShiftTemplate("T", template_hours * 60, 6 * 60, 14 * 60, 60),))


@pytest.mark.parametrize("key", [p.key for p in PRESETS])
def test_each_preset_gives_a_roster_with_zero_break_violations(key):
    project = apply_preset(small_center(), key)
    outcome = solve_project(project, PARAMS, break_time_limit=5)
    assert outcome.roster is not None and outcome.roster.shifts
    assert outcome.unplaced_breaks == 0
    assert [v.message for v in outcome.violations] == []
    kinds = {b.kind for s in outcome.roster.shifts for b in s.breaks}
    assert kinds == {r.name for r in project.break_rules if r.breaks_for(480)}


def test_california_second_meal_and_unpaid_meal_lengthen_the_shift():
    project = apply_preset(small_center(11), "us-california")
    outcome = solve_project(project, PARAMS, break_time_limit=5)
    assert outcome.violations == ()
    shift = outcome.roster.shifts[0]
    kinds = sorted(b.kind for b in shift.breaks)
    assert kinds == ["Meal", "Rest", "Rest", "Rest", "Second meal"]
    assert shift.minutes == 11 * 60 + 60  # two unpaid half-hour meals on the clock
    assert shift.paid_minutes == 11 * 60


def test_spain_contact_center_has_a_screen_pause_near_every_hour_mark():
    project = apply_preset(small_center(), "es-contact-center")
    outcome = solve_project(project, PARAMS, break_time_limit=5)
    for shift in outcome.roster.shifts:
        pauses = [b for b in shift.breaks if b.kind == "Pausa PVD"]
        assert len(pauses) == 8
        for hour, pause in enumerate(pauses, start=1):
            offset = (pause.start - shift.start).total_seconds() / 60
            assert abs(offset - 60 * hour) <= 15


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(ValueError, match="es-contact-center"):
        preset("es-cc")


# -- the validator catches each kind of wrong placement ---------------------------------
RULE = BreakRule("Lunch", 30, paid=True, count=1, earliest_offset=180, latest_offset=300,
                 min_work_before=120, latest_before_end=60)
PAUSE = BreakRule("Pause", 10, paid=True, every_minutes=120, min_gap_minutes=60, max_gap_minutes=150)


@pytest.fixture
def project():
    return replace(small_center(), break_rules=(RULE, PAUSE))


def _shift(project, breaks):
    tl = project.timeline
    start = tl.wall_to_utc(MONDAY, 8 * 60)
    return ShiftAssignment("A0", MONDAY, start, start + timedelta(hours=8), "T",
                           tuple(BreakAssignment(kind, start + timedelta(minutes=at),
                                                 start + timedelta(minutes=at + length))
                                 for kind, at, length in breaks))


GOOD = [("Pause", 100, 10), ("Lunch", 200, 30), ("Pause", 260, 10), ("Pause", 350, 10), ("Pause", 430, 10)]


def _rules(project, breaks):
    return {v.rule for v in validate(project, Roster((_shift(project, breaks),)))}


def test_correct_placement_passes(project):
    assert {r for r in _rules(project, GOOD) if r.startswith("break")} == set()


@pytest.mark.parametrize("breaks, rule", [
    ([b if b[0] != "Lunch" else ("Lunch", 330, 30) for b in GOOD], "break_window"),  # too late
    ([b if b[0] != "Lunch" else ("Lunch", 200, 20) for b in GOOD], "break_length"),
    ([b for b in GOOD if b[0] != "Lunch"], "break_count"),
    ([b if b[1] != 260 else ("Pause", 125, 10) for b in GOOD], "break_gap"),
    ([("Pause", 100, 10), ("Lunch", 105, 30), ("Pause", 260, 10), ("Pause", 350, 10), ("Pause", 430, 10)],
     "break_overlap"),
])
def test_each_wrong_placement_is_caught(project, breaks, rule):
    assert rule in _rules(project, breaks)


def test_first_break_after_too_little_work_is_caught(project):
    early = replace(project, break_rules=(replace(RULE, earliest_offset=0), PAUSE))
    breaks = [b if b[0] != "Lunch" else ("Lunch", 60, 30) for b in GOOD]
    assert "break_first_work" in _rules(early, breaks)


def test_break_violations_read_in_spanish_when_the_ui_is_spanish(project):
    from scheduler.i18n import language, set_language

    before = language()
    set_language("es")
    try:
        messages = [v.message for v in validate(project, Roster((_shift(project, [b for b in GOOD if b[0] != "Lunch"]),)))]
    finally:
        set_language(before)
    assert any("tiene 0 × Lunch; la regla pide 1" in m for m in messages)
    # the shift's day is named in Spanish too, not in the machine's locale ("Mon")
    assert any(re.search(r"el turno del (lun|mar|mié|jue|vie|sáb|dom) \d\d/\d\d \d\d:\d\d tiene", m)
               for m in messages), messages
