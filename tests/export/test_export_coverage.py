"""Agents on the phone per slot: breaks take their minutes out, real time across DST."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest

from scheduler.domain import (
    Agent,
    BreakAssignment,
    Forecast,
    ForecastInterval,
    Roster,
    ShiftAssignment,
)
from scheduler.export.coverage import coverage, minute_profile, on_phone_per_slot, predicted_service
from scheduler.staffing.erlang import predict
from scheduler.staffing.requirements import required_per_slot
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)


def _project(**kw):
    return tiny_project([Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", "Bea", contract(5, min_days=0))],
                        interval=15, **kw)


def _shift(project, agent, day, start_min, length=480, breaks=()):
    tl = project.timeline
    start = tl.wall_to_utc(day, start_min)
    return ShiftAssignment(agent, day, start, start + timedelta(minutes=length), "8h", breaks=tuple(
        BreakAssignment(kind, start + timedelta(minutes=a), start + timedelta(minutes=b), paid)
        for kind, a, b, paid in breaks))


def test_a_shift_counts_one_agent_in_each_of_its_slots():
    project = _project()
    cov = coverage(project, Roster((_shift(project, "A1", MONDAY, 8 * 60),)))
    assert cov.n_slots == 7 * 96
    assert cov.on_phone[31] == 0 and cov.on_phone[64] == 0
    assert all(cov.on_phone[t] == 1 for t in range(32, 64))
    assert sum(cov.on_phone) * 15 == 480
    assert cov.on_duty == cov.on_phone


def test_a_five_minute_pause_takes_a_third_of_an_agent_out_of_a_quarter_hour():
    project = _project()
    # 10:00–10:05 paid screen pause, 12:00–12:30 unpaid lunch
    shift = _shift(project, "A1", MONDAY, 8 * 60, breaks=[("PVD", 120, 125, True), ("Lunch", 240, 270, False)])
    cov = coverage(project, Roster((shift,)))
    assert cov.on_phone[40] == pytest.approx(2 / 3)
    assert cov.on_duty[40] == 1
    assert cov.on_phone[48] == 0 and cov.on_phone[49] == 0 and cov.on_phone[50] == 1
    assert sum(cov.on_phone) * 15 == pytest.approx(480 - 5 - 30)


def test_overlapping_breaks_are_not_subtracted_twice():
    project = _project()
    shift = _shift(project, "A1", MONDAY, 8 * 60, breaks=[("PVD", 120, 130, True), ("Descanso", 125, 135, True)])
    cov = coverage(project, Roster((shift,)))
    assert cov.on_phone[40] == 0 and min(cov.on_phone) >= 0
    assert sum(cov.on_phone) * 15 == pytest.approx(480 - 15)


def test_shift_starting_off_the_grid_counts_in_part():
    project = _project()
    cov = coverage(project, Roster((_shift(project, "A1", MONDAY, 8 * 60 + 5),)))
    assert cov.on_phone[32] == pytest.approx(2 / 3)
    assert cov.on_phone[64] == pytest.approx(1 / 3)


def test_a_night_shift_past_the_horizon_end_is_cut_at_the_end():
    project = _project()
    sunday = MONDAY + timedelta(days=6)
    cov = coverage(project, Roster((_shift(project, "A1", sunday, 22 * 60),)))
    assert sum(cov.on_phone) * 15 == 120


def test_spring_forward_night_is_seven_hours_of_slots():
    project = _project(start=date(2026, 3, 23))
    saturday = date(2026, 3, 28)
    cov = coverage(project, Roster((_shift(project, "A1", saturday, 22 * 60, length=7 * 60),)))
    assert cov.n_slots == 7 * 96 - 4  # the Sunday has 23 hours
    assert sum(cov.on_phone) * 15 == 420
    assert minute_profile(project, Roster(())).shape == (cov.n_slots * 15,)


def test_ratio_and_short_slots_against_a_flat_requirement():
    project = _project(required=1)
    roster = Roster((_shift(project, "A1", MONDAY, 8 * 60), _shift(project, "A2", MONDAY, 8 * 60)))
    cov = coverage(project, roster)
    assert list(cov.required) == required_per_slot(project)
    total = 7 * 24 * 60
    # the second agent's minutes are excess: they do not count towards coverage
    assert cov.ratio == pytest.approx(480 / total)
    assert cov.short_slots == 7 * 96 - 32
    assert cov.short_agent_minutes == pytest.approx(total - 480)
    assert on_phone_per_slot(project, roster) == cov.on_phone


def test_predicted_service_uses_agents_on_the_phone_and_weights_by_calls():
    project = _project()
    start = datetime.combine(MONDAY, datetime.min.time())
    intervals = tuple(ForecastInterval(start + timedelta(minutes=15 * k), calls=calls, aht_seconds=180)
                      for k, calls in ((32, 10.0), (33, 2.0)))
    from dataclasses import replace

    project = replace(project, forecast=Forecast(15, intervals))
    roster = Roster((_shift(project, "A1", MONDAY, 8 * 60, breaks=[("PVD", 0, 5, True)]),
                     _shift(project, "A2", MONDAY, 8 * 60)))
    service = predicted_service(project, roster)
    target = project.staffing.target_seconds
    first = predict(2 - 1 / 3, 10.0, 900, 180, target).service_level
    second = predict(2, 2.0, 900, 180, target).service_level
    assert service.service_level[32] == pytest.approx(first)
    assert service.service_level[33] == pytest.approx(second)
    assert service.service_level[0] is None
    assert service.average == pytest.approx((10 * first + 2 * second) / 12)


def test_coverage_of_a_full_size_roster_is_fast():
    from scheduler.generate import generate_center

    project = generate_center()
    tl = project.timeline
    shifts = []
    for i, agent in enumerate(project.agents):
        for day in project.horizon.dates()[:-1]:  # nothing runs past the horizon end
            if (day.toordinal() + i) % 7 < 5:
                start = tl.wall_to_utc(day, agent.earliest_start)
                pauses = tuple(BreakAssignment("Pausa PVD", start + timedelta(minutes=m),
                                               start + timedelta(minutes=m + 5)) for m in range(55, 470, 60))
                shifts.append(ShiftAssignment(agent.id, day, start, start + timedelta(hours=8), breaks=pauses))
    roster = Roster(tuple(shifts))
    began = time.perf_counter()
    cov = coverage(project, roster)
    elapsed = time.perf_counter() - began
    assert elapsed < 1.0
    assert sum(cov.on_phone) * 15 == pytest.approx(sum(s.minutes - 5 * len(s.breaks) for s in shifts))
