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

When the levels cannot finish in time, :func:`dive` gives the roster the full
model starts from: it fixes whole agents to their LP rosters, then searches the
last third of them with the same levels or, when levels from the root already
found nothing, hands the last fifth to CP-SAT (:mod:`solver.agent_subset`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from solver.agent_subset import neighbourhoods
from solver.colgen import Column, ColumnGeneration
from solver.evaluate import objective

#: a node: the (agent, day) -> option it must take (None: off), and the (agent, day, option) it may not
_Node = tuple[dict[tuple[int, int], "int | None"], frozenset[tuple[int, int, "int | None"]]]
_EPS = 1e-6
#: the dive (:func:`dive`): agents left free for CP-SAT and its search, pricing rounds after each
#: fix, share of its time for fixing; the search's levels and nodes per level
_LEAVE_SHARE = 1 / 3
_DIVE_ROUNDS = 3
_FIXING_SHARE = 0.6
_SEARCH_SHARE = 0.5
#: agents left free for CP-SAT alone (a dive without its search): fewer than for the search, so
#: that CP-SAT finishes (Curtois 10: 4631 in under a second with 8 of 40 free; 13 free took 9 s
#: or more in two runs of four)
_CP_SAT_SHARE = 0.2
_DIVE_SLACK = 2
_DIVE_LEVELS = 2
_DIVE_NODES = 8
#: :func:`improve`: window lengths as shares of the horizon (the next one when no window of the
#: last length helps), and nodes per window
_WINDOWS = (0.75, 0.85)
_WINDOW_NODES = 30


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
           levels: int | None = None, level_nodes: int | None = None) -> Outcome:
    """Search levels from the root bound up, until an optimal roster is found, the bound reaches
    ``incumbent`` (the best cost known elsewhere, which is then optimal), ``levels`` levels were
    searched in vain (the LP is not tight enough for levels to pay), a level takes more than
    ``level_nodes`` nodes (its tree is too wide to finish), or ``deadline``.

    ``cg`` must hold a converged root LP; on return its restrictions are empty again and its
    LP is the root's (with every column found on the way).
    """
    bound = max(0, math.ceil(cg.bound - _EPS))
    last = math.inf if levels is None else bound + levels
    nodes = 0
    try:
        while (incumbent is None or bound < incumbent) and bound < last:
            found, proven, spent = _level(cg, bound, deadline, should_stop, level_nodes)
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


def dive(cg: ColumnGeneration, deadline: float, *, should_stop: Callable[[], bool] | None = None,
         leave_share: float = _LEAVE_SHARE, rounds: int = _DIVE_ROUNDS, search: bool = True,
         seed: int = 0, on_roster: Callable[[int], None] | None = None) -> list[Column]:
    """An integer roster when the search cannot finish: a dive whose last agents are solved.

    1. Whole agents are fixed to their heaviest LP roster, with ``rounds`` pricing rounds
       after each fix (:meth:`ColumnGeneration.fix_heaviest`), until ``leave_share`` of them
       are free (``_CP_SAT_SHARE`` without ``search``); this takes ``_FIXING_SHARE`` of the
       time at most.
    2. With ``search``, the free agents are searched like the whole problem, at most
       ``_DIVE_LEVELS`` levels from ⌈LP⌉ + ``_DIVE_SLACK`` in steps of ``_DIVE_SLACK`` + 1
       (a good roster soon, not a proof), each cut at ``_DIVE_NODES`` nodes, in
       ``_SEARCH_SHARE`` of the time left; without a roster from that, the dive goes on
       fixing to the last agent. Where the shortage weights dwarf the rest (Curtois 8) this
       finds rosters near the LP where CP-SAT on the same agents stays 100 or more above it.
    3. Without ``search`` (the caller's choice when levels from the root bound found
       nothing: the LP is too far from the rosters, or the tree too wide, for that search),
       the full CP-SAT model on the free agents, the others kept, from their heaviest LP
       rosters, until the restricted LP's bound: the small model CP-SAT solves well where the
       LP is tight (Curtois 10: the optimum in about a second), and a legal roster whatever
       the LP; then on a third of the agents drawn at random, one group after another, until
       the deadline or the root bound, or until groups stop helping
       (:func:`solver.agent_subset.neighbourhoods`; Curtois 9 reaches its best known, 439, so);
       ``on_roster`` hears each cheaper roster's cost there.

    Fixing whole rosters to the very end is what went wrong before: the last agents can no
    longer fill what the others leave (Curtois 8: the LP climbed from 1302 with 18 of 30
    agents fixed to 1711 with all of them). Needs a converged root LP; leaves it as it found it.
    """
    p = cg.problem
    n = len(p.agents)
    root_weights, root_value = cg.weights, cg.lp_value
    started = cg.clock.now()
    try:
        cg.fix_heaviest(started + _FIXING_SHARE * (deadline - started), should_stop,
                        leave=max(1, round((leave_share if search else _CP_SAT_SHARE) * n)), rounds=rounds)
        if len(cg.fixed) == n:
            return cg.heaviest()
        exact = cg.solve_lp(deadline, should_stop)
        if cg.lp_value is None:
            return cg.heaviest()
        if not search:
            roster, _cost = neighbourhoods(p, cg.heaviest(), [a for a in range(n) if a not in cg.fixed], deadline,
                                           cg.clock, workers=cg.workers,
                                           seed=seed, floor=cg.lp_floor() if exact else None,
                                           bound=math.ceil(cg.bound - _EPS), should_stop=should_stop,
                                           on_roster=on_roster)
            return [tuple(days) for days in roster]
        target = math.ceil(cg.lp_value - _EPS) + _DIVE_SLACK
        search_until = cg.clock.now() + _SEARCH_SHARE * (deadline - cg.clock.now())
        with cg.warm_master():  # the search needs no particular vertex: the faster LP
            for _attempt in range(_DIVE_LEVELS):
                level, proven, _nodes = _level(cg, target, search_until, should_stop, _DIVE_NODES)
                if level is not None:
                    return level[0]
                if not proven:
                    break
                target += _DIVE_SLACK + 1
        # No roster near the LP: the dive goes on to the last agent.
        cg.forced, cg.forbidden = {}, set()
        cg.solve_lp(deadline, should_stop)
        cg.fix_heaviest(deadline, should_stop)  # every fix on a converged LP
        return cg.heaviest()
    finally:
        cg.fixed, cg.forced, cg.forbidden = {}, {}, set()
        cg.weights, cg.lp_value = root_weights, root_value


def _level(cg: ColumnGeneration, target: int, deadline: float, should_stop: Callable[[], bool] | None,
           max_nodes: int | None = None, root: _Node = ({}, frozenset())):
    """((roster, cost) costing at most ``target``, or None; whether the whole level was searched
    with exact pricing within ``max_nodes`` nodes; nodes). The tree starts from the restrictions
    ``root``."""
    stack: list[_Node] = [root]
    nodes = 0
    proven = True
    while stack:
        if cg.clock.now() >= deadline or (should_stop and should_stop()) or nodes == max_nodes:
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
        # Every agent's heaviest roster: the LP's own roster when it is integral, and often
        # within the level before (a window's LP is far from fractional everywhere).
        roster = cg.heaviest()
        cost = objective(cg.problem, [list(days) for days in roster])
        if cost <= target:
            return (roster, cost), True, nodes
        branch = _branch(cg)
        if branch is None:
            continue  # soft terms outside the LP (fairness) make it dearer: search on
        first, second = _children(forced, forbidden, branch)
        stack.append(second)
        stack.append(first)
    return None, proven, nodes


def improve(cg: ColumnGeneration, roster: list[Column], deadline: float, *,
            should_stop: Callable[[], bool] | None = None, seed: int = 0,
            on_roster: Callable[[int], None] | None = None) -> tuple[list[Column], int]:
    """A cheaper roster than ``roster`` by branch-and-price on windows of days, and its cost.

    Each neighbourhood frees every agent on a run of days (``_WINDOWS``: three quarters of the
    horizon, then more, every few first days in a random order, wrapping around) and keeps the
    rest of their rosters: the window's LP is the restricted problem's Dantzig–Wolfe LP, far
    tighter than the whole problem's, so its level "cheaper than now" (cost − 1) is searched
    in a few nodes (at most ``_WINDOW_NODES``). An improvement is kept and the windows of that
    length start again around it; the search ends at ``deadline``, or when no window of any
    length has a cheaper roster. On Curtois 8 a 21-day window takes the dive's 1303 to 1302,
    where CP-SAT from 1303 stayed (and a 24-day window took one such 1302 to 1300, the
    optimum). The master LP is kept between rounds meanwhile (``warm_master``). Needs the
    columns of a converged root LP (they seed the windows); leaves the restrictions empty and
    the LP as it found it.
    """
    p = cg.problem
    n = len(p.agents)
    best = [tuple(days) for days in roster]
    cost = objective(p, [list(days) for days in best])
    sizes = sorted({max(1, min(p.days - 1, round(share * p.days))) for share in _WINDOWS}) if p.days > 1 else []
    rng = random.Random(seed)
    level, untried = 0, []
    root_weights, root_value = cg.weights, cg.lp_value
    try:
        with cg.warm_master():  # windows need no particular vertex: the faster LP
            while sizes and cg.clock.now() < deadline and not (should_stop and should_stop()):
                if not untried:
                    if level == len(sizes):
                        break  # no window of any size has a cheaper roster
                    size = sizes[level]
                    level += 1
                    step = max(1, (p.days - size) // 2)
                    untried = list(range(rng.randrange(step), p.days, step))
                    rng.shuffle(untried)
                first = untried.pop()
                window = {(first + i) % p.days for i in range(size)}
                kept = {(a, d): best[a][d] for a in range(n) for d in range(p.days) if d not in window}
                found, _proven, _nodes = _level(cg, cost - 1, deadline, should_stop, _WINDOW_NODES,
                                                root=(kept, frozenset()))
                if found is not None:
                    best, cost = [tuple(days) for days in found[0]], found[1]
                    level, untried = level - 1, []  # the same size again, around the new roster
                    if on_roster is not None:
                        on_roster(cost)
    finally:
        cg.forced, cg.forbidden = {}, set()
        cg.weights, cg.lp_value = root_weights, root_value
    return best, cost


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
