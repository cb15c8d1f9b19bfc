"""Agent-neighbourhood large neighbourhood search around the CP-SAT model.

Rostering has a structure generic LNS does not see: agents only interact
through coverage. So a neighbourhood here is a handful of agents — chosen at
random, or among those who could cover an interval that is short — whose
rosters are re-optimised exactly by CP-SAT while everybody else stays fixed
(their coverage is subtracted from the requirement). Each move is small,
exact and fast, and the incumbent only ever improves.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace

from solver.evaluate import Choice, fair_totals, on_duty, penalties
from solver.model import add_hint, build_model
from solver.problem import Problem
from solver.runner import run_model


def _pin_outside(problem: Problem, a: int, days: Choice, window: range):
    """Agent ``a`` free inside ``window`` only: every other day kept as it is (locked)."""
    agent = problem.agents[a]
    allowed = tuple(options if d in window else ((days[d],) if days[d] is not None else ())
                    for d, options in enumerate(agent.allowed))
    locked = dict(agent.locked)
    for d in range(problem.days):
        if d not in window:
            locked[d] = days[d] if days[d] is not None else -1
    return replace(agent, allowed=allowed, locked=tuple(sorted(locked.items())))


def _subproblem(problem: Problem, choice: list[Choice], free: list[int], counts: list[int],
                window: range | None = None) -> Problem:
    fixed_cover = list(counts)
    for a in free:
        for d, o in enumerate(choice[a]):
            if o is not None:
                for t in problem.covered_slots(problem.options[d][o]):
                    fixed_cover[t] -= 1
    required = tuple(r - c for r, c in zip(problem.required, fixed_cover))
    free_keys = {problem.agents[a].key for a in free}
    groups = []
    for group in problem.fair_groups:
        totals = fair_totals(problem, choice, group)
        outside = tuple(v for k, v in totals.items() if k not in free_keys) + group.outside
        groups.append(replace(group, outside=outside))
    agents = tuple(problem.agents[a] if window is None else _pin_outside(problem, a, choice[a], window)
                   for a in free)
    return replace(problem, required=required, agents=agents, fair_groups=tuple(groups))


def _cost(problem: Problem, choice: list[Choice]) -> int:
    return sum(p.cost for p in penalties(problem, choice))


def _short_slots(problem: Problem, counts: list[int]) -> list[int]:
    return [t for t, (r, c) in enumerate(zip(problem.required, counts)) if c < r]


def _could_cover(problem: Problem, a: int, slot: int) -> bool:
    for d, options in enumerate(problem.agents[a].allowed):
        for o in options:
            if slot in problem.covered_slots(problem.options[d][o]):
                return True
    return False


def improve(
    problem: Problem,
    choice: list[Choice],
    *,
    deadline: float,
    seed: int,
    workers: int,
    on_improve: Callable[[list[Choice], int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    size: int = 8,
    stop_at: float | None = None,
) -> tuple[list[Choice], int, int]:
    """Improve ``choice`` until ``deadline`` (monotonic seconds). Returns (choice, cost, moves)."""
    rng = random.Random(seed)
    n = len(problem.agents)
    if n == 0:
        return choice, _cost(problem, choice), 0
    choice = [list(days) for days in choice]
    best = _cost(problem, choice)
    counts = on_duty(problem, choice)
    moves = 0
    size = max(1, min(size, n))
    wide = min(n, 4 * size)  # agents freed over a window of a few days
    while time.monotonic() < deadline - 0.05 and not (should_stop and should_stop()):
        if stop_at is not None and best <= stop_at:
            break
        short = _short_slots(problem, counts)
        window = None
        kind = rng.random()
        if kind < 0.35 and problem.days > 3:
            # Time window: many agents, a few days; their other days stay as they are.
            length = rng.randint(2, 4)
            first = rng.randrange(0, problem.days - length + 1)
            window = range(first, first + length)
            able = [a for a in range(n) if any(problem.agents[a].allowed[d] for d in window)]
            free = rng.sample(able, min(len(able), wide))
        elif short and kind < 0.75:
            slot = rng.choice(short)
            able = [a for a in range(n) if _could_cover(problem, a, slot)]
            free = rng.sample(able, min(len(able), max(1, size // 2)))
            others = [a for a in range(n) if a not in free]
            free += rng.sample(others, min(len(others), size - len(free)))
        else:
            free = rng.sample(range(n), size)
        free.sort()
        sub = _subproblem(problem, choice, free, counts, window)
        rm = build_model(sub)
        add_hint(rm, [choice[a] for a in free])
        limit = min(2.0, deadline - time.monotonic())
        if limit <= 0.05:
            break
        outcome = run_model(rm, time_limit=limit, workers=workers, seed=rng.randrange(1 << 30))
        if outcome is None:
            if window is not None:
                wide = max(4, wide - 2)
            else:
                size = max(2, size - 1)
            continue
        sub_choice, optimal = outcome
        trial = [list(days) for days in choice]
        for a, days in zip(free, sub_choice):
            trial[a] = list(days)
        cost = _cost(problem, trial)
        if window is not None:
            wide = min(n, wide + 2) if optimal else max(4, wide - 2)
        elif optimal and size < n:
            size += 1
        elif not optimal:
            size = max(2, size - 1)
        if cost < best:
            choice, best = trial, cost
            counts = on_duty(problem, choice)
            moves += 1
            if on_improve:
                on_improve(choice, best)
    return choice, best, moves
