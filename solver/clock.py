"""How long the engine has searched: seconds on the wall, or units of work.

Every stage of a solve stops on a share of the time limit. On the wall clock
(the default) that share is seconds, so the roster depends on how much work
the machine managed in them: a loaded machine, or a faster one, returns a
different roster for the same project and seed.

With ``SolveParams.reproducible`` the stages count **work** instead, each
charging what it did: CP-SAT its deterministic time, annealing its moves,
the master LP its size. The same project, seed and number of workers then
give the same roster on any machine, however loaded; the wall time varies
instead (a unit is about a second of a 2-core laptop's work). CP-SAT searches
with several workers only deterministically when its strategies are
interleaved in batches (``interleave_search``), which reproducible runs turn on.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

#: annealing moves tried per unit of work (about a second's worth on a 2-core laptop)
MOVES_PER_UNIT = 20_000
#: master LP: units of work per (column, day) it holds, and per solve
LP_UNITS_PER_COLUMN_DAY = 1.5e-6
LP_UNITS_PER_SOLVE = 0.005


class Clock:
    """Time spent since the solve started, as the stages measure their shares."""

    def __init__(self, reproducible: bool = False) -> None:
        self.reproducible = reproducible
        self._started = time.monotonic()
        self._work = 0.0

    def now(self) -> float:
        """Seconds since the start, or (reproducible) units of work charged so far."""
        if self.reproducible:
            return self._work
        return time.monotonic() - self._started

    def charge(self, units: float) -> None:
        """Count work done (reproducible runs; the wall clock counts itself)."""
        if self.reproducible:
            self._work += units

    def limit(self, solver: cp_model.CpSolver, units: float, rate: float = 1.0) -> None:
        """Let a CP-SAT search run for ``units`` of this clock.

        ``rate``: CP-SAT's deterministic time per second on this kind of model (set the
        worker count first). It varies with the model; the roster models run at about 1,
        the break models at about a third (much of their time is presolve).
        """
        if self.reproducible:
            solver.parameters.max_deterministic_time = units * rate
            solver.parameters.interleave_search = solver.parameters.num_workers != 1
        else:
            solver.parameters.max_time_in_seconds = units

    def solved(self, solver: cp_model.CpSolver, rate: float = 1.0) -> None:
        """Charge a finished CP-SAT search's deterministic time (``rate`` as in :meth:`limit`)."""
        self.charge(solver.response_proto.deterministic_time / rate)
