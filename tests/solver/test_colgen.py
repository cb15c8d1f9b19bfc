"""Column generation: its columns are legal rosters priced by the independent
evaluator, its bound never exceeds a proven optimum (for any duals, not only
the LP's), and the engine's rosters built from it keep every hard rule."""

from __future__ import annotations

import math
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import (
    ANY,
    OFF,
    AgentSpec,
    CountLimit,
    FairGroup,
    Problem,
    RunLimit,
    ShiftRequest,
    SolveParams,
    SolveStatus,
    Weights,
    solve,
)
from solver import branch_price
from solver.bound import aggregate_bound
from solver.colgen import ColumnGeneration, _slack_part, _slot_costs
from solver.evaluate import agent_penalties, hard_violations, objective
from solver.heuristic import greedy_roster
from tests.factories import E, L, N, three_shift_options


def rostering(seed: int, days: int = 7, n: int = 4, fair: bool = False) -> Problem:
    """A small nurse-rostering-like problem: runs, days off in pairs, requests, a tight curve."""
    rng = random.Random(seed)
    weeks = -(-days // 7)
    agents = tuple(
        AgentSpec(f"a{i}", tuple(tuple(o for o in (E, L, N) if rng.random() < 0.9) for _ in range(days)),
                  (0,) * weeks, (5 * 480,) * weeks, (3,) * weeks, (5,) * weeks,
                  off_requests=((rng.randrange(days), 40),),
                  counts=(CountLimit("night", most=2, weight=rng.choice((0, 30))),),
                  runs=(RunLimit(ANY, least=2, most=4), RunLimit(OFF, least=2, weight=15),
                        RunLimit("night", most=2, weight=40)),
                  shift_requests=(ShiftRequest(rng.randrange(days), (E,), True, 20),),
                  max_weekends=1, max_weekends_weight=rng.choice((0, 50)))
        for i in range(n))
    required = tuple(rng.randint(0, 2) for _ in range(days * 3))
    return Problem(days, tuple(d // 7 for d in range(days)), three_shift_options(days), 480, required, agents,
                   min_rest_minutes=11 * 60, max_consecutive_days=5, weights=Weights(shortage_deep=50),
                   forbidden_successions=(("N", "E"),),
                   weekends=tuple((w * 7 + 5, w * 7 + 6) for w in range(weeks)),
                   fair_groups=(FairGroup("night", tuple(a.key for a in agents), 9),) if fair else ())


def _root(p: Problem) -> ColumnGeneration:
    cg = ColumnGeneration(p, greedy_roster(p), workers=2)
    assert cg.seed_missing(cg.clock.now() + 10)
    assert cg.solve_lp(cg.clock.now() + 30)
    return cg


def _optimum(p: Problem) -> float:
    result = solve(p, SolveParams(time_limit_seconds=60, workers=2, seed=0, columns=False))
    assert result.status is SolveStatus.OPTIMAL
    return result.objective


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_column_is_a_legal_roster_costed_as_the_evaluator_does(seed):
    p = rostering(seed)
    cg = _root(p)
    assert all(cg.columns)
    for a, columns in enumerate(cg.columns):
        agent = p.agents[a]
        for days, own in columns.items():
            assert hard_violations(p, agent, list(days)) == []
            assert own == sum(x.cost for x in agent_penalties(p, agent, list(days)))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_converged_bound_is_below_the_optimum_and_at_least_the_aggregated_bound(seed):
    p = rostering(seed, fair=seed % 2 == 1)  # fairness is outside the master: still a valid bound
    cg = _root(p)
    assert cg.converged
    optimum = _optimum(p)
    assert cg.bound <= optimum + 1e-6
    assert math.ceil(cg.bound - 1e-6) >= aggregate_bound(p)
    # At convergence the Lagrangian bound is the LP optimum (less the dual rounding).
    assert cg.bound == pytest.approx(cg.lp_value, abs=0.5 * p.days * len(p.agents) / 1000 + 1e-6)


_WEAK_DUALITY = {}


def _weak_duality_case():
    if not _WEAK_DUALITY:
        p = rostering(5)
        cg = ColumnGeneration(p, greedy_roster(p), workers=1)
        assert cg.seed_missing(cg.clock.now() + 10)
        _WEAK_DUALITY.update(problem=p, cg=cg, optimum=_optimum(p))
    return _WEAK_DUALITY["problem"], _WEAK_DUALITY["cg"], _WEAK_DUALITY["optimum"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.floats(0, 1), min_size=21, max_size=21))
def test_the_lagrangian_bound_holds_for_any_duals(fractions):
    """Weak duality: whatever the coverage duals, slack part + Σ agents' priced minimum ≤ optimum."""
    p, cg, optimum = _weak_duality_case()
    duals = []
    for t, f in enumerate(fractions):
        first, deep, over = _slot_costs(p, t)
        duals.append(-over + f * (deep + over))  # anywhere between the excess and deep-shortage costs
    total = _slack_part(p, duals)
    for a in range(len(p.agents)):
        _found, lowest, _work, _proven = cg._price(a, duals, 0.0, 5.0)
        assert lowest is not None
        total += lowest
    assert total <= optimum + 1e-6


@pytest.mark.parametrize("seed", [0, 3])
def test_the_dive_gives_one_legal_roster_per_agent(seed):
    p = rostering(seed, days=14, n=6)
    cg = _root(p)
    roster = branch_price.dive(cg, cg.clock.now() + 20)
    assert len(roster) == len(p.agents)
    for agent, days in zip(p.agents, roster):
        assert days in cg.columns[p.agents.index(agent)]
        assert hard_violations(p, agent, list(days)) == []
    assert objective(p, [list(days) for days in roster]) >= cg.bound - 1e-6
    # The dive leaves the root LP as it found it.
    assert cg.fixed == {}


def test_engine_with_columns_keeps_hard_rules_and_reports_a_valid_bound():
    p = rostering(7, days=14, n=6, fair=True)
    with_columns = solve(p, SolveParams(time_limit_seconds=8, workers=2, seed=1))
    without = solve(p, SolveParams(time_limit_seconds=8, workers=2, seed=1, columns=False))
    for result in (with_columns, without):
        assert result.status.has_roster
        assert all(not hard_violations(p, a, list(c)) for a, c in zip(p.agents, result.choice))
        assert sum(x.cost for x in result.penalties) == result.objective
        assert result.bound <= result.objective
    # Column generation's bound is at least as strong as what the compact model proves.
    assert with_columns.bound >= without.bound or without.status is SolveStatus.OPTIMAL


def test_stopping_during_column_generation_still_returns_a_legal_roster():
    p = rostering(8, days=14, n=6)
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 3

    started = time.monotonic()
    result = solve(p, SolveParams(time_limit_seconds=60, workers=2, seed=0), should_stop=stop)
    assert time.monotonic() - started < 30
    assert result.status.has_roster
    assert all(not hard_violations(p, a, list(c)) for a, c in zip(p.agents, result.choice))


def test_an_agent_without_any_legal_roster_is_still_explained():
    p = rostering(0)
    stuck = AgentSpec("stuck", ((E,),) * 2 + ((),) * 5, (0,), (7 * 480,), (4,), (5,))
    from dataclasses import replace

    result = solve(replace(p, agents=p.agents + (stuck,)), SolveParams(time_limit_seconds=10, workers=2))
    assert result.status is SolveStatus.INFEASIBLE
    assert any(c.agent == "stuck" and c.rule == "weekly_days" for c in result.conflicts[0])
