"""Hand edits of a roster as pure functions: the old roster in, a new one out.

The page records the result on the undo stack (``ProjectDocument.edit_roster``)
and the independent validator checks it at once. Edited shifts are locked so
that "re-solve around my changes" keeps them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from scheduler.breaks.placement import fixed_offset_breaks
from scheduler.domain import Project, Roster, ShiftAssignment, ShiftTemplate


def template_for(project: Project, shift: ShiftAssignment | None) -> ShiftTemplate:
    if shift is not None:
        for template in project.shift_templates:
            if template.name == shift.template:
                return template
    return project.shift_templates[0]


def start_choices(project: Project) -> list[tuple[ShiftTemplate, int]]:
    """Every (template, start minute of day) a shift may take."""
    return [(t, s) for t in project.shift_templates for s in t.starts()]


def clock_minutes(project: Project, template: ShiftTemplate) -> int:
    """A shift's length on the clock: the template's paid length plus its unpaid breaks."""
    try:
        from scheduler.domain.breaks import unpaid_minutes
    except ImportError:  # a core whose breaks never lengthen a shift
        return template.length_minutes
    return template.length_minutes + unpaid_minutes(project.break_rules, template.length_minutes, template.name)


def local_start(project: Project, shift: ShiftAssignment) -> int:
    local = shift.start.astimezone(project.site.zone)
    return local.hour * 60 + local.minute


def _without(roster: Roster, agent_id: str, day: date) -> list[ShiftAssignment]:
    return [s for s in roster.shifts if not (s.agent_id == agent_id and s.day == day)]


def set_shift(project: Project, roster: Roster, agent_id: str, day: date,
              template: ShiftTemplate, start_minute: int, *, lock: bool = True) -> Roster:
    """Give ``agent_id`` the shift of ``template`` starting at ``start_minute`` on ``day``.

    Breaks move with the shift, keeping their offsets from its start; a new
    shift (or one of another template) gets its breaks at their usual places.
    """
    timeline = project.timeline
    old = roster.shift_on(agent_id, day)
    start = timeline.wall_to_utc(day, start_minute)
    end = timeline.wall_to_utc(day, start_minute + clock_minutes(project, template))
    shift = ShiftAssignment(agent_id, day, start, end, template.name, (),
                            locked=lock or (old.locked if old else False))
    if old is not None and old.template == template.name and old.breaks:
        delta = start - old.start
        shift = replace(shift, breaks=tuple(replace(b, start=b.start + delta, end=b.end + delta)
                                            for b in old.breaks))
    elif project.break_rules:
        shift = fixed_offset_breaks(project, Roster((shift,))).shifts[0]
    return Roster(tuple(_without(roster, agent_id, day)) + (shift,))


def set_day_off(roster: Roster, agent_id: str, day: date) -> Roster:
    return Roster(tuple(_without(roster, agent_id, day)))


def move_shift(project: Project, roster: Roster, agent_id: str, day: date, minutes: int) -> Roster | None:
    """Move the shift by about ``minutes`` to the nearest start its template allows;
    None when that is where it already is."""
    shift = roster.shift_on(agent_id, day)
    if shift is None:
        return None
    template = template_for(project, shift)
    current = local_start(project, shift)
    wanted = current + minutes
    starts = list(template.starts())
    best = min(starts, key=lambda s: (abs(s - wanted), s))
    if best == current:
        return None
    return set_shift(project, roster, agent_id, day, template, best)


def move_break(roster: Roster, agent_id: str, day: date, index: int, minutes: int) -> Roster | None:
    """Move break ``index`` of the shift by ``minutes``, kept inside the shift."""
    shift = roster.shift_on(agent_id, day)
    if shift is None or not 0 <= index < len(shift.breaks) or not minutes:
        return None
    pause = shift.breaks[index]
    delta = timedelta(minutes=minutes)
    if pause.start + delta < shift.start:
        delta = shift.start - pause.start
    if pause.end + delta > shift.end:
        delta = shift.end - pause.end
    if not delta:
        return None
    moved = replace(pause, start=pause.start + delta, end=pause.end + delta)
    breaks = tuple(moved if i == index else b for i, b in enumerate(shift.breaks))
    edited = replace(shift, breaks=breaks, locked=True)
    return Roster(tuple(_without(roster, agent_id, day)) + (edited,))


def set_break_start(roster: Roster, agent_id: str, day: date, index: int, start) -> Roster | None:
    shift = roster.shift_on(agent_id, day)
    if shift is None or not 0 <= index < len(shift.breaks):
        return None
    minutes = round((start - shift.breaks[index].start).total_seconds() / 60)
    return move_break(roster, agent_id, day, index, minutes)


def set_locked(roster: Roster, cells: list[tuple[str, date]], locked: bool) -> Roster:
    wanted = set(cells)
    return Roster(tuple(replace(s, locked=locked) if (s.agent_id, s.day) in wanted else s
                        for s in roster.shifts))


def locks_of(roster: Roster, locked_off: set) -> dict[tuple[str, date], ShiftAssignment | None]:
    """What a re-solve must keep: locked shifts, and locked days off as None."""
    locks: dict[tuple[str, date], ShiftAssignment | None] = {
        (s.agent_id, s.day): s for s in roster.shifts if s.locked}
    for agent_id, day in locked_off:
        locks.setdefault((agent_id, day), None)
    return locks
