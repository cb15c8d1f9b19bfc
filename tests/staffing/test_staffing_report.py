"""The staffing report: required agents per interval, and what a real roster (with its breaks) will deliver."""

from __future__ import annotations

import math
import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from scheduler.domain import (
    BreakAssignment,
    Forecast,
    ForecastInterval,
    Horizon,
    Project,
    Roster,
    ShiftAssignment,
    Site,
    StaffingParams,
)
from scheduler.generate import generate_center
from scheduler.staffing.erlang import predict, required_agents
from scheduler.staffing.report import forecast_report, predict_series, staffing_report
from scheduler.staffing.requirements import required_per_slot

MADRID = ZoneInfo("Europe/Madrid")
MONDAY = date(2027, 1, 4)


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return datetime(2027, 1, 4 + day, hour, minute, tzinfo=MADRID)


def morning_project(shrinkage: float = 0.0, interval: int = 15, **forecast_kw) -> Project:
    """30 calls per quarter hour 08:00–10:00 on Monday, AHT 300 s, no minimum staff."""
    rows = tuple(ForecastInterval(datetime(2027, 1, 4, 8) + timedelta(minutes=15 * q), calls=30, aht_seconds=300)
                 for q in range(8))
    return Project(Site("Morning desk", "Europe/Madrid", interval), Horizon(MONDAY, 1),
                   forecast=forecast_kw.get("forecast", Forecast(15, rows)),
                   staffing=StaffingParams(shrinkage=shrinkage, min_agents=0))


def team(size: int, breaks: dict[int, tuple[datetime, datetime]] | None = None) -> Roster:
    """``size`` agents on shift 08:00–10:00; ``breaks`` maps an agent number to a break."""
    shifts = []
    for n in range(size):
        pause = ()
        if breaks and n in breaks:
            pause = (BreakAssignment("PVD", *breaks[n]),)
        shifts.append(ShiftAssignment(f"A{n}", MONDAY, at(8), at(10), "2h", pause))
    return Roster(tuple(shifts))


def slot(project: Project, moment: datetime) -> int:
    return project.timeline.utc_to_minutes(moment) // project.site.interval_minutes


# --------------------------------------------------------------------------- the requirement


def test_required_agents_per_slot_match_erlang_and_meet_the_goal() -> None:
    project = morning_project(shrinkage=0.25)
    report = staffing_report(project)
    nine = slot(project, at(9))
    expected = required_agents(30, 900, 300, sl_target=0.8, target_s=20, max_occupancy=0.85, shrinkage=0.25)
    row = report.rows()[nine]
    assert (row.calls, row.load_erlangs) == (30.0, 10.0)
    assert (row.agents_needed_on_phone, row.required) == (expected.agents_raw, expected.agents_required)
    # Predicted with the required heads minus shrinkage on the phone: at least the goal.
    on_phone = expected.agents_required * 0.75
    assert row.service_level == pytest.approx(predict(on_phone, 30, 900, 300, 20).service_level, abs=1e-12)
    assert row.service_level >= 0.8 and row.meets_goal
    assert report.required.tolist() == required_per_slot(project)
    quiet = report.rows()[slot(project, at(12))]
    assert (quiet.calls, quiet.required, quiet.service_level) == (0.0, 0, 1.0)


def test_a_30_minute_forecast_is_spread_over_15_minute_slots() -> None:
    half_hours = Forecast(30, (ForecastInterval(datetime(2027, 1, 4, 8), calls=60, aht_seconds=300),))
    project = morning_project(forecast=half_hours)
    report = staffing_report(project)
    first, second = report.rows()[slot(project, at(8))], report.rows()[slot(project, at(8, 15))]
    assert (first.calls, second.calls) == (30.0, 30.0)
    assert first.required == second.required == required_agents(
        60, 1800, 300, max_occupancy=0.85).agents_required
    assert report.rows()[slot(project, at(8, 30))].calls == 0.0


def test_a_15_minute_forecast_is_summed_into_30_minute_slots() -> None:
    quarters = Forecast(15, (ForecastInterval(datetime(2027, 1, 4, 8), calls=10, aht_seconds=200),
                             ForecastInterval(datetime(2027, 1, 4, 8, 15), calls=30, aht_seconds=400)))
    project = morning_project(interval=30, forecast=quarters)
    row = staffing_report(project).rows()[slot(project, at(8))]
    assert (row.calls, row.aht_seconds) == (40.0, 350.0)  # calls summed, AHT weighted by calls
    assert row.required == required_agents(40, 1800, 350, max_occupancy=0.85).agents_required


def test_the_report_for_the_sample_center_is_fast() -> None:
    project = generate_center()
    staffing_report(project)
    start = time.perf_counter()
    report = staffing_report(project)
    elapsed = time.perf_counter() - start
    assert len(report.starts) == 28 * 96
    assert elapsed < 0.5  # ~20 ms on a laptop; generous for CI
    assert all(day.intervals_below_target == 0 for day in report.days())


# --------------------------------------------------------------------------- the roster


def test_a_break_takes_a_third_of_an_agent_out_of_a_quarter_hour_and_lowers_the_predicted_sl() -> None:
    project = morning_project()
    roster = team(13, breaks={0: (at(8, 30), at(8, 35))})
    report = staffing_report(project, roster)
    rows = report.rows()
    before, during = rows[slot(project, at(8, 15))], rows[slot(project, at(8, 30))]
    assert (before.on_duty, before.available) == (13.0, 13.0)
    assert during.on_duty == 13.0
    assert during.available == pytest.approx(13 - 1 / 3)
    assert during.roster_service_level < before.roster_service_level
    assert during.roster_service_level == pytest.approx(predict(13 - 1 / 3, 30, 900, 300, 20).service_level)
    assert during.roster_asa_seconds > before.roster_asa_seconds


def test_shrinkage_is_taken_off_the_agents_the_roster_has_on_duty() -> None:
    project = morning_project(shrinkage=0.3)
    report = staffing_report(project, team(20))
    row = report.rows()[slot(project, at(9))]
    assert row.on_phone == pytest.approx(14.0)
    assert row.roster_service_level == pytest.approx(predict(14.0, 30, 900, 300, 20).service_level)


def test_a_roster_with_exactly_the_required_heads_predicts_the_requirement() -> None:
    project = morning_project(shrinkage=0.25)
    report = staffing_report(project)
    need = int(report.required[slot(project, at(8))])
    with_roster = staffing_report(project, team(need))
    for moment in (at(8), at(9, 45)):
        row = with_roster.rows()[slot(project, moment)]
        assert row.roster_service_level == pytest.approx(row.service_level, abs=1e-12)
        assert row.meets_goal


def test_the_day_summary_counts_calls_peaks_and_intervals_below_target() -> None:
    project = morning_project()
    short = team(11)  # 10 erlangs with 11 agents: well below 80/20
    day = staffing_report(project, short).days()[0]
    assert day.day == MONDAY
    assert day.calls == 240.0
    assert day.peak_required == staffing_report(project).required.max()
    assert day.intervals_below_target == 8
    assert day.scheduled_agent_hours == pytest.approx(22.0)
    assert day.roster_service_level < 0.8 < day.service_level
    assert staffing_report(project).days()[1].calls == 0.0


def test_shifts_outside_the_horizon_are_clipped() -> None:
    project = morning_project()
    late = ShiftAssignment("Z", MONDAY + timedelta(days=6), at(20, day=6), at(4, day=7), "night")
    on_duty = staffing_report(project, Roster((late,))).on_duty
    assert on_duty[-1] == 1.0 and on_duty.sum() == pytest.approx(4 * 4)  # 20:00–24:00 only


# --------------------------------------------------------------------------- predictions, vectorised


def test_vectorised_predictions_match_the_single_interval_calculator() -> None:
    rng = random.Random(7)
    agents = np.array([rng.choice([0, 0.4, 1, 3.3, 7, 10.25, 14, 20.9, 50]) for _ in range(300)])
    calls = np.array([rng.choice([0, 0.5, 3, 40, 100, 250.5]) for _ in range(300)])
    aht = np.array([rng.uniform(60, 600) for _ in range(300)])
    target = np.array([rng.choice([0.0, 10.0, 20.0]) for _ in range(300)])
    patience = np.array([rng.choice([math.nan, 30.0, 120.0]) for _ in range(300)])
    got = predict_series(agents, calls, aht, 900, target, patience)
    for i in range(300):
        want = predict(float(agents[i]), float(calls[i]), 900, float(aht[i]), float(target[i]),
                       None if math.isnan(patience[i]) else float(patience[i]))
        assert got.service_level[i] == pytest.approx(want.service_level, abs=1e-9)
        assert got.occupancy[i] == pytest.approx(want.occupancy, abs=1e-9)
        assert got.asa_seconds[i] == pytest.approx(want.asa_s, rel=1e-9, abs=1e-9)
        if want.abandon_rate is None:
            assert math.isnan(got.abandon_rate[i])
        else:
            assert got.abandon_rate[i] == pytest.approx(want.abandon_rate, abs=1e-9)


def test_with_patience_the_report_predicts_abandons() -> None:
    project = morning_project()
    project = Project(project.site, project.horizon, forecast=project.forecast,
                      staffing=StaffingParams(shrinkage=0.0, min_agents=0, patience_seconds=90))
    row = staffing_report(project, team(9)).rows()[slot(project, at(8))]
    assert row.abandon_rate is not None and row.abandon_rate >= 0
    assert row.roster_abandon_rate > row.abandon_rate


def test_a_forecast_on_its_own_is_reported_on_whole_days_of_wall_clock_slots() -> None:
    forecast = Forecast(30, (ForecastInterval(datetime(2026, 11, 23, 8), calls=60, aht_seconds=300),
                             ForecastInterval(datetime(2026, 11, 24, 8), calls=30, aht_seconds=300)))
    report = forecast_report(forecast, StaffingParams(), 15)
    assert len(report.starts) == 2 * 96
    assert [d.calls for d in report.days()] == [60.0, 30.0]
    assert report.rows()[32].calls == 30.0  # 08:00 on the first day, half of the half hour
