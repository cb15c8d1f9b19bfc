"""The CP-SAT roster engine: plain problem data in, plain results out.

No OR-Tools object crosses this package's boundary.
"""

from solver.engine import solve
from solver.params import SolveParams
from solver.problem import (
    ANY,
    OFF,
    AgentSpec,
    CountLimit,
    FairGroup,
    Problem,
    RunLimit,
    ShiftOption,
    ShiftRequest,
    Weights,
)
from solver.result import Conflict, Penalty, Progress, SolveResult, SolveStatus

__all__ = [
    "ANY",
    "OFF",
    "AgentSpec",
    "Conflict",
    "CountLimit",
    "FairGroup",
    "RunLimit",
    "ShiftRequest",
    "Penalty",
    "Problem",
    "Progress",
    "ShiftOption",
    "SolveParams",
    "SolveResult",
    "SolveStatus",
    "Weights",
    "solve",
]
