"""Run a CP-SAT search that ``should_stop`` can end, and read the chosen options back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


@contextmanager
def stoppable(solver: cp_model.CpSolver, should_stop: Callable[[], bool] | None) -> Iterator[None]:
    """While the block runs, poll ``should_stop`` ten times a second and end ``solver``'s
    search when it returns True (CP-SAT keeps the best solution found so far)."""
    if should_stop is None:
        yield
        return
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.1):
            if should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        finished.set()
        watcher.join()
