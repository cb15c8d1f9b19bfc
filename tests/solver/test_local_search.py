"""Simulated annealing: every move is costed exactly as the independent
evaluator costs the whole roster, no move breaks a hard rule, locks stay, and
the engine's large-model path keeps every project rule."""

from __future__ import annotations

import functools
import random
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.generate import generate_center
from scheduler.planning import build_plan, roster_from_result
from scheduler.validate import validate
from solver import SolveParams, SolveStatus, solve
from solver.evaluate import hard_violations, objective, on_duty
from solver.heuristic import greedy_roster
from solver.local_search import _Moves, _State, anneal
from tests.factories import rich_problem


@functools.lru_cache(maxsize=None)
def _legal_start(seed: int):
    """A legal roster of ``rich_problem(seed)`` (from the engine: the constructive one may be incomplete)."""
    p = rich_problem(seed)
    result = solve(p, SolveParams(time_limit_seconds=3, workers=2, seed=0, columns=False))
    assert result.status.has_roster
    return p, [list(days) for days in result.choice]


@pytest.mark.parametrize("problem_seed", [0, 1, 2])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(move_seed=st.integers(0, 2**31 - 1))
def test_every_move_is_costed_as_the_evaluator_costs_the_roster(problem_seed, move_seed):
    p, start = _legal_start(problem_seed)
    rng = random.Random(move_seed)
    state = _State(p, start)
    moves = _Moves(p, rng)
    agents = list(range(len(p.agents)))
    assert state.cost == objective(p, state.choice)
    for _ in range(150):
        move = moves.propose(agents, state.choice)
        if not move:
            continue
        before = objective(p, state.choice)
        trial = [list(days) for days in state.choice]
        for a, new in move.items():
            for d, o in new.items():
                trial[a][d] = o
        delta = state.try_move(move)
        if delta is None:
            # Refused only when the move really breaks a hard rule.
            assert any(hard_violations(p, p.agents[a], trial[a]) for a in move)
            continue
        assert all(not hard_violations(p, p.agents[a], trial[a]) for a in move)
        assert delta == objective(p, trial) - before
        if rng.random() < 0.5:
            state.commit(delta)
            assert state.choice == trial
        else:
            state.undo()
        assert state.cost == objective(p, state.choice)
        assert state.counts == on_duty(p, state.choice)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_anneal_returns_a_legal_roster_no_worse_than_its_start(seed):
    p, start = _legal_start(seed)
    reported = []
    best, cost, _moves = anneal(p, start, deadline=1.0, seed=seed, on_improve=reported.append)
    assert cost == objective(p, best) <= objective(p, start)
    assert all(not hard_violations(p, agent, days) for agent, days in zip(p.agents, best))
    assert reported == sorted(reported, reverse=True) and all(r >= cost for r in reported)
    if cost < objective(p, start):
        assert reported[-1] == cost  # the final roster is always reported


def test_progress_is_reported_a_few_times_a_second_not_on_every_improvement():
    p = build_plan(generate_center(20, weeks=1)).problem
    reported = []
    started = time.monotonic()
    _best, cost, _moves = anneal(p, greedy_roster(p), deadline=2.0, seed=0,
                                 on_improve=lambda c: reported.append((time.monotonic() - started, c)))
    assert reported and reported[-1][1] == cost
    gaps = [b[0] - a[0] for a, b in zip(reported, reported[1:-1])]
    assert all(gap >= 0.25 for gap in gaps)
    assert len(reported) <= 2.0 / 0.25 + 2


def test_locked_days_are_never_moved():
    p, start = _legal_start(0)
    # Lock three agent-days of the start roster, worked and off.
    def kept(a: int, d: int) -> tuple[int, int]:
        return d, start[a][d] if start[a][d] is not None else -1

    locks = {0: (kept(0, 2),), 3: (kept(3, 5), kept(3, 9))}
    agents = tuple(replace(agent, locked=locks.get(a, ())) for a, agent in enumerate(p.agents))
    p = replace(p, agents=agents)
    best, _cost, _moves = anneal(p, start, deadline=1.0, seed=3, start_temperature=500)
    assert best[0][2] == start[0][2] and best[3][5] == start[3][5] and best[3][9] == start[3][9]


def test_anneal_improves_a_generated_centers_first_roster():
    p = build_plan(generate_center(20, weeks=1)).problem
    first = greedy_roster(p)
    assert all(days is not None for days in first)
    best, cost, moves = anneal(p, first, deadline=2.0, seed=0)
    assert moves > 0
    assert cost < objective(p, first)


def _project_rules_broken(project, plan, result) -> list:
    roster = roster_from_result(plan, result)
    # breaks are placed after the roster, by scheduler.breaks
    return [v for v in validate(project, roster, history=plan.history) if not v.rule.startswith("break")]


def test_large_models_are_annealed_and_keep_every_project_rule():
    project = generate_center(16, weeks=1)
    plan = build_plan(project)
    # small_model=0: even this small center takes the call-center path.
    result = solve(plan.problem, SolveParams(time_limit_seconds=4, workers=2, seed=5, small_model=0))
    assert result.status.has_roster
    assert sum(p.cost for p in result.penalties) == result.objective
    assert result.bound is not None and result.bound <= result.objective
    assert result.objective < objective(plan.problem, greedy_roster(plan.problem))
    assert _project_rules_broken(project, plan, result) == []


def test_without_a_constructive_roster_the_full_model_finds_one_then_annealing_goes_on():
    project = generate_center(12, weeks=1)
    plan = build_plan(project)
    events = []
    params = SolveParams(time_limit_seconds=6, workers=2, seed=1, small_model=0, hint=False, exact_share=0.5)
    result = solve(plan.problem, params, progress=events.append)
    assert result.status.has_roster
    assert sum(p.cost for p in result.penalties) == result.objective
    assert _project_rules_broken(project, plan, result) == []
    # Rosters came after the full model's half of the time: the annealer's.
    assert any(e.elapsed_seconds > 3 and e.objective is not None for e in events)


def test_small_centers_are_annealed_first_and_keep_every_project_rule():
    project = generate_center(10, weeks=2)
    plan = build_plan(project)
    assert sum(len(o) for a in plan.problem.agents for o in a.allowed) <= SolveParams().small_model
    first = greedy_roster(plan.problem)
    assert all(days is not None for days in first)
    result = solve(plan.problem, SolveParams(time_limit_seconds=6, workers=2, seed=2))
    assert result.status.has_roster
    assert sum(p.cost for p in result.penalties) == result.objective < objective(plan.problem, first)
    assert result.bound is not None and result.bound <= result.objective
    assert _project_rules_broken(project, plan, result) == []


def test_should_stop_ends_annealing_with_the_best_roster():
    plan = build_plan(generate_center(16, weeks=1))
    asked = time.monotonic()
    result = solve(plan.problem, SolveParams(time_limit_seconds=60, workers=2, small_model=0),
                   should_stop=lambda: time.monotonic() - asked > 1.5)
    assert result.cancelled and result.status.has_roster
    assert result.wall_seconds < 30
    assert all(not hard_violations(plan.problem, a, d) for a, d in zip(plan.problem.agents, result.choice))
    assert result.status is not SolveStatus.NO_SOLUTION
