"""Break placement: where, inside fixed shifts, each mandated break goes.

Shifts are already chosen. The time axis is cut into ticks (5 min); in every
tick, agents on the phone = agents on shift − agents on break. Breaks are
placed, day by day (breaks of the shifts that start that day, with earlier
days' breaks fixed), to minimise the convex shortage of agents on the phone
against the requirement, so that breaks are staggered and no tick loses more
agents than its slack allows. A small convex secondary cost spreads breaks
evenly where shortage does not decide.

No OR-Tools type leaves this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.clock import Clock

#: CP-SAT's deterministic time per second on a day's break model (measured on the
#: sample center, 2 workers): reproducible runs convert their units with it
_DTIME_PER_SECOND = 0.3

SPREAD_TIERS = 6


@dataclass(frozen=True)
class BreakSlot:
    """One break to place: its kind, length and allowed start range (elapsed minutes)."""

    kind: str
    length: int
    earliest: int
    latest: int
    step: int = 5

    def starts(self) -> range:
        first = -(-self.earliest // self.step) * self.step
        return range(first, self.latest + 1, self.step)


@dataclass(frozen=True)
class ShiftBreaks:
    """A fixed shift ``[start, end)`` and the breaks it must carry.

    ``gaps`` are ``(i, j, min_gap, max_gap)``: break ``j`` starts between
    ``min_gap`` and ``max_gap`` minutes after break ``i`` ends.
    """

    start: int
    end: int
    day: int
    breaks: tuple[BreakSlot, ...] = ()
    gaps: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True)
class BreakProblem:
    tick: int
    required: tuple[int, ...]  # agents needed on the phone, per tick from minute 0
    shifts: tuple[ShiftBreaks, ...]
    shortage: int = 100
    shortage_deep: int = 100
    spread: int = 1


@dataclass(frozen=True)
class BreakResult:
    #: per shift, the chosen start (elapsed minutes) of each of its breaks; None if unplaced
    starts: tuple[tuple[int, ...] | None, ...]
    shortage_minutes: int  # agent-minutes on the phone below required
    seconds: float
    unplaced: tuple[int, ...] = field(default=())  # shifts whose breaks could not be placed


def on_shift_per_tick(problem: BreakProblem) -> list[int]:
    counts = [0] * len(problem.required)
    for shift in problem.shifts:
        for k in range(max(0, shift.start // problem.tick), min(len(counts), -(-shift.end // problem.tick))):
            counts[k] += 1
    return counts


def shortage_minutes(problem: BreakProblem, starts: tuple[tuple[int, ...] | None, ...]) -> int:
    """Agent-minutes below required on the phone, for given break starts."""
    phone = on_shift_per_tick(problem)
    for shift, chosen in zip(problem.shifts, starts):
        for slot, start in zip(shift.breaks, chosen or ()):
            for k in range(start // problem.tick, -(-(start + slot.length) // problem.tick)):
                if 0 <= k < len(phone):
                    phone[k] -= 1
    return sum(max(0, r - p) for r, p in zip(problem.required, phone)) * problem.tick


def place_breaks(
    problem: BreakProblem,
    *,
    time_limit: float = 30.0,
    workers: int = 0,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    reproducible: bool = False,
) -> BreakResult:
    """Place every break, one day of shifts at a time.

    ``reproducible``: ``time_limit`` counts CP-SAT's deterministic work instead of
    seconds (``solver.clock``), so the same roster gets the same breaks on any machine.
    """
    started = time.monotonic()
    clock = Clock(reproducible)
    phone = on_shift_per_tick(problem)
    days = sorted({s.day for s in problem.shifts})
    starts: list[tuple[int, ...] | None] = [None] * len(problem.shifts)
    unplaced: list[int] = []
    for n, day in enumerate(days):
        if should_stop and should_stop():
            break
        members = [i for i, s in enumerate(problem.shifts) if s.day == day and s.breaks]
        for i, s in enumerate(problem.shifts):
            if s.day == day and not s.breaks:
                starts[i] = ()
        # 10 % of the budget is kept for building models and reading results back.
        remaining = 0.9 * time_limit - clock.now()
        day_deadline = clock.now() + max(0.1, remaining / max(1, len(days) - n))
        chosen = _place_day(problem, members, phone, clock, day_deadline, workers, seed)
        for i in [i for i in members if chosen.get(i) is None]:
            # Alone, a shift's breaks are placed in a blink whenever its rules allow it.
            chosen.update(_place_day(problem, [i], phone, clock, clock.now() + 1.0, workers, seed))
        for i in members:
            if chosen.get(i) is None:
                unplaced.append(i)
                continue
            starts[i] = chosen[i]
            for slot, start in zip(problem.shifts[i].breaks, chosen[i]):
                for k in range(start // problem.tick, -(-(start + slot.length) // problem.tick)):
                    if 0 <= k < len(phone):
                        phone[k] -= 1
        if progress:
            progress(n + 1, len(days))
    result = tuple(starts)
    return BreakResult(result, shortage_minutes(problem, result), time.monotonic() - started, tuple(unplaced))


def _ticks(start: int, length: int, tick: int) -> range:
    return range(start // tick, -(-(start + length) // tick))


def _place_day(problem: BreakProblem, members: list[int], phone: list[int], clock: Clock, deadline: float,
               workers: int, seed: int) -> dict[int, tuple[int, ...] | None]:
    m = cp_model.CpModel()
    tick = problem.tick
    on_break: dict[int, list] = {}
    choice: dict[tuple[int, int], dict[int, cp_model.IntVar]] = {}
    start_vars: dict[tuple[int, int], cp_model.IntVar] = {}
    impossible = [i for i in members if any(not slot.starts() for slot in problem.shifts[i].breaks)]
    members = [i for i in members if i not in impossible]
    for i in members:
        shift = problem.shifts[i]
        intervals = []
        for b, slot in enumerate(shift.breaks):
            positions = list(slot.starts())
            literals = {p: m.new_bool_var(f"brk_{i}_{b}_{p}") for p in positions}
            m.add_exactly_one(literals.values())
            start = m.new_int_var(positions[0], positions[-1], f"start_{i}_{b}")
            m.add(start == sum(p * lit for p, lit in literals.items()))
            choice[(i, b)] = literals
            start_vars[(i, b)] = start
            intervals.append(m.new_fixed_size_interval_var(start, slot.length, f"iv_{i}_{b}"))
            for p, lit in literals.items():
                for k in _ticks(p, slot.length, tick):
                    on_break.setdefault(k, []).append(lit)
        if len(intervals) > 1:
            m.add_no_overlap(intervals)
        for a, b, low, high in shift.gaps:
            gap = start_vars[(i, b)] - (start_vars[(i, a)] + shift.breaks[a].length)
            m.add_linear_constraint(gap, low, high)

    cost_terms = []
    for k, literals in on_break.items():
        if not 0 <= k < len(phone):
            continue
        slack = phone[k] - problem.required[k]  # before this day's breaks
        loss = sum(literals)
        # Shortage the breaks add in this tick. Shortage is convex: the j-th agent
        # missing costs shortage + shortage_deep × j, so a tick already short
        # pays more for each further break and breaks go where the floor can
        # best spare them.
        already = max(0, -slack)
        short = m.new_int_var(0, len(literals), f"short_{k}")
        m.add(short >= loss - max(0, slack))
        cost_terms.append((problem.shortage + problem.shortage_deep * already) * short)
        if problem.shortage_deep:
            cost_terms += [problem.shortage_deep * deeper
                           for _, deeper in tiers_above(m, short, len(literals), f"deep_{k}")]
        # Spread: every further agent on break in the same tick costs a little more
        # (convex), so breaks stagger even where the floor has slack or is short anyway.
        if problem.spread:
            cost_terms += [problem.spread * tier * extra
                           for tier, extra in tiers_above(m, loss, len(literals), f"spread_{k}")]
    m.minimize(sum(cost_terms))
    greedy = _greedy(problem, members, phone, choice)
    for i, picks in greedy.items():
        for b, p in enumerate(picks):
            for q, lit in choice[(i, b)].items():
                m.add_hint(lit, q == p)

    solver = cp_model.CpSolver()
    # Building the model took part of the day's share; the search gets the rest.
    solver.parameters.num_workers = workers or 2
    clock.limit(solver, max(0.05, deadline - clock.now()), rate=_DTIME_PER_SECOND)
    solver.parameters.random_seed = seed
    code = solver.solve(m)
    clock.solved(solver, rate=_DTIME_PER_SECOND)
    result: dict[int, tuple[int, ...] | None] = {i: None for i in impossible}
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # No time to improve: fall back on the greedy placement where it is complete.
        return result | {i: greedy.get(i) for i in members}
    for i in members:
        picks = []
        for b in range(len(problem.shifts[i].breaks)):
            picks.append(next(p for p, lit in choice[(i, b)].items() if solver.boolean_value(lit)))
        result[i] = tuple(picks)
    return result


def tiers_above(m: cp_model.CpModel, value, upper: int, name: str) -> list[tuple[int, cp_model.IntVar]]:
    """``(tier, max(0, value − tier))`` for tiers 1 … SPREAD_TIERS below ``upper``.

    Weighting these makes a cost convex in ``value`` (each further unit costs more).
    """
    tiers = []
    for tier in range(1, min(upper, SPREAD_TIERS + 1)):
        above = m.new_int_var(0, upper, f"{name}_{tier}")
        m.add(above >= value - tier)
        tiers.append((tier, above))
    return tiers


def _gaps_ok(shift: ShiftBreaks, placed: list[int], b: int, p: int) -> bool:
    for a, c, low, high in shift.gaps:
        if c == b and a < len(placed):
            gap = p - (placed[a] + shift.breaks[a].length)
            if not low <= gap <= high:
                return False
    return True


def _greedy(problem: BreakProblem, members: list[int], phone: list[int],
            choice: dict[tuple[int, int], dict[int, cp_model.IntVar]]) -> dict[int, tuple[int, ...]]:
    """Each break at the allowed start whose ticks have the most slack, shift by shift.

    Respects windows, gaps and overlaps; a shift it cannot complete is left out.
    """
    tick = problem.tick
    slack = [p - r for p, r in zip(phone, problem.required)]
    result: dict[int, tuple[int, ...]] = {}
    for i in members:
        shift = problem.shifts[i]
        placed: list[int] = []
        for b, slot in enumerate(shift.breaks):
            best, best_score = None, None
            for p in choice[(i, b)]:
                if any(p < q + shift.breaks[a].length and q < p + slot.length
                       for a, q in enumerate(placed)):
                    continue
                if not _gaps_ok(shift, placed, b, p):
                    continue
                score = min((slack[k] for k in _ticks(p, slot.length, tick) if 0 <= k < len(slack)),
                            default=0)
                if best_score is None or score > best_score:
                    best, best_score = p, score
            if best is None:
                break
            placed.append(best)
        if len(placed) != len(shift.breaks):
            continue
        result[i] = tuple(placed)
        for b, p in enumerate(placed):
            for k in _ticks(p, shift.breaks[b].length, tick):
                if 0 <= k < len(slack):
                    slack[k] -= 1
    return result
