"""How long and how hard the engine searches."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class SolveParams:
    time_limit_seconds: float = 30.0
    workers: int = 0  # 0: every core of the machine
    seed: int = 0
    log: bool = False
    relative_gap: float = 0.0  # stop when within this fraction of the bound
    hint: bool = True  # start from a constructive roster
    #: stages count work instead of seconds (``solver.clock``): the same problem, seed and
    #: number of workers give the same roster on any machine, however loaded
    reproducible: bool = False
    #: large models are improved by simulated annealing (``solver.local_search``)
    local_search: bool = True
    #: large models whose constructive roster is incomplete: share of the time limit
    #: the full model gets to find a legal roster before annealing takes over
    exact_share: float = 0.4
    #: small models whose constructive roster is complete are annealed first, for at
    #: most this share of the time limit (less when annealing stops improving)
    anneal_share: float = 0.3
    #: models with at most this many shift variables get the whole time limit in the
    #: full model (CP-SAT's own neighbourhood search does well there); larger ones
    #: go to simulated annealing
    small_model: int = 15_000
    #: small models start with column generation (a strong bound and a roster from it)
    columns: bool = True
    #: share of the time limit column generation may take (bound, branch-and-price, then a dive)
    columns_share: float = 0.6
    #: column generation's branch-and-price looks for a proven optimum until this share of the
    #: time limit (0: never); without one, a dive gives a roster for the full model to improve
    branching_share: float = 0.5

    def __post_init__(self) -> None:
        if self.time_limit_seconds <= 0:
            raise ValueError("The time limit must be more than 0 seconds")
        if self.workers < 0:
            raise ValueError("The number of workers cannot be negative")
        if not 0 <= self.anneal_share < 1:
            raise ValueError("The annealing share must be between 0 and 1")
        if not 0 <= self.columns_share < 1:
            raise ValueError("The column-generation share must be between 0 and 1")
        if not 0 <= self.branching_share < 1:
            raise ValueError("The branch-and-price share must be between 0 and 1")
        if not 0 <= self.relative_gap < 1:
            raise ValueError("The relative gap must be between 0 and 1")

    @property
    def effective_workers(self) -> int:
        return self.workers or max(1, os.cpu_count() or 1)
