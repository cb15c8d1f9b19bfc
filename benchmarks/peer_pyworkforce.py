"""Turnos next to pyworkforce on the same week, side by side in one run.

    pip install pyworkforce   # benchmark-only; not a Turnos dependency
    python benchmarks/peer_pyworkforce.py [--time-limit 60] [--workers 2] [--agents 160]

The week: 7 days × 48 half hours, calls from the generator's double-peak curve
(Mondays busiest, lighter weekends), staffed with Erlang C for 80 % of calls
answered in 20 s (``scheduler.staffing.erlang``). Shifts: 8 h, starting on
every hour. 160 named agents, full time (5 days, 40 h ± 1 h).

- pyworkforce ``MinAbsDifference``: agents per (day, shift) minimising
  Σ |on duty − required| — no agents, no rules, so its value is a lower bound
  for any roster of named agents.
- pyworkforce ``MinRequiredResources``: fewest shifts with no interval short.
- pyworkforce ``MinHoursRoster``: named agents for ``MinAbsDifference``'s
  shifts (at least 5 days and 40 h each). Its banned-successions option cannot
  express 11 h of rest (see ``run_pyworkforce``), so rest is left to our
  validator to count.
- Turnos: ``solve_project`` with the EU rules (11 h rest, 6 days in a row at
  most, the contract's days and hours), shortage and excess weighted 1:1 so
  both minimise the same Σ |on duty − required|.

Every roster is scored the same way, on the real clock (a shift starting at
20:00 covers until 04:00 the next day, also on the last day): agent-hours short
and over. The pyworkforce roster is mapped into a Turnos roster and checked by
Turnos' validator.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.domain import (  # noqa: E402
    Agent,
    Contract,
    Forecast,
    ForecastInterval,
    Horizon,
    LabourRules,
    Project,
    Roster,
    ShiftAssignment,
    ShiftTemplate,
    Site,
    StaffingParams,
)
from scheduler.generate import WEEKDAY_FACTOR, intraday_calls  # noqa: E402
from scheduler.staffing.erlang import required_agents_series  # noqa: E402
from scheduler.validate import validate  # noqa: E402
from solver import SolveParams, Weights  # noqa: E402

START = date(2027, 1, 4)  # a Monday
DAYS, PERIODS, SHIFT_HOURS = 7, 48, 8


def requirement(n_agents: int) -> list[list[int]]:
    """Agents needed per (day, half hour), Erlang C 80/20, AHT 300 s.

    The volume is scaled so that the week needs about 95 % of the agents' contracted
    hours (160 × 40 h), as a center staffed for its forecast would.
    """
    peak = 0.62 * n_agents * 2 * 2.75  # calls per 30 min at the peak
    calls = [intraday_calls(p * 30 + 15, peak) * WEEKDAY_FACTOR[d] for d in range(DAYS) for p in range(PERIODS)]
    staff = required_agents_series(calls, 300.0, 1800, sl_target=0.8, target_s=20)
    flat = [s.agents_required for s in staff]
    return [flat[d * PERIODS:(d + 1) * PERIODS] for d in range(DAYS)]


def score(shifts: list[tuple[int, int]], required: list[list[int]]) -> tuple[float, float]:
    """Agent-hours short and over for shifts given as (day, start hour), on the real clock."""
    flat = [r for day in required for r in day]
    on = [0] * len(flat)
    for day, hour in shifts:
        first = day * PERIODS + 2 * hour
        for t in range(first, min(first + 2 * SHIFT_HOURS, len(flat))):
            on[t] += 1
    short = sum(max(0, r - o) for r, o in zip(flat, on)) / 2
    over = sum(max(0, o - r) for r, o in zip(flat, on)) / 2
    return short, over


def project(n_agents: int, required: list[list[int]]) -> Project:
    items = [ForecastInterval(datetime.combine(START + timedelta(days=d), datetime.min.time())
                              + timedelta(minutes=30 * p), required_agents=required[d][p])
             for d in range(DAYS) for p in range(PERIODS)]
    labour = LabourRules(min_rest_minutes=11 * 60, max_consecutive_days=6, days_off_together_weight=0,
                         stable_start_weight=0, preference_weight=0, fair_nights_weight=0,
                         fair_weekends_weight=0, fair_holidays_weight=0)
    agents = tuple(Agent(f"A{i + 1:03d}", f"Agent {i + 1}", Contract.full_time()) for i in range(n_agents))
    return Project(Site("Peer week", "UTC", 30), Horizon(START, 1), agents,
                   (ShiftTemplate("8h", 480, 0, 23 * 60, 60),), labour, (), (), Forecast(30, tuple(items)),
                   StaffingParams(min_agents=0))


def run_turnos(n_agents: int, required, time_limit: float, workers: int):
    from scheduler.planning import build_plan
    from solver import solve

    proj = project(n_agents, required)
    plan = build_plan(proj, weights=Weights(shortage=1, shortage_deep=0, excess=1))
    # The project's requirement is the curve itself (no breaks, no rounding).
    flat = tuple(r for day in required for r in day)
    plan = replace(plan, problem=replace(plan.problem, required=flat + (0,) * (plan.problem.n_slots - len(flat))))
    started = time.monotonic()
    result = solve(plan.problem, SolveParams(time_limit_seconds=time_limit, workers=workers, seed=0))
    seconds = time.monotonic() - started
    from scheduler.planning import roster_from_result

    roster = roster_from_result(plan, result)
    shifts = [((s.day - START).days, s.start.hour) for s in roster.shifts]
    return shifts, seconds, validate(proj, roster), result


def run_pyworkforce(n_agents: int, required, time_limit: float, workers: int):
    from pyworkforce.rostering.binary_programming import MinHoursRoster
    from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources

    names = [f"{h:02d}:00" for h in range(24)]
    coverage = {name: [1 if (p - 2 * h) % PERIODS < 2 * SHIFT_HOURS else 0 for p in range(PERIODS)]
                for h, name in enumerate(names)}
    common = dict(num_days=DAYS, periods=PERIODS, shifts_coverage=coverage, required_resources=required,
                  max_period_concurrency=n_agents, max_shift_concurrency=n_agents,
                  max_search_time=time_limit, num_search_workers=workers)
    out = {}
    started = time.monotonic()
    mad = MinAbsDifference(**common).solve()
    out["MinAbsDifference"] = (mad, time.monotonic() - started)
    started = time.monotonic()
    mrr = MinRequiredResources(**common).solve()
    out["MinRequiredResources"] = (mrr, time.monotonic() - started)
    need = {name: [0] * DAYS for name in names}
    for item in mad["resources_shifts"]:
        if item["day"] >= 0:
            need[item["shift"]][item["day"]] = item["resources"]
    resources = [f"A{i + 1:03d}" for i in range(n_agents)]
    # No banned successions: MinHoursRoster writes a ban as Σ_j (x[d][s]·ban[s][j] + x[d+1][j]) ≤ 1, so a
    # shift with two banned successors can never be worked — with 11 h rest every shift from 07:00 on.
    started = time.monotonic()
    roster = MinHoursRoster(num_days=DAYS, resources=resources, shifts=names, shifts_hours=[8] * 24,
                            min_working_hours=40, banned_shifts=[], max_resting=2, required_resources=need,
                            non_sequential_shifts=None, max_search_time=time_limit,
                            num_search_workers=workers).solve()
    out["MinHoursRoster"] = (roster, time.monotonic() - started)
    return out, need


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=60.0, help="per solve, both tools")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--agents", type=int, default=160)
    args = parser.parse_args(argv)
    try:
        import pyworkforce  # noqa: F401
    except ImportError:
        print("pyworkforce is not installed: `pip install pyworkforce` (a benchmark-only dependency) "
              "and run again.", file=sys.stderr)
        return 2
    required = requirement(args.agents)
    print(f"requirement: {sum(map(sum, required)) / 2:,.0f} agent-hours, peak {max(map(max, required))} agents")
    peer, need = run_pyworkforce(args.agents, required, args.time_limit, args.workers)
    rows = []
    mad, mad_seconds = peer["MinAbsDifference"]
    mad_shifts = [(d, h) for h in range(24) for d in range(DAYS) for _ in range(need[f"{h:02d}:00"][d])]
    rows.append(("pyworkforce MinAbsDifference (no agents)", mad["status"], *score(mad_shifts, required), "—",
                 mad_seconds))
    mrr, mrr_seconds = peer["MinRequiredResources"]
    mrr_shifts = [(item["day"], int(item["shift"][:2])) for item in mrr["resources_shifts"] if item["day"] >= 0
                  for _ in range(item["resources"])]
    rows.append(("pyworkforce MinRequiredResources (no agents)", mrr["status"], *score(mrr_shifts, required), "—",
                 mrr_seconds))
    roster, roster_seconds = peer["MinHoursRoster"]
    named = []
    if roster.get("resource_shifts"):
        named = [(item["day"], int(item["shift"][:2]), item["resource"]) for item in roster["resource_shifts"]
                 if item["day"] >= 0]
    proj = project(args.agents, required)
    tl = proj.timeline
    mapped = Roster(tuple(ShiftAssignment(agent, START + timedelta(days=d),
                                          tl.wall_to_utc(START + timedelta(days=d), h * 60),
                                          tl.wall_to_utc(START + timedelta(days=d), h * 60 + 480), "8h")
                          for d, h, agent in named))
    violations = validate(proj, mapped) if named else []
    rows.append(("pyworkforce MinHoursRoster (160 named)", roster.get("status", "?"),
                 *score([(d, h) for d, h, _ in named], required), len(violations),
                 mad_seconds + roster_seconds))
    shifts, seconds, turnos_violations, result = run_turnos(args.agents, required, args.time_limit, args.workers)
    rows.append((f"Turnos ({args.agents} named, EU rules)", result.status.value, *score(shifts, required),
                 len(turnos_violations), seconds))
    print()
    print("| roster | status | short (agent-h) | over (agent-h) | short + over | rule violations (our validator) "
          "| seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, status, short, over, broken, secs in rows:
        print(f"| {name} | {status} | {short:,.1f} | {over:,.1f} | {short + over:,.1f} | {broken} | {secs:.1f} |")
    best = rows[0][2] + rows[0][3]
    ours = rows[-1][2] + rows[-1][3]
    print(f"\nTurnos short + over is {100 * (ours - best) / best if best else 0:+.1f} % against MinAbsDifference's "
          f"(a bound: no agents, no rules). pyworkforce violations by rule: "
          + (", ".join(f"{rule} {n}" for rule, n in sorted(_count(violations).items())) or "none"))
    return 0


def _count(violations) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in violations:
        counts[v.rule] = counts.get(v.rule, 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
