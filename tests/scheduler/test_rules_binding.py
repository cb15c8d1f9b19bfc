"""Each rule binds on a tiny center, and the independent validator agrees with the solver."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Agent, LabourRules, Request, Roster, ShiftAssignment, ShiftTemplate
from scheduler.domain.requests import RequestKind
from scheduler.explain import describe_penalty
from scheduler.solving import PlanningError, solve_project
from scheduler.validate import validate
from solver import SolveParams
from tests.factories import contract, tiny_project

PARAMS = SolveParams(time_limit_seconds=20, workers=2, seed=3)
MONDAY = date(2027, 1, 4)
ZONE = ZoneInfo("Europe/Madrid")


def solved(project):
    outcome = solve_project(project, PARAMS)
    assert outcome.roster is not None
    assert outcome.violations == (), [v.message for v in outcome.violations]
    return outcome.roster


def worked_days(roster, agent_id):
    return sorted((s.day - MONDAY).days for s in roster.shifts if s.agent_id == agent_id)


def test_hard_day_off_is_never_worked_and_soft_one_is_when_cover_needs_it():
    agents = [Agent("A1", "Ana", contract(7, min_days=0))]
    hard = Request("A1", MONDAY + timedelta(days=2), RequestKind.DAY_OFF, hard=True)
    soft = Request("A1", MONDAY + timedelta(days=3), RequestKind.DAY_OFF, hard=False, priority=1)
    roster = solved(tiny_project(agents, requests=[hard, soft], required=1))
    days = worked_days(roster, "A1")
    assert 2 not in days
    assert 3 in days  # one agent and a full day of need: cover beats a priority-1 wish


def test_rest_rule_binds_and_releases():
    # One agent, need only 20:00–04:00 and 08:00–16:00 every day: with 12 h rest she
    # can never do both on consecutive days.
    agents = [Agent("A1", "Ana", contract(7, min_days=0), nights=True)]
    project = tiny_project(agents, required=1)
    roster = solved(project)
    shifts = sorted(roster.shifts, key=lambda s: s.start)
    gaps = [(b.start - a.end).total_seconds() / 3600 for a, b in zip(shifts, shifts[1:])]
    assert min(gaps) >= 12
    loose = replace(project, labour=LabourRules(min_rest_minutes=0, max_consecutive_days=7))
    roster = solved(loose)
    assert len(roster.shifts) == 7


def test_max_consecutive_days_binds():
    agents = [Agent("A1", "Ana", contract(7, min_days=0))]
    project = tiny_project(agents, weeks=2, required=1,
                           labour=LabourRules(max_consecutive_days=3))
    days = worked_days(solved(project), "A1")
    runs, run = [], 1
    for a, b in zip(days, days[1:]):
        run = run + 1 if b == a + 1 else 1
        runs.append(run)
    assert max(runs, default=1) <= 3


def test_no_nights_flag_keeps_agent_off_night_shifts():
    agents = [Agent("A1", "Ana", contract(5, min_days=0), nights=False)]
    roster = solved(tiny_project(agents, required=1))
    for shift in roster.shifts:
        start = shift.start.astimezone(tiny_project(agents).site.zone)
        assert 4 <= start.hour <= 16  # any other start puts 3 h or more into 22:00–06:00


def test_start_window_is_respected():
    agents = [Agent("A1", "Ana", contract(5), earliest_start=9 * 60, latest_start=10 * 60)]
    project = tiny_project(agents, required=1)
    for shift in solved(project).shifts:
        assert shift.start.astimezone(project.site.zone).hour in (9, 10)


def test_weekly_contract_days_are_exact():
    agents = [Agent(f"A{i}", f"Agent {i}", contract(5)) for i in range(3)]
    roster = solved(tiny_project(agents, required=3))
    for agent in agents:
        assert len(worked_days(roster, agent.id)) == 5


def test_vacation_lowers_the_week_instead_of_making_it_impossible():
    agents = [Agent("A1", "Ana", contract(5))]
    vacation = [Request("A1", MONDAY + timedelta(days=d), RequestKind.VACATION) for d in range(4)]
    roster = solved(tiny_project(agents, requests=vacation, required=1))
    assert len(worked_days(roster, "A1")) == 1


def test_impossible_week_is_explained_before_solving():
    agents = [Agent("A1", "Ana María", contract(5))]
    offs = [Request("A1", MONDAY + timedelta(days=d), RequestKind.DAY_OFF, hard=True) for d in range(4)]
    with pytest.raises(PlanningError) as caught:
        solve_project(tiny_project(agents, requests=offs), PARAMS)
    message = caught.value.problems[0]
    assert "Ana María (A1)" in message and "5 working days" in message and "leave 3" in message
    assert "Mon 04/01" in message


# -- the validator catches a roster that breaks each rule ------------------------------
def _shift(project, agent_id, day_offset, hour, length=8):
    timeline = project.timeline
    day = MONDAY + timedelta(days=day_offset)
    return ShiftAssignment(agent_id, day, timeline.wall_to_utc(day, hour * 60),
                           timeline.wall_to_utc(day, hour * 60 + length * 60), template="8h")


@pytest.fixture
def one_agent():
    return tiny_project([Agent("A1", "Ana", contract(5, min_days=0), nights=False,
                               earliest_start=6 * 60, latest_start=14 * 60)],
                        requests=[Request("A1", MONDAY + timedelta(days=6), hard=True)])


@pytest.mark.parametrize("shifts, rule", [
    ([(0, 14), (1, 6)], "min_rest"),
    ([(0, 5)], "start_window"),
    ([(0, 6, 9)], "shift_shape"),
    ([(6, 8)], "hard_day_off"),
    ([(d, 8) for d in range(6)], "weekly_days"),
])
def test_validator_catches_each_broken_rule(one_agent, shifts, rule):
    roster = Roster(tuple(_shift(one_agent, "A1", *s) for s in shifts))
    rules = {v.rule for v in validate(one_agent, roster)}
    assert rule in rules


def test_validator_catches_nights_and_consecutive_days():
    project = tiny_project([Agent("A1", "Ana", contract(7, min_days=0), nights=False)], weeks=2,
                           labour=LabourRules(max_consecutive_days=6))
    roster = Roster(tuple(_shift(project, "A1", d, 22) for d in range(7)))
    rules = [v.rule for v in validate(project, roster)]
    assert "night_not_allowed" in rules
    assert rules.count("max_consecutive_days") == 1
    assert "min_rest" not in rules


# -- locks and history -----------------------------------------------------------------
def test_locked_shift_and_locked_day_off_survive_a_resolve():
    agents = [Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", "Luis", contract(5, min_days=0))]
    project = tiny_project(agents, required=1)
    keep = _shift(project, "A1", 0, 13)
    locks = {("A1", MONDAY): keep, ("A2", MONDAY + timedelta(days=1)): None}
    outcome = solve_project(project, PARAMS, locks=locks)
    assert outcome.violations == ()
    monday = outcome.roster.shift_on("A1", MONDAY)
    assert (monday.start, monday.end, monday.locked) == (keep.start, keep.end, True)
    assert outcome.roster.shift_on("A2", MONDAY + timedelta(days=1)) is None


def test_hand_made_shift_shape_can_be_locked():
    agents = [Agent("A1", "Ana", contract(5, min_days=0))]
    project = tiny_project(agents, required=1)
    odd = _shift(project, "A1", 2, 7, length=6)  # no 6 h template exists
    outcome = solve_project(project, PARAMS, locks={("A1", odd.day): odd})
    kept = outcome.roster.shift_on("A1", odd.day)
    assert kept.minutes == 360 and kept.locked
    assert [v.rule for v in outcome.violations] == ["shift_shape"]  # the validator still says so


def test_approved_history_carries_rest_and_consecutive_days_into_the_horizon():
    from scheduler.domain import RosterVersion, VersionStatus

    agents = [Agent("A1", "Ana", contract(7, min_days=0))]
    project = tiny_project(agents, required=1, labour=LabourRules(max_consecutive_days=6))
    previous = [_shift(project, "A1", -d, 22) for d in range(1, 6)]  # five nights up to Sunday
    history = RosterVersion(1, Roster(tuple(previous)), VersionStatus.APPROVED,
                            horizon_start=MONDAY - timedelta(days=28))
    project = project.with_version(history)
    roster = solved(project)
    first = sorted(roster.shifts, key=lambda s: s.start)
    # Sunday's night ends Monday 06:00: nothing may start before 18:00 on Monday.
    monday = roster.shift_on("A1", MONDAY)
    assert monday is None or monday.start >= previous[0].end + timedelta(hours=12)
    # Five days before + at most one more in a row.
    assert not all(roster.shift_on("A1", MONDAY + timedelta(days=d)) for d in range(2))
    assert first


# -- nights, days off, weekends, preferences: bind, release, validate, explain ----------
NIGHT_ONLY = (ShiftTemplate("night", 480, 22 * 60, 22 * 60, 60),)


def _night_project(labour, weeks=1):
    agents = [Agent("A1", "Lucía", contract(7, min_days=0), nights=True)]
    return tiny_project(agents, weeks=weeks, required=1, labour=labour, templates=NIGHT_ONLY)


def _nights(project, roster):
    return len([s for s in roster.shifts
                if project.labour.is_night(s.start.astimezone(project.site.zone).hour * 60, s.minutes)])


def test_max_nights_per_week_binds_and_releases():
    free = _night_project(LabourRules(max_consecutive_days=7))
    assert _nights(free, solved(free)) == 7
    capped = _night_project(LabourRules(max_consecutive_days=7, max_nights_per_week=3))
    assert _nights(capped, solved(capped)) == 3


def test_max_consecutive_nights_binds_and_soft_version_is_explained():
    hard = _night_project(LabourRules(max_consecutive_days=7, max_consecutive_nights=2))
    days = worked_days(solved(hard), "A1")
    assert all(not (d + 1 in days and d + 2 in days) for d in days)
    soft = _night_project(LabourRules(max_consecutive_days=7, max_consecutive_nights=2,
                                      max_consecutive_nights_weight=40))
    outcome = solve_project(soft, PARAMS)
    assert outcome.violations == ()
    texts = [describe_penalty(outcome.plan, p) for p in outcome.result.penalties
             if p.term == "max_consecutive_nights"]
    assert texts and texts[0].startswith("Lucía (A1): 3rd night in a row on") and texts[0].endswith("(+40)")
    assert sum(p.cost for p in outcome.result.penalties) == outcome.result.objective


def test_min_days_off_per_week_binds():
    project = tiny_project([Agent("A1", "Ana", contract(7, min_days=0))], required=1,
                           labour=LabourRules(max_consecutive_days=7, min_days_off_per_week=2))
    assert len(worked_days(solved(project), "A1")) == 5


def test_max_weekends_binds():
    project = tiny_project([Agent("A1", "Ana", contract(7, min_days=0))], weeks=2, required=1,
                           labour=LabourRules(max_consecutive_days=7, max_weekends=1))
    days = worked_days(solved(project), "A1")
    assert len({d // 7 for d in days if d % 7 >= 5}) == 1


def test_shift_preference_is_honoured_when_cover_allows():
    agents = [Agent("A1", "Ana", contract(1, min_days=1))]
    wish = Request("A1", MONDAY, RequestKind.PREFER_AFTERNOON, priority=2)
    roster = solved(tiny_project(agents, requests=[wish], required=0))
    [shift] = roster.shifts
    assert shift.day == MONDAY and 12 <= shift.start.astimezone(ZONE).hour < 20


def test_validator_catches_broken_night_day_off_and_weekend_limits():
    project = tiny_project([Agent("A1", "Ana", contract(7, min_days=0))], weeks=2,
                           labour=LabourRules(max_consecutive_days=14, max_nights_per_week=2,
                                              max_consecutive_nights=2, min_days_off_per_week=1,
                                              max_weekends=1))
    roster = Roster(tuple(_shift(project, "A1", d, 22) for d in range(14)))
    rules = {v.rule for v in validate(project, roster)}
    assert {"max_nights_per_week", "max_consecutive_nights", "min_days_off_per_week", "max_weekends"} <= rules


def test_no_nights_agent_with_only_night_starts_is_caught_before_solving():
    agents = [Agent("A1", "Ana", contract(5), nights=False)]
    with pytest.raises(PlanningError) as caught:
        solve_project(tiny_project(agents, templates=NIGHT_ONLY), PARAMS)
    assert "Ana (A1)" in caught.value.problems[0] and "night" in caught.value.problems[0]


def test_locked_shifts_without_rest_are_explained_by_the_solver():
    agents = [Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", "Luis", contract(5, min_days=0))]
    project = tiny_project(agents, required=1)
    locks = {("A1", MONDAY): _shift(project, "A1", 0, 22),
             ("A1", MONDAY + timedelta(days=1)): _shift(project, "A1", 1, 8)}
    with pytest.raises(PlanningError) as caught:
        solve_project(project, PARAMS, locks=locks)
    [message] = caught.value.problems
    assert message.startswith("Ana (A1): these rules cannot all hold")
    assert "locked) on Mon 04/01 22:00–06:00" in message and "on Tue 05/01 08:00–16:00" in message
    assert "12 h rest before the shift on Tue 05/01" in message


def test_conflict_explanation_follows_the_ui_language():
    from scheduler import i18n

    agents = [Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", "Luis", contract(5, min_days=0))]
    project = tiny_project(agents, required=1)
    locks = {("A1", MONDAY): _shift(project, "A1", 0, 22),
             ("A1", MONDAY + timedelta(days=1)): _shift(project, "A1", 1, 8)}
    i18n.set_language("es")
    try:
        with pytest.raises(PlanningError) as caught:
            solve_project(project, PARAMS, locks=locks)
    finally:
        i18n.set_language("en")
    [message] = caught.value.problems
    assert message.startswith("Ana (A1): estas reglas no pueden cumplirse a la vez")
    assert "el turno fijado el lun 04/01 22:00–06:00" in message
    assert "12 h de descanso antes del turno el mar 05/01" in message
    assert "these rules" not in message and " on " not in message


def test_validator_agrees_with_the_solver_with_every_rule_on():
    labour = LabourRules(max_nights_per_week=3, max_consecutive_nights=2, min_days_off_per_week=2,
                         max_weekends=1, max_consecutive_days=5)
    agents = [Agent(f"A{i}", f"Agent {i}", contract(5, min_days=3), nights=i % 2 == 0) for i in range(4)]
    requests = [Request("A1", MONDAY + timedelta(days=2), RequestKind.PREFER_MORNING),
                Request("A2", MONDAY + timedelta(days=3), RequestKind.DAY_OFF, hard=True)]
    quick = SolveParams(time_limit_seconds=4, workers=2, seed=3)  # any roster it returns must be valid
    outcome = solve_project(tiny_project(agents, weeks=2, required=2, labour=labour, requests=requests), quick)
    assert outcome.roster is not None and outcome.violations == ()
    assert sum(p.cost for p in outcome.result.penalties) == outcome.result.objective
    for penalty in outcome.result.penalties:
        assert "(+" in describe_penalty(outcome.plan, penalty)


def test_violations_read_in_spanish_when_the_ui_is_spanish(one_agent):
    from scheduler.i18n import language, set_language

    roster = Roster(tuple(_shift(one_agent, "A1", *s) for s in [(0, 14), (1, 6)]))
    before = language()
    set_language("es")
    try:
        messages = [v.message for v in validate(one_agent, roster)]
    finally:
        set_language(before)
    assert any("descansa solo 8:00 h entre" in m and "hacen falta al menos 12:00 h" in m for m in messages)


def test_penalties_read_in_spanish_when_the_ui_is_spanish():
    from scheduler.explain import describe_penalty
    from scheduler.i18n import language, set_language
    from scheduler.planning import build_plan
    from solver import Penalty

    project = tiny_project([Agent("A1", "Ana", contract(5, min_days=0))], required=1)
    plan = build_plan(project)
    short = Penalty("shortage", 300, 2, slot=9)
    night = Penalty("max_consecutive_nights", 40, 3, agent="A1", day=2)
    assert describe_penalty(plan, short) == "Mon 04/01 09:00–10:00 short by 2 (+300)"
    before = language()
    set_language("es")
    try:
        assert describe_penalty(plan, short) == "lun 04/01 09:00–10:00 faltan 2 (+300)"
        assert describe_penalty(plan, night) == "Ana (A1): 3.ª noche seguida el mié 06/01 (+40)"
        deep = Penalty("shortage", 1100, 6, slot=9)
        assert describe_penalty(plan, deep) == "lun 04/01 09:00–10:00 faltan 6 (+1.100)"
    finally:
        set_language(before)
    assert describe_penalty(plan, deep) == "Mon 04/01 09:00–10:00 short by 6 (+1,100)"
