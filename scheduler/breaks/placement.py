"""Place the project's mandated breaks inside a roster's shifts.

Offsets in break rules are real elapsed minutes from the shift start; the
windows become absolute elapsed minutes for the engine, and the engine's
starts come back as instants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from scheduler.domain import BreakAssignment, BreakRule, Project, Roster, ShiftAssignment
from scheduler.staffing.requirements import required_per_slot
from solver.breaks import BreakProblem, BreakSlot, ShiftBreaks, place_breaks

TICK = 5


@dataclass(frozen=True)
class PlannedBreak:
    rule: BreakRule
    index: int  # 0-based among breaks of this kind in the shift


def nominal_minutes(shift: ShiftAssignment, project: Project) -> int:
    """The shift's paid (template) length, which decides which break rules apply."""
    for template in project.shift_templates:
        if template.name == shift.template:
            return template.length_minutes
    return shift.minutes


def planned_breaks(shift: ShiftAssignment, project: Project) -> list[PlannedBreak]:
    length = nominal_minutes(shift, project)
    planned = []
    for rule in project.break_rules:
        for index in range(rule.breaks_for(length, shift.template)):
            planned.append(PlannedBreak(rule, index))
    return planned


def break_spec(shift: ShiftAssignment, project: Project) -> tuple[list[PlannedBreak], ShiftBreaks]:
    timeline = project.timeline
    start = timeline.utc_to_minutes(shift.start)
    end = timeline.utc_to_minutes(shift.end)
    planned = planned_breaks(shift, project)
    slots, gaps = [], []
    previous_of_kind: dict[str, int] = {}
    for i, item in enumerate(planned):
        low, high = item.rule.window(item.index, shift.minutes)
        slots.append(BreakSlot(item.rule.name, item.rule.length_minutes, start + low, start + high,
                               item.rule.step_minutes))
        if item.rule.name in previous_of_kind:
            gaps.append((previous_of_kind[item.rule.name], i, item.rule.min_gap_minutes,
                         item.rule.max_gap_minutes))
        previous_of_kind[item.rule.name] = i
    day = (shift.day - project.horizon.start).days
    return planned, ShiftBreaks(start, end, day, tuple(slots), tuple(gaps))


def required_per_tick(project: Project, required_slots: list[int] | None = None) -> tuple[int, ...]:
    slots = required_slots if required_slots is not None else required_per_slot(project)
    per_slot = project.site.interval_minutes // TICK
    return tuple(r for r in slots for _ in range(per_slot))


def break_problem(project: Project, roster: Roster) -> tuple[BreakProblem, list[list[PlannedBreak]]]:
    specs, planned = [], []
    for shift in roster.shifts:
        items, spec = break_spec(shift, project)
        planned.append(items)
        specs.append(spec)
    return BreakProblem(TICK, required_per_tick(project), tuple(specs)), planned


@dataclass(frozen=True)
class BreakOutcome:
    roster: Roster
    shortage_minutes: int
    seconds: float
    unplaced: tuple[ShiftAssignment, ...]


def add_breaks(
    project: Project,
    roster: Roster,
    *,
    time_limit: float = 30.0,
    workers: int = 0,
    seed: int = 0,
    keep_locked: bool = True,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    reproducible: bool = False,
) -> BreakOutcome:
    """The roster with every shift's mandated breaks placed (locked shifts keep theirs).

    ``reproducible``: the time limit counts work, not seconds (see ``solver.clock``).
    """
    problem, planned = break_problem(project, roster)
    if keep_locked:
        problem = replace(problem, shifts=tuple(
            replace(spec, breaks=(), gaps=()) if shift.locked and shift.breaks else spec
            for shift, spec in zip(roster.shifts, problem.shifts)))
    result = place_breaks(problem, time_limit=time_limit, workers=workers, seed=seed,
                          progress=progress, should_stop=should_stop, reproducible=reproducible)
    timeline = project.timeline
    shifts, unplaced = [], []
    for shift, items, starts in zip(roster.shifts, planned, result.starts):
        if keep_locked and shift.locked and shift.breaks:
            shifts.append(shift)
            continue
        if starts is None:
            unplaced.append(shift)
            shifts.append(replace(shift, breaks=()))
            continue
        breaks = tuple(
            BreakAssignment(item.rule.name, timeline.minutes_to_utc(begin),
                            timeline.minutes_to_utc(begin) + timedelta(minutes=item.rule.length_minutes),
                            item.rule.paid)
            for item, begin in zip(items, starts))
        shifts.append(replace(shift, breaks=breaks))
    return BreakOutcome(Roster(tuple(shifts)), result.shortage_minutes, result.seconds, tuple(unplaced))


def fixed_offset_breaks(project: Project, roster: Roster) -> Roster:
    """Every break at a fixed place (its window's middle, or its hour mark): the hand-made way.

    Used to measure what staggering gains; the result still obeys the rules.
    """
    timeline = project.timeline
    shifts = []
    for shift in roster.shifts:
        items, spec = break_spec(shift, project)
        breaks = []
        for item, slot in zip(items, spec.breaks):
            if item.rule.around_mark_minutes:
                begin = spec.start + (item.index + 1) * item.rule.every_minutes
                begin = min(max(begin, slot.earliest), slot.latest)
            else:
                begin = spec.start + 4 * 60 if slot.earliest <= spec.start + 240 <= slot.latest \
                    else slot.earliest
            begin = begin // item.rule.step_minutes * item.rule.step_minutes
            breaks.append(BreakAssignment(item.rule.name, timeline.minutes_to_utc(begin),
                                          timeline.minutes_to_utc(begin + item.rule.length_minutes),
                                          item.rule.paid))
        shifts.append(replace(shift, breaks=tuple(_separate(breaks))))
    return Roster(tuple(shifts))


def _separate(breaks: list[BreakAssignment]) -> list[BreakAssignment]:
    """Shift a fixed-offset break that would overlap the previous one to just after it."""
    out: list[BreakAssignment] = []
    for pause in sorted(breaks, key=lambda b: b.start):
        if out and pause.start < out[-1].end:
            length = pause.end - pause.start
            pause = replace(pause, start=out[-1].end, end=out[-1].end + length)
        out.append(pause)
    return out
