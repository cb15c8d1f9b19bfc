"""The objective of a roster, computed directly from the problem data.

Independent of the CP-SAT model: used to score constructive and LNS rosters,
to report the penalty breakdown, and by tests to check that the model's
objective and this breakdown agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from solver.problem import ANY, OFF, AgentSpec, Problem
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


def slot_cost(problem: Problem, gap: int, required: int, slot: int | None = None) -> int:
    """Cost of one slot that is ``gap`` agents short (negative: over)."""
    w = problem.weights
    under, over = problem.under_over(slot) if slot is not None else (w.shortage, w.excess)
    if gap > 0:
        if not under:
            return 0
        deep = max(0, min(gap, required) - 1) if w.shortage_deep else 0
        return under * gap + w.shortage_deep * deep
    return over * -gap


def tagged(problem: Problem, days: Choice, tag: str) -> list[bool]:
    """Per day, whether the agent works a ``tag`` shift (``OFF``: is off)."""
    if tag == OFF:
        return [o is None for o in days]
    return [o is not None and problem.options[d][o].has(tag) for d, o in enumerate(days)]


def coverage_penalties(problem: Problem, choice: list[Choice]) -> list[Penalty]:
    result = []
    counts = on_duty(problem, choice)
    for t, (required, have) in enumerate(zip(problem.required, counts)):
        gap = required - have
        cost = slot_cost(problem, gap, required, t)
        if cost:
            result.append(Penalty("shortage" if gap > 0 else "excess", cost, abs(gap), slot=t))
    return result


def agent_penalties(problem: Problem, agent: AgentSpec, days: Choice) -> list[Penalty]:
    """Soft-rule penalties of one agent's days (no coverage, no fairness)."""
    result = []
    key = agent.key
    for day, weight in agent.off_requests:
        if days[day] is not None and weight:
            result.append(Penalty("day_off_request", weight, 1, agent=key, day=day))
    for request in agent.shift_requests:
        taken = days[request.day] is not None and days[request.day] in request.options
        if taken != request.on and request.weight:
            result.append(Penalty(request.name, request.weight, 1, agent=key, day=request.day))
    for limit in agent.counts:
        if limit.weight == 0:
            continue
        for period in problem.periods(limit):
            if not period:
                continue
            flags = tagged(problem, days, limit.tag)
            n = sum(flags[d] for d in period)
            if limit.most is not None and n > limit.most:
                result.append(Penalty(limit.rule, limit.weight * (n - limit.most), n, agent=key, day=period[0]))
            if n < limit.least:
                result.append(Penalty(limit.rule, limit.weight * (limit.least - n), n, agent=key, day=period[0]))
    for limit in agent.runs:
        if limit.weight == 0:
            continue
        flags = tagged(problem, days, limit.tag)
        if limit.most is not None:
            run = agent.run_before(limit.tag) if limit.tag != OFF else 0
            for d, flag in enumerate(flags):
                run = run + 1 if flag else 0
                if run > limit.most:
                    result.append(Penalty(limit.rule, limit.weight, run, agent=key, day=d))
        if limit.least > 1:
            for start, length in _inner_runs(flags):
                if length < limit.least:
                    result.append(Penalty(limit.rule, limit.weight * (limit.least - length), length,
                                          agent=key, day=start))
    if agent.max_weekends is not None and agent.max_weekends_weight:
        worked = sum(1 for weekend in problem.weekends if any(days[d] is not None for d in weekend))
        if worked > agent.max_weekends:
            result.append(Penalty("max_weekends", agent.max_weekends_weight * (worked - agent.max_weekends),
                                  worked, agent=key))
    weight = problem.weights.stable_start
    if weight:
        for w in range(problem.weeks):
            week = problem.week_days(w)
            clocks = {problem.options[d][days[d]].start_clock for d in week if days[d] is not None}
            if len(clocks) > 1:
                result.append(Penalty("stable_start", weight * (len(clocks) - 1), len(clocks),
                                      agent=key, day=week[0]))
    return result


def _inner_runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of tagged runs touching neither the first nor the last day."""
    runs = []
    d, n = 0, len(flags)
    while d < n:
        if not flags[d]:
            d += 1
            continue
        start = d
        while d < n and flags[d]:
            d += 1
        if start > 0 and d < n:
            runs.append((start, d - start))
    return runs


def fair_total(problem: Problem, agent: AgentSpec, days: Choice, tag: str) -> int:
    """The agent's count of ``tag`` shifts for fairness: earlier rosters plus these days."""
    return agent.history(tag) + sum(tagged(problem, days, tag))


def fair_totals(problem: Problem, choice: list[Choice], group) -> dict[str, int]:
    index = {agent.key: a for a, agent in enumerate(problem.agents)}
    return {key: fair_total(problem, problem.agents[index[key]], choice[index[key]], group.tag)
            for key in group.members if key in index}


def fair_spread(totals: Iterable[int], outside: Iterable[int]) -> int:
    """Most minus fewest among a group's rostered members and its outside values
    (0 when no member is rostered or there are fewer than two values)."""
    members = list(totals)
    values = members + list(outside)
    if not members or len(values) < 2:
        return 0
    return max(values) - min(values)


def fairness_penalties(problem: Problem, choice: list[Choice]) -> list[Penalty]:
    result = []
    for group in problem.fair_groups:
        totals = fair_totals(problem, choice, group)
        spread = fair_spread(totals.values(), group.outside)
        if spread and group.weight:
            most = max(totals, key=totals.get)
            fewest = min(totals, key=totals.get)
            result.append(Penalty(group.rule, group.weight * spread, spread, agent=most,
                                  peers=(most, fewest), values=(totals[most], totals[fewest])))
    return result


def penalties(problem: Problem, choice: list[Choice]) -> list[Penalty]:
    result = coverage_penalties(problem, choice)
    for agent, days in zip(problem.agents, choice):
        result += agent_penalties(problem, agent, days)
    result += fairness_penalties(problem, choice)
    return result


def objective(problem: Problem, choice: list[Choice]) -> int:
    return sum(p.cost for p in penalties(problem, choice))


def hard_violations(problem: Problem, agent: AgentSpec, days: Choice) -> list[str]:
    """The engine's hard rules one agent's days break (empty: feasible).

    A second reading of the rules, used to vet constructive rosters and by
    tests; the project-level validator (``scheduler.validate``) is the judge.
    """
    out = []
    p = problem
    for d, o in enumerate(days):
        if o is not None and o not in agent.allowed[d]:
            out.append(f"option {o} not allowed on day {d}")
    for d, o in agent.locked:
        if (days[d] if o != -1 else None) != (o if o != -1 else None):
            out.append(f"lock broken on day {d}")
    for w in range(p.weeks):
        week = p.week_days(w)
        n = sum(days[d] is not None for d in week)
        minutes = sum(p.options[d][days[d]].paid_minutes for d in week if days[d] is not None)
        if not agent.week_min_days[w] <= n <= agent.week_max_days[w]:
            out.append(f"weekly days {n} in week {w}")
        if not agent.week_min_minutes[w] <= minutes <= agent.week_max_minutes[w]:
            out.append(f"weekly minutes {minutes} in week {w}")
    if agent.total_minutes is not None:
        minutes = sum(p.options[d][o].paid_minutes for d, o in enumerate(days) if o is not None)
        if not agent.total_minutes[0] <= minutes <= agent.total_minutes[1]:
            out.append(f"total minutes {minutes}")
    end = agent.last_end_before
    for d, o in enumerate(days):
        if o is None:
            continue
        option = p.options[d][o]
        if end is not None and option.start < end + p.min_rest_minutes:
            out.append(f"rest before day {d}")
        end = option.end
    run = agent.worked_days_before
    for d, o in enumerate(days):
        run = run + 1 if o is not None else 0
        if run > p.max_consecutive_days:
            out.append(f"consecutive days at day {d}")
    for first, second in p.forbidden_successions:
        prev = agent.tag_before
        for d, o in enumerate(days):
            now = p.options[d][o].tags | {ANY} if o is not None else frozenset()
            if first in prev and second in now:
                out.append(f"succession {first}->{second} on day {d}")
            prev = now
    for limit in agent.counts:
        if limit.weight:
            continue
        flags = tagged(p, days, limit.tag)
        for period in p.periods(limit):
            n = sum(flags[d] for d in period)
            if n < limit.least or (limit.most is not None and n > limit.most):
                out.append(f"{limit.rule}: {n} from day {period[0] if period else 0}")
    for limit in agent.runs:
        if limit.weight:
            continue
        flags = tagged(p, days, limit.tag)
        if limit.most is not None:
            run = agent.run_before(limit.tag) if limit.tag != OFF else 0
            for d, flag in enumerate(flags):
                run = run + 1 if flag else 0
                if run > limit.most:
                    out.append(f"{limit.rule}: run of {run} at day {d}")
        for start, length in _inner_runs(flags) if limit.least > 1 else ():
            if length < limit.least:
                out.append(f"{limit.rule}: run of {length} from day {start}")
    if agent.max_weekends is not None and not agent.max_weekends_weight:
        worked = sum(1 for weekend in p.weekends if any(days[d] is not None for d in weekend))
        if worked > agent.max_weekends:
            out.append(f"weekends {worked}")
    return out
