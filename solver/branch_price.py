"""Branch-and-price: proven optimal rosters for small problems, level by level.

Column generation (:mod:`solver.colgen`) gives a lower bound within a few
units of the optimum on Curtois-sized problems; what is left is to find an
integer roster at that cost, or to prove there is none. The search here
branches on single agent-days, never on whole rosters:

1. "does agent *a* work on day *d*?" while some agent-day is worked in part
   by the LP (the most fractional first; the side the LP leans to first);
2. then "does *a* take option *o* on day *d*?" (the heaviest fractional one).

Each branch is a restriction the pricing models obey (a variable's domain) and
the columns are filtered by, so a node's LP is the Dantzig–Wolfe LP of the
restricted problem, solved by column generation again (columns are kept for the
whole search).

The tree is searched in **levels** of the objective: first "is there a roster
costing at most ⌈root bound⌉?", depth first, discarding every node whose LP
(or Lagrangian bound) is above the level; when a level is exhausted with exact
pricing everywhere, no roster costs that little, so the proven bound rises by
one and the next level starts. The first integral LP at or below the level is
an optimal roster. On the Curtois instances the optimum is 2–3 units above the
root bound and a level's tree has tens of nodes, where a search pruned only by
an incumbent wanders through thousands.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from solver.colgen import Column, ColumnGeneration
from solver.evaluate import objective

#: a node: the (agent, day) -> option it must take (None: off), and the (agent, day, option) it may not
_Node = tuple[dict[tuple[int, int], "int | None"], frozenset[tuple[int, int, "int | None"]]]
_EPS = 1e-6


@dataclass
class Outcome:
    """What the search established before it ended."""

    #: a roster whose cost equals the proven bound (optimal), or None
    roster: list[Column] | None
    cost: int | None
    #: no roster costs less than this (the root bound rounded up, raised by exhausted levels)
    bound: int
    nodes: int


def search(cg: ColumnGeneration, deadline: float, *, should_stop: Callable[[], bool] | None = None,
           incumbent: int | None = None, on_bound: Callable[[int], None] | None = None,
           levels: int | None = None) -> Outcome:
    """Search levels from the root bound up, until an optimal roster is found, the bound reaches
    ``incumbent`` (the best cost known elsewhere, which is then optimal), ``levels`` levels were
    searched in vain (the LP is not tight enough for levels to pay), or ``deadline``.

    ``cg`` must hold a converged root LP; on return its restrictions are empty again and its
    LP is the root's (with every column found on the way).
    """
    bound = max(0, math.ceil(cg.bound - _EPS))
    last = math.inf if levels is None else bound + levels
    nodes = 0
    try:
        while (incumbent is None or bound < incumbent) and bound < last:
            found, proven, spent = _level(cg, bound, deadline, should_stop)
            nodes += spent
            if found is not None:
                roster, cost = found
                return Outcome(roster, cost, bound, nodes)
            if not proven:  # out of time, or pricing not exact: the level proves nothing
                break
            bound += 1
            if on_bound is not None:
                on_bound(bound)
    finally:
        cg.forced, cg.forbidden = {}, set()
    cg.restore_root()
    return Outcome(None, None, bound, nodes)


def _level(cg: ColumnGeneration, target: int, deadline: float, should_stop: Callable[[], bool] | None):
    """((roster, cost) costing at most ``target``, or None; whether the whole level was searched
    with exact pricing; nodes)."""
    stack: list[_Node] = [({}, frozenset())]
    nodes = 0
    proven = True
    while stack:
        if cg.clock.now() >= deadline or (should_stop and should_stop()):
            return None, False, nodes
        forced, forbidden = stack.pop()
        cg.forced, cg.forbidden = dict(forced), set(forbidden)
        nodes += 1
        if not cg.seed_missing(deadline):
            if cg.clock.now() >= deadline:
                return None, False, nodes
            continue  # some agent has no roster within these restrictions
        exact = cg.solve_lp(deadline, should_stop, prune_at=target + _EPS)
        if cg.node_bound > target + _EPS:
            continue  # the Lagrangian bound already discards the node
        if not exact:
            proven = False  # the LP below may be too high: the node is not searched to the end
            if cg.clock.now() >= deadline:
                return None, False, nodes
        if cg.lp_value is None or math.ceil(cg.lp_value - _EPS) > target:
            continue
        branch = _branch(cg)
        if branch is None:
            roster = [max(weights.items(), key=lambda kv: kv[1])[0] for weights in cg.weights]
            cost = objective(cg.problem, [list(days) for days in roster])
            if cost <= target:
                return (roster, cost), True, nodes
            continue  # soft terms outside the LP (fairness) make it dearer: search on
        first, second = _children(forced, forbidden, branch)
        stack.append(second)
        stack.append(first)
    return None, proven, nodes


def _branch(cg: ColumnGeneration):
    """The agent-day to branch on: ("works", a, d, share) or ("takes", a, d, option, share); None when
    the LP is integral."""
    works: dict[tuple[int, int], float] = {}
    takes: dict[tuple[int, int, int | None], float] = {}
    for a, weights in enumerate(cg.weights):
        for days, weight in weights.items():
            if weight < _EPS:
                continue
            for d, o in enumerate(days):
                takes[a, d, o] = takes.get((a, d, o), 0.0) + weight
                if o is not None:
                    works[a, d] = works.get((a, d), 0.0) + weight
    split = [(min(w, 1 - w), a, d) for (a, d), w in works.items() if _EPS < w < 1 - _EPS]
    if split:
        _, a, d = max(split)
        return ("works", a, d, works[a, d])
    split = [(w, -a, -d, o) for (a, d, o), w in takes.items() if _EPS < w < 1 - _EPS and o is not None]
    if split:
        w, a, d, o = max(split)
        return ("takes", -a, -d, o, w)
    return None


def _children(forced, forbidden, branch) -> tuple[_Node, _Node]:
    """(the child the LP leans to, the other)."""
    if branch[0] == "works":
        _, a, d, share = branch
        off = dict(forced)
        off[a, d] = None
        working = (forced, forbidden | {(a, d, None)})
        return (working, (off, forbidden)) if share >= 0.5 else ((off, forbidden), working)
    _, a, d, o, _share = branch
    takes = dict(forced)
    takes[a, d] = o
    return (takes, forbidden), (forced, forbidden | {(a, d, o)})
