"""A joint shift-and-break model for one day, for measuring the two-pass design.

Small cases only: every agent picks one shift start and, with it, every
break position, minimising the same convex per-tick shortage of agents on the
phone as the break pass. Its optimum is what the two-pass design (shifts,
then breaks) is compared with in benchmarks/breaks_joint.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.breaks import BreakSlot, tiers_above


@dataclass(frozen=True)
class JointShift:
    start: int
    end: int
    breaks: tuple[BreakSlot, ...]  # absolute windows for this start
    gaps: tuple[tuple[int, int, int, int], ...] = ()


def solve_joint(shapes: list[JointShift], agents: int, required: list[int], tick: int = 5,
                shortage: int = 100, deep: int = 100, time_limit: float = 60.0,
                workers: int = 0) -> tuple[int, bool]:
    """(shortage agent-minutes, proven optimal) of the best joint roster for one day."""
    m = cp_model.CpModel()
    on_phone: list[list] = [[] for _ in required]
    for a in range(agents):
        picks = [m.new_bool_var(f"x{a}_{s}") for s in range(len(shapes))]
        m.add_exactly_one(picks)
        for s, (shape, pick) in enumerate(zip(shapes, picks)):
            for k in range(shape.start // tick, min(len(required), shape.end // tick)):
                on_phone[k].append((1, pick))
            starts = []
            intervals = []
            for b, slot in enumerate(shape.breaks):
                lits = {p: m.new_bool_var(f"b{a}_{s}_{b}_{p}") for p in slot.starts()}
                m.add(sum(lits.values()) == pick)
                start = m.new_int_var(slot.earliest, slot.latest, f"st{a}_{s}_{b}")
                m.add(start == sum(p * lit for p, lit in lits.items()) + slot.earliest * (1 - pick))
                starts.append(start)
                intervals.append(m.new_optional_fixed_size_interval_var(start, slot.length, pick, f"iv{a}_{s}_{b}"))
                for p, lit in lits.items():
                    for k in range(p // tick, -(-(p + slot.length) // tick)):
                        if k < len(required):
                            on_phone[k].append((-1, lit))
            m.add_no_overlap(intervals)
            for i, j, low, high in shape.gaps:
                gap = starts[j] - starts[i] - shape.breaks[i].length
                m.add_linear_constraint(gap, low, high).only_enforce_if(pick)
    cost = []
    for k, need in enumerate(required):
        phone = sum(c * lit for c, lit in on_phone[k]) if on_phone[k] else 0
        short = m.new_int_var(0, max(need, 0), f"short{k}")
        m.add(short >= need - phone)
        cost.append(shortage * short)
        cost += [deep * extra for _, extra in tiers_above(m, short, need, f"deep{k}")]
    m.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers or 2
    code = solver.solve(m)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("the joint model found no roster in time")
    short_total = 0
    for k, need in enumerate(required):
        phone = sum(c * int(solver.boolean_value(lit)) for c, lit in on_phone[k])
        short_total += max(0, need - phone)
    return short_total * tick, code == cp_model.OPTIMAL
