"""Independent checks of the breaks inside a shift, rule by rule.

Written from the rules' wording, not from the placement code: count, length,
window (offsets from the shift start, distance from its end, the hour mark),
work before the first break, gaps between consecutive breaks, overlaps.
"""

from __future__ import annotations

from scheduler.domain import BreakAssignment, Project, ShiftAssignment
from scheduler.domain.breaks import BreakRule


def _minutes(a, b) -> int:
    return round((b - a).total_seconds() / 60)


def _paid_length(shift: ShiftAssignment, project: Project) -> int:
    for template in project.shift_templates:
        if template.name == shift.template:
            return template.length_minutes
    return shift.paid_minutes


def check_breaks(project: Project, shift: ShiftAssignment, describe) -> list:
    """Violations of the break rules in ``shift``; ``describe(rule, message)`` makes one."""
    out = []
    zone = project.site.zone
    when = f"{shift.start.astimezone(zone):%a %d/%m %H:%M}"
    rules = {rule.name: rule for rule in project.break_rules}
    length = _paid_length(shift, project)
    for pause in shift.breaks:
        if pause.kind not in rules:
            out.append(describe("break_kind", f'the shift of {when} has a break "{pause.kind}" that no rule defines'))
    ordered = sorted(shift.breaks, key=lambda b: b.start)
    for first, second in zip(ordered, ordered[1:]):
        if second.start < first.end:
            out.append(describe("break_overlap", f"in the shift of {when}, {first.kind} and {second.kind} overlap"))
    for rule in project.break_rules:
        mine = [b for b in ordered if b.kind == rule.name]
        out += _check_rule(rule, shift, mine, length, when, describe)
    return out


def _check_rule(rule: BreakRule, shift: ShiftAssignment, mine: list[BreakAssignment], length: int,
                when: str, describe) -> list:
    out = []
    expected = rule.breaks_for(length, shift.template)
    if len(mine) != expected:
        out.append(describe("break_count", f"the shift of {when} has {len(mine)} × {rule.name}; "
                                           f"the rule asks for {expected}"))
    for index, pause in enumerate(mine):
        offset = _minutes(shift.start, pause.start)
        before_end = _minutes(pause.end, shift.end)
        clock = f"{pause.start.astimezone(shift.start.tzinfo):%H:%M}"
        if pause.minutes != rule.length_minutes:
            out.append(describe("break_length", f"{rule.name} at {clock} in the shift of {when} lasts "
                                                f"{pause.minutes} min; it must last {rule.length_minutes}"))
        if pause.paid != rule.paid:
            out.append(describe("break_kind", f"{rule.name} at {clock} in the shift of {when} is marked "
                                              f"{'paid' if pause.paid else 'unpaid'}, the rule says otherwise"))
        if offset < 0 or before_end < 0:
            out.append(describe("break_window", f"{rule.name} at {clock} is outside the shift of {when}"))
            continue
        if not rule.earliest_offset <= offset <= rule.latest_offset or before_end < rule.latest_before_end:
            out.append(describe("break_window",
                                f"{rule.name} at {clock} in the shift of {when} starts {offset} min into the "
                                f"shift; allowed {rule.earliest_offset}–{rule.latest_offset} min and at least "
                                f"{rule.latest_before_end} min before the end"))
        if rule.around_mark_minutes:
            mark = (index + 1) * rule.every_minutes
            if abs(offset - mark) > rule.around_mark_minutes:
                out.append(describe("break_window",
                                    f"{rule.name} no. {index + 1} at {clock} in the shift of {when} is "
                                    f"{abs(offset - mark)} min from its mark ({mark} min into the shift); "
                                    f"at most {rule.around_mark_minutes}"))
        if index == 0 and offset < rule.min_work_before:
            out.append(describe("break_first_work",
                                f"{rule.name} at {clock} comes after only {offset} min of work in the shift "
                                f"of {when}; at least {rule.min_work_before} min first"))
    for prev, nxt in zip(mine, mine[1:]):
        gap = _minutes(prev.end, nxt.start)
        if not rule.min_gap_minutes <= gap <= rule.max_gap_minutes:
            out.append(describe("break_gap",
                                f"{gap} min between two {rule.name} breaks in the shift of {when}; allowed "
                                f"{rule.min_gap_minutes}–{rule.max_gap_minutes} min"))
    return out
