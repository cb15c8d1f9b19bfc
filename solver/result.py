"""The engine's output: our own types, never OR-Tools ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SolveStatus(str, Enum):
    OPTIMAL = "optimal"  # proven best
    FEASIBLE = "feasible"  # a roster, maybe not the best
    INFEASIBLE = "infeasible"  # the hard rules cannot all hold
    NO_SOLUTION = "no_solution"  # time ran out (or cancelled) before any roster
    INVALID = "invalid"

    @property
    def has_roster(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


@dataclass(frozen=True)
class Penalty:
    """One named term of the objective with its cost in the returned roster.

    ``agent`` is the agent key, ``day`` a day index, ``slot`` a slot index,
    ``quantity`` how much (agents short, minutes …); ``cost`` is what it adds
    to the objective.
    """

    term: str
    cost: int
    quantity: int = 1
    agent: str | None = None
    day: int | None = None
    slot: int | None = None
    peers: tuple[str, ...] = ()  # fairness: the agents with the most and the fewest
    values: tuple[int, ...] = ()  # fairness: their totals


@dataclass(frozen=True)
class Conflict:
    """One hard rule of one agent taking part in an infeasibility.

    ``rule`` is the family ("weekly_days", "min_rest", "locked", a limit's
    name …); ``day`` / ``week`` say where, when the rule is tied to one.
    """

    rule: str
    agent: str
    day: int | None = None
    week: int | None = None


@dataclass(frozen=True)
class Progress:
    elapsed_seconds: float
    objective: float | None
    bound: float | None
    solutions: int

    @property
    def gap(self) -> float | None:
        """Relative distance of the best roster to the best possible (0 = proven best)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)


@dataclass(frozen=True)
class SolveResult:
    status: SolveStatus
    #: ``choice[a][d]``: option index worked by agent ``a`` on day ``d``, or ``None`` (off)
    choice: tuple[tuple[int | None, ...], ...] = ()
    objective: float | None = None
    bound: float | None = None
    penalties: tuple[Penalty, ...] = ()
    wall_seconds: float = 0.0
    solutions: int = 0
    cancelled: bool = False
    explanation: tuple[str, ...] = field(default=())
    #: when INFEASIBLE: sets of hard rules that cannot all hold, one set per agent
    conflicts: tuple[tuple[Conflict, ...], ...] = ()

    @property
    def gap(self) -> float | None:
        return Progress(self.wall_seconds, self.objective, self.bound, self.solutions).gap
