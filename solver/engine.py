"""``solve()``: the roster engine's one entry point.

Stages share the time limit:
1. a constructive roster (``heuristic``), instant, respecting the hard rules
   when it can be built: the first roster, the hint, and the fallback;
2. a bound from the LP of the aggregated relaxation (``bound``), under a second;
   for small models with a complete constructive roster, a short anneal
   (stage 5, ``anneal_share`` at most) improves it before stages 3–4;
3. for small models (Curtois-sized), column generation (``colgen``): the
   Dantzig–Wolfe LP over whole agent rosters, whose bound is far stronger
   than the compact model's; branch-and-price on it (``branch_price``), which
   ends the solve when it proves a roster optimal; otherwise a roster from
   diving on the LP, improved by branch-and-price on windows of days when it
   is near the bound, or first by CP-SAT on groups of agents (``agent_subset``)
   and then by the windows with the time the groups leave;
4. for small models, the full CP-SAT model, hinted with the best roster so
   far and told the column-generation bound, for the rest of the time
   (CP-SAT's own search does well there);
5. for large (call-center-sized) models, simulated annealing over
   single-agent and two-agent moves (``local_search``) from the constructive
   roster, for the rest of the time. Only when that roster is incomplete does
   the full model run first (``exact_share`` of the time) to find a legal
   roster, or to prove there is none.
When the model is infeasible, ``conflicts`` finds which agents' hard rules
clash and a minimal set of them.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from solver import branch_price
from solver.agent_subset import neighbourhoods
from solver.bound import aggregate_bound
from solver.clock import Clock
from solver.colgen import ColumnGeneration, MasterError
from solver.conflicts import explain
from solver.evaluate import objective, penalties
from solver.heuristic import greedy_roster
from solver.local_search import anneal
from solver.model import add_hint, build_model
from solver.params import SolveParams
from solver.problem import Problem
from solver.result import Progress, SolveResult, SolveStatus
from solver.runner import read_choice, stoppable

ProgressFn = Callable[[Progress], None]
StopFn = Callable[[], bool]

#: small models: moves tried without a better roster before annealing hands over
_PATIENCE = 20_000
#: branch-and-price only follows a root LP solved within this share of the time limit: each node
#: re-solves an LP, so when the root alone took longer (Curtois 8: 10 s of 60) the levels cannot
#: finish, and the dive and the full model make better use of the time
_ROOT_SHARE = 0.12
#: branch-and-price gives up after this many levels above the root bound, or this share of it when
#: more: the optimum is further from the LP than levels can climb (Curtois 1: 558 → 607, 9: 406 →
#: 439), and the full model finds it faster
_LEVELS = 3
_LEVEL_SHARE = 0.005
#: ... or after a level of this many nodes: Curtois 5–7 prove each level in 27 nodes at most,
#: where Curtois 10's first level (its optimum) was unfinished after 70 nodes and 24 s, time the
#: dive and CP-SAT on its last agents turn into the optimum
_LEVEL_NODES = 40
#: the dive after an unfinished branch-and-price gets at least this share of the time limit
#: (a rushed dive fixes many agents at once and hands the full model a poor roster)
_DIVE_SHARE = 0.15
#: the dive's roster is improved by branch-and-price on windows of days (``branch_price.improve``)
#: until this share of the time limit; the full model has the rest (Curtois 8: the windows take
#: the dive's 1303 to 1302, where the full model did not improve it in 24 s)
_WINDOWS_UNTIL = 0.9
#: ... only when coverage is counted in at most this many slots a day (per shift type, as in
#: Curtois): with a curve of 15–60-minute intervals the windows' nodes are slow and found nothing
#: in the generated centers measured (12 agents × 2 weeks: 8.7 s of 30 without a cheaper
#: roster), time the full model uses better
_WINDOW_SLOTS_PER_DAY = 12
#: ... and first only when the roster is within this share of the bound: further off, the LP is
#: weak (Curtois 9: 442 against 406) and a window's is no tighter, so its levels find nothing,
#: where CP-SAT on groups of agents finds 439 in seconds; or the dive went astray (Curtois 8:
#: 1608 against 1297). The groups go first then, and the windows have what time they leave
_WINDOW_GAP = 0.02

_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.NO_SOLUTION,
    cp_model.MODEL_INVALID: SolveStatus.INVALID,
}


class _Recorder(cp_model.CpSolverSolutionCallback):
    """Records each improving roster's figures and reports progress; nothing else."""

    def __init__(self, started: float, progress: ProgressFn | None) -> None:
        super().__init__()
        self._started = started
        self._progress = progress
        self.solutions = 0
        self.objective: float | None = None
        self.bound: float | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.objective = self.objective_value
        if self.bound is None or self.best_objective_bound > self.bound:
            self.bound = self.best_objective_bound
        self.emit()

    def on_roster(self, objective: float) -> None:
        """A roster found outside CP-SAT (the constructive one)."""
        self.solutions += 1
        self.objective = objective
        self.emit()

    def on_bound(self, bound: float) -> None:
        # Bounds come from several relaxations (aggregated, columns, full model): keep the best.
        if self.bound is None or bound > self.bound:
            self.bound = bound
            self.emit()

    def emit(self) -> None:
        if self._progress is not None:
            self._progress(Progress(time.monotonic() - self._started, self.objective,
                                    self.bound, self.solutions))


def _column_stage(problem: Problem, params: SolveParams, greedy, clock: Clock, recorder: _Recorder,
                  should_stop: StopFn | None) -> tuple[list[list[int | None]] | None, int | None, bool]:
    """(a roster from column generation if it beats the constructive one, the bound, whether the
    roster — or the constructive one when the first is None — is proven optimal).

    The LP gets up to half of ``columns_share`` of the time; when it took at
    most ``_ROOT_SHARE``, branch-and-price (``branch_price``) looks for a
    proven optimum until ``branching_share``;
    without one, a dive gives a roster by ``columns_share`` (or in
    ``_DIVE_SHARE`` of the limit, when branch-and-price used that time), and
    branch-and-price on windows of days improves it until ``_WINDOWS_UNTIL``. All
    end early on ``should_stop``. (None, None, False) when an agent has no
    legal roster (the full model then explains why) or the LP fails.
    """
    limit = params.time_limit_seconds
    cg = ColumnGeneration(problem, greedy, workers=params.effective_workers, clock=clock,
                          on_bound=lambda b: recorder.on_bound(float(math.ceil(b - 1e-6))))
    complete = greedy is not None and all(days is not None for days in greedy)
    known = objective(problem, greedy) if complete else None
    try:
        if not cg.seed_missing(0.5 * params.columns_share * limit):
            return None, None, False
        cg.solve_lp(0.5 * params.columns_share * limit, should_stop)
        if cg.lp_value is None:
            return None, None, False
        bound = math.ceil(cg.bound - 1e-6) if cg.bound > 0 else None
        quick = clock.now() <= _ROOT_SHARE * limit
        searched = bool(cg.converged and quick and params.branching_share and not (should_stop and should_stop()))
        if searched:
            found = branch_price.search(cg, params.branching_share * limit, should_stop=should_stop,
                                        incumbent=known, on_bound=lambda b: recorder.on_bound(float(b)),
                                        levels=max(_LEVELS, math.ceil(_LEVEL_SHARE * (bound or 0))),
                                        level_nodes=_LEVEL_NODES)
            bound = max(bound or 0, found.bound)
            if found.roster is not None and (known is None or found.cost < known):
                recorder.on_roster(found.cost)
                return [list(days) for days in found.roster], bound, True
            if known is not None and known <= bound:
                return None, bound, True
        dive_until = max(params.columns_share * limit, clock.now() + _DIVE_SHARE * limit)
        improve_until = _WINDOWS_UNTIL * limit

        def report(cost: int) -> None:  # a roster cheaper than any so far
            if recorder.objective is None or cost < recorder.objective:
                recorder.on_roster(cost)

        # Levels from the root bound found nothing: the LP is far from the rosters (Curtois 9),
        # and a search at the end of the dive would fare no better: CP-SAT has its agents.
        roster = branch_price.dive(cg, dive_until, should_stop=should_stop, search=not searched, seed=params.seed,
                                   on_roster=report)
        cost = objective(problem, [list(days) for days in roster])
        if known is None or cost < known:
            report(cost)
        else:
            roster, cost = [tuple(days) for days in greedy], known  # the windows start from the better one
        coarse = problem.n_slots <= _WINDOW_SLOTS_PER_DAY * problem.days

        def near(cost: int) -> bool:
            return bound is None or cost <= bound + _WINDOW_GAP * abs(bound)

        if coarse and not near(cost) and clock.now() < improve_until:
            # The dive ended far from the bound: its search found nothing near the LP and fixing
            # to the last agent left a poor roster (Curtois 9 when its root LP took too long for
            # levels: 540, 100 above the optimum; Curtois 8 now and then: 1608), or its CP-SAT
            # stage ran out of time from poor fixings (Curtois 9: 556). CP-SAT on random groups
            # of agents takes it down faster than windows or the full model (Curtois 9: 439 or
            # 443–446, where windows found nothing in 21 s and the full model took 556 to 550 in
            # 20 s; Curtois 8: 1608 to 1402 in 15 s, windows to 1496 in 24 s), and stops by
            # itself when groups stop helping. Like the windows, only where coverage is counted
            # per shift type: on 15–60-minute curves it is not measured, and the full model
            # keeps that time.
            roster, cost = neighbourhoods(problem, roster, None, improve_until, clock, workers=cg.workers,
                                          seed=params.seed, bound=bound, should_stop=should_stop,
                                          on_roster=report)
        # The windows also follow groups that stopped by themselves (three groups in a row found
        # nothing): on Curtois 8 after a failed dive the groups left 1507 and 1411 after 16 and
        # 23 s, and the windows took those to 1406 and 1402 in the 5–12 s left (scripts); in an
        # engine run, 1603 to 1306 in 4 s. The full model keeps the last tenth of the limit.
        if coarse and (bound is None or cost > bound) and clock.now() < improve_until:
            roster, cost = branch_price.improve(cg, roster, improve_until, should_stop=should_stop,
                                                seed=params.seed, on_roster=report)
    except MasterError:
        return None, None, False
    if known is not None and known <= cost:
        return None, bound, False
    return [list(days) for days in roster], bound, cost == bound


def solve(
    problem: Problem,
    params: SolveParams | None = None,
    progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
) -> SolveResult:
    """Build and solve the roster model.

    ``progress`` is called (from solver threads) on every improving roster
    and bound; ``should_stop`` is polled ten times a second and, when it
    returns True, the search ends and the best roster so far is returned.
    """
    params = params or SolveParams()
    started = time.monotonic()
    # Stages stop on shares of the limit, on this clock: seconds, or units of work
    # when the run must be reproducible.
    clock = Clock(params.reproducible)
    recorder = _Recorder(started, progress)
    cancelled = threading.Event()

    def stop() -> bool:
        if should_stop is not None and should_stop():
            cancelled.set()
        return cancelled.is_set()

    greedy = greedy_roster(problem) if params.hint else None
    complete = greedy is not None and all(days is not None for days in greedy)
    if complete:
        recorder.on_roster(objective(problem, greedy))
    n_vars = sum(len(options) for agent in problem.agents for options in agent.allowed)
    large = params.local_search and n_vars > params.small_model
    # The full model's LP is slow at call-center size: a bound from the aggregated
    # relaxation (agents of one kind as counts, an LP solved in under a second) first.
    relaxed = aggregate_bound(problem)  # best bound from the relaxations outside the full model
    if relaxed is not None:
        recorder.on_bound(relaxed)
    if large and complete:
        # A legal first roster at call-center size: annealing improves it by thousands of
        # moves a second, where the full model (hundreds of thousands of Booleans) would
        # spend the minute loading and presolving.
        return _anneal_stage(problem, greedy, params, clock, recorder, relaxed, stop, started)
    if complete and params.local_search and params.anneal_share:
        # Small model, legal first roster: a short anneal gives the column generation
        # and the full model a far better start (a 20-agent, 2-week center: 0.6 %
        # from the bound instead of 7 % without it), and stops once it settles.
        settle_by = params.anneal_share * params.time_limit_seconds
        greedy, cost, _moves = anneal(problem, greedy, deadline=settle_by, seed=params.seed,
                                      on_improve=recorder.on_roster, should_stop=stop, stop_at=relaxed,
                                      patience=_PATIENCE, clock=clock)
        if relaxed is not None and cost <= relaxed:
            return _result(problem, greedy, SolveStatus.OPTIMAL, relaxed, started, recorder, stop())

    column_roster = column_bound = None
    if params.columns and not large and len(problem.agents) > 1:
        column_roster, column_bound, proven = _column_stage(problem, params, greedy, clock, recorder, should_stop)
        if proven:
            best = column_roster if column_roster is not None else greedy
            return _result(problem, best, SolveStatus.OPTIMAL, column_bound, started, recorder, stop())
    rm = build_model(problem)
    if greedy is not None:
        add_hint(rm, greedy)
    if params.columns and not large and len(problem.agents) > 1:
        if column_bound is not None:
            relaxed = column_bound if relaxed is None else max(relaxed, column_bound)
            rm.model.add(sum(term.cost for term in rm.terms) >= int(column_bound))
        if column_roster is not None:
            rm.model.clear_hints()
            add_hint(rm, column_roster)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = params.effective_workers
    clock.limit(solver, max(0.5, params.time_limit_seconds * (params.exact_share if large else 1.0) - clock.now()))
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log
    if large:
        # Here the constructive roster was incomplete: the full model is there to find a
        # legal roster (or prove there is none) before annealing. Presolve of a 4-week,
        # 15-min model is seconds of probing that rarely pays back; one pass leaves the
        # time to search. Small models (Curtois-sized) gain from the full presolve.
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 1
    if params.relative_gap:
        solver.parameters.relative_gap_limit = params.relative_gap
    solver.best_bound_callback = recorder.on_bound

    with stoppable(solver, stop if should_stop else None):
        code = solver.solve(rm.model, recorder)
    clock.solved(solver)

    status = _STATUS.get(code, SolveStatus.NO_SOLUTION)
    fallback = None
    start = column_roster if column_roster is not None else greedy
    if status is SolveStatus.NO_SOLUTION and start is not None and all(d is not None for d in start):
        # The full model ran out of time before loading its hint (a loaded machine, a
        # short limit): the constructive (or column) roster obeys every hard rule.
        fallback = [list(days) for days in start]
        status = SolveStatus.FEASIBLE
    if not status.has_roster:
        conflicts: tuple = ()
        if status is SolveStatus.INFEASIBLE or (status is SolveStatus.NO_SOLUTION and not cancelled.is_set()):
            # Hard rules bind one agent at a time: find the agents whose own rules clash.
            suspects = [a for a, days in enumerate(greedy or []) if days is None]
            conflicts = explain(problem, time_limit=max(5.0, 0.25 * params.time_limit_seconds), first=suspects)
            if conflicts:
                status = SolveStatus.INFEASIBLE
        return SolveResult(status=status, wall_seconds=time.monotonic() - started,
                           solutions=recorder.solutions, cancelled=cancelled.is_set(), conflicts=conflicts)
    choice = fallback if fallback is not None else read_choice(rm, solver)
    bound = recorder.bound if fallback is not None and recorder.bound is not None else (
        0.0 if fallback is not None else solver.best_objective_bound)
    if relaxed is not None:
        bound = max(bound, relaxed)
    if (large and status is not SolveStatus.OPTIMAL and not cancelled.is_set()
            and clock.now() < params.time_limit_seconds - 0.2 and objective(problem, choice) > bound):
        return _anneal_stage(problem, choice, params, clock, recorder, bound, stop, started)
    return _result(problem, choice, status, bound, started, recorder, cancelled.is_set())


def _anneal_stage(problem: Problem, choice, params: SolveParams, clock: Clock, recorder: _Recorder,
                  bound: float | None, stop: StopFn, started: float) -> SolveResult:
    """Simulated annealing from a legal roster until the time limit, ``stop()`` or the bound."""
    best, cost, _moves = anneal(problem, choice, deadline=params.time_limit_seconds, seed=params.seed,
                                on_improve=recorder.on_roster, should_stop=stop, stop_at=bound, clock=clock)
    status = SolveStatus.OPTIMAL if bound is not None and cost <= bound else SolveStatus.FEASIBLE
    return _result(problem, best, status, bound, started, recorder, stop())


def _result(problem: Problem, choice, status: SolveStatus, bound: float | None, started: float,
            recorder: _Recorder, cancelled: bool) -> SolveResult:
    found = penalties(problem, choice)
    return SolveResult(
        status=status,
        choice=tuple(tuple(days) for days in choice),
        objective=float(sum(p.cost for p in found)),
        bound=bound,
        penalties=tuple(found),
        wall_seconds=time.monotonic() - started,
        solutions=recorder.solutions,
        cancelled=cancelled,
    )
