"""Solve a project: plan, run the engine, read back the roster, check it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scheduler.domain import Project, Roster
from scheduler.planning import Locks, Plan, build_plan, roster_from_result
from scheduler.precheck import find_impossibilities
from scheduler.validate import Violation, validate
from solver import Progress, SolveParams, SolveResult, solve


class PlanningError(Exception):
    """The project's rules cannot all hold; ``problems`` says which, in words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    result: SolveResult
    roster: Roster | None
    violations: tuple[Violation, ...]

    @property
    def shortage_agent_minutes(self) -> int:
        slot = self.plan.problem.slot_minutes
        return sum(p.quantity * slot for p in self.result.penalties if p.term == "shortage")

    @property
    def excess_agent_minutes(self) -> int:
        slot = self.plan.problem.slot_minutes
        return sum(p.quantity * slot for p in self.result.penalties if p.term == "excess")


def solve_project(
    project: Project,
    params: SolveParams | None = None,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    locks: Locks | None = None,
) -> Outcome:
    """Raise :class:`PlanningError` before solving when rules clash; otherwise solve.

    ``locks`` maps ``(agent ID, day)`` to a shift to keep as it is, or to
    ``None`` for a day off to keep: "re-solve around my changes".
    """
    problems = find_impossibilities(project)
    if problems:
        raise PlanningError(problems)
    plan = build_plan(project, locks=locks)
    result = solve(plan.problem, params, progress, should_stop)
    if not result.status.has_roster:
        return Outcome(plan, result, None, ())
    roster = roster_from_result(plan, result)
    return Outcome(plan, result, roster, tuple(validate(project, roster, history=plan.history)))
