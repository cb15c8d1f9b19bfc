"""Two-pass (shifts, then breaks) vs a joint shift-and-break optimum, on small days.

    python benchmarks/breaks_joint.py [--agents 6 8 10] [--time-limit 60]

One day, identical agents working one 8 h shift each (starts 06:00–14:00 every
hour), the Spain contact-center break preset (8 screen pauses + a 15-min rest),
a morning-peaked requirement on the phone. Prints the shortage in agent-minutes
of both designs and the coverage the two-pass design loses.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.breaks.presets import preset  # noqa: E402
from scheduler.generate import intraday_calls  # noqa: E402
from solver import AgentSpec, Problem, ShiftOption, SolveParams, solve  # noqa: E402
from solver.breaks import BreakProblem, BreakSlot, ShiftBreaks, place_breaks  # noqa: E402
from solver.breaks_joint import JointShift, solve_joint  # noqa: E402

TICK, SLOT, LENGTH = 5, 15, 480
STARTS = [h * 60 for h in range(6, 15)]


def break_slots(start: int, rules) -> tuple[tuple[BreakSlot, ...], tuple]:
    slots, gaps, last = [], [], {}
    for rule in rules:
        for i in range(rule.breaks_for(LENGTH)):
            low, high = rule.window(i, LENGTH)
            if rule.name in last:
                gaps.append((last[rule.name], len(slots), rule.min_gap_minutes, rule.max_gap_minutes))
            last[rule.name] = len(slots)
            slots.append(BreakSlot(rule.name, rule.length_minutes, start + low, start + high, rule.step_minutes))
    return tuple(slots), tuple(gaps)


def requirement(agents: int) -> list[int]:
    """Agents needed on the phone per 15 min over 24 h, peaking near 0.75 × agents."""
    peak = intraday_calls(11 * 60, 1.0)
    return [max(0, math.floor(0.8 * agents * intraday_calls(q * 15 + 7.5, 1.0) / peak)) for q in range(96)]


def two_pass(agents: int, on_phone_slots: list[int], rules, time_limit: float) -> int:
    share = sum(r.breaks_for(LENGTH) * r.length_minutes for r in rules) / LENGTH
    on_duty = [int(r / (1 - share) + 0.5) if r else 0 for r in on_phone_slots]
    options = tuple(ShiftOption(s, s + LENGTH, LENGTH, label=str(s)) for s in STARTS)
    specs = tuple(AgentSpec(f"a{i}", (tuple(range(len(options))),), (LENGTH,), (LENGTH,), (1,), (1,))
                  for i in range(agents))
    problem = Problem(1, (0,), (options,), SLOT, tuple(on_duty), specs, min_rest_minutes=0)
    result = solve(problem, SolveParams(time_limit_seconds=time_limit, workers=2, seed=1))
    shifts = []
    for days in result.choice:
        start = options[days[0]].start
        slots, gaps = break_slots(start, rules)
        shifts.append(ShiftBreaks(start, start + LENGTH, 0, slots, gaps))
    ticks = tuple(r for r in on_phone_slots for _ in range(SLOT // TICK))
    return place_breaks(BreakProblem(TICK, ticks, tuple(shifts)), time_limit=time_limit).shortage_minutes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, nargs="+", default=[6, 8, 10])
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    rules = preset("es-contact-center").rules
    print("| agents | two-pass shortage (agent-min) | joint optimum | joint proven | coverage lost by two-pass | "
          "two-pass s | joint s |")
    print("|---|---|---|---|---|---|---|")
    for agents in args.agents:
        slots = requirement(agents)
        started = time.perf_counter()
        ours = two_pass(agents, slots, rules, args.time_limit)
        ours_s = time.perf_counter() - started
        shapes = []
        for s in STARTS:
            b, g = break_slots(s, rules)
            shapes.append(JointShift(s, s + LENGTH, b, g))
        started = time.perf_counter()
        joint, proven = solve_joint(shapes, agents, [r for r in slots for _ in range(SLOT // TICK)],
                                    time_limit=args.time_limit)
        joint_s = time.perf_counter() - started
        need = sum(slots) * SLOT
        print(f"| {agents} | {ours:,} | {joint:,} | {'yes' if proven else 'no'} | "
              f"{(ours - joint) / need:.2%} of required agent-minutes ({ours - joint:+,}) | "
              f"{ours_s:.1f} | {joint_s:.1f} |", flush=True)


if __name__ == "__main__":
    main()
