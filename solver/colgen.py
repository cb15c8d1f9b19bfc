"""Column generation: a strong lower bound and a pool of good agent rosters.

The roster problem decomposes by agent: agents meet only in coverage (and the
soft fairness terms). The Dantzig–Wolfe master chooses, for every agent, a
convex combination of *whole rosters* (columns), each of which already obeys
every one of that agent's hard rules; coverage is the only coupling row:

    min  Σ_p c_p λ_p + Σ_t cost_t(short_t, over_t)
    s.t. Σ_{p of a} λ_p = 1                        (one roster per agent, dual μ_a)
         Σ_p cover_{p,t} λ_p + short_t − over_t = required_t   (dual π_t)

Its LP is far stronger than the compact model's (it knows that an agent's
days form a legal roster), and its columns are the raw material of an
integer roster (the dive below). New columns come from pricing:
for each agent, the CP-SAT model of that agent alone (``build_model(...,
coverage=False)``, the very same rule functions) minimising the roster's own
cost minus the duals of the slots it covers.

The bound is the Lagrangian bound of the coverage duals ``π``, valid at every
iteration whatever ``π`` is:

    L(π) = Σ_t [π_t required_t + min_{short, over} (cost_t − π_t (short − over))]
         + Σ_a min_{legal roster p} (c_p − π·cover_p)

with each agent's minimum taken from CP-SAT's proven bound on its pricing
problem (less the rounding of the scaled duals); at convergence it is the LP
optimum. Fairness between agents is left out of the master (its terms are
≥ 0), so the bound stays valid for the full objective.

An integer roster comes from branch-and-price (:mod:`solver.branch_price`),
which restricts single agent-days (``forced`` / ``forbidden``: the pricing
models and the columns obey them) and fixes whole agents (``fixed``) for its
dive (:meth:`ColumnGeneration.fix_heaviest`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from solver.clock import LP_UNITS_PER_COLUMN_DAY, LP_UNITS_PER_SOLVE, Clock
from solver.evaluate import agent_penalties, hard_violations
from solver.model import RosterModel, build_model
from solver.problem import Problem

Column = tuple[int | None, ...]
#: duals are scaled to integers for CP-SAT; the rounding is accounted for in the bound
_SCALE = 1000


@dataclass
class _Pricer:
    """One agent's pricing model, built once; only its objective changes."""

    rm: RosterModel
    own_cost: cp_model.LinearExprT
    vars: list[tuple[int, int, cp_model.IntVar]]  # (day, option, x)
    #: per day, a Boolean that forces a shift that day when fixed to 1 (branching: "works")
    works: list[cp_model.IntVar]

    @contextmanager
    def restricted(self, a: int, forced: dict[tuple[int, int], int | None],
                   forbidden: set[tuple[int, int, int | None]]) -> Iterator[None]:
        """Agent ``a``'s branching restrictions as variable domains while the block prices."""
        variables = self.rm.model.proto.variables
        changed = []

        def fix(index: int, value: int) -> None:
            domain = variables[index].domain
            domain[0] = domain[1] = value
            changed.append(index)

        for d, o, var in self.vars:
            if (a, d) in forced:
                fix(var.index, int(forced[a, d] == o))
            elif (a, d, o) in forbidden:
                fix(var.index, 0)
        for d, works in enumerate(self.works):
            if (a, d, None) in forbidden and (a, d) not in forced:
                fix(works.index, 1)
        try:
            yield
        finally:
            for index in changed:
                domain = variables[index].domain
                domain[0], domain[1] = 0, 1


def _pricer(problem: Problem, a: int) -> _Pricer:
    sub = replace(problem, agents=(problem.agents[a],), fair_groups=())
    rm = build_model(sub, coverage=False)
    own = sum(term.cost for term in rm.terms)
    xs = [(d, o, var) for d, options in enumerate(rm.x[0]) for o, var in options.items()]
    works = []
    for d, options in enumerate(rm.x[0]):
        works.append(rm.model.new_bool_var(f"works_{d}"))
        rm.model.add(sum(options.values()) >= works[-1])
    return _Pricer(rm, own, xs, works)


def _option_cover(problem: Problem) -> list[dict[int, tuple[int, ...]]]:
    return [{o: tuple(problem.covered_slots(option)) for o, option in enumerate(options)}
            for options in problem.options]


class _Collector(cp_model.CpSolverSolutionCallback):
    """Every roster CP-SAT finds while pricing: each may be a column."""

    def __init__(self, pricer: _Pricer) -> None:
        super().__init__()
        self.pricer = pricer
        self.found: list[Column] = []

    def on_solution_callback(self) -> None:
        days: list[int | None] = [None] * self.pricer.rm.problem.days
        for d, o, var in self.pricer.vars:
            if self.boolean_value(var):
                days[d] = o
        self.found.append(tuple(days))


class ColumnGeneration:
    """The master LP, one pricing model per agent, and the columns found so far."""

    def __init__(self, problem: Problem, start: list[list[int | None] | None] | None = None, *,
                 workers: int = 1, on_bound: Callable[[float], None] | None = None,
                 clock: Clock | None = None) -> None:
        self.problem = problem
        #: deadlines are on this clock (seconds, or units of work in reproducible runs)
        self.clock = clock or Clock()
        self.on_bound = on_bound
        self.workers = max(1, workers)
        n = len(problem.agents)
        self.cover = _option_cover(problem)
        self.pricers = [_pricer(problem, a) for a in range(n)]
        #: per agent: roster -> its own cost (requests, soft rules)
        self.columns: list[dict[Column, int]] = [dict() for _ in range(n)]
        #: agents whose roster the dive has fixed
        self.fixed: dict[int, Column] = {}
        #: branching: (agent, day) -> the option that day (None: off); (agent, day, option) it may not take
        self.forced: dict[tuple[int, int], int | None] = {}
        self.forbidden: set[tuple[int, int, int | None]] = set()
        #: Lagrangian bound of the last exact pricing round under the current restrictions
        self.node_bound = -math.inf
        self.lp_value: float | None = None
        self.weights: list[dict[Column, float]] = [dict() for _ in range(n)]
        self.bound = 0.0  # Lagrangian bound of the root (nothing fixed), valid for the roster objective
        self.converged = False
        #: the master LP kept between rounds, inside :meth:`warm_master`
        self._warm: _Master | None = None
        if start is not None:
            for a, days in enumerate(start):
                if days is not None and not hard_violations(problem, problem.agents[a], list(days)):
                    self.columns[a][tuple(days)] = self._own_cost(a, days)

    def restricted(self) -> bool:
        return bool(self.fixed or self.forced or self.forbidden)

    def _rules(self) -> list[list[tuple[int, int | None, bool]]]:
        """Per agent, the branching restrictions as (day, option, must take it or must not)."""
        rules: list[list[tuple[int, int | None, bool]]] = [[] for _ in self.columns]
        for (a, d), o in self.forced.items():
            rules[a].append((d, o, True))
        for a, d, o in self.forbidden:
            rules[a].append((d, o, False))
        return rules

    @staticmethod
    def _obeys(days: Column, rules: list[tuple[int, int | None, bool]]) -> bool:
        return all((days[d] == o) == must for d, o, must in rules)

    def allows(self, a: int, days: Column) -> bool:
        """Whether agent ``a``'s roster ``days`` obeys the branching restrictions."""
        return self._obeys(days, self._rules()[a])

    def _own_cost(self, a: int, days: Column) -> int:
        """The agent's own cost of a roster (requests, soft rules), as the evaluator reads it."""
        return sum(p.cost for p in agent_penalties(self.problem, self.problem.agents[a], list(days)))

    # -- pricing ---------------------------------------------------------------
    def _price(self, a: int, duals: list[float], mu: float, limit: float):
        """(columns with negative reduced cost, a proven lower bound of ``min_p c_p − π·cover_p``,
        CP-SAT's deterministic time, whether the minimum was proven) for agent ``a``; the bound
        is None when CP-SAT found no roster in time. A round whose pricing was cut short by its
        time limit proves nothing: a cheaper roster may be left. Runs on a worker thread: the
        caller charges the time to the clock."""
        pr, cover = self.pricers[a], self.cover
        coef = {var.index: sum(duals[t] for t in cover[d][o]) for d, o, var in pr.vars}
        pr.rm.model.minimize(_SCALE * pr.own_cost
                             - sum(round(_SCALE * coef[var.index]) * var for _, _, var in pr.vars))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        self.clock.limit(solver, max(0.01, limit))
        collector = _Collector(pr)
        with pr.restricted(a, self.forced, self.forbidden):
            code = solver.solve(pr.rm.model, collector)
        work = solver.response_proto.deterministic_time
        if code == cp_model.INFEASIBLE:
            return [], None, work, True
        found = []
        for days in collector.found:
            own = self._own_cost(a, days)
            reduced = own - sum(coef[var.index] for d, o, var in pr.vars if days[d] == o) - mu
            if reduced < -1e-6:
                found.append((days, own))
        bound = None
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Each chosen shift's dual was rounded by at most half a unit of the scale.
            bound = (solver.best_objective_bound - 0.5 * self.problem.days) / _SCALE
        return found, bound, work, code == cp_model.OPTIMAL

    def seed_missing(self, deadline: float) -> bool:
        """Give every agent a first legal roster (within the restrictions); False when some agent has none."""
        for a in range(len(self.problem.agents)):
            if any(self.allows(a, days) for days in self.columns[a]):
                continue
            found, _bound, work, _proven = self._price(a, [0.0] * self.problem.n_slots, 1e12,
                                                       max(0.1, deadline - self.clock.now()))
            self.clock.charge(work)
            for days, own in found:
                self.columns[a][days] = own
            if not any(self.allows(a, days) for days in self.columns[a]):
                return False
        return True

    # -- the LP ---------------------------------------------------------------
    def solve_lp(self, deadline: float, should_stop: Callable[[], bool] | None = None,
                 pricing_time: float = 2.0, prune_at: float = math.inf, rounds: int | None = None) -> bool:
        """Column generation with the current fixings until no column improves; True if converged.

        Also ends, returning True, once the Lagrangian bound (``node_bound``) exceeds
        ``prune_at``: branch-and-price needs no more than that to discard the node; and,
        returning False, after ``rounds`` pricing rounds (a dive needs no exact LP).
        """
        self.node_bound = -math.inf
        n = len(self.problem.agents)
        free = [a for a in range(n) if a not in self.fixed]
        done = 0
        with ThreadPoolExecutor(max_workers=self.workers) as executor:
            while self.clock.now() < deadline and not (should_stop and should_stop()):
                self.lp_value, duals, mus, self.weights = self._master()
                if rounds is not None and done >= rounds:
                    return False
                done += 1
                limit = min(pricing_time, max(0.05, deadline - self.clock.now()))
                futures = {a: executor.submit(self._price, a, duals, mus[a], limit) for a in free}
                lowest, exact, added, work = 0.0, True, 0, 0.0
                for a, future in futures.items():
                    found, bound, spent, proven = future.result()
                    work += spent
                    if bound is None or not proven:  # cut short: a cheaper roster may be left
                        exact = False
                    if bound is not None:
                        lowest += bound
                    for days, own in found:
                        if days not in self.columns[a]:
                            self.columns[a][days] = own
                            added += 1
                # Agents are priced side by side on the workers; summed in agent order.
                self.clock.charge(work / self.workers)
                if exact and not self.fixed:
                    bound = _slack_part(self.problem, duals) + lowest
                    self.node_bound = max(self.node_bound, bound)
                    if not self.restricted():
                        self.bound = max(self.bound, bound)
                        if self.on_bound is not None:
                            self.on_bound(self.bound)
                    if self.node_bound > prune_at:
                        return True
                if added == 0:
                    self.converged = self.converged or (exact and not self.restricted())
                    return exact
        return False

    def lp_floor(self) -> int:
        """After :meth:`solve_lp` converged with exact pricing (it returned True): no roster
        obeying the current fixings and restrictions costs less than this. The LP value, less
        what the rounding of the duals in pricing may hide (half a unit of the scale a day, for
        each free agent), rounded up; fairness, left out of the LP, only adds."""
        free = len(self.problem.agents) - len(self.fixed)
        return math.ceil(self.lp_value - free * 0.5 * self.problem.days / _SCALE - 1e-6)

    def restore_root(self) -> None:
        """The LP without restrictions again, over every column found so far (after branching)."""
        self.lp_value, _duals, _mus, self.weights = self._master()

    def _master(self):
        columns = self._active()
        size = sum(len(days) for cols in columns for days in cols)
        self.clock.charge(LP_UNITS_PER_SOLVE + LP_UNITS_PER_COLUMN_DAY * size)
        if self._warm is not None:
            solved = self._warm.solve(columns)
            if solved is not None:
                return solved
            self._warm = _Master(self.problem, self.cover)  # its basis in trouble: from scratch next time
        return _solve_master(self.problem, columns, self.cover)

    @contextmanager
    def warm_master(self) -> Iterator[None]:
        """Keep the master LP between rounds while the block runs (:class:`_Master`).

        Four to six times faster a round, but GLOP, starting from its last basis, ends at
        another vertex of a degenerate LP than a fresh solve does, and the dive follows the
        vertex: it is for searches that do not depend on it (:func:`branch_price.improve`,
        and the level search at the end of :func:`branch_price.dive`, after its fixing).
        """
        self._warm = _Master(self.problem, self.cover)
        try:
            yield
        finally:
            self._warm = None

    def _active(self) -> list[dict[Column, int]]:
        """Per agent, the columns the master may use: a fixed agent's roster, or those obeying
        the branching restrictions."""
        rules = self._rules() if self.forced or self.forbidden else None
        active = []
        for a, cols in enumerate(self.columns):
            if a in self.fixed:
                active.append({self.fixed[a]: cols[self.fixed[a]]})
            elif rules:
                active.append({days: own for days, own in cols.items() if self._obeys(days, rules[a])})
            else:
                active.append(cols)
        return active

    # -- an integer roster ---------------------------------------------------
    def fix_heaviest(self, deadline: float, should_stop: Callable[[], bool] | None = None, *,
                     leave: int = 0, rounds: int | None = None) -> None:
        """Fix agents to their heaviest LP roster (``fixed``), re-pricing the others between
        fixes, until at most ``leave`` agents are free.

        Agents whose LP roster is already integral are fixed at once; of the fractional ones
        the heaviest few, as many as the time left allows (one at a time when there is time).
        ``rounds`` caps the pricing rounds after each fix: the LP only has to point the way.
        When time runs out every agent still free beyond ``leave`` takes its heaviest column.
        The caller clears ``fixed`` (and restores the root LP) when done.
        """
        n = len(self.problem.agents)
        started = self.clock.now()
        nodes = 0
        while n - len(self.fixed) > leave:
            heavy = sorted(((max(self.weights[a].items(), key=lambda kv: kv[1]), a)
                            for a in range(n) if a not in self.fixed),
                           key=lambda item: -item[0][1])
            fractional = [(a, days) for (days, weight), a in heavy if weight <= 1 - 1e-6]
            picks = [(a, days) for (days, weight), a in heavy if weight > 1 - 1e-6]
            now = self.clock.now()
            if now >= deadline or (should_stop and should_stop()):
                picks += fractional
            elif fractional:
                per_node = (now - started) / nodes if nodes else 0.0
                affordable = (deadline - now) / per_node if per_node else len(fractional)
                picks += fractional[:max(1, math.ceil(len(fractional) / max(1.0, affordable)))]
            for a, days in picks[:n - len(self.fixed) - leave]:
                self.fixed[a] = days
            if len(self.fixed) < n:
                self.solve_lp(deadline, should_stop, rounds=rounds)
                nodes += 1

    def heaviest(self) -> list[Column]:
        """Per agent, its fixed roster or the heaviest in the LP."""
        return [self.fixed[a] if a in self.fixed else max(weights.items(), key=lambda kv: kv[1])[0]
                for a, weights in enumerate(self.weights)]


def _slot_costs(p: Problem, t: int) -> tuple[int, int, int]:
    """(cost of the first agent short, of each further one, of each agent over) in slot ``t``."""
    under, over = p.under_over(t)
    deep = under + p.weights.shortage_deep if under and p.weights.shortage_deep else under
    return under, deep, over


def _slack_part(p: Problem, duals: list[float]) -> float:
    """Σ_t π_t required_t + min over the slot's shortage and excess of (cost − π_t (short − over))."""
    total = 0.0
    for t, pi in enumerate(duals):
        req = p.required[t]
        first, deep, over = _slot_costs(p, t)
        if pi < -over - 1e-9:
            return -math.inf  # excess would pay: no finite bound from these duals
        short_max = max(0, req)
        best = 0.0
        if short_max >= 1:
            best = min(best, first - pi, (first - pi) + (short_max - 1) * (deep - pi))
        total += pi * req + best
    return total


class MasterError(RuntimeError):
    """GLOP did not solve the master LP (numerical trouble): column generation is skipped."""


def _solve_master(p: Problem, columns: list[dict[Column, int]], cover):
    """(LP value, coverage duals, convexity duals, per agent column weights), the LP built afresh
    (with GLOP's presolve)."""
    solved = _Master(p, cover, presolve=True).solve(columns)
    if solved is None:
        raise MasterError("the master LP has no optimal solution")
    return solved


def _snap(weight: float) -> float:
    """A column weight within GLOP's round-off of a whole number, as that number: a warm
    basis leaves a fixed agent's one roster at 0.999999999999994."""
    whole = round(weight)
    return float(whole) if abs(weight - whole) < 1e-9 else weight


class _Master:
    """The master LP, kept from one solve to the next so that GLOP starts from its last basis
    (inside :meth:`ColumnGeneration.warm_master`), or built for one solve (:func:`_solve_master`).

    New columns are appended; a column the restrictions rule out (a fixed agent's other
    rosters, a branch) stays in the LP with an upper bound of 0. Rebuilding the LP for
    every pricing round took as long as solving it: about 0.12 s of each round on Curtois 8
    (3000 columns), against 0.01–0.03 s warm.
    """

    def __init__(self, p: Problem, cover, presolve: bool = False) -> None:
        self.problem, self.cover = p, cover
        lp = self.lp = pywraplp.Solver.CreateSolver("GLOP")
        if not presolve:  # it would throw the basis away whenever a bound changes (every branch)
            lp.SetSolverSpecificParametersAsString("use_preprocessing: false")
        self.convex = [lp.Constraint(1, 1) for _ in p.agents]
        self.rows = []
        self.objective = lp.Objective()
        for t in range(p.n_slots):
            row = lp.Constraint(p.required[t], p.required[t])
            self.rows.append(row)
            first_cost, deep_cost, over = _slot_costs(p, t)
            req = p.required[t]
            if req > 0:
                first = lp.NumVar(0, 1, "")
                row.SetCoefficient(first, 1)
                self.objective.SetCoefficient(first, first_cost)
                if req > 1:
                    deep = lp.NumVar(0, req - 1, "")
                    row.SetCoefficient(deep, 1)
                    self.objective.SetCoefficient(deep, deep_cost)
            excess = lp.NumVar(0, lp.infinity(), "")
            row.SetCoefficient(excess, -1)
            self.objective.SetCoefficient(excess, over)
        self.objective.SetMinimization()
        #: per agent: roster -> its LP variable; and the rosters currently allowed (upper bound ∞)
        self.vars: list[dict[Column, pywraplp.Variable]] = [{} for _ in p.agents]
        self.open: list[set[Column]] = [set() for _ in p.agents]

    def _add(self, a: int, days: Column, own: int) -> None:
        var = self.lp.NumVar(0, self.lp.infinity(), "")
        self.convex[a].SetCoefficient(var, 1)
        self.objective.SetCoefficient(var, own)
        counts: dict[int, int] = {}
        for d, o in enumerate(days):
            if o is not None:
                for t in self.cover[d][o]:
                    counts[t] = counts.get(t, 0) + 1
        for t, c in counts.items():
            self.rows[t].SetCoefficient(var, c)
        self.vars[a][days] = var

    def solve(self, columns: list[dict[Column, int]]):
        """(LP value, coverage duals, convexity duals, per agent column weights) over ``columns``
        (per agent, the rosters allowed now, with their own cost)."""
        infinity = self.lp.infinity()
        for a, allowed in enumerate(columns):
            known, open_ = self.vars[a], self.open[a]
            for days, own in allowed.items():
                if days not in known:
                    self._add(a, days, own)
                elif days not in open_:
                    known[days].SetUb(infinity)
            for days in open_.difference(allowed):
                known[days].SetUb(0)
            self.open[a] = set(allowed)
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        duals = [row.dual_value() for row in self.rows]
        mus = [c.dual_value() for c in self.convex]
        lam = [{days: _snap(self.vars[a][days].solution_value()) for days in allowed}
               for a, allowed in enumerate(columns)]
        return self.objective.Value(), duals, mus, lam
