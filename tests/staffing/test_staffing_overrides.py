"""Staffing goals per weekday and time of day: resolution, validation, storage, and their effect on staff."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from scheduler.domain import Forecast, ForecastInterval, Horizon, Project, Site, StaffingParams
from scheduler.domain.forecast import StaffingOverride
from scheduler.staffing.erlang import required_agents
from scheduler.staffing.requirements import required_per_interval, required_per_slot
from scheduler.store import load_project, save_project

MONDAY = date(2027, 1, 4)
ALL_WEEK = (0, 1, 2, 3, 4, 5, 6)


def hm(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


def project_with(staffing: StaffingParams, forecast: Forecast = Forecast(), weeks: int = 1,
                 interval: int = 15) -> Project:
    return Project(Site("Night desk", "Europe/Madrid", interval), Horizon(MONDAY, weeks), forecast=forecast,
                   staffing=staffing)


def slot_at(project: Project, day: int, minute: int) -> int:
    return project.timeline.wall_minutes(MONDAY + timedelta(days=day), minute) // project.site.interval_minutes


# --------------------------------------------------------------------------- resolution


def test_an_override_changes_only_the_goals_it_sets_and_only_inside_its_window() -> None:
    site = StaffingParams(service_level=0.8, shrinkage=0.3, min_agents=1, overrides=(
        StaffingOverride((5, 6), hm(9), hm(14), service_level=0.9),))
    assert site.params_for(5, hm(10)) == StaffingParams(service_level=0.9, shrinkage=0.3, min_agents=1)
    assert site.params_for(5, hm(14)) == StaffingParams(service_level=0.8, shrinkage=0.3, min_agents=1)
    assert site.params_for(0, hm(10)).service_level == 0.8


def test_a_later_override_wins_where_two_overlap() -> None:
    site = StaffingParams(overrides=(
        StaffingOverride(ALL_WEEK, hm(8), hm(20), min_agents=3, shrinkage=0.25),
        StaffingOverride((0,), hm(12), hm(13), min_agents=5),
    ))
    monday_noon = site.params_for(0, hm(12, 30))
    assert (monday_noon.min_agents, monday_noon.shrinkage) == (5, 0.25)
    assert site.params_for(1, hm(12, 30)).min_agents == 3


def test_a_window_across_midnight_belongs_to_the_day_it_starts() -> None:
    friday_night = StaffingOverride((4,), hm(22), hm(6), min_agents=4)
    site = StaffingParams(min_agents=1, overrides=(friday_night,))
    assert friday_night.wraps_midnight
    assert site.params_for(4, hm(23)).min_agents == 4  # Friday 23:00
    assert site.params_for(5, hm(3)).min_agents == 4  # Saturday 03:00, still Friday's night
    assert site.params_for(5, hm(6)).min_agents == 1  # ends at 06:00
    assert site.params_for(4, hm(3)).min_agents == 1  # Friday 03:00 is Thursday's night
    assert site.params_for(5, hm(23)).min_agents == 1


def test_resolved_goals_are_plain_values_without_overrides() -> None:
    site = StaffingParams(overrides=(StaffingOverride(min_agents=2),))
    resolved = site.params_for(3, 0)
    assert resolved.overrides == ()
    assert hash(resolved) == hash(StaffingParams())


@pytest.mark.parametrize("kwargs, message", [
    (dict(weekdays=()), "A staffing override needs at least one weekday"),
    (dict(weekdays=(7,)), "Weekdays are 0 (Monday) to 6 (Sunday), got 7"),
    (dict(start_minute=hm(8), end_minute=hm(8)), "A staffing override's window is empty (it starts when it "
                                                 "ends); for the whole day use 00:00–24:00"),
    (dict(end_minute=hm(25)), "A staffing override's end must be a time of day between 00:00 and 24:00, got 1500"),
    (dict(shrinkage=1.2), "Shrinkage must be between 0 % and 95 %, got 120%"),
    (dict(service_level=1.0), "Service level target must be between 0 % and 100 %, got 100%"),
    (dict(aht_seconds=0.0), "Average handling time must be more than 0 s and at most 3 h, got 0 s"),
    (dict(min_agents=-1), "Minimum staff on duty cannot be negative"),
])
def test_an_impossible_override_is_refused_with_a_message(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        StaffingOverride(**kwargs)
    assert str(caught.value) == message


# --------------------------------------------------------------------------- effect on required staff


def test_a_night_minimum_holds_even_without_calls() -> None:
    day_only = tuple(
        ForecastInterval(datetime(2027, 1, 4 + d, 8) + timedelta(minutes=15 * q), calls=20, aht_seconds=300)
        for d in range(7) for q in range(12 * 4))
    staffing = StaffingParams(min_agents=0, overrides=(StaffingOverride(ALL_WEEK, hm(22), hm(6), min_agents=2),))
    project = project_with(staffing, Forecast(15, day_only))
    required = required_per_slot(project)
    assert required[slot_at(project, 0, hm(23))] == 2
    assert required[slot_at(project, 1, hm(3))] == 2
    assert required[slot_at(project, 0, 0)] == 2  # Monday 00:00: Sunday's night, before the horizon began
    assert required[slot_at(project, 0, hm(6))] == 0
    assert required[slot_at(project, 0, hm(21, 45))] == 0
    assert required[slot_at(project, 0, hm(12))] == required_agents(
        20, 900, 300, sl_target=0.8, target_s=20, max_occupancy=0.85, shrinkage=0.3).agents_required


def test_a_stricter_weekend_goal_needs_more_agents_for_the_same_calls() -> None:
    rows = tuple(ForecastInterval(datetime(2027, 1, 4 + d, 10), calls=60, aht_seconds=300) for d in range(7))
    staffing = StaffingParams(overrides=(StaffingOverride((5, 6), hm(0), hm(24), service_level=0.95,
                                                          target_seconds=10),))
    by_start = required_per_interval(Forecast(60, rows), staffing)
    weekday, saturday = by_start[datetime(2027, 1, 4, 10)], by_start[datetime(2027, 1, 9, 10)]
    assert saturday > weekday
    assert saturday == required_agents(60, 3600, 300, sl_target=0.95, target_s=10, max_occupancy=0.85,
                                       shrinkage=0.3, min_agents=2).agents_required


def test_an_aht_override_replaces_the_forecasts_aht() -> None:
    rows = (ForecastInterval(datetime(2027, 1, 4, 10), calls=100, aht_seconds=200),)
    longer = StaffingParams(overrides=(StaffingOverride((0,), hm(9), hm(11), aht_seconds=400),))
    assert required_per_interval(Forecast(60, rows), longer)[rows[0].start] == required_agents(
        100, 3600, 400, max_occupancy=0.85, shrinkage=0.3, min_agents=2).agents_required


def test_many_overrides_stay_fast_over_four_weeks() -> None:
    rows = tuple(ForecastInterval(datetime(2027, 1, 4) + timedelta(minutes=15 * i), calls=5 + i % 90,
                                  aht_seconds=280 + i % 7) for i in range(28 * 96))
    hourly = tuple(StaffingOverride(ALL_WEEK, hm(h), hm(h + 1), shrinkage=0.2 + h / 100) for h in range(24))
    project = project_with(StaffingParams(overrides=hourly), Forecast(15, rows), weeks=4)
    start = time.perf_counter()
    required = required_per_slot(project)
    assert time.perf_counter() - start < 1.0
    plain = required_per_slot(replace(project, staffing=StaffingParams(shrinkage=0.2)))
    assert required[slot_at(project, 0, 0)] == plain[slot_at(project, 0, 0)]  # 00:00 uses 20 %


# --------------------------------------------------------------------------- storage


def test_overrides_are_stored_and_files_from_before_them_still_open(tmp_path: Path) -> None:
    path = tmp_path / "plan.turnos"
    save_project(path, project_with(StaffingParams()))
    with closing(sqlite3.connect(path)) as conn:  # the layout of a file written before overrides existed
        conn.execute("DROP TABLE staffing_overrides")
        conn.execute("ALTER TABLE staffing_params DROP COLUMN aht_seconds")
        conn.commit()
    assert load_project(path).staffing == StaffingParams()
    night = StaffingParams(aht_seconds=280.0, overrides=(
        StaffingOverride(ALL_WEEK, hm(22), hm(6), min_agents=2),
        StaffingOverride((5, 6), hm(10), hm(14), service_level=0.9, patience_seconds=60.0)))
    project = project_with(night)
    save_project(path, project)
    assert load_project(path) == project
