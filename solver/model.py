"""The CP-SAT roster model: variables, one function per constraint family, objective.

Formulation notes
- ``x[a][d][o]`` is 1 when agent ``a`` works option ``o`` on day ``d``.
- Coverage is written on aggregated counts ``n[d][o] = Σ_a x[a][d][o]``: each
  slot sums a handful of counts instead of every agent's variables, which
  keeps the model small at 300 agents and gives the LP a clean structure.
- Rest between shifts is written as clique constraints over sorted end and
  start times: "at most one of (a shift on day d ending at or after E) and
  (a shift on day d' starting before E + rest)". These are the strongest
  linear form of the pairwise conflicts and there are at most one per
  distinct start on d'.
- Shortage is convex: every agent missing in a slot costs ``shortage``, each
  one beyond the first costs ``shortage_deep`` more, so spreading a shortage
  over many intervals beats emptying one peak.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.problem import Problem


@dataclass
class Term:
    """A named penalty: ``cost`` enters the objective, ``quantity`` is what to report."""

    name: str
    cost: cp_model.LinearExprT
    quantity: cp_model.LinearExprT
    agent: str | None = None
    day: int | None = None
    slot: int | None = None


@dataclass
class RosterModel:
    problem: Problem
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: list[list[dict[int, cp_model.IntVar]]] = field(default_factory=list)
    works: list[list[cp_model.LinearExprT]] = field(default_factory=list)
    count: list[dict[int, cp_model.LinearExprT]] = field(default_factory=list)
    short: list[cp_model.IntVar] = field(default_factory=list)
    over: list[cp_model.IntVar] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def build_model(problem: Problem) -> RosterModel:
    rm = RosterModel(problem)
    add_variables(rm)
    add_constraints(rm)
    set_objective(rm)
    return rm


# -- variables ---------------------------------------------------------------
def add_variables(rm: RosterModel) -> None:
    p, m = rm.problem, rm.model
    for a, agent in enumerate(p.agents):
        per_day = []
        for d in range(p.days):
            per_day.append({o: m.new_bool_var(f"works_{agent.key}_d{d}_o{o}") for o in agent.allowed[d]})
        rm.x.append(per_day)
        rm.works.append([sum(per_day[d].values()) for d in range(p.days)])
    for d in range(p.days):
        rm.count.append({})
        for o in range(len(p.options[d])):
            takers = [rm.x[a][d][o] for a in range(len(p.agents)) if o in rm.x[a][d]]
            if takers:
                count = m.new_int_var(0, len(takers), f"count_d{d}_o{o}")
                m.add(count == sum(takers))
                rm.count[d][o] = count
    n_agents = len(p.agents)
    for t in range(p.n_slots):
        # A sub-problem's requirement may be negative (fixed agents already over).
        rm.short.append(m.new_int_var(0, max(0, p.required[t]), f"short_s{t}"))
        rm.over.append(m.new_int_var(0, n_agents + max(0, -p.required[t]), f"over_s{t}"))


# -- constraints ---------------------------------------------------------------
def add_constraints(rm: RosterModel) -> None:
    add_one_shift_per_day(rm)
    add_locked_assignments(rm)
    add_weekly_minutes(rm)
    add_days_per_week(rm)
    add_min_rest(rm)
    add_max_consecutive_days(rm)
    add_coverage(rm)


def add_one_shift_per_day(rm: RosterModel) -> None:
    for a in range(len(rm.problem.agents)):
        for d in range(rm.problem.days):
            if len(rm.x[a][d]) > 1:
                rm.model.add_at_most_one(rm.x[a][d].values())


def add_locked_assignments(rm: RosterModel) -> None:
    for a, agent in enumerate(rm.problem.agents):
        for day, option in agent.locked:
            if option == -1:
                for var in rm.x[a][day].values():
                    rm.model.add(var == 0)
            elif option in rm.x[a][day]:
                rm.model.add(rm.x[a][day][option] == 1)
            else:
                rm.model.add_bool_or([])  # locked to an option the agent may not take: infeasible


def add_weekly_minutes(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for w in range(p.weeks):
            minutes = sum(
                p.options[d][o].paid_minutes * var
                for d in range(p.days) if p.week_of_day[d] == w
                for o, var in rm.x[a][d].items()
            )
            rm.model.add_linear_constraint(minutes, agent.week_min_minutes[w], agent.week_max_minutes[w])


def add_days_per_week(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for w in range(p.weeks):
            days = sum(rm.works[a][d] for d in range(p.days) if p.week_of_day[d] == w)
            rm.model.add_linear_constraint(days, agent.week_min_days[w], agent.week_max_days[w])


def add_min_rest(rm: RosterModel) -> None:
    p = rm.problem
    rest = p.min_rest_minutes
    for a, agent in enumerate(p.agents):
        if agent.last_end_before is not None:
            for d in range(p.days):
                for o, var in rm.x[a][d].items():
                    if p.options[d][o].start < agent.last_end_before + rest:
                        rm.model.add(var == 0)
        for d in range(p.days):
            if not rm.x[a][d]:
                continue
            latest_end = max(p.options[d][o].end for o in rm.x[a][d])
            for later in range(d + 1, p.days):
                later_options = sorted(rm.x[a][later], key=lambda o: p.options[later][o].start)
                if not later_options or p.options[later][later_options[0]].start >= latest_end + rest:
                    break
                _add_rest_cliques(rm, a, d, later, later_options)


def _add_rest_cliques(rm: RosterModel, a: int, d: int, later: int, later_options: list[int]) -> None:
    p, xs = rm.problem, rm.x[a]
    rest = p.min_rest_minutes
    ends = sorted({p.options[d][o].end for o in xs[d]})
    last_prefix = -1
    # Walk ends from the smallest: each distinct conflicting prefix on `later` gets one
    # clique with the (largest) set of day-d shifts that conflict with all of it.
    for end in ends:
        prefix = 0
        while prefix < len(later_options) and p.options[later][later_options[prefix]].start < end + rest:
            prefix += 1
        if prefix == 0 or prefix == last_prefix:
            continue
        last_prefix = prefix
        ending_late = [var for o, var in xs[d].items() if p.options[d][o].end >= end]
        starting_early = [xs[later][o] for o in later_options[:prefix]]
        rm.model.add_at_most_one(ending_late + starting_early)


def add_max_consecutive_days(rm: RosterModel) -> None:
    p = rm.problem
    k = p.max_consecutive_days
    for a, agent in enumerate(p.agents):
        works = rm.works[a]
        # Days worked just before the horizon shorten the first window.
        before = min(agent.worked_days_before, k)
        if before:
            head = works[: k + 1 - before]
            rm.model.add(sum(head) <= k - before)
        for start in range(0, p.days - k):
            rm.model.add(sum(works[start: start + k + 1]) <= k)


def add_coverage(rm: RosterModel) -> None:
    p = rm.problem
    on_duty: list[list[cp_model.LinearExprT]] = [[] for _ in range(p.n_slots)]
    for d in range(p.days):
        for o, count in rm.count[d].items():
            for t in p.covered_slots(p.options[d][o]):
                on_duty[t].append(count)
    for t in range(p.n_slots):
        rm.model.add(sum(on_duty[t]) + rm.short[t] - rm.over[t] == p.required[t])


# -- objective ---------------------------------------------------------------
def set_objective(rm: RosterModel) -> None:
    add_coverage_terms(rm)
    add_request_terms(rm)
    rm.model.minimize(sum(term.cost for term in rm.terms))


def add_coverage_terms(rm: RosterModel) -> None:
    p, m, w = rm.problem, rm.model, rm.problem.weights
    for t in range(p.n_slots):
        if p.required[t] > 0:
            short = rm.short[t]
            cost: cp_model.LinearExprT = w.shortage * short
            if p.required[t] > 1 and w.shortage_deep:
                deep = m.new_int_var(0, p.required[t] - 1, f"short_deep_s{t}")
                m.add(deep >= short - 1)
                cost = cost + w.shortage_deep * deep
            rm.terms.append(Term("shortage", cost, short, slot=t))
        if w.excess:
            rm.terms.append(Term("excess", w.excess * rm.over[t], rm.over[t], slot=t))


def add_request_terms(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for day, weight in agent.off_requests:
            if rm.x[a][day]:
                rm.terms.append(
                    Term("day_off_request", weight * rm.works[a][day], rm.works[a][day],
                         agent=agent.key, day=day)
                )


# -- hint ------------------------------------------------------------------
def add_hint(rm: RosterModel, choice: list[list[int | None] | None]) -> int:
    """Hint a (possibly partial) roster; returns how many agents were hinted.

    When every agent is hinted, the shortage and excess of that roster are
    hinted too, so the hint is a complete first solution.
    """
    p, m = rm.problem, rm.model
    hinted = 0
    for a, days in enumerate(choice):
        if days is None:
            continue
        hinted += 1
        for d, options in enumerate(rm.x[a]):
            for o, var in options.items():
                m.add_hint(var, o == days[d])
    if hinted == len(p.agents):
        on_duty = [0] * p.n_slots
        counts: dict[tuple[int, int], int] = {}
        for days in choice:
            for d, o in enumerate(days):
                if o is not None:
                    counts[(d, o)] = counts.get((d, o), 0) + 1
                    for t in p.covered_slots(p.options[d][o]):
                        on_duty[t] += 1
        for d, per_day in enumerate(rm.count):
            for o, var in per_day.items():
                m.add_hint(var, counts.get((d, o), 0))
        for t in range(p.n_slots):
            gap = p.required[t] - on_duty[t]
            m.add_hint(rm.short[t], max(0, gap))
            m.add_hint(rm.over[t], max(0, -gap))
    return hinted
