"""Simulated annealing over single-agent moves, for call-center-sized models.

CP-SAT neighbourhoods (``lns``) are exact but slow at this size: a handful of
agents over four weeks of 15-minute slots is ~10,000 Booleans, and each
re-solve takes about two seconds. Most of the cost of a call-center roster is
coverage, and coverage improves by many small moves: start one shift an hour
later, work Thursday instead of Tuesday, move a run of days to another start.
Each such move is scored here in tens of microseconds:

- coverage incrementally, slot by slot, with the same convex cost as
  ``solver.evaluate.slot_cost``;
- the moved agent's own rules by ``solver.evaluate`` itself
  (``hard_violations`` must stay empty, ``agent_penalties`` gives the soft
  part), so no rule is written twice;
- fairness from per-group totals.

Moves that break a hard rule are never taken, so every roster it holds is
legal; worse moves are accepted with the annealing probability, and the best
roster seen is returned. Locked days are never touched (``hard_violations``
checks locks).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from solver.clock import MOVES_PER_UNIT, Clock
from solver.evaluate import Choice, agent_penalties, fair_spread, fair_total, hard_violations, on_duty, slot_cost
from solver.problem import Problem

#: moves between clock checks
_BATCH = 256


class _State:
    """A roster with its coverage counts, per-agent costs and fairness totals kept current."""

    def __init__(self, problem: Problem, choice: list[Choice]) -> None:
        p = problem
        self.p = p
        self.choice = [list(days) for days in choice]
        self.counts = on_duty(p, self.choice)
        self.cover = [[tuple(p.covered_slots(option)) for option in options] for options in p.options]
        self.required = list(p.required)
        under_over = [p.under_over(t) for t in range(p.n_slots)]
        self.under = [u for u, _ in under_over]
        self.over = [o for _, o in under_over]
        # saving of one agent more in a slot one short (first) or two or more short (second)
        self.first = list(self.under)
        self.second = [u + p.weights.shortage_deep if u else 0 for u in self.under]
        self.agent_cost = [self._agent_cost(a, days) for a, days in enumerate(self.choice)]
        index = {agent.key: a for a, agent in enumerate(p.agents)}
        # fairness: per group, member agent indices, their totals, the outside values
        self.groups = []
        self.groups_of: list[list[int]] = [[] for _ in p.agents]
        for g, group in enumerate(p.fair_groups):
            members = [index[k] for k in group.members if k in index]
            totals = {a: fair_total(p, p.agents[a], self.choice[a], group.tag) for a in members}
            self.groups.append((group, totals))
            for a in members:
                self.groups_of[a].append(g)
        self.fair_cost = [self._spread_cost(g) for g in range(len(self.groups))]
        self.cost = (sum(slot_cost(p, r - c, r, t) for t, (r, c) in enumerate(zip(self.required, self.counts)))
                     + sum(self.agent_cost) + sum(self.fair_cost))

    def _agent_cost(self, a: int, days: Choice) -> int:
        return sum(pen.cost for pen in agent_penalties(self.p, self.p.agents[a], days))

    def _spread_cost(self, g: int, changed: dict[int, int] | None = None) -> int:
        group, totals = self.groups[g]
        values = {**totals, **changed}.values() if changed else totals.values()
        return group.weight * fair_spread(values, group.outside)

    def _shift(self, d: int, o: int | None, step: int, delta: int) -> int:
        """Add ``step`` (±1) agents to option ``o`` on day ``d``; returns ``delta`` + the coverage cost change.

        The marginal cost of one agent more in a slot ``gap`` agents short is
        −(under + deep) for gap ≥ 2, −under for gap = 1 and +over for gap ≤ 0
        (``solver.evaluate.slot_cost``'s differences, inlined: this is the innermost loop).
        """
        if o is None:
            return delta
        counts, required, first, second, over = self.counts, self.required, self.first, self.second, self.over
        if step > 0:
            for t in self.cover[d][o]:
                gap = required[t] - counts[t]
                delta += -second[t] if gap >= 2 else (-first[t] if gap == 1 else over[t])
                counts[t] += 1
        else:
            for t in self.cover[d][o]:
                gap = required[t] - counts[t] + 1  # the gap once the agent has left
                delta += second[t] if gap >= 2 else (first[t] if gap == 1 else -over[t])
                counts[t] -= 1
        return delta

    def try_move(self, move: dict[int, dict[int, int | None]]) -> int | None:
        """Cost change if each agent took its new options (agent → day → option); None if a hard rule breaks.

        Coverage counts are left as if the move were made; ``undo`` or
        ``commit`` must follow when the result is not None.
        """
        p = self.p
        trials = {}
        for a, new in move.items():
            trial = list(self.choice[a])
            for d, o in new.items():
                trial[d] = o
            if hard_violations(p, p.agents[a], trial):
                return None
            trials[a] = trial
        delta = 0
        agent_costs = {}
        for a, new in move.items():
            days = self.choice[a]
            for d, o in new.items():
                delta = self._shift(d, days[d], -1, delta)
                delta = self._shift(d, o, +1, delta)
            agent_costs[a] = self._agent_cost(a, trials[a])
            delta += agent_costs[a] - self.agent_cost[a]
        fair = []
        for g in {g for a in move for g in self.groups_of[a]}:
            group, totals = self.groups[g]
            changed = {a: fair_total(p, p.agents[a], trials[a], group.tag) for a in move if a in totals}
            if any(totals[a] != value for a, value in changed.items()):
                cost = self._spread_cost(g, changed)
                delta += cost - self.fair_cost[g]
                fair.append((g, changed, cost))
        self._pending = (move, trials, agent_costs, fair)
        return delta

    def undo(self) -> None:
        move = self._pending[0]
        for a, new in move.items():
            days = self.choice[a]
            for d, o in new.items():
                self._shift(d, o, -1, 0)
                self._shift(d, days[d], +1, 0)

    def commit(self, delta: int) -> None:
        _move, trials, agent_costs, fair = self._pending
        for a, trial in trials.items():
            self.choice[a] = trial
            self.agent_cost[a] = agent_costs[a]
        for g, changed, cost in fair:
            self.groups[g][1].update(changed)
            self.fair_cost[g] = cost
        self.cost += delta


class _Moves:
    """Random neighbours of one agent's roster, as {day: new option}."""

    def __init__(self, problem: Problem, rng: random.Random) -> None:
        p = problem
        self.p = p
        self.rng = rng
        # per agent and day, the allowed options sorted by start
        self.allowed = [[sorted(options, key=lambda o, d=d: p.options[d][o].start)
                         for d, options in enumerate(agent.allowed)] for agent in p.agents]
        self.locked = [set(dict(agent.locked)) for agent in p.agents]
        self.clock = [[option.start_clock for option in options] for options in p.options]

    def movable(self, a: int) -> bool:
        return any(len(opts) > 1 or (opts and d not in self.locked[a]) for d, opts in enumerate(self.allowed[a]))

    def propose(self, agents: list[int], choice: list[Choice]) -> dict[int, dict[int, int | None]] | None:
        """A random move: agent → {day: new option}, or None when the drawn move does not apply."""
        rng = self.rng
        a = rng.choice(agents)
        r = rng.random()
        if r < 0.7:
            days = choice[a]
            new = (self._retime_day(a, days) if r < 0.3 else self._retime_run(a, days) if r < 0.45
                   else self._move_day(a, days))
            return {a: new} if new else None
        b = rng.choice(agents)
        return self._exchange(a, b, choice) if a != b else None

    def _working_day(self, a: int, days: Choice) -> int | None:
        """A random day the agent works and may be moved (not locked), or None."""
        locked = self.locked[a]
        working = [d for d, o in enumerate(days) if o is not None and d not in locked]
        return self.rng.choice(working) if working else None

    def _near(self, a: int, d: int, o: int) -> int:
        """Another allowed option on day ``d``: usually a neighbour in start time, sometimes any."""
        options = self.allowed[a][d]
        if len(options) < 2:
            return o
        if self.rng.random() < 0.3:
            return self.rng.choice(options)
        i = options.index(o)
        step = self.rng.choice((-3, -2, -1, 1, 2, 3))
        return options[min(len(options) - 1, max(0, i + step))]

    def _retime_day(self, a: int, days: Choice):
        d = self._working_day(a, days)
        if d is None:
            return None
        o = self._near(a, d, days[d])
        return None if o == days[d] else {d: o}

    def _same_clock(self, a: int, d: int, clock: int) -> int | None:
        for o in self.allowed[a][d]:
            if self.clock[d][o] == clock:
                return o
        return None

    def _retime_run(self, a: int, days: Choice):
        """The run of working days around a day, all to one new start time."""
        d = self._working_day(a, days)
        if d is None:
            return None
        o = self._near(a, d, days[d])
        if o == days[d]:
            return None
        clock = self.clock[d][o]
        new = {d: o}
        for step in (-1, 1):
            e = d + step
            while 0 <= e < self.p.days and days[e] is not None and e not in self.locked[a]:
                other = self._same_clock(a, e, clock)
                if other is None:
                    break
                new[e] = other
                e += step
        return new

    def _move_day(self, a: int, days: Choice):
        """Work another day of the same week instead of one working day (same start if allowed)."""
        d = self._working_day(a, days)
        if d is None:
            return None
        week = self.p.week_days(self.p.week_of_day[d])
        free = [e for e in week if days[e] is None and self.allowed[a][e] and e not in self.locked[a]]
        if not free:
            return None
        e = self.rng.choice(free)
        o = self._same_clock(a, e, self.clock[d][days[d]])
        if o is None or self.rng.random() < 0.2:
            o = self.rng.choice(self.allowed[a][e])
        return {d: None, e: o}

    def _exchange(self, a: int, b: int, choice: list[Choice]):
        """Two agents trade their days over a few days: coverage stays, their own rules change.

        The days are a run of one to seven (a single day, a weekend, a week)
        or two days of one week (one works the first, the other the second).
        """
        rng, p = self.rng, self.p
        d = rng.randrange(p.days)
        if rng.random() < 0.3:
            week = p.week_days(p.week_of_day[d])
            days = {d, rng.choice(week)}
        else:
            length = rng.randint(1, 7)
            days = set(range(d, min(p.days, d + length)))
        if any(e in self.locked[a] or e in self.locked[b] for e in days):
            return None
        first, second = choice[a], choice[b]
        if all(first[e] == second[e] for e in days):
            return None
        return {a: {e: second[e] for e in days}, b: {e: first[e] for e in days}}


def _shortage_weight(problem: Problem) -> int:
    if problem.slot_weights:
        return max(under for under, _ in problem.slot_weights)
    return problem.weights.shortage


def anneal(
    problem: Problem,
    choice: list[Choice],
    *,
    deadline: float,
    seed: int = 0,
    on_improve: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    stop_at: float | None = None,
    start_temperature: float | None = None,
    report_seconds: float = 0.25,
    patience: int | None = None,
    clock: Clock | None = None,
) -> tuple[list[Choice], int, int]:
    """Improve a complete, legal roster until ``deadline``: (best roster, its cost, moves taken).

    ``on_improve(cost)`` is called when the best cost has gone down, at most
    every ``report_seconds`` (a screen or a terminal follows a few updates a
    second, not the hundreds the search makes), and once more at the end.

    ``patience``: stop early after that many moves tried without a new best
    roster (small models settle in a second; the rest of their time is better
    spent proving).

    ``deadline`` is on ``clock`` (a new wall clock by default); a reproducible
    clock counts the moves tried instead of seconds.

    The temperature falls geometrically with the time spent, from
    ``start_temperature`` to a tenth of it. The default, a tenth
    of the highest shortage weight (so 10 → 1 with the default weights),
    measured best on the generated 50–300-agent centers within a minute
    (hotter starts wander longer than a minute allows) and scales with the
    weights (the peer benchmark's unit weights: 0.1 → 0.01).
    """
    rng = random.Random(seed)
    state = _State(problem, choice)
    moves = _Moves(problem, rng)
    agents = [a for a in range(len(problem.agents)) if moves.movable(a)]
    best_cost = state.cost
    best = [list(days) for days in state.choice]
    if not agents:
        return best, best_cost, 0
    clock = clock or Clock()
    started = clock.now()
    span = max(1e-3, deadline - started)
    t0 = start_temperature if start_temperature is not None else 0.1 * max(1, _shortage_weight(problem))
    t1 = t0 / 10
    taken = tried = best_at = 0
    reported, reported_at = best_cost, time.monotonic()
    at_best = False  # the state is a new best that ``best`` does not hold yet
    while True:
        now = clock.now()
        if now >= deadline or (should_stop and should_stop()) or (stop_at is not None and best_cost <= stop_at):
            break
        if patience is not None and tried - best_at > patience:
            break
        temperature = t0 * (t1 / t0) ** min(1.0, (now - started) / span)
        for _ in range(_BATCH):
            tried += 1
            move = moves.propose(agents, state.choice)
            if not move:
                continue
            delta = state.try_move(move)
            if delta is None:
                continue
            if delta <= 0 or rng.random() < math.exp(-delta / temperature):
                if delta > 0 and at_best:
                    best = [list(days) for days in state.choice]
                    at_best = False
                state.commit(delta)
                taken += 1
                if state.cost < best_cost:
                    best_cost, best_at = state.cost, tried
                    at_best = True
            else:
                state.undo()
        clock.charge(_BATCH / MOVES_PER_UNIT)
        if on_improve and best_cost < reported and time.monotonic() - reported_at >= report_seconds:
            reported, reported_at = best_cost, time.monotonic()
            on_improve(best_cost)
    if on_improve and best_cost < reported:
        on_improve(best_cost)
    if at_best:
        best = [list(days) for days in state.choice]
    return best, best_cost, taken
