"""Time zones and daylight saving: every figure in real elapsed time, every clock time local.

Two weeks of Europe/Madrid, each with a clock change on its Sunday:
29 March 2026 (02:00 → 03:00, a 23-hour day, 92 quarter hours) and
25 October 2026 (03:00 → 02:00, a 25-hour day, 100 quarter hours). One roster
is read by every consumer — validator, coverage, staff requirements, HR
hours, the Schedule sheet and the roster grid — and they must agree: the
night shift on the short night lasts 7 real hours, on the long night 9; rest
and paid hours are real elapsed time; times shown are the site's wall clock.
An agent in Bogotá (no daylight saving) sees her own local times in her phone
calendar, while the roster is planned on the site's clock.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from scheduler.domain import (
    Agent,
    Contract,
    ContractKind,
    Forecast,
    ForecastInterval,
    LabourRules,
    Roster,
    RosterVersion,
    ShiftAssignment,
    VersionStatus,
)
from scheduler.export.coverage import coverage
from scheduler.export.hr_export import hr_hours
from scheduler.export.ics import agent_calendar
from scheduler.export.roster_workbook import read_schedule, write_roster_workbook
from scheduler.planning import day_options
from scheduler.spreadsheets import build_template_workbook
from scheduler.staffing.requirements import project_slot_starts, required_per_slot
from scheduler.validate import validate
from tests.factories import tiny_project

MADRID = ZoneInfo("Europe/Madrid")
SPRING = date(2026, 3, 23)  # Monday; Sunday 29 March has 23 hours
AUTUMN = date(2026, 10, 19)  # Monday; Sunday 25 October has 25 hours
#: One or two shifts a week, 0–9 h: room for the 9-hour night.
LOOSE = Contract(ContractKind.CUSTOM, 0, 7, 0, 60 * 60)


def _hourly_forecast(start: date, days: int = 7) -> Forecast:
    """Quarter hours whose explicit need is the wall-clock hour + 1 (00:xx needs 1 … 23:xx needs 24)."""
    first = datetime.combine(start, time())
    return Forecast(15, tuple(ForecastInterval(first + timedelta(minutes=15 * q), required_agents=(q // 4) % 24 + 1)
                              for q in range(days * 96)))


def _project(start: date, *agents: Agent, weeks: int = 1, labour: LabourRules | None = None):
    from dataclasses import replace

    project = tiny_project(list(agents) or [Agent("A1", "Ana", LOOSE)], start=start, weeks=weeks,
                           interval=15, labour=labour)
    return replace(project, forecast=_hourly_forecast(start, 7 * weeks))


def _shift(project, agent_id: str, day: date, hour: int, length_h: int = 8) -> ShiftAssignment:
    timeline = project.timeline
    return ShiftAssignment(agent_id, day, timeline.wall_to_utc(day, hour * 60),
                           timeline.wall_to_utc(day, hour * 60 + length_h * 60), "8h")


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(MADRID):%Y-%m-%d %H:%M}"


# -- the days themselves ---------------------------------------------------------------------------

@pytest.mark.parametrize("start, sunday_quarters, hours", [
    (SPRING, 92, [0, 1, *range(3, 24)]),
    (AUTUMN, 100, [0, 1, 2, 2, *range(3, 24)]),
])
def test_the_clock_change_day_has_its_real_number_of_slots_each_needing_its_hours_staff(
        start, sunday_quarters, hours):
    project = _project(start)
    timeline = project.timeline
    quarters = [(timeline.day_start(d + 1) - timeline.day_start(d)) // 15 for d in range(7)]
    assert quarters == [96] * 6 + [sunday_quarters]
    assert timeline.n_slots == 6 * 96 + sunday_quarters
    required = required_per_slot(project)
    starts = project_slot_starts(project)
    assert len(required) == len(starts) == timeline.n_slots
    sunday = slice(timeline.day_start(6) // 15, timeline.day_start(7) // 15)
    # Each slot reads the forecast of the wall-clock hour it covers: 02:00 is skipped in
    # spring; in autumn both 02:00 hours read the 02:00 rows.
    assert [s.hour for s in starts[sunday]] == [h for h in hours for _ in range(4)]
    assert required[sunday] == [h + 1 for h in hours for _ in range(4)]
    # Labels are local and strictly increasing in real time.
    utc = [s.astimezone(timezone.utc) for s in starts]
    assert all((b - a) == timedelta(minutes=15) for a, b in zip(utc, utc[1:]))


# -- one roster, every reader agrees ------------------------------------------------------------------

@pytest.mark.parametrize("start, real_minutes, offsets", [
    (SPRING, 420, ("+01:00", "+02:00")),
    (AUTUMN, 540, ("+02:00", "+01:00")),
])
def test_the_night_shift_over_the_change_is_7_or_9_real_hours_everywhere(start, real_minutes, offsets, tmp_path):
    project = _project(start)
    saturday, sunday = start + timedelta(days=5), start + timedelta(days=6)
    night = _shift(project, "A1", saturday, 22)  # 22:00 – 06:00 on the clock
    roster = Roster((night,))
    assert (night.minutes, night.paid_minutes) == (real_minutes, real_minutes)
    assert night.start.astimezone(MADRID).isoformat()[-6:] == offsets[0]
    assert night.end.astimezone(MADRID).isoformat()[-6:] == offsets[1]

    assert validate(project, roster) == []  # the template's 8 clock hours fit; paid time is real

    cov = coverage(project, roster)
    assert cov.n_slots == project.timeline.n_slots
    on = [i for i, agents in enumerate(cov.on_phone) if agents]
    assert len(on) * 15 == real_minutes and all(cov.on_phone[i] == 1.0 for i in on)
    assert on == list(range(on[0], on[0] + len(on)))  # one unbroken stretch of slots
    assert _local(project.timeline.minutes_to_utc(on[0] * 15)) == f"{saturday} 22:00"
    assert _local(project.timeline.minutes_to_utc((on[-1] + 1) * 15)) == f"{sunday} 06:00"

    [hours] = hr_hours(project, roster, holidays=())
    assert (hours.paid_minutes, hours.night_minutes, hours.weekend_minutes) == (real_minutes,) * 3

    path = tmp_path / "roster.xlsx"
    write_roster_workbook(project, roster, path)
    workbook = load_workbook(path)
    [row] = [r for r in workbook["Schedule"].iter_rows(min_row=2, values_only=True) if r[3] == "Shift"]
    assert row[4:] == (datetime.combine(saturday, time(22)), datetime.combine(sunday, time(6)), real_minutes)
    grid = [c.value for c in workbook["Roster"][4]]
    assert "22:00–06:00" in grid
    assert grid[-3] == round(real_minutes / 60, 2)  # the grid's paid hours, real
    back = read_schedule(path, project).shifts[0]
    assert (back.start, back.end) == (night.start, night.end)


def test_shifts_in_and_around_the_repeated_autumn_hour_are_shown_on_the_wall_clock(tmp_path):
    project_b = _project(AUTUMN, Agent("A1", "Ana", LOOSE), Agent("B2", "Bea", LOOSE))
    sunday = AUTUMN + timedelta(days=6)
    early = _shift(project_b, "A1", sunday, 1)  # 01:00 CEST – 09:00 CET: 9 real hours
    day = _shift(project_b, "B2", sunday, 8)  # 08:00 – 16:00 CET, after the change
    roster = Roster((early, day))
    assert validate(project_b, roster) == []
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(project_b, roster, path)
    rows = {r[0]: r for r in load_workbook(path)["Schedule"].iter_rows(min_row=2, values_only=True)
            if r[3] == "Shift"}
    assert rows["A1"][4:] == (datetime.combine(sunday, time(1)), datetime.combine(sunday, time(9)), 540)
    assert rows["B2"][4:] == (datetime.combine(sunday, time(8)), datetime.combine(sunday, time(16)), 480)


@pytest.mark.parametrize("start, first_hour, second_hour, rest_minutes, broken", [
    # spring: 17:00–01:00 then 13:00 shows 12 h on the clock but only 11 h pass
    (SPRING, 17, 13, 660, True),
    # autumn: 17:00–01:00 then 12:00 shows 11 h on the clock but 12 h pass
    (AUTUMN, 17, 12, 720, False),
])
def test_rest_between_shifts_is_real_elapsed_time(start, first_hour, second_hour, rest_minutes, broken):
    project = _project(start, labour=LabourRules(min_rest_minutes=12 * 60))
    saturday, sunday = start + timedelta(days=5), start + timedelta(days=6)
    first, second = _shift(project, "A1", saturday, first_hour), _shift(project, "A1", sunday, second_hour)
    assert (second.start - first.end) == timedelta(minutes=rest_minutes)
    rest = [v for v in validate(project, Roster((first, second))) if v.rule == "min_rest"]
    if broken:
        [violation] = rest
        assert violation.details["rest_minutes"] == 660
        assert "rests only 11:00 h" in violation.message and "Ana (A1)" in violation.message
        assert "Sun 29/03 01:00" in violation.message and "Sun 29/03 13:00" in violation.message
    else:
        assert rest == []


@pytest.mark.parametrize("start, night_minutes", [(SPRING, 420), (AUTUMN, 540)])
def test_weekly_paid_hours_count_the_real_length_of_the_night(start, night_minutes):
    agent = Agent("A1", "Ana", Contract.full_time())  # 40 h ± 1 h for exactly this week
    project = _project(start, agent)
    roster = Roster(tuple(_shift(project, "A1", start + timedelta(days=d), 8) for d in range(1, 5))
                    + (_shift(project, "A1", start + timedelta(days=5), 22),))
    assert validate(project, roster) == []
    [hours] = hr_hours(project, roster, holidays=())
    assert hours.paid_minutes == 4 * 480 + night_minutes  # 39 h or 41 h
    too_much = Roster(roster.shifts + (_shift(project, "A1", start, 8),))
    assert any(v.rule == "weekly_hours" for v in validate(project, too_much))


@pytest.mark.parametrize("start", [SPRING, AUTUMN])
def test_every_shift_the_planner_offers_on_a_change_day_passes_the_validator(start):
    """The solver only chooses among these options: each must be a shape the validator accepts
    (a start the clock skips, 02:00 on 29 March, would be a 7-hour "8h" shift it refuses)."""
    project = _project(start)
    options, infos = day_options(project)
    timeline = project.timeline
    for d in (5, 6):  # Saturday (the night over the change) and Sunday
        day = start + timedelta(days=d)
        shapes = set()
        for option, info in zip(options[d], infos[d]):
            shift = ShiftAssignment("A1", day, timeline.minutes_to_utc(option.start),
                                    timeline.minutes_to_utc(option.end), info.template)
            assert [v.message for v in validate(project, Roster((shift,)))] == [], info
            local = shift.start.astimezone(MADRID)
            assert (local.hour * 60 + local.minute) == info.start_minute_of_day
            shapes.add(info.start_minute_of_day)
        expected = set(range(0, 24 * 60, 60)) - ({2 * 60} if start == SPRING and d == 6 else set())
        assert shapes == expected


# -- agents in other time zones ------------------------------------------------------------------------

def _bogota_project():
    ana = Agent("A1", "Ana", LOOSE)
    bea = Agent("B2", "Bea Rojas", LOOSE, earliest_start=7 * 60, latest_start=9 * 60, time_zone="America/Bogota")
    return _project(SPRING, ana, bea, weeks=2)


def test_an_agent_abroad_sees_her_own_times_on_her_phone_across_the_madrid_change():
    project = _bogota_project()
    friday, monday = SPRING + timedelta(days=4), SPRING + timedelta(days=7)
    shifts = (_shift(project, "B2", friday, 8), _shift(project, "B2", monday, 8))
    version = RosterVersion(1, Roster(shifts), VersionStatus.APPROVED)
    text = agent_calendar(project, version, "B2", language="en", now=datetime(2026, 3, 1, tzinfo=MADRID))
    unfolded = text.replace("\r\n ", "")
    # Madrid is 6 h ahead of Bogotá before 29 March and 7 h after it.
    assert "SUMMARY:Shift 02:00–10:00 (America/Bogota)" in unfolded
    assert "SUMMARY:Shift 01:00–09:00 (America/Bogota)" in unfolded
    assert "DTSTART:20260327T070000Z" in unfolded and "DTSTART:20260330T060000Z" in unfolded
    assert "Center time: 2026-03-27 08:00 – 2026-03-27 16:00 (Europe/Madrid)" in unfolded
    assert "Center time: 2026-03-30 08:00 – 2026-03-30 16:00 (Europe/Madrid)" in unfolded
    assert "X-WR-TIMEZONE:America/Bogota" in unfolded


def test_the_roster_of_an_agent_abroad_is_planned_and_shown_on_the_sites_clock(tmp_path):
    project = _bogota_project()
    friday, monday = SPRING + timedelta(days=4), SPRING + timedelta(days=7)
    roster = Roster((_shift(project, "B2", friday, 8), _shift(project, "B2", monday, 8)))
    assert validate(project, roster) == []  # her 07:00–09:00 start window is Madrid time
    bogota_eight = Roster((_shift(project, "B2", friday, 14),))  # 08:00 in Bogotá
    assert [v.rule for v in validate(project, bogota_eight)] == ["start_window"]
    starts = {info.start_minute_of_day for day in day_options(project)[1] for info in day}
    assert 8 * 60 in starts  # options are site wall-clock starts for everyone
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(project, roster, path)
    workbook = load_workbook(path)
    rows = [r for r in workbook["Schedule"].iter_rows(min_row=2, values_only=True) if r[3] == "Shift"]
    assert [(r[4].time(), r[5].time()) for r in rows] == [(time(8), time(16))] * 2
    assert [c.value for c in workbook["Roster"][5]].count("08:00–16:00") == 2


def test_availability_templates_carry_no_clock_times_to_convert():
    """Templates ask for days and codes only; morning/afternoon/night are read on the site's
    clock by the planner (see docs/reliability.md, "Time zones")."""
    project = _bogota_project()
    workbook = build_template_workbook(project, [project.agent("B2")], "agent", "en")
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    clock_text = re.compile(r"\b\d{1,2}:\d{2}\b")
    for row in sheet.iter_rows(values_only=True):
        for value in row:
            assert not isinstance(value, time)
            assert not (isinstance(value, datetime) and value.time() != time())
            assert not (isinstance(value, str) and clock_text.search(value)), value


@pytest.mark.parametrize("start, labels, after_midnight", [
    (SPRING, [f"{h:02d}:{m:02d}" for h in (0, 1, *range(3, 24)) for m in (0, 15, 30, 45)], 5 * 4),
    (AUTUMN, [f"{h:02d}:{m:02d}" for h in (0, 1, 2, 2, *range(3, 24)) for m in (0, 15, 30, 45)], 7 * 4),
])
def test_the_approval_floor_plan_of_the_change_day_has_one_column_per_real_quarter_hour(
        start, labels, after_midnight, tmp_path):
    from scheduler.export.approval_workbook import day_sheet_title, write_approval_workbook

    project = _project(start)
    saturday, sunday = start + timedelta(days=5), start + timedelta(days=6)
    version = RosterVersion(1, Roster((_shift(project, "A1", saturday, 22),)), VersionStatus.DRAFT)
    path = tmp_path / "approval.xlsx"
    write_approval_workbook(project, version, path)
    sheet = load_workbook(path)[day_sheet_title(sunday)]
    header = [c.value for c in sheet[3]][3:]
    assert header == labels  # 92 or 100 columns, local labels
    [row] = [r for r in sheet.iter_rows(min_row=4, values_only=False) if r[0].value == "A1"]
    worked = [c for c in row[3:] if c.fill is not None and c.fill.fgColor.rgb not in (None, "00000000")]
    assert len(worked) == after_midnight  # 00:00–06:00 on the Sunday: 5 real hours in spring, 7 in autumn
