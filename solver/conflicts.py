"""Why the hard rules cannot all hold: minimal sets of (agent, rule, day) that clash.

Hard rules bind agents one at a time (coverage and fairness are soft), so an
infeasible roster always has an agent whose own rules clash. Each agent's
rules are solved alone, with every hard constraint guarded by an enforcement
literal per (rule, day or week); for an infeasible agent CP-SAT's
``sufficient_assumptions_for_infeasibility`` gives a core, shrunk by deletion
to a minimal one ("the shift locked on Monday night, 12 h rest and the shift
locked on Tuesday morning").
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from solver.model import build_model
from solver.problem import Problem
from solver.result import Conflict


def single_agent(problem: Problem, a: int) -> Problem:
    """Agent ``a`` alone, nothing to cover: only their hard rules matter."""
    return replace(problem, required=(0,) * problem.n_slots, slot_weights=(), agents=(problem.agents[a],),
                   fair_groups=())


def _solve(model: cp_model.CpModel, time_limit: float) -> tuple[int, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = 1
    return solver.solve(model), solver


def agent_feasible(problem: Problem, a: int, time_limit: float = 2.0) -> bool | None:
    """True / False when proven, None when time ran out."""
    rm = build_model(single_agent(problem, a))
    rm.model.clear_objective()
    code, _ = _solve(rm.model, time_limit)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if code == cp_model.INFEASIBLE else None


def explain_agent(problem: Problem, a: int, time_limit: float = 5.0) -> tuple[Conflict, ...] | None:
    """A minimal set of agent ``a``'s hard rules that cannot all hold (None: feasible or unknown)."""
    deadline = time.monotonic() + time_limit
    rm = build_model(single_agent(problem, a), explain=True)
    rm.model.clear_objective()
    keys = list(rm.guards)
    by_index = {rm.guards[k].index: k for k in keys}

    def infeasible_with(subset: list) -> tuple[bool, list] | None:
        rm.model.clear_assumptions()
        rm.model.add_assumptions([rm.guards[k] for k in subset])
        code, solver = _solve(rm.model, deadline - time.monotonic())
        if code == cp_model.INFEASIBLE:
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
            return True, core or subset
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, []
        return None

    first = infeasible_with(keys)
    if first is None or not first[0]:
        return None
    core = first[1]
    # Deletion: drop each rule the rest still clash without.
    i = 0
    while i < len(core) and time.monotonic() < deadline:
        trial = core[:i] + core[i + 1:]
        outcome = infeasible_with(trial)
        if outcome is not None and outcome[0]:
            core = [k for k in trial if k in set(outcome[1])] or trial
        else:
            i += 1
    key = problem.agents[a].key
    return tuple(Conflict(rule, key, day, week) for _, rule, day, week in sorted(
        core, key=lambda k: (k[2] if k[2] is not None else -1, k[3] if k[3] is not None else -1, k[1])))


def explain(problem: Problem, time_limit: float = 10.0,
            first: list[int] | None = None) -> tuple[tuple[Conflict, ...], ...]:
    """Conflicts of every agent found infeasible within ``time_limit`` (``first`` checked first)."""
    deadline = time.monotonic() + time_limit
    order = list(dict.fromkeys((first or []) + list(range(len(problem.agents)))))
    found = []
    for a in order:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if agent_feasible(problem, a, min(2.0, left)) is False:
            conflicts = explain_agent(problem, a, min(5.0, max(0.5, deadline - time.monotonic())))
            if conflicts:
                found.append(conflicts)
    return tuple(found)
