"""Run CP-SAT on a built model and read the chosen options back."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model import RosterModel

Choice = list[int | None]


def read_choice(rm: RosterModel, solver: cp_model.CpSolver) -> list[Choice]:
    result = []
    for per_day in rm.x:
        row: Choice = []
        for options in per_day:
            chosen = [o for o, var in options.items() if solver.boolean_value(var)]
            row.append(chosen[0] if chosen else None)
        result.append(row)
    return result


def run_model(rm: RosterModel, *, time_limit: float, workers: int, seed: int) -> tuple[list[Choice], bool] | None:
    """Solve quietly; (choice, proven optimal) or None when nothing was found."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    code = solver.solve(rm.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return read_choice(rm, solver), code == cp_model.OPTIMAL
