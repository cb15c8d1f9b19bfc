"""The full CP-SAT model on a few agents' rosters, every other agent's roster kept.

Column generation fixes most agents to rosters its LP chose (the dive,
:func:`solver.branch_price.dive`) and leaves the rest to a search. With a
handful of agents free, the full model is small enough for CP-SAT to solve to
the LP's bound in a second where the LP is tight (Curtois 10: 8 of 40 agents
free, 4631, the optimum, in 0.3–1 s); where it is not (Curtois 9), it still
gives a legal roster that the search below the LP could not (439, the best
known, with 12 of 36 agents free).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence

from ortools.sat.python import cp_model

from solver.clock import Clock
from solver.evaluate import objective
from solver.model import add_hint, build_model
from solver.problem import Problem
from solver.runner import read_choice, stoppable

Roster = Sequence[Sequence[int | None]]
#: :func:`neighbourhoods`: share of the time left the first group of free agents (the LP's) gets,
#: and each later group, and the least
_FIRST_SLICE = 0.6
_SLICE = 0.25
_MIN_SLICE = 1.0
#: ... the share of the agents in each random group
_GROUP_SHARE = 1 / 3
#: ... and it stops after this many groups in a row without a cheaper roster (Curtois 1: the
#: optimum, 607, is far above the root bound, 558, and random groups do not reach it)
_PATIENCE = 3


def reoptimize(problem: Problem, roster: Roster, free: Collection[int], deadline: float, clock: Clock, *,
               workers: int = 1, seed: int = 0, floor: int | None = None,
               should_stop: Callable[[], bool] | None = None) -> tuple[list[list[int | None]], int] | None:
    """(the best roster CP-SAT finds by ``deadline`` when only the agents in ``free`` may change,
    its cost), or None when it finds none (out of time before the first solution).

    ``roster`` must be complete and obey every agent's hard rules: the search starts from it
    (a complete hint), and the caller keeps whichever costs less. ``floor``, a proven lower bound of the
    cost with the other agents kept (the restricted LP's), lets CP-SAT stop as soon as it
    reaches it.
    """
    rm = build_model(problem)
    model = rm.model
    for a, days in enumerate(roster):
        if a in free:
            continue
        for d, options in enumerate(rm.x[a]):
            for o, var in options.items():
                model.add(var == int(days[d] == o))
    add_hint(rm, [list(days) for days in roster])
    if floor is not None:
        model.add(sum(term.cost for term in rm.terms) >= floor)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    clock.limit(solver, max(0.05, deadline - clock.now()))
    with stoppable(solver, should_stop):
        code = solver.solve(model)
    clock.solved(solver)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    choice = read_choice(rm, solver)
    return choice, objective(problem, choice)


def neighbourhoods(problem: Problem, roster: Roster, first: Collection[int] | None, deadline: float,
                   clock: Clock, *, size: int | None = None, workers: int = 1, seed: int = 0,
                   floor: int | None = None, bound: int | None = None,
                   should_stop: Callable[[], bool] | None = None,
                   on_roster: Callable[[int], None] | None = None) -> tuple[list[list[int | None]], int]:
    """The cheapest roster found by :func:`reoptimize` on one group of free agents after another
    until ``deadline``, and its cost: first ``first`` (with ``floor``, its proven lower bound;
    None: no such group), then ``size`` agents (a third when None) drawn at random, each from
    the best roster so far. The first group gets ``_FIRST_SLICE`` of the time left, each random
    one ``_SLICE``, at least ``_MIN_SLICE``. Ends early at ``bound`` (a proven lower bound of
    every roster's cost), or after ``_PATIENCE`` groups in a row found nothing cheaper.
    ``roster`` must be complete and legal; ``on_roster`` hears each cheaper roster's cost.
    """
    best = [list(days) for days in roster]
    cost = objective(problem, best)
    n = len(problem.agents)
    rng = random.Random(seed)
    if size is None:
        size = max(1, round(_GROUP_SHARE * n))

    def drawn() -> tuple[Collection[int], int | None, float]:
        return rng.sample(range(n), min(n, size)), None, _SLICE

    free, group_floor, share = (first, floor, _FIRST_SLICE) if first is not None else drawn()
    idle = 0  # groups in a row without a cheaper roster
    while (clock.now() < deadline and not (should_stop and should_stop()) and (bound is None or cost > bound)
           and idle < _PATIENCE):
        left = deadline - clock.now()
        until = clock.now() + max(min(left, _MIN_SLICE), share * left)
        found = reoptimize(problem, best, free, until, clock, workers=workers, seed=seed,
                           floor=group_floor if group_floor is not None else bound, should_stop=should_stop)
        idle += 1
        if found is not None and found[1] < cost:
            (best, cost), idle = found, 0
            if on_roster is not None:
                on_roster(cost)
        free, group_floor, share = drawn()
    return best, cost
