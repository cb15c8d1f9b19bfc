"""Branch-and-price: a roster it calls optimal costs what a proven CP-SAT optimum costs, its
levels never raise the bound above the optimum, and its branching restrictions hold in every
column the node's LP uses, including the ones pricing finds under them."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

from solver import SolveParams, SolveStatus, solve
from solver import branch_price
from solver.colgen import ColumnGeneration
from solver.evaluate import hard_violations, objective
from solver.heuristic import greedy_roster
from tests.solver.test_colgen import _optimum, _root, rostering


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_branch_and_price_finds_the_proven_optimum(seed):
    p = rostering(seed, days=14, n=5)
    cg = _root(p)
    optimum = _optimum(p)
    found = branch_price.search(cg, cg.clock.now() + 120)
    assert found.roster is not None
    roster = [list(days) for days in found.roster]
    assert found.cost == objective(p, roster) == optimum == found.bound
    for agent, days in zip(p.agents, roster):
        assert hard_violations(p, agent, days) == []
    assert not cg.forced and not cg.forbidden  # the search leaves the LP unrestricted


def test_exhausted_levels_raise_the_bound_but_never_above_the_optimum():
    p = rostering(1, days=14, n=5)
    cg = _root(p)
    optimum = _optimum(p)
    raised: list[int] = []
    found = branch_price.search(cg, cg.clock.now() + 120, on_bound=raised.append)
    assert raised == sorted(raised)
    assert all(b <= optimum for b in raised)
    assert raised == list(range(math.ceil(cg.bound - 1e-6) + 1, found.cost + 1))[:len(raised)]


def test_search_stops_at_an_incumbent_its_levels_prove_optimal():
    p = rostering(2, days=14, n=5)
    optimum = _optimum(p)
    cg = _root(p)
    found = branch_price.search(cg, cg.clock.now() + 120, incumbent=int(optimum))
    assert found.roster is None  # no roster cheaper than the incumbent: the incumbent is optimal
    assert found.bound == optimum


def test_search_gives_up_at_the_deadline_without_claiming_a_bound():
    p = rostering(3, days=14, n=5)
    cg = _root(p)
    root = math.ceil(cg.bound - 1e-6)
    found = branch_price.search(cg, cg.clock.now())  # no time at all
    assert found.roster is None
    assert found.bound == max(0, root)


@pytest.mark.parametrize("off", [True, False])
def test_node_columns_obey_the_branching_restrictions(off):
    p = rostering(4, days=14, n=5)
    cg = _root(p)
    a, d = 2, 3
    if off:
        cg.forced[a, d] = None  # agent 2 is off on day 3
    else:
        cg.forbidden.add((a, d, None))  # agent 2 works on day 3
    assert cg.seed_missing(cg.clock.now() + 10)
    assert cg.solve_lp(cg.clock.now() + 30)
    for days, weight in cg.weights[a].items():
        assert (days[d] is None) == off
        assert hard_violations(p, p.agents[a], list(days)) == []
    # Pricing under the restriction found columns the root LP did not have, and kept them.
    assert any((days[d] is None) == off for days in cg.columns[a])
    cg.forced, cg.forbidden = {}, set()
    cg.restore_root()
    assert cg.lp_value <= _root(p).lp_value + 1e-6  # the root's columns and more: never a dearer LP


def test_a_forbidden_option_never_appears_in_the_node_lp():
    p = rostering(0, days=14, n=5)
    cg = _root(p)
    a = 1
    d, o = next((d, o) for d, o in enumerate(max(cg.weights[a].items(), key=lambda kv: kv[1])[0])
                if o is not None)
    cg.forbidden.add((a, d, o))
    assert cg.seed_missing(cg.clock.now() + 10)
    cg.solve_lp(cg.clock.now() + 30)
    assert all(days[d] != o for days, weight in cg.weights[a].items() if weight > 1e-9)


def test_engine_reports_a_branch_and_price_roster_as_optimal_with_a_matching_bound():
    p = rostering(0, days=14, n=5)
    optimum = _optimum(p)
    result = solve(p, SolveParams(time_limit_seconds=60, workers=2, seed=0))
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == optimum == result.bound
    assert sum(x.cost for x in result.penalties) == result.objective


def test_branching_share_is_validated():
    with pytest.raises(ValueError, match="branch-and-price"):
        SolveParams(branching_share=1.0)
    assert SolveParams(branching_share=0).branching_share == 0


def test_without_branching_the_engine_still_solves():
    p = rostering(1, days=14, n=5)
    result = solve(p, SolveParams(time_limit_seconds=10, workers=2, seed=0, branching_share=0))
    assert result.status.has_roster
    for agent, days in zip(p.agents, result.choice):
        assert hard_violations(p, agent, list(days)) == []


def test_column_generation_stays_usable_for_a_dive_after_the_search():
    p = rostering(3, days=14, n=5)
    cg = ColumnGeneration(p, greedy_roster(p), workers=2)
    assert cg.seed_missing(cg.clock.now() + 10)
    assert cg.solve_lp(cg.clock.now() + 30)
    branch_price.search(cg, cg.clock.now() + 0.5)
    roster = branch_price.dive(cg, cg.clock.now() + 10)
    for agent, days in zip(p.agents, roster):
        assert hard_violations(p, agent, list(days)) == []


# Three public instances of the Curtois & Qu benchmark (schedulingbenchmarks.org, "NRP" set; copied
# from ../shared/bench/curtois), read by the benchmark's own adapter. Instance6's root LP is
# fractional (1948.75, optimum 1950), so the search branches; Instance1's is far below its optimum
# (root bound 558, optimum 607), so the levels climb; Instance4 (1716) serves the dive.
_DATA = Path(__file__).parent / "data"


def _checked(module, inst, roster) -> int:
    """The benchmark's own checker (it reads only the instance) on ``roster``: no hard rule
    broken; the cost it computes."""
    types = list(inst.shifts)
    table = {(inst.staff[a].id, d): types[o] for a, days in enumerate(roster) for d, o in enumerate(days)
             if o is not None}
    cost, broken = module.check(inst, table)
    assert broken == []
    return cost


def _curtois(name: str):
    spec = importlib.util.spec_from_file_location("curtois_adapter", Path(__file__).parents[2] / "benchmarks" / "curtois.py")
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    inst = module.read_instance(_DATA / f"curtois_{name}.txt")
    return module, inst, module.to_problem(inst)


def test_branching_on_a_fractional_lp_reaches_the_published_optimum():
    module, inst, p = _curtois("Instance6")
    cg = _root(p)
    assert module.BEST_KNOWN["Instance6"] == 1950
    assert branch_price._branch(cg) is not None  # the root LP is fractional
    found = branch_price.search(cg, cg.clock.now() + 120)
    assert found.nodes > 1  # so the search had to branch
    assert found.cost == found.bound == 1950
    assert _checked(module, inst, found.roster) == 1950


def test_levels_climb_from_the_root_bound_and_never_pass_the_optimum():
    _module, _inst, p = _curtois("Instance1")
    cg = _root(p)
    root = math.ceil(cg.bound - 1e-6)
    raised: list[int] = []
    found = branch_price.search(cg, cg.clock.now() + 60, on_bound=raised.append, levels=2)
    assert found.roster is None  # 607 is 49 levels up: two levels find nothing
    assert raised == [root + 1, root + 2] and found.bound == root + 2 <= 607


# -- the dive: whole agents fixed, the last third searched exactly -------------------------
def test_fixing_leaves_the_asked_number_of_agents_free_with_legal_rosters():
    module, inst, p = _curtois("Instance4")
    cg = _root(p)
    try:
        cg.fix_heaviest(cg.clock.now() + 60, leave=3, rounds=2)
        assert len(p.agents) - len(cg.fixed) == 3
        for a, days in cg.fixed.items():
            assert days in cg.columns[a] and hard_violations(p, p.agents[a], list(days)) == []
            assert cg.weights[a] == {days: 1.0}  # the LP takes a fixed agent's roster whole
    finally:
        cg.fixed = {}


def test_restrictions_and_fixed_agents_hold_together_in_the_lp():
    """The dive's exact search branches on the free agents while the others stay fixed."""
    _module, _inst, p = _curtois("Instance4")
    cg = _root(p)
    try:
        cg.fix_heaviest(cg.clock.now() + 60, leave=4)
        free = [a for a in range(len(p.agents)) if a not in cg.fixed]
        a = free[0]
        cg.forced = {(a, 3): None}
        cg.solve_lp(cg.clock.now() + 60)
        for b, weights in enumerate(cg.weights):
            used = [days for days, w in weights.items() if w > 1e-9]
            if b in cg.fixed:
                assert used == [cg.fixed[b]]
        assert all(days[3] is None for days in cg.weights[a])
    finally:
        cg.fixed, cg.forced = {}, {}


def test_a_level_cut_short_by_its_node_limit_proves_nothing():
    _module, _inst, p = _curtois("Instance1")
    cg = _root(p)
    found, proven, nodes = branch_price._level(cg, math.ceil(cg.bound - 1e-6), cg.clock.now() + 60, None,
                                               max_nodes=1)
    cg.forced, cg.forbidden = {}, set()
    assert (found, proven, nodes) == (None, False, 1)


def test_the_dive_reaches_near_the_optimum_and_keeps_the_rules():
    """Curtois 4 (optimum 1716): fixing two thirds of the agents and searching the rest ends
    within a few units of the optimum, where the benchmark's own checker confirms the cost."""
    module, inst, p = _curtois("Instance4")
    cg = _root(p)
    root_value = cg.lp_value
    roster = branch_price.dive(cg, cg.clock.now() + 60)
    cost = _checked(module, inst, roster)
    assert cost == objective(p, [list(days) for days in roster])
    assert 1716 <= cost <= 1716 + 10
    assert cg.fixed == {} and cg.lp_value == root_value  # the root LP is as the dive found it


def test_windows_take_a_poor_roster_to_the_optimum_and_keep_the_rules():
    """Curtois 4: the LP's heaviest rosters cost 2221 together; branch-and-price on windows of
    days ends at the optimum, 1716, or within a few units of it, and the benchmark's own checker
    confirms the cost."""
    module, inst, p = _curtois("Instance4")
    cg = _root(p)
    root_value = cg.lp_value
    start = cg.heaviest()
    start_cost = objective(p, [list(days) for days in start])
    assert start_cost > 1716 + 100
    roster, cost = branch_price.improve(cg, start, cg.clock.now() + 60)
    assert _checked(module, inst, roster) == cost == objective(p, [list(days) for days in roster])
    assert 1716 <= cost <= 1716 + 10
    assert not cg.forced and not cg.forbidden and cg.lp_value == root_value  # the root LP as it was


@pytest.mark.parametrize("seed", [0, 1])
def test_windows_never_return_a_dearer_roster(seed):
    p = rostering(seed, days=14, n=5)
    cg = _root(p)
    best = branch_price.search(cg, cg.clock.now() + 120).roster
    assert best is not None
    for start in (best, cg.heaviest()):
        before = objective(p, [list(days) for days in start])
        roster, cost = branch_price.improve(cg, start, cg.clock.now() + 10, seed=seed)
        assert cost == objective(p, [list(days) for days in roster]) <= before
        for agent, days in zip(p.agents, roster):
            assert hard_violations(p, agent, list(days)) == []
    assert cost >= objective(p, [list(days) for days in best])  # never below the proven optimum


def test_windows_from_a_roster_far_above_the_bound_climb_down_and_stop_when_no_window_helps():
    """Curtois 1 (optimum 607, root bound 558): from the LP's heaviest rosters (710) the windows end
    near the optimum, and stop before the deadline once no window has a cheaper roster."""
    _module, _inst, p = _curtois("Instance1")
    cg = _root(p)
    deadline = cg.clock.now() + 600
    roster, cost = branch_price.improve(cg, cg.heaviest(), deadline)
    assert 607 <= cost <= 607 + 10
    assert cg.clock.now() < deadline  # returned on its own: every window was searched in vain
