"""The engine's neighbourhood search keeps every rule and reports exact costs."""

from __future__ import annotations

from scheduler.generate import generate_center
from scheduler.planning import build_plan, roster_from_result
from scheduler.validate import validate
from solver import SolveParams, solve


def test_neighbourhood_search_improves_without_breaking_rules():
    project = generate_center(16, weeks=1)
    plan = build_plan(project)
    # small_model=0: even this small center goes through agent and time-window neighbourhoods.
    params = SolveParams(time_limit_seconds=6, workers=2, seed=5, small_model=0, exact_share=0.3)
    result = solve(plan.problem, params)
    assert result.status.has_roster
    assert sum(p.cost for p in result.penalties) == result.objective
    assert result.bound is not None and result.bound <= result.objective
    roster = roster_from_result(plan, result)
    broken = [v for v in validate(project, roster, history=plan.history) if not v.rule.startswith("break")]
    assert broken == []  # breaks are placed after the roster, by scheduler.breaks
