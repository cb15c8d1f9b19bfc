"""Curtois & Qu employee shift scheduling benchmark on the Turnos engine.

    python benchmarks/curtois.py ../shared/bench/curtois/Instance1.txt ... [--time-limit 60] [--workers 2]

Each instance is read, mapped onto the same ``solver.solve`` a call center
uses — one pseudo-slot per (day, shift type) with the instance's under- and
over-cover weights, shift types as option tags, and the staff rules as the
engine's general rule families (per-tag count limits, run limits on shifts and
days off, working weekends, minutes over the horizon, forbidden next-day
successions, fixed days off, on/off shift requests) — solved, and the roster is
then checked and scored by :func:`check` below, which reads only the instance.
Prints ``name objective bound seconds`` per instance, then a table.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from solver import (  # noqa: E402
    ANY,
    OFF,
    AgentSpec,
    CountLimit,
    Problem,
    RunLimit,
    ShiftOption,
    ShiftRequest,
    SolveParams,
    Weights,
    solve,
)

BEST_KNOWN = {
    "Instance1": 607, "Instance2": 828, "Instance3": 1001, "Instance4": 1716, "Instance5": 1143,
    "Instance6": 1950, "Instance7": 1056, "Instance8": 1300, "Instance9": 439, "Instance10": 4631,
}


@dataclass
class Staff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int
    days_off: set[int] = field(default_factory=set)


@dataclass
class Instance:
    name: str
    days: int
    shifts: dict[str, int]  # id -> minutes
    forbidden: dict[str, set[str]]  # id -> ids that may not follow the next day
    staff: list[Staff]
    on_requests: list[tuple[str, int, str, int]]
    off_requests: list[tuple[str, int, str, int]]
    cover: dict[tuple[int, str], tuple[int, int, int]]  # (day, shift) -> (need, under w, over w)


def read_instance(path: Path) -> Instance:
    sections: dict[str, list[list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            sections[current] = []
            continue
        sections[current].append([part.strip() for part in line.split(",")])
    days = int(sections["SECTION_HORIZON"][0][0])
    shifts, forbidden = {}, {}
    for row in sections["SECTION_SHIFTS"]:
        shifts[row[0]] = int(row[1])
        forbidden[row[0]] = {s for s in (row[2].split("|") if len(row) > 2 else []) if s}
    staff = []
    for row in sections["SECTION_STAFF"]:
        limits = {}
        for item in row[1].split("|"):
            if item:
                shift, most = item.split("=")
                limits[shift] = int(most)
        staff.append(Staff(row[0], limits, *map(int, row[2:8])))
    by_id = {s.id: s for s in staff}
    for row in sections.get("SECTION_DAYS_OFF", []):
        by_id[row[0]].days_off.update(int(d) for d in row[1:] if d)
    on = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_ON_REQUESTS", [])]
    off = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_OFF_REQUESTS", [])]
    cover = {(int(r[0]), r[1]): (int(r[2]), int(r[3]), int(r[4])) for r in sections["SECTION_COVER"]}
    return Instance(path.stem, days, shifts, forbidden, staff, on, off, cover)


def to_problem(inst: Instance) -> Problem:
    """The instance as a Turnos problem: pseudo-slot ``d * K + k`` is shift type ``k`` on day ``d``."""
    types = list(inst.shifts)
    k_of = {s: k for k, s in enumerate(types)}
    n_types = len(types)
    options = tuple(
        tuple(ShiftOption(d * 1440, d * 1440 + inst.shifts[s], inst.shifts[s], label=s, tags=frozenset({s}),
                          cover=(d * n_types + k,), start_clock=k)
              for k, s in enumerate(types))
        for d in range(inst.days))
    required, weights = [], []
    for d in range(inst.days):
        for s in types:
            need, under, over = inst.cover.get((d, s), (0, 0, 0))
            required.append(need)
            weights.append((under, over))
    weeks = -(-inst.days // 7)
    agents = []
    for st in inst.staff:
        allowed = tuple(() if d in st.days_off else tuple(k for k, s in enumerate(types)
                                                         if st.max_shifts.get(s, 0) > 0)
                        for d in range(inst.days))
        counts = tuple(CountLimit(s, most=st.max_shifts.get(s, 0), period="horizon", name=f"max_{s}")
                       for s in types if st.max_shifts.get(s, 0) < inst.days)
        runs = (RunLimit(ANY, most=st.max_consecutive, least=st.min_consecutive, name="consecutive_shifts"),
                RunLimit(OFF, least=st.min_days_off, name="consecutive_days_off"))
        requests = tuple(ShiftRequest(day, (k_of[s],), True, w, "shift_on_request")
                         for e, day, s, w in inst.on_requests if e == st.id) + tuple(
            ShiftRequest(day, (k_of[s],), False, w, "shift_off_request")
            for e, day, s, w in inst.off_requests if e == st.id)
        agents.append(AgentSpec(
            st.id, allowed, (0,) * weeks, (7 * 1440,) * weeks, (0,) * weeks, (7,) * weeks,
            counts=counts, runs=runs, shift_requests=requests,
            total_minutes=(st.min_minutes, st.max_minutes), max_weekends=st.max_weekends))
    weekends = tuple(tuple(d for d in (w * 7 + 5, w * 7 + 6) if d < inst.days) for w in range(weeks))
    return Problem(
        days=inst.days, week_of_day=tuple(d // 7 for d in range(inst.days)), options=options, slot_minutes=1,
        required=tuple(required), agents=tuple(agents), min_rest_minutes=0, max_consecutive_days=inst.days,
        weights=Weights(shortage_deep=0), slot_weights=tuple(weights),
        forbidden_successions=tuple((a, b) for a, bs in inst.forbidden.items() for b in sorted(bs)),
        weekends=weekends)


# -- the independent checker: reads only the instance and the roster ------------------
def check(inst: Instance, roster: dict[tuple[str, int], str]) -> tuple[int, list[str]]:
    """(objective, broken hard constraints) of ``roster``: (staff id, day) -> shift id."""
    broken = []
    for st in inst.staff:
        work = [roster.get((st.id, d)) for d in range(inst.days)]
        for s in inst.shifts:
            if sum(1 for w in work if w == s) > st.max_shifts.get(s, 0):
                broken.append(f"{st.id}: too many {s}")
        minutes = sum(inst.shifts[w] for w in work if w)
        if not st.min_minutes <= minutes <= st.max_minutes:
            broken.append(f"{st.id}: {minutes} minutes")
        for d in range(inst.days - 1):
            if work[d] and work[d + 1] and work[d + 1] in inst.forbidden[work[d]]:
                broken.append(f"{st.id}: {work[d]} then {work[d + 1]} on day {d + 1}")
        for d in st.days_off:
            if work[d]:
                broken.append(f"{st.id}: works fixed day off {d}")
        runs = _runs([w is not None for w in work])
        for start, length, on in runs:
            inner = start > 0 and start + length < inst.days
            if on and length > st.max_consecutive:
                broken.append(f"{st.id}: {length} shifts in a row from day {start}")
            if on and inner and length < st.min_consecutive:
                broken.append(f"{st.id}: only {length} shifts in a row from day {start}")
            if not on and inner and length < st.min_days_off:
                broken.append(f"{st.id}: only {length} days off from day {start}")
        weekends = sum(1 for w in range(inst.days // 7) if work[7 * w + 5] or work[7 * w + 6])
        if weekends > st.max_weekends:
            broken.append(f"{st.id}: {weekends} weekends")
    cost = 0
    for e, d, s, w in inst.on_requests:
        if roster.get((e, d)) != s:
            cost += w
    for e, d, s, w in inst.off_requests:
        if roster.get((e, d)) == s:
            cost += w
    for (d, s), (need, under, over) in inst.cover.items():
        have = sum(1 for st in inst.staff if roster.get((st.id, d)) == s)
        cost += under * max(0, need - have) + over * max(0, have - need)
    return cost, broken


def _runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    out, start = [], 0
    for d in range(1, len(flags) + 1):
        if d == len(flags) or flags[d] != flags[start]:
            out.append((start, d - start, flags[start]))
            start = d
    return out


def run(path: Path, params: SolveParams) -> tuple[str, int, float, float, list[str]]:
    inst = read_instance(path)
    problem = to_problem(inst)
    started = time.monotonic()
    result = solve(problem, params)
    seconds = time.monotonic() - started
    if not result.status.has_roster:
        return inst.name, -1, float(result.bound or 0), seconds, [f"no roster ({result.status.value})"]
    types = list(inst.shifts)
    roster = {(inst.staff[a].id, d): types[o] for a, days in enumerate(result.choice)
              for d, o in enumerate(days) if o is not None}
    cost, broken = check(inst, roster)
    if cost != result.objective:
        broken.append(f"engine says {result.objective:g}, checker {cost}")
    return inst.name, cost, float(result.bound or 0), seconds, broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instances", nargs="+", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    params = SolveParams(time_limit_seconds=args.time_limit, workers=args.workers, seed=args.seed)
    rows = []
    for path in args.instances:
        name, cost, bound, seconds, broken = run(path, params)
        print(f"{name} {cost} {bound:.0f} {seconds:.1f}", flush=True)
        for line in broken:
            print(f"  ! {line}", flush=True)
        rows.append((name, cost, bound, seconds, broken))
    print()
    print("| instance | best known | ours | bound | seconds | hard rules |")
    print("|---|---|---|---|---|---|")
    for name, cost, bound, seconds, broken in rows:
        print(f"| {name} | {BEST_KNOWN.get(name, '?')} | {cost} | {bound:.0f} | {seconds:.1f} | "
              f"{'ok' if not broken else f'{len(broken)} broken'} |")
    return 0 if all(not r[4] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
