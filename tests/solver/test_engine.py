"""The engine on hand-sized problems whose best roster is known."""

from __future__ import annotations

import threading

import pytest

from solver import AgentSpec, Problem, ShiftOption, SolveParams, SolveStatus, Weights, solve

PARAMS = SolveParams(time_limit_seconds=10, workers=2, seed=1)
A, B, C = ShiftOption(0, 480, 480, label="A"), ShiftOption(480, 960, 480, label="B"), \
    ShiftOption(960, 1440, 480, True, label="C")


def one_day(required, agents=2, weights=Weights(), **agent_kw):
    specs = tuple(
        AgentSpec(f"a{i}", ((0, 1, 2),), (0,), (480,), (0,), (1,), **agent_kw) for i in range(agents)
    )
    return Problem(days=1, week_of_day=(0,), options=((A, B, C),), slot_minutes=60,
                   required=tuple(required), agents=specs, weights=weights)


def test_known_optimum_covers_morning_and_day_and_leaves_peak_short():
    # Needed: 1 agent 00–08, 2 agents 08–12, 1 agent 12–16, nobody at night.
    required = [1] * 8 + [2] * 4 + [1] * 4 + [0] * 8
    result = solve(one_day(required), PARAMS)
    assert result.status is SolveStatus.OPTIMAL
    # Best: shifts A and B; 4 hours short by one agent at 100 each.
    assert result.objective == 400
    assert sorted(result.choice[a][0] for a in range(2)) == [0, 1]
    assert sum(p.cost for p in result.penalties) == result.objective


def test_deep_shortage_costs_more_than_spread_shortage():
    # Two slots need 2, one agent per slot costs 100, the 2nd missing 100 more.
    weights = Weights(shortage=100, shortage_deep=100, excess=0)
    required = [2] * 8 + [0] * 16
    result = solve(one_day(required, agents=0, weights=weights), PARAMS)
    assert result.objective == 8 * (100 * 2 + 100)


def test_day_off_request_is_honoured_when_cheap_and_breakdown_names_it():
    required = [1] * 8 + [0] * 16
    specs = (
        AgentSpec("ana", ((0, 1, 2),), (0,), (480,), (0,), (1,), off_requests=((0, 500),)),
        AgentSpec("luis", ((0, 1, 2),), (0,), (480,), (0,), (1,)),
    )
    problem = Problem(1, (0,), ((A, B, C),), 60, tuple(required), specs)
    result = solve(problem, PARAMS)
    assert result.choice[0][0] is None and result.choice[1][0] == 0
    assert result.objective == 0


def test_request_broken_when_cover_needs_it_and_penalty_reported():
    required = [2] * 8 + [0] * 16
    specs = (
        AgentSpec("ana", ((0, 1, 2),), (0,), (480,), (0,), (1,), off_requests=((0, 300),)),
        AgentSpec("luis", ((0, 1, 2),), (0,), (480,), (0,), (1,)),
    )
    result = solve(Problem(1, (0,), ((A, B, C),), 60, tuple(required), specs), PARAMS)
    assert result.choice[0][0] == 0
    terms = {p.term: p for p in result.penalties}
    assert terms["day_off_request"].agent == "ana" and terms["day_off_request"].cost == 300


def test_locked_day_off_is_kept_even_if_cover_suffers():
    required = [1] * 8 + [0] * 16
    spec = AgentSpec("ana", ((0, 1, 2),), (0,), (480,), (0,), (1,), locked=((0, -1),))
    result = solve(Problem(1, (0,), ((A, B, C),), 60, tuple(required), (spec,)), PARAMS)
    assert result.choice[0][0] is None
    assert result.objective == 8 * 100


def test_rest_between_days_forbids_night_then_morning():
    # Day 0 only night C (16–24) useful, day 1 only morning (24–32): 0 h rest.
    day0 = (ShiftOption(960, 1440, 480),)
    day1 = (ShiftOption(1440, 1920, 480),)
    required = [0] * 16 + [1] * 8 + [1] * 8 + [0] * 16
    spec = AgentSpec("ana", ((0,), (0,)), (0,), (960,), (0,), (2,))
    problem = Problem(2, (0, 0), (day0, day1), 60, tuple(required), (spec,), min_rest_minutes=720)
    result = solve(problem, PARAMS)
    worked = [c for c in result.choice[0] if c is not None]
    assert len(worked) == 1
    relaxed = solve(Problem(2, (0, 0), (day0, day1), 60, tuple(required), (spec,), min_rest_minutes=0),
                    PARAMS)
    assert relaxed.choice[0] == (0, 0)


def test_max_consecutive_days_including_days_worked_before():
    days = 7
    options = tuple((ShiftOption(d * 1440 + 480, d * 1440 + 960, 480),) for d in range(days))
    required = tuple(([0] * 8 + [1] * 8 + [0] * 8) * days)

    def spec(before):
        return AgentSpec("ana", tuple((0,) for _ in range(days)), (0,), (7 * 480,), (0,), (7,),
                         worked_days_before=before)

    def run(before, limit):
        problem = Problem(days, (0,) * days, options, 60, required, (spec(before),), max_consecutive_days=limit)
        return solve(problem, PARAMS).choice[0]

    assert sum(c is not None for c in run(0, 6)) == 6
    worked = run(4, 6)
    assert worked[:3].count(None) >= 1  # 4 days before + 3 would be 7 in a row


def test_weekly_minutes_are_hard():
    required = tuple([1] * 24 * 2)
    options = ((A, B, C), tuple(ShiftOption(o.start + 1440, o.end + 1440, 480) for o in (A, B, C)))
    spec = AgentSpec("ana", ((0, 1, 2), (0, 1, 2)), (480,), (480,), (1,), (1,))
    result = solve(Problem(2, (0, 0), options, 60, required, (spec,)), PARAMS)
    assert sum(c is not None for c in result.choice[0]) == 1


def test_infeasible_weekly_minimum_reports_infeasible():
    options = ((A,),)
    spec = AgentSpec("ana", ((0,),), (960,), (960,), (0,), (1,))
    result = solve(Problem(1, (0,), options, 60, tuple([0] * 24), (spec,)), PARAMS)
    assert result.status is SolveStatus.INFEASIBLE
    assert not result.status.has_roster


def test_should_stop_ends_search_and_keeps_a_roster():
    from scheduler.generate import generate_center
    from scheduler.planning import build_plan

    plan = build_plan(generate_center(30, weeks=2))
    seen = threading.Event()

    def progress(update):
        if update.objective is not None:
            seen.set()

    result = solve(plan.problem, SolveParams(time_limit_seconds=60, workers=2), progress,
                   should_stop=seen.is_set)
    assert result.cancelled
    assert result.status.has_roster
    assert result.wall_seconds < 55


@pytest.mark.parametrize("bad", [
    dict(days=2, week_of_day=(0,), options=((A,),)),
])
def test_problem_shape_is_checked(bad):
    with pytest.raises(ValueError):
        Problem(slot_minutes=60, required=(0,), agents=(), **bad)
