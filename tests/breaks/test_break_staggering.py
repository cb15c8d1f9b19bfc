"""Breaks are staggered: no interval loses much more than its share of agents to breaks."""

from __future__ import annotations

from collections import defaultdict

import pytest

from scheduler.breaks.placement import break_problem, fixed_offset_breaks
from scheduler.breaks.presets import apply_preset
from scheduler.generate import generate_center
from scheduler.solving import solve_project
from scheduler.staffing.requirements import required_per_slot
from scheduler.validate import validate
from solver import SolveParams
from solver.breaks import shortage_minutes


@pytest.fixture(scope="module")
def solved():
    project = apply_preset(generate_center(24, weeks=1), "es-contact-center")
    outcome = solve_project(project, SolveParams(time_limit_seconds=8, workers=2, seed=1), break_time_limit=8)
    assert outcome.violations == ()
    return project, outcome.roster


def _break_load(project, roster):
    """Per 15-min interval: (agent-minutes on break, agents on shift)."""
    tl = project.timeline
    on_break, on_shift = defaultdict(int), defaultdict(int)
    for shift in roster.shifts:
        start, end = tl.utc_to_minutes(shift.start), tl.utc_to_minutes(shift.end)
        for slot in range(start // 15, end // 15):
            on_shift[slot] += 1
        for pause in shift.breaks:
            a, b = tl.utc_to_minutes(pause.start), tl.utc_to_minutes(pause.end)
            for minute in range(a, b):
                on_break[minute // 15] += 1
    return on_break, on_shift


def _excess_over_allowance(project, roster):
    """Largest number of agents on break beyond what an interval allows.

    An interval may lose to breaks its slack (agents on shift above required)
    plus twice its fair share (agents on shift × the roster's break share:
    screen pauses are pinned to ±15 min of each hour mark, so agents starting
    together must pause close together), plus one and a half agents: a
    15–20 min rest fills a whole interval for one agent.
    """
    on_break, on_shift = _break_load(project, roster)
    share = sum(on_break.values()) / (15 * sum(on_shift.values()))
    required = required_per_slot(project)
    worst = 0.0
    for slot, shift_count in on_shift.items():
        if slot >= len(required):
            continue
        allowed = max(shift_count - required[slot], 0) + 2 * shift_count * share + 1.5
        worst = max(worst, on_break[slot] / 15 - allowed)
    return worst


def test_no_interval_loses_more_agents_to_breaks_than_it_can_spare(solved):
    project, roster = solved
    assert _excess_over_allowance(project, roster) <= 0
    # The hand-made way (every pause on the hour mark) fails the same check.
    assert _excess_over_allowance(project, fixed_offset_breaks(project, roster)) > 0


def test_staggered_breaks_leave_less_shortage_than_fixed_offsets(solved):
    project, roster = solved
    problem, _ = break_problem(project, roster)
    tl = project.timeline

    def starts(r):
        return tuple(tuple(tl.utc_to_minutes(b.start) for b in s.breaks) for s in r.shifts)

    fixed = fixed_offset_breaks(project, roster)
    assert shortage_minutes(problem, starts(roster)) < shortage_minutes(problem, starts(fixed))
    assert not [v for v in validate(project, roster) if v.rule.startswith("break")]
