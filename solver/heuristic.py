"""A fast constructive roster, used as the first solution (hint) for CP-SAT.

Agents are taken one at a time, the most constrained first. Each week an agent
gets one start time (a stable week, which keeps rest within the week at
24 h − shift length) and the contract's days where that start covers the most
still-uncovered intervals. Hard rules (allowed options, weekly days and
minutes, rest across weeks and from before the horizon, consecutive days,
locks) are respected; when an agent cannot be built that way the agent is left
to the solver.

Coverage value is the marginal gain of one more agent under the convex
shortage cost (a second missing agent saves ``shortage + shortage_deep``, an
agent over the requirement costs ``excess``), through prefix sums, so each
candidate is scored in O(1).
"""

from __future__ import annotations

from itertools import accumulate

from solver.evaluate import hard_violations
from solver.problem import AgentSpec, Problem

Choice = list[int | None]


def greedy_roster(problem: Problem) -> list[Choice | None]:
    """Per agent, the option chosen each day (or None), or None for an agent left open."""
    residual = list(problem.required)
    order = sorted(range(len(problem.agents)), key=lambda a: _flexibility(problem.agents[a]))
    result: list[Choice | None] = [None] * len(problem.agents)
    for a in order:
        choice = _build_agent(problem, problem.agents[a], residual)
        if choice is None or hard_violations(problem, problem.agents[a], choice):
            continue  # left to the solver
        result[a] = choice
        for d, o in enumerate(choice):
            if o is not None:
                for t in problem.covered_slots(problem.options[d][o]):
                    residual[t] -= 1
    return result


def _flexibility(agent: AgentSpec) -> int:
    return sum(len(day) for day in agent.allowed)


def _gain_prefix(problem: Problem, residual: list[int]) -> list[int]:
    """Prefix sums of what one more agent in each slot saves (the convex shortage's marginal gain)."""
    deep = problem.weights.shortage_deep

    def gain(t: int, r: int) -> int:
        under, over = problem.under_over(t)
        if r <= 0:
            return -over
        return under + (deep if r >= 2 and problem.required[t] > 1 else 0)

    return [0] + list(accumulate(gain(t, r) for t, r in enumerate(residual)))


def _value(problem: Problem, prefix: list[int], day: int, option: int) -> int:
    slots = problem.covered_slots(problem.options[day][option])
    if isinstance(slots, range):
        return prefix[slots.stop] - prefix[slots.start] if len(slots) else 0
    return sum(prefix[t + 1] - prefix[t] for t in slots)


def _build_agent(problem: Problem, agent: AgentSpec, residual: list[int]) -> Choice | None:
    prefix = _gain_prefix(problem, residual)
    locked = dict(agent.locked)
    choice: Choice = [None] * problem.days
    last_end = agent.last_end_before
    run = agent.worked_days_before
    for week in range(problem.weeks):
        days = [d for d in range(problem.days) if problem.week_of_day[d] == week]
        best: tuple[int, Choice] | None = None
        for start_key in _week_start_keys(problem, agent, days):
            built = _build_week(problem, agent, days, start_key, prefix, locked, last_end, run)
            if built is not None and (best is None or built[0] > best[0]):
                best = built
        if best is None:
            return None
        for d in days:
            choice[d] = best[1][d - days[0]]
        worked = [d for d in days if choice[d] is not None]
        if worked:
            last_end = problem.options[worked[-1]][choice[worked[-1]]].end
        run = _trailing_run(choice, days[-1], run)
    return choice


def _option_clock(problem: Problem, day: int, option: int) -> int:
    """Start on the wall clock; lines up starts across days."""
    return problem.options[day][option].start_clock


def _week_start_keys(problem: Problem, agent: AgentSpec, days: list[int]) -> list[str]:
    labels: set[str] = set()
    for d in days:
        for o in agent.allowed[d]:
            labels.add(_key(problem, d, o))
    return sorted(labels)


def _key(problem: Problem, day: int, option: int) -> str:
    option_ = problem.options[day][option]
    # Options with the same label are the same template and start time on every day.
    return option_.label or f"{_option_clock(problem, day, option)}/{option_.end - option_.start}"


def _build_week(problem, agent, days, start_key, prefix, locked, last_end, run):
    week = problem.week_of_day[days[0]]
    candidates: dict[int, int] = {}
    for d in days:
        if d in locked:
            continue
        for o in agent.allowed[d]:
            if _key(problem, d, o) == start_key:
                candidates[d] = o
                break
    fixed = {d: locked[d] for d in days if d in locked}
    chosen: dict[int, int | None] = {d: (None if o == -1 else o) for d, o in fixed.items()}
    fixed_days = sum(1 for o in chosen.values() if o is not None)
    ranked = sorted(candidates, key=lambda d: -_value(problem, prefix, d, candidates[d]))
    for target in range(agent.week_max_days[week], agent.week_min_days[week] - 1, -1):
        need = target - fixed_days
        if need < 0 or need > len(ranked):
            continue
        picked = _pick_days(problem, agent, days, ranked, candidates, chosen, need, last_end, run)
        if picked is None:
            continue
        week_choice = [picked.get(d) for d in days]
        minutes = sum(problem.options[d][o].paid_minutes for d, o in zip(days, week_choice) if o is not None)
        if not agent.week_min_minutes[week] <= minutes <= agent.week_max_minutes[week]:
            continue
        score = sum(_value(problem, prefix, d, o) for d, o in zip(days, week_choice) if o is not None)
        return score, week_choice
    return None


def _pick_days(problem, agent, days, ranked, candidates, chosen, need, last_end, run):
    picked = dict(chosen)
    for d in ranked:
        if need == 0:
            break
        trial = dict(picked)
        trial[d] = candidates[d]
        if _week_ok(problem, days, trial, last_end, run):
            picked = trial
            need -= 1
    return picked if need == 0 else None


def _week_ok(problem: Problem, days: list[int], picked: dict[int, int | None], last_end, run) -> bool:
    limit = problem.max_consecutive_days
    rest = problem.min_rest_minutes
    end = last_end
    for d in days:
        o = picked.get(d)
        if o is None:
            run = 0
            continue
        option = problem.options[d][o]
        if end is not None and option.start < end + rest:
            return False
        end = option.end
        run += 1
        if run > limit:
            return False
    return True


def _trailing_run(choice: Choice, last_day: int, before: int) -> int:
    run = 0
    d = last_day
    while d >= 0 and choice[d] is not None:
        run += 1
        d -= 1
    return run + (before if d < 0 else 0)
