"""The CP-SAT roster engine: plain problem data in, plain results out.

No OR-Tools object crosses this package's boundary.
"""

from solver.engine import solve
from solver.params import SolveParams
from solver.problem import AgentSpec, Problem, ShiftOption, Weights
from solver.result import Penalty, Progress, SolveResult, SolveStatus

__all__ = [
    "AgentSpec",
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
