"""The objective of a roster, computed directly from the problem data.

Independent of the CP-SAT model: used to score constructive and LNS rosters,
and by tests to check that the engine's penalty breakdown adds up.
"""

from __future__ import annotations

from solver.problem import Problem
from solver.result import Penalty

Choice = list[int | None]


def on_duty(problem: Problem, choice: list[Choice]) -> list[int]:
    counts = [0] * problem.n_slots
    for days in choice:
        for d, o in enumerate(days):
            if o is not None:
                for t in problem.covered_slots(problem.options[d][o]):
                    counts[t] += 1
    return counts


def slot_cost(problem: Problem, gap: int, required: int) -> int:
    """Cost of one slot that is ``gap`` agents short (negative: over)."""
    w = problem.weights
    if gap > 0:
        deep = max(0, min(gap, required) - 1) if w.shortage_deep else 0
        return w.shortage * gap + w.shortage_deep * deep
    return w.excess * -gap


def penalties(problem: Problem, choice: list[Choice]) -> list[Penalty]:
    result = []
    counts = on_duty(problem, choice)
    for t, (required, have) in enumerate(zip(problem.required, counts)):
        gap = required - have
        cost = slot_cost(problem, gap, required)
        if cost:
            result.append(Penalty("shortage" if gap > 0 else "excess", cost, abs(gap), slot=t))
    for agent, days in zip(problem.agents, choice):
        for day, weight in agent.off_requests:
            if days[day] is not None and weight:
                result.append(Penalty("day_off_request", weight, 1, agent=agent.key, day=day))
    return result


def objective(problem: Problem, choice: list[Choice]) -> int:
    return sum(p.cost for p in penalties(problem, choice))
