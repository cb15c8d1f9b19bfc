"""Each general rule family binds on a hand-sized problem, hard and soft, and the
objective the model minimises is exactly the breakdown the engine reports."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from solver import (
    ANY,
    OFF,
    AgentSpec,
    CountLimit,
    FairGroup,
    Problem,
    RunLimit,
    ShiftOption,
    ShiftRequest,
    SolveParams,
    SolveStatus,
    Weights,
    solve,
)
from solver.evaluate import hard_violations, penalties
from solver.model import add_hint, build_model
from solver.runner import read_choice
from tests.factories import E, L, N, rich_problem, three_shift_options

PARAMS = SolveParams(time_limit_seconds=10, workers=2, seed=1)

def agent(key: str, days: int, *, allowed=(E, L, N), max_days=7, min_days=0, **kw) -> AgentSpec:
    weeks = -(-days // 7)
    return AgentSpec(key, tuple(tuple(allowed) for _ in range(days)), (0,) * weeks, (7 * 480,) * weeks,
                     (min_days,) * weeks, (max_days,) * weeks, **kw)


def need(days: int, per_shift=(0, 0, 1)) -> tuple[int, ...]:
    """Hourly requirement: per_shift agents in each of E, L, N every day (N spills into the next day)."""
    hours = [0] * (24 * days)
    for d in range(days):
        for s, start in enumerate((6, 14, 22)):
            for h in range(start, start + 8):
                if d * 24 + h < len(hours):
                    hours[d * 24 + h] += per_shift[s]
    return tuple(hours)


def problem(days: int, agents, required=None, **kw) -> Problem:
    kw.setdefault("min_rest_minutes", 0)
    kw.setdefault("max_consecutive_days", days)
    return Problem(days, tuple(d // 7 for d in range(days)), three_shift_options(days), 60,
                   required if required is not None else need(days), tuple(agents), **kw)


def nights(choice) -> list[int]:
    return [d for d, o in enumerate(choice) if o == N]


def test_max_nights_per_week_binds_hard_and_costs_when_soft():
    free = solve(problem(7, [agent("ana", 7, allowed=(N,))]), PARAMS)
    assert len(nights(free.choice[0])) == 7
    hard = solve(problem(7, [agent("ana", 7, allowed=(N,), counts=(CountLimit("night", most=3),))]), PARAMS)
    assert len(nights(hard.choice[0])) == 3
    # Soft at 50 per extra night: each night covers 8 h × 100, so she still works them all.
    soft = solve(problem(7, [agent("ana", 7, allowed=(N,),
                                   counts=(CountLimit("night", most=3, weight=50, name="max_nights_per_week"),))]),
                 PARAMS)
    assert len(nights(soft.choice[0])) == 7
    assert sum(p.cost for p in soft.penalties if p.term == "max_nights_per_week") == 4 * 50


def test_max_consecutive_nights_counts_nights_before_the_horizon():
    limit = RunLimit("night", most=2)
    result = solve(problem(7, [agent("ana", 7, allowed=(N,), runs=(limit,))]), PARAMS)
    runs = "".join("N" if o == N else "." for o in result.choice[0])
    assert "NNN" not in runs and runs.count("N") >= 4
    before = solve(problem(7, [agent("ana", 7, allowed=(N,), runs=(limit,),
                                     tag_runs_before=(("night", 2),))]), PARAMS)
    assert before.choice[0][0] is None  # two nights just before: day 0 would be the third


def test_soft_consecutive_nights_penalty_names_the_night():
    limit = RunLimit("night", most=2, weight=40, name="max_consecutive_nights")
    result = solve(problem(3, [agent("ana", 3, allowed=(N,), runs=(limit,))], required=need(3)), PARAMS)
    assert result.choice[0] == (N, N, N)
    [penalty] = [p for p in result.penalties if p.term == "max_consecutive_nights"]
    assert (penalty.agent, penalty.day, penalty.quantity, penalty.cost) == ("ana", 2, 3, 40)


def test_min_days_off_per_week_and_days_off_together():
    base = dict(allowed=(E,))
    req = need(7, (1, 0, 0))
    worked = solve(problem(7, [agent("ana", 7, **base)], req), PARAMS).choice[0]
    assert all(o is not None for o in worked)
    off2 = solve(problem(7, [agent("ana", 7, counts=(CountLimit(OFF, least=2),), **base)], req), PARAMS)
    assert off2.choice[0].count(None) == 2
    # Days off may not stand alone (a run of days off shorter than 2 inside the horizon).
    together = agent("ana", 7, counts=(CountLimit(OFF, least=2),), runs=(RunLimit(OFF, least=2),), **base)
    days = solve(problem(7, [together], req), PARAMS).choice[0]
    flags = "".join("." if o is None else "W" for o in days)
    assert ".W." not in flags and "W.W" not in flags


def test_min_consecutive_working_days_is_not_applied_at_the_horizon_edges():
    limit = RunLimit(ANY, least=3)
    req = tuple(([0] * 6 + [1] * 8 + [0] * 10) * 7)
    ana = agent("ana", 7, allowed=(E,), max_days=4, runs=(limit,))
    result = solve(problem(7, [ana], req), PARAMS)
    flags = "".join("." if o is None else "W" for o in result.choice[0])
    inner = [run for run in flags.strip("W").split(".") if run]
    assert all(len(run) >= 3 for run in inner), flags
    assert not hard_violations(problem(7, [ana], req), ana, list(result.choice[0]))


def test_forbidden_succession_night_then_early():
    req = tuple([0] * 22 + [1] * 2 + [0] * 6 + [1] * 8 + [0] * 10)
    ana = agent("ana", 2, allowed=(E, N))
    loose = solve(problem(2, [ana], req), PARAMS)
    assert loose.choice[0] == (N, E)
    strict = solve(problem(2, [ana], req, forbidden_successions=(("N", "E"),)), PARAMS)
    assert strict.choice[0] != (N, E)


def test_max_weekends_hard_and_soft():
    req = need(14, (1, 0, 0))
    hard = agent("ana", 14, allowed=(E,), max_weekends=1)
    result = solve(problem(14, [hard], req, weekends=((5, 6), (12, 13))), PARAMS)
    worked = [any(result.choice[0][d] is not None for d in w) for w in ((5, 6), (12, 13))]
    assert worked.count(True) == 1
    soft = agent("ana", 14, allowed=(E,), max_weekends=1, max_weekends_weight=300)
    result = solve(problem(14, [soft], req, weekends=((5, 6), (12, 13))), PARAMS)
    assert sum(p.cost for p in result.penalties if p.term == "max_weekends") == 300


def test_shift_requests_on_and_off():
    req = tuple([0] * 24)
    wants_late = agent("ana", 1, min_days=1, shift_requests=(ShiftRequest(0, (L,), True, 30),))
    assert solve(problem(1, [wants_late], req), PARAMS).choice[0] == (L,)
    no_early = agent("ana", 1, allowed=(E, L), min_days=1, shift_requests=(ShiftRequest(0, (E,), False, 30),))
    req_early = tuple([0] * 6 + [1] * 8 + [0] * 10)
    result = solve(problem(1, [no_early], req_early), PARAMS)
    assert result.choice[0] == (E,)  # 8 h of cover beat a 30-point wish
    assert [p.term for p in result.penalties] == ["shift_request"]


def test_stable_start_prefers_one_start_time_a_week():
    req = tuple([1] * (24 * 7))  # any shift covers as much as any other
    ana = agent("ana", 7, allowed=(E, L), min_days=5, max_days=5)
    result = solve(problem(7, [ana], req, weights=Weights(stable_start=20)), PARAMS)
    starts = {o for o in result.choice[0] if o is not None}
    assert len(starts) == 1
    assert not [p for p in result.penalties if p.term == "stable_start"]


def test_fairness_spreads_nights_counting_history():
    req = need(7, (0, 0, 1))
    agents = [agent(k, 7, allowed=(E, N), runs=(), tag_history=(("night", h),)) for k, h in (("ana", 4), ("luis", 0))]
    group = FairGroup("night", ("ana", "luis"), 30, name="fair_nights")
    result = solve(problem(7, agents, req, fair_groups=(group,)), PARAMS)
    ana, luis = (4 + len(nights(result.choice[0])), len(nights(result.choice[1])))
    assert abs(ana - luis) <= 1 and luis >= 5  # Luis takes most of this week's nights
    assert not [x for x in result.penalties if x.term == "fair_nights"]


def test_per_slot_weights_decide_which_slot_stays_short():
    req = (1, 1)
    opts = ((ShiftOption(0, 1, 1, cover=(0,)), ShiftOption(1, 2, 1, cover=(1,))),)
    spec = AgentSpec("ana", ((0, 1),), (0,), (10,), (0,), (1,))
    p = Problem(1, (0,), opts, 1, req, (spec,), slot_weights=((10, 1), (90, 1)), min_rest_minutes=0)
    result = solve(p, PARAMS)
    assert result.choice[0] == (1,) and result.objective == 10


@pytest.mark.parametrize("seed", [0, 1])
def test_model_objective_is_the_reported_breakdown_and_rosters_keep_hard_rules(seed):
    p = rich_problem(seed)
    rm = build_model(p)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 3
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 0
    assert solver.solve(rm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    choice = read_choice(rm, solver)
    assert all(not hard_violations(p, a, c) for a, c in zip(p.agents, choice))
    assert solver.objective_value >= sum(x.cost for x in penalties(p, choice))
    # With the roster fixed, the model's cheapest reading of it is exactly the breakdown.
    fixed = build_model(p)
    for a, days in enumerate(choice):
        for d, per_option in enumerate(fixed.x[a]):
            for o, var in per_option.items():
                fixed.model.add(var == int(o == days[d]))
    exact = cp_model.CpSolver()
    exact.parameters.num_workers = 2
    exact.parameters.max_time_in_seconds = 10
    assert exact.solve(fixed.model) == cp_model.OPTIMAL
    assert exact.objective_value == sum(x.cost for x in penalties(p, choice))
    # The same roster as a hint is a complete, feasible first solution of the same cost.
    hinted = build_model(p)
    add_hint(hinted, choice)
    again = cp_model.CpSolver()
    again.parameters.num_workers = 1
    again.parameters.stop_after_first_solution = True
    again.parameters.max_time_in_seconds = 5
    assert again.solve(hinted.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert again.objective_value <= solver.objective_value


def test_engine_breakdown_sums_to_objective_with_every_soft_rule():
    result = solve(rich_problem(2), SolveParams(time_limit_seconds=4, workers=2, seed=0))
    assert result.status.has_roster
    assert sum(p.cost for p in result.penalties) == result.objective
    assert result.bound is not None and result.bound <= result.objective


def test_infeasible_rest_between_locked_shifts_names_the_agent_rules_and_days():
    ana = agent("ana", 7, locked=((0, N), (1, E)))  # 22:00–06:00 then 06:00: no rest
    luis = agent("luis", 7)
    p = problem(7, [luis, ana], min_rest_minutes=12 * 60)
    result = solve(p, PARAMS)
    assert result.status is SolveStatus.INFEASIBLE
    [conflicts] = result.conflicts
    assert {(c.agent, c.rule, c.day) for c in conflicts} == {
        ("ana", "locked", 0), ("ana", "locked", 1), ("ana", "min_rest", 1)}


def test_infeasible_week_is_traced_to_the_weekly_rule():
    short = AgentSpec("ana", ((E,),) * 3 + ((),) * 4, (0,), (7 * 480,), (4,), (5,))
    result = solve(problem(7, [short]), PARAMS)
    assert result.status is SolveStatus.INFEASIBLE
    assert [(c.rule, c.week) for c in result.conflicts[0]] == [("weekly_days", 0)]


def test_aggregated_bound_never_exceeds_a_proven_optimum():
    from solver.bound import aggregate_bound

    for per_shift in ((1, 2, 1), (3, 1, 0), (2, 2, 2)):
        p = problem(7, [agent(f"a{i}", 7, max_days=5) for i in range(4)], need(7, per_shift),
                    min_rest_minutes=12 * 60, max_consecutive_days=6)
        result = solve(p, PARAMS)
        assert result.status is SolveStatus.OPTIMAL
        assert aggregate_bound(p) <= result.objective
