"""Read the chosen options back from a solved CP-SAT model."""

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
