"""``solve()``: run CP-SAT on a :class:`Problem` and return a :class:`SolveResult`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.heuristic import greedy_roster
from solver.model import RosterModel, add_hint, build_model
from solver.params import SolveParams
from solver.problem import Problem
from solver.result import Penalty, Progress, SolveResult, SolveStatus

ProgressFn = Callable[[Progress], None]
StopFn = Callable[[], bool]

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
        self.bound = self.best_objective_bound
        self.emit()

    def on_bound(self, bound: float) -> None:
        self.bound = bound
        self.emit()

    def emit(self) -> None:
        if self._progress is not None:
            self._progress(Progress(time.monotonic() - self._started, self.objective,
                                    self.bound, self.solutions))


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
    rm = build_model(problem)
    if params.hint:
        add_hint(rm, greedy_roster(problem))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = params.time_limit_seconds
    solver.parameters.num_workers = params.effective_workers
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log
    if params.relative_gap:
        solver.parameters.relative_gap_limit = params.relative_gap
    recorder = _Recorder(started, progress)
    solver.best_bound_callback = recorder.on_bound

    cancelled = threading.Event()
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.1):
            if should_stop():
                cancelled.set()
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True) if should_stop else None
    if watcher:
        watcher.start()
    try:
        code = solver.solve(rm.model, recorder)
    finally:
        finished.set()
        if watcher:
            watcher.join()

    status = _STATUS.get(code, SolveStatus.NO_SOLUTION)
    wall = time.monotonic() - started
    if not status.has_roster:
        return SolveResult(status=status, wall_seconds=wall, solutions=recorder.solutions,
                           cancelled=cancelled.is_set())
    return SolveResult(
        status=status,
        choice=_read_choice(rm, solver),
        objective=solver.objective_value,
        bound=solver.best_objective_bound,
        penalties=_read_penalties(rm, solver),
        wall_seconds=wall,
        solutions=recorder.solutions,
        cancelled=cancelled.is_set(),
    )


def _read_choice(rm: RosterModel, solver: cp_model.CpSolver) -> tuple[tuple[int | None, ...], ...]:
    result = []
    for per_day in rm.x:
        row = []
        for options in per_day:
            chosen = [o for o, var in options.items() if solver.boolean_value(var)]
            row.append(chosen[0] if chosen else None)
        result.append(tuple(row))
    return tuple(result)


def _read_penalties(rm: RosterModel, solver: cp_model.CpSolver) -> tuple[Penalty, ...]:
    penalties = []
    for term in rm.terms:
        cost = int(solver.value(term.cost))
        if cost:
            penalties.append(Penalty(term.name, cost, int(solver.value(term.quantity)),
                                     agent=term.agent, day=term.day, slot=term.slot))
    return tuple(penalties)
