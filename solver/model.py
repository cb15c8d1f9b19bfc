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
- Rule families (count limits, run limits, successions, weekends) work on
  "day literals": one Boolean per (agent, day, tag) equal to the sum of the
  day's tagged options (at most one option a day, so the sum is 0/1). A
  hard family is a constraint; a soft one adds a penalty term.
- With ``explain=True`` every hard constraint of an agent is guarded by an
  enforcement literal per (agent, rule, day or week); :mod:`solver.conflicts`
  assumes them all true and asks CP-SAT which subset cannot hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.problem import ANY, OFF, CountLimit, Problem, RunLimit


@dataclass
class Term:
    """A named penalty: ``cost`` enters the objective, ``quantity`` is what to report."""

    name: str
    cost: cp_model.LinearExprT
    quantity: cp_model.LinearExprT
    agent: str | None = None
    day: int | None = None
    slot: int | None = None


#: A literal, or a Python bool standing for a constant.
Lit = cp_model.IntVar | cp_model.NotBooleanVariable | bool


@dataclass
class RosterModel:
    problem: Problem
    explain: bool = False
    coverage: bool = True
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: list[list[dict[int, cp_model.IntVar]]] = field(default_factory=list)
    works: list[list[cp_model.LinearExprT]] = field(default_factory=list)
    count: list[dict[int, cp_model.LinearExprT]] = field(default_factory=list)
    short: list[cp_model.IntVar] = field(default_factory=list)
    over: list[cp_model.IntVar] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    #: (agent index, rule, day, week) -> enforcement literal (explain mode only)
    guards: dict[tuple[int, str, int | None, int | None], cp_model.IntVar] = field(default_factory=dict)
    _day_lits: dict[tuple[int, int, str], Lit] = field(default_factory=dict)
    #: auxiliary variables and how to compute each from the values of earlier ones (for hints)
    derived: list[tuple[cp_model.IntVar, Callable[[Callable[[Lit], int]], int]]] = field(default_factory=list)

    def derive(self, var: cp_model.IntVar, value: Callable[[Callable[[Lit], int]], int]) -> cp_model.IntVar:
        """Record how ``var`` follows from the roster, so a hinted roster hints it too."""
        self.derived.append((var, value))
        return var

    # -- helpers shared by the constraint families --------------------------------
    def guard(self, a: int, rule: str, day: int | None = None, week: int | None = None) -> list:
        """Enforcement literals for a hard constraint of agent ``a`` (none unless explaining)."""
        if not self.explain:
            return []
        key = (a, rule, day, week)
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var(f"guard_{a}_{rule}_{day}_{week}")
        return [self.guards[key]]

    def add(self, constraint, enforce: list) -> None:
        if enforce:
            constraint.only_enforce_if(enforce)

    def day_lit(self, a: int, d: int, tag: str) -> Lit:
        """1 when agent ``a`` works a ``tag`` shift on day ``d`` (``OFF``: has the day off)."""
        if tag == OFF:
            lit = self.day_lit(a, d, ANY)
            return (not lit) if isinstance(lit, bool) else lit.Not()
        key = (a, d, tag)
        if key not in self._day_lits:
            options = self.problem.options[d]
            xs = [var for o, var in self.x[a][d].items() if options[o].has(tag)]
            if not xs:
                lit: Lit = False
            elif len(xs) == 1:
                lit = xs[0]
            else:
                lit = self.model.new_bool_var(f"day_{a}_{d}_{tag or 'any'}")
                self.model.add(lit == sum(xs))
                self.derive(lit, lambda val, xs=xs: sum(val(x) for x in xs))
            self._day_lits[key] = lit
        return self._day_lits[key]

    def clause(self, lits: list[Lit], enforce: list) -> bool:
        """Add "at least one of ``lits``"; False when it is impossible (all constants false)."""
        if any(lit is True for lit in lits):
            return True
        real = [lit for lit in lits if not isinstance(lit, bool)]
        if not real and not enforce:
            self.model.add_bool_or([])
            return False
        self.add(self.model.add_bool_or(real), enforce)
        return True


def build_model(problem: Problem, *, explain: bool = False, coverage: bool = True) -> RosterModel:
    """The roster model; ``coverage=False`` keeps only the agents' own rules and terms
    (no coverage, no fairness between agents): the pricing model of :mod:`solver.colgen`."""
    rm = RosterModel(problem, explain=explain, coverage=coverage)
    add_variables(rm)
    add_constraints(rm)
    set_objective(rm)
    return rm


def _as_expr(lit: Lit) -> cp_model.LinearExprT:
    if isinstance(lit, bool):
        return int(lit)
    return lit


# -- variables ---------------------------------------------------------------
def add_variables(rm: RosterModel) -> None:
    p, m = rm.problem, rm.model
    for a, agent in enumerate(p.agents):
        per_day = []
        for d in range(p.days):
            per_day.append({o: m.new_bool_var(f"works_{agent.key}_d{d}_o{o}") for o in agent.allowed[d]})
        rm.x.append(per_day)
        rm.works.append([sum(per_day[d].values()) for d in range(p.days)])
    if not rm.coverage:
        return
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
    add_total_minutes(rm)
    add_min_rest(rm)
    add_max_consecutive_days(rm)
    add_forbidden_successions(rm)
    add_count_limits(rm)
    add_run_limits(rm)
    add_max_weekends(rm)
    if rm.coverage:
        add_coverage(rm)


def add_one_shift_per_day(rm: RosterModel) -> None:
    for a in range(len(rm.problem.agents)):
        for d in range(rm.problem.days):
            if len(rm.x[a][d]) > 1:
                rm.model.add_at_most_one(rm.x[a][d].values())


def add_locked_assignments(rm: RosterModel) -> None:
    for a, agent in enumerate(rm.problem.agents):
        for day, option in agent.locked:
            enforce = rm.guard(a, "locked", day=day)
            if option == -1:
                for var in rm.x[a][day].values():
                    rm.add(rm.model.add(var == 0), enforce)
            elif option in rm.x[a][day]:
                rm.add(rm.model.add(rm.x[a][day][option] == 1), enforce)
            else:
                rm.clause([], enforce)  # locked to an option the agent may not take: infeasible


def add_weekly_minutes(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for w in range(p.weeks):
            minutes = sum(
                p.options[d][o].paid_minutes * var
                for d in p.week_days(w)
                for o, var in rm.x[a][d].items()
            )
            rm.add(rm.model.add_linear_constraint(minutes, agent.week_min_minutes[w], agent.week_max_minutes[w]),
                   rm.guard(a, "weekly_minutes", week=w))


def add_days_per_week(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for w in range(p.weeks):
            days = sum(rm.works[a][d] for d in p.week_days(w))
            rm.add(rm.model.add_linear_constraint(days, agent.week_min_days[w], agent.week_max_days[w]),
                   rm.guard(a, "weekly_days", week=w))


def add_total_minutes(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        if agent.total_minutes is None:
            continue
        low, high = agent.total_minutes
        minutes = sum(p.options[d][o].paid_minutes * var for d in range(p.days) for o, var in rm.x[a][d].items())
        rm.add(rm.model.add_linear_constraint(minutes, low, high), rm.guard(a, "total_minutes"))


def add_min_rest(rm: RosterModel) -> None:
    p = rm.problem
    rest = p.min_rest_minutes
    for a, agent in enumerate(p.agents):
        if agent.last_end_before is not None:
            for d in range(p.days):
                for o, var in rm.x[a][d].items():
                    if p.options[d][o].start < agent.last_end_before + rest:
                        rm.add(rm.model.add(var == 0), rm.guard(a, "rest_before", day=d))
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
    enforce = rm.guard(a, "min_rest", day=later)
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
        if enforce:
            rm.add(rm.model.add(sum(ending_late + starting_early) <= 1), enforce)
        else:
            rm.model.add_at_most_one(ending_late + starting_early)


def add_max_consecutive_days(rm: RosterModel) -> None:
    p = rm.problem
    k = p.max_consecutive_days
    if k >= p.days + max((a.worked_days_before for a in p.agents), default=0):
        return
    for a, agent in enumerate(p.agents):
        works = rm.works[a]
        enforce = rm.guard(a, "max_consecutive_days")
        # Days worked just before the horizon shorten the first window.
        before = min(agent.worked_days_before, k)
        if before:
            head = works[: k + 1 - before]
            rm.add(rm.model.add(sum(head) <= k - before), enforce)
        for start in range(0, p.days - k):
            rm.add(rm.model.add(sum(works[start: start + k + 1]) <= k), enforce)


def add_forbidden_successions(rm: RosterModel) -> None:
    p = rm.problem
    if not p.forbidden_successions:
        return
    for a, agent in enumerate(p.agents):
        for first, second in p.forbidden_successions:
            if first in agent.tag_before and p.days:
                lit = rm.day_lit(a, 0, second)
                if not isinstance(lit, bool):
                    rm.add(rm.model.add(lit == 0), rm.guard(a, "succession", day=0))
            for d in range(p.days - 1):
                today = [v for o, v in rm.x[a][d].items() if p.options[d][o].has(first)]
                tomorrow = [v for o, v in rm.x[a][d + 1].items() if p.options[d + 1][o].has(second)]
                if today and tomorrow:
                    rm.add(rm.model.add(sum(today) + sum(tomorrow) <= 1),
                           rm.guard(a, "succession", day=d + 1))


def _limit_binds(limit: CountLimit, days: int) -> bool:
    return limit.least > 0 or (limit.most is not None and limit.most < days)


def add_count_limits(rm: RosterModel) -> None:
    p, m = rm.problem, rm.model
    for a, agent in enumerate(p.agents):
        for limit in agent.counts:
            for period, days in enumerate(p.periods(limit)):
                if not days or not _limit_binds(limit, len(days)):
                    continue
                lits = [rm.day_lit(a, d, limit.tag) for d in days]
                total = sum(_as_expr(lit) for lit in lits)
                week = period if limit.period == "week" else None
                if limit.weight == 0:
                    high = limit.most if limit.most is not None else len(days)
                    if isinstance(total, int):
                        if not limit.least <= total <= high:
                            rm.clause([], rm.guard(a, limit.rule, week=week))
                        continue
                    rm.add(m.add_linear_constraint(total, limit.least, high),
                           rm.guard(a, limit.rule, week=week))
                    continue
                if limit.most is not None and limit.most < len(days):
                    above = m.new_int_var(0, len(days) - limit.most, f"above_{a}_{limit.rule}_{period}")
                    rm.derive(above, lambda val, lits=lits, most=limit.most: max(0, sum(val(x) for x in lits) - most))
                    m.add(above >= total - limit.most)
                    rm.terms.append(Term(limit.rule, limit.weight * above, above, agent=agent.key, day=days[0]))
                if limit.least > 0:
                    below = m.new_int_var(0, limit.least, f"below_{a}_{limit.rule}_{period}")
                    rm.derive(below, lambda val, lits=lits, least=limit.least:
                              max(0, least - sum(val(x) for x in lits)))
                    m.add(below >= limit.least - total)
                    rm.terms.append(Term(limit.rule, limit.weight * below, below, agent=agent.key, day=days[0]))


def add_run_limits(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for limit in agent.runs:
            lits = [rm.day_lit(a, d, limit.tag) for d in range(p.days)]
            if limit.most is not None:
                _add_max_run(rm, a, limit, lits, agent.run_before(limit.tag) if limit.tag != OFF else 0)
            if limit.least > 1:
                _add_min_run(rm, a, limit, lits)


def _add_max_run(rm: RosterModel, a: int, limit: RunLimit, lits: list[Lit], before: int) -> None:
    """No ``most + 1`` tagged days in a row, counting ``before`` tagged days before day 0."""
    p, m = rm.problem, rm.model
    k = limit.most
    enforce = rm.guard(a, limit.rule)
    for start in range(-min(before, k), p.days - k):
        window = [lits[d] for d in range(max(0, start), start + k + 1)]
        if any(lit is False for lit in window):
            continue
        known = k + 1 - len(window)  # days of the window before day 0, all tagged
        free = [lit for lit in window if lit is not True]
        allowed = k - known - (len(window) - len(free))
        if allowed >= len(free):
            continue
        if not free:  # the window is tagged whatever the roster
            if limit.weight == 0:
                rm.clause([], enforce)
            else:
                rm.terms.append(Term(limit.rule, limit.weight, 1, agent=p.agents[a].key, day=start + k))
            continue
        if limit.weight == 0:
            rm.add(m.add(sum(free) <= allowed), enforce)
        else:
            # One penalty per window that is all tagged: a run of k + j days costs j.
            excess = m.new_bool_var(f"run_{a}_{limit.rule}_{start}")
            rm.derive(excess, lambda val, free=free, allowed=allowed: int(sum(val(x) for x in free) > allowed))
            m.add(sum(free) - allowed <= excess)
            last = start + k
            rm.terms.append(Term(limit.rule, limit.weight * excess, excess,
                                 agent=p.agents[a].key, day=last))


def _add_min_run(rm: RosterModel, a: int, limit: RunLimit, lits: list[Lit]) -> None:
    """No run shorter than ``least`` between two untagged days inside the horizon."""
    p, m = rm.problem, rm.model
    enforce = rm.guard(a, limit.rule)

    def neg(lit: Lit) -> Lit:
        return (not lit) if isinstance(lit, bool) else lit.Not()

    for length in range(1, limit.least):
        for s in range(1, p.days - length):
            pattern = [neg(lits[s - 1])] + lits[s: s + length] + [neg(lits[s + length])]
            if any(lit is False for lit in pattern):
                continue
            clause = [neg(lit) for lit in pattern]
            if limit.weight == 0:
                rm.clause(clause, enforce)
            else:
                short = m.new_bool_var(f"minrun_{a}_{limit.rule}_{s}_{length}")
                rm.derive(short, lambda val, pattern=pattern: int(all(val(x) for x in pattern)))
                rm.clause(clause + [short], [])
                rm.terms.append(Term(limit.rule, limit.weight * (limit.least - length) * short, short,
                                     agent=p.agents[a].key, day=s))


def add_max_weekends(rm: RosterModel) -> None:
    p, m = rm.problem, rm.model
    for a, agent in enumerate(p.agents):
        if agent.max_weekends is None or agent.max_weekends >= len(p.weekends):
            continue
        worked = []
        for k, days in enumerate(p.weekends):
            lits = [rm.day_lit(a, d, ANY) for d in days]
            lits = [lit for lit in lits if lit is not False]
            if not lits:
                continue
            if any(lit is True for lit in lits):
                worked.append(1)
                continue
            weekend = m.new_bool_var(f"weekend_{a}_{k}")
            rm.derive(weekend, lambda val, lits=lits: int(any(val(x) for x in lits)))
            for lit in lits:
                m.add_implication(lit, weekend)
            m.add_bool_or(lits).only_enforce_if(weekend)
            worked.append(weekend)
        if len(worked) <= agent.max_weekends:
            continue
        if agent.max_weekends_weight == 0:
            rm.add(m.add(sum(worked) <= agent.max_weekends), rm.guard(a, "max_weekends"))
        else:
            above = m.new_int_var(0, len(worked), f"weekends_above_{a}")
            rm.derive(above, lambda val, worked=worked, most=agent.max_weekends:
                      max(0, sum(val(x) for x in worked) - most))
            m.add(above >= sum(worked) - agent.max_weekends)
            rm.terms.append(Term("max_weekends", agent.max_weekends_weight * above, above, agent=agent.key))


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
    if rm.coverage:
        add_coverage_terms(rm)
    add_request_terms(rm)
    add_stable_start_terms(rm)
    if rm.coverage:
        add_fairness_terms(rm)
    rm.model.minimize(sum(term.cost for term in rm.terms))


def add_coverage_terms(rm: RosterModel) -> None:
    p, m, w = rm.problem, rm.model, rm.problem.weights
    for t in range(p.n_slots):
        under, over = p.under_over(t)
        if p.required[t] > 0 and under:
            short = rm.short[t]
            cost: cp_model.LinearExprT = under * short
            if p.required[t] > 1 and w.shortage_deep:
                deep = m.new_int_var(0, p.required[t] - 1, f"short_deep_s{t}")
                rm.derive(deep, lambda val, short=short: max(0, val(short) - 1))
                m.add(deep >= short - 1)
                cost = cost + w.shortage_deep * deep
            rm.terms.append(Term("shortage", cost, short, slot=t))
        if over:
            rm.terms.append(Term("excess", over * rm.over[t], rm.over[t], slot=t))


def add_request_terms(rm: RosterModel) -> None:
    p = rm.problem
    for a, agent in enumerate(p.agents):
        for day, weight in agent.off_requests:
            if rm.x[a][day]:
                rm.terms.append(
                    Term("day_off_request", weight * rm.works[a][day], rm.works[a][day],
                         agent=agent.key, day=day)
                )
        for request in agent.shift_requests:
            taken = sum(rm.x[a][request.day][o] for o in request.options if o in rm.x[a][request.day])
            unmet = (1 - taken) if request.on else taken
            if isinstance(unmet, int) and unmet == 0:
                continue
            rm.terms.append(Term(request.name, request.weight * unmet, unmet, agent=agent.key, day=request.day))


def add_stable_start_terms(rm: RosterModel) -> None:
    """Per agent and week, ``stable_start`` for every start time beyond the first."""
    p, m = rm.problem, rm.model
    weight = p.weights.stable_start
    if not weight:
        return
    for a, agent in enumerate(p.agents):
        for w in range(p.weeks):
            by_clock: dict[int, list[list]] = {}
            for d in p.week_days(w):
                per_day: dict[int, list] = {}
                for o, var in rm.x[a][d].items():
                    per_day.setdefault(p.options[d][o].start_clock, []).append(var)
                for clock, xs in per_day.items():
                    by_clock.setdefault(clock, []).append(xs)
            if len(by_clock) < 2:
                continue
            used = []
            for clock, days in by_clock.items():
                u = m.new_bool_var(f"start_{a}_w{w}_{clock}")
                rm.derive(u, lambda val, days=days: int(any(val(x) for xs in days for x in xs)))
                for xs in days:
                    m.add(sum(xs) <= u)
                used.append(u)
            extra = m.new_int_var(0, len(used) - 1, f"starts_extra_{a}_w{w}")
            rm.derive(extra, lambda val, used=used: max(0, sum(val(u) for u in used) - 1))
            m.add(extra >= sum(used) - 1)
            rm.terms.append(Term("stable_start", weight * extra, extra, agent=agent.key,
                                 day=p.week_days(w)[0]))


def add_fairness_terms(rm: RosterModel) -> None:
    p, m = rm.problem, rm.model
    index = {agent.key: a for a, agent in enumerate(p.agents)}
    for g, group in enumerate(p.fair_groups):
        totals: list[cp_model.LinearExprT] = []
        parts: list[tuple[int, list[Lit]]] = []
        for key in group.members:
            if key not in index:
                continue
            a = index[key]
            lits = [rm.day_lit(a, d, group.tag) for d in range(p.days)]
            parts.append((p.agents[a].history(group.tag), lits))
            totals.append(p.agents[a].history(group.tag) + sum(_as_expr(lit) for lit in lits))
        if len(totals) + len(group.outside) < 2 or not totals:
            continue
        top = max(p.agents[index[k]].history(group.tag) for k in group.members if k in index) + p.days
        top = max([top] + list(group.outside))
        hi = m.new_int_var(0, top, f"fair_hi_{g}")
        lo = m.new_int_var(0, top, f"fair_lo_{g}")

        def values(val, parts=parts, outside=group.outside) -> list[int]:
            return [h + sum(val(x) for x in lits) for h, lits in parts] + list(outside)

        rm.derive(hi, lambda val, values=values: max(values(val)))
        rm.derive(lo, lambda val, values=values: min(values(val)))
        for total in totals:
            m.add(hi >= total)
            m.add(lo <= total)
        for value in group.outside:
            m.add(hi >= value)
            m.add(lo <= value)
        rm.terms.append(Term(group.rule, group.weight * (hi - lo), hi - lo))


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
        values: dict[int, int] = {}
        for a, days in enumerate(choice):
            for d, options in enumerate(rm.x[a]):
                for o, var in options.items():
                    values[var.index] = int(o == days[d])
        for t in range(p.n_slots):
            gap = p.required[t] - on_duty[t]
            m.add_hint(rm.short[t], max(0, gap))
            m.add_hint(rm.over[t], max(0, -gap))
            values[rm.short[t].index] = max(0, gap)

        def val(lit: Lit) -> int:
            if isinstance(lit, bool):
                return int(lit)
            index = lit.index
            return values[index] if index >= 0 else 1 - values[-index - 1]

        for var, value in rm.derived:
            values[var.index] = value(val)
            m.add_hint(var, values[var.index])
    return hinted
