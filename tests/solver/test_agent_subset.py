"""CP-SAT on a few agents, the others kept: the kept rosters never move, every hard rule holds,
the result is never dearer than the start, and with every agent free it is the full model's
optimum; the dive hands its free agents to it and lands near the published optimum."""

from __future__ import annotations

import pytest

from solver import branch_price
from solver.agent_subset import neighbourhoods, reoptimize
from solver.clock import Clock
from solver.evaluate import hard_violations, objective
from tests.solver.test_branch_price import _checked, _curtois
from tests.solver.test_colgen import _optimum, _root, rostering


def _legal(p, roster) -> bool:
    return all(hard_violations(p, agent, list(days)) == [] for agent, days in zip(p.agents, roster))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kept_agents_keep_their_rosters_and_the_rest_improves(seed):
    p = rostering(seed, days=14, n=5)
    start = _root(p).heaviest()  # every agent's heaviest LP roster: legal, not a good fit together
    assert _legal(p, start)
    before = objective(p, start)
    clock = Clock()
    found = reoptimize(p, start, {1, 3}, clock.now() + 20, clock, workers=2)
    assert found is not None
    roster, cost = found
    assert cost == objective(p, roster) <= before
    assert _legal(p, roster)
    for a in (0, 2, 4):
        assert roster[a] == list(start[a])
    # Only agents 1 and 3 changed, and CP-SAT solved their part to the end: no other roster
    # for them alone is cheaper (checked by a second search from the result).
    again = reoptimize(p, roster, {1, 3}, clock.now() + 20, clock, workers=2)
    assert again is not None and again[1] == cost


@pytest.mark.parametrize("seed", [0, 3])
def test_with_every_agent_free_it_is_the_full_models_optimum(seed):
    p = rostering(seed, days=14, n=5)
    start = _root(p).heaviest()
    clock = Clock()
    roster, cost = reoptimize(p, start, range(len(p.agents)), clock.now() + 60, clock, workers=2)
    assert cost == _optimum(p)
    assert _legal(p, roster)


def test_a_floor_at_the_optimum_still_finds_the_optimum():
    p = rostering(2, days=14, n=5)
    optimum = int(_optimum(p))
    clock = Clock()
    roster, cost = reoptimize(p, _root(p).heaviest(), range(len(p.agents)), clock.now() + 60, clock,
                              workers=2, floor=optimum)
    assert cost == optimum


def test_a_dive_without_its_search_lands_near_the_optimum_through_cp_sat():
    """Curtois 4 (optimum 1716): two thirds of the agents fixed by the LP, the last third solved by
    CP-SAT; the benchmark's own checker confirms the cost and every rule."""
    module, inst, p = _curtois("Instance4")
    cg = _root(p)
    roster = branch_price.dive(cg, cg.clock.now() + 30, search=False)
    cost = _checked(module, inst, roster)
    assert cost == objective(p, [list(days) for days in roster])
    assert 1716 <= cost <= 1716 + 10
    assert cg.fixed == {}


def test_a_level_takes_the_lps_heaviest_rosters_when_they_already_meet_it():
    """No branching when every agent's heaviest LP roster together is within the level."""
    _module, _inst, p = _curtois("Instance4")
    cg = _root(p)
    heaviest = objective(p, [list(days) for days in cg.heaviest()])
    found, proven, nodes = branch_price._level(cg, heaviest, cg.clock.now() + 60, None)
    cg.forced, cg.forbidden = {}, set()
    assert nodes == 1 and proven
    assert found is not None and found[1] <= heaviest


def test_random_groups_reach_the_optimum_and_stop_there():
    """From each agent's dearest legal roster that column generation found, groups of two agents
    out of five, one after another, reach the proven optimum and stop there, well before the
    deadline."""
    p = rostering(1, days=14, n=5)
    optimum = int(_optimum(p))
    start = [max(columns, key=columns.get) for columns in _root(p).columns]
    assert objective(p, [list(days) for days in start]) > optimum
    clock = Clock()
    deadline = clock.now() + 120
    roster, cost = neighbourhoods(p, start, [0, 1], deadline, clock, size=2, workers=2, seed=3, bound=optimum)
    assert cost == objective(p, roster) == optimum
    assert _legal(p, roster)
    assert clock.now() < deadline


@pytest.mark.parametrize("seed", [0, 1])
def test_random_groups_alone_report_each_cheaper_roster_as_they_find_it(seed):
    """Without a first group (the engine's call after a dive that ended far from the bound), a
    third of the agents at a time, drawn at random: each cheaper roster is reported when found,
    the last report is the roster returned, and it is legal and never below the optimum."""
    p = rostering(1, days=14, n=6)
    optimum = int(_optimum(p))
    start = [max(columns, key=columns.get) for columns in _root(p).columns]
    before = objective(p, [list(days) for days in start])
    heard: list[int] = []
    clock = Clock()
    roster, cost = neighbourhoods(p, start, None, clock.now() + 60, clock, workers=2, seed=seed,
                                  bound=optimum, on_roster=heard.append)
    assert heard, "no cheaper roster from a start far above the optimum"
    assert heard == sorted(set(heard), reverse=True)  # each one cheaper than the last
    assert before > heard[0] and heard[-1] == cost == objective(p, roster) >= optimum
    assert _legal(p, roster)
