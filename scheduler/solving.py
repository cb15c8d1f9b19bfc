"""Solve a project: plan, run the engine, read back the roster, check it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from scheduler.breaks.placement import add_breaks
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
    break_seconds: float = 0.0
    unplaced_breaks: int = 0  # shifts whose breaks could not be placed within their rules

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
    break_time_limit: float | None = None,
) -> Outcome:
    """Raise :class:`PlanningError` when rules clash (found before solving, or by the
    engine's conflict search when the solve is infeasible); otherwise solve.

    ``locks`` maps ``(agent ID, day)`` to a shift to keep as it is, or to
    ``None`` for a day off to keep: "re-solve around my changes".
    """
    problems = find_impossibilities(project)
    if problems:
        raise PlanningError(problems)
    plan = build_plan(project, locks=locks)
    params = params or SolveParams()
    break_budget = 0.0
    if project.break_rules:
        # The time limit is the whole solve: breaks take up to 30 % of it (30 s at most).
        break_budget = break_time_limit or min(30.0, 0.3 * params.time_limit_seconds)
        if break_time_limit is None:
            params = replace(params, time_limit_seconds=params.time_limit_seconds - break_budget)
    result = solve(plan.problem, params, progress, should_stop)
    if not result.status.has_roster:
        if result.status.value == "infeasible":
            from scheduler.explain import explain_infeasible

            raise PlanningError(explain_infeasible(plan, result))
        return Outcome(plan, result, None, ())
    roster = roster_from_result(plan, result)
    break_seconds, unplaced = 0.0, 0
    if project.break_rules and not (should_stop and should_stop()):
        placed = add_breaks(project, roster, time_limit=break_budget,
                            workers=params.workers, seed=params.seed, should_stop=should_stop,
                            reproducible=params.reproducible)
        roster, break_seconds, unplaced = placed.roster, placed.seconds, len(placed.unplaced)
    return Outcome(plan, result, roster, tuple(validate(project, roster, history=plan.history)),
                   break_seconds, unplaced)
