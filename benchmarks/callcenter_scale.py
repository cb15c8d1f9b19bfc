"""How fast does the engine roster generated call centers of 50, 150 and 300 agents?

    python benchmarks/callcenter_scale.py [--sizes 50 150 300] [--time-limit 60] [--workers 0]

Each size runs in its own subprocess (so peak memory is that size's): a
center from ``scheduler.generate.generate_center(n, weeks=4)`` (15-minute
intervals, Erlang C requirement, the default labour rules and soft weights),
planned and solved with ``solver.solve``. Reported: seconds to the first
roster, seconds until the roster is within 3 % of the bound known at that
moment, the final gap, and the peak resident memory (``getrusage`` maxrss).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def one(n_agents: int, time_limit: float, workers: int, seed: int) -> dict:
    import resource

    from scheduler.generate import generate_center
    from scheduler.planning import build_plan
    from solver import SolveParams, solve

    started = time.monotonic()
    plan = build_plan(generate_center(n_agents, weeks=4))
    plan_seconds = time.monotonic() - started
    events = []

    def progress(update):
        events.append((update.elapsed_seconds, update.objective, update.bound))

    result = solve(plan.problem, SolveParams(time_limit_seconds=time_limit, workers=workers, seed=seed), progress)
    first = next((t for t, obj, _ in events if obj is not None), None)
    within = next((t for t, obj, bound in events
                   if obj is not None and bound is not None and obj > 0 and (obj - bound) / obj <= 0.03), None)
    if within is None and result.gap is not None and result.gap <= 0.03:
        within = result.wall_seconds
    return {
        "agents": n_agents,
        "plan_seconds": round(plan_seconds, 2),
        "x_vars": sum(len(options) for agent in plan.problem.agents for options in agent.allowed),
        "first": first,
        "within_3pct": within,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "status": result.status.value,
        "seconds": round(result.wall_seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.time_limit, args.workers, args.seed)))
        return 0
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--time-limit", str(args.time_limit),
                              "--workers", str(args.workers), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(json.dumps(row), flush=True)
        rows.append(row)

    def secs(value):
        return "—" if value is None else f"{value:.1f}"

    print()
    print("| agents | shift variables | first roster (s) | within 3 % of bound (s) | final gap | objective | bound "
          "| peak memory (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        gap = "—" if r["gap"] is None else f"{r['gap']:.1%}"
        print(f"| {r['agents']} | {r['x_vars']:,} | {secs(r['first'])} | {secs(r['within_3pct'])} | {gap} | "
              f"{r['objective']:,.0f} | {r['bound']:,.0f} | {r['peak_mb']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
