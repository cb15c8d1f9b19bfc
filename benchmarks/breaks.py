"""Break placement: staggering gain and time.

    python benchmarks/breaks.py [--agents 50 300] [--shift-time 60] [--break-time 30]

For each center (50 = the bundled sample, other sizes generated), shifts are
solved first; then breaks are placed (a) by Turnos and (b) at fixed offsets
(every screen pause on its hour mark, the rest 4 h into the shift), and the
shortage of agents on the phone against required is measured in agent-minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.breaks.placement import add_breaks, break_problem, fixed_offset_breaks  # noqa: E402
from scheduler.breaks.presets import apply_preset  # noqa: E402
from scheduler.generate import generate_center  # noqa: E402
from scheduler.planning import build_plan, roster_from_result  # noqa: E402
from scheduler.store import load_project  # noqa: E402
from scheduler.validate import validate  # noqa: E402
from solver import SolveParams, solve  # noqa: E402
from solver.breaks import shortage_minutes  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "demo.turnos"


def run(n_agents: int, shift_time: float, break_time: float) -> dict:
    project = load_project(SAMPLE) if n_agents == 50 else generate_center(n_agents)
    project = apply_preset(project, "es-contact-center")
    plan = build_plan(project)
    result = solve(plan.problem, SolveParams(time_limit_seconds=shift_time, seed=1))
    roster = roster_from_result(plan, result)
    started = time.perf_counter()
    placed = add_breaks(project, roster, time_limit=break_time, seed=1)
    seconds = time.perf_counter() - started
    problem, _ = break_problem(project, roster)
    timeline = project.timeline

    def starts(r):
        return tuple(tuple(timeline.utc_to_minutes(b.start) for b in s.breaks) for s in r.shifts)

    no_breaks = replace(problem, shifts=tuple(replace(s, breaks=(), gaps=()) for s in problem.shifts))
    violations = [v for v in validate(project, placed.roster) if v.rule.startswith("break")]
    return {
        "agents": n_agents,
        "shifts": len(roster.shifts),
        "breaks": sum(len(s.breaks) for s in placed.roster.shifts),
        "short_no_breaks": shortage_minutes(no_breaks, tuple(() for _ in problem.shifts)),
        "short_fixed": shortage_minutes(problem, starts(fixed_offset_breaks(project, roster))),
        "short_turnos": shortage_minutes(problem, starts(placed.roster)),
        "seconds": seconds,
        "violations": len(violations),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, nargs="+", default=[50, 300])
    parser.add_argument("--shift-time", type=float, default=60.0)
    parser.add_argument("--break-time", type=float, default=30.0)
    args = parser.parse_args()
    print("| agents | shifts | breaks | short, no breaks (agent-min) | short, fixed offsets | "
          "short, Turnos | gain vs fixed | placement s | break violations |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.agents:
        row = run(n, args.shift_time, args.break_time)
        added_fixed = row["short_fixed"] - row["short_no_breaks"]
        added_ours = row["short_turnos"] - row["short_no_breaks"]
        gain = 1 - added_ours / added_fixed if added_fixed else 0.0
        print(f"| {row['agents']} | {row['shifts']} | {row['breaks']} | {row['short_no_breaks']:,} | "
              f"{row['short_fixed']:,} | {row['short_turnos']:,} | {gain:.0%} of the break-caused shortage | "
              f"{row['seconds']:.1f} | {row['violations']} |", flush=True)


if __name__ == "__main__":
    main()
