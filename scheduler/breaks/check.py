"""Independent checks of the breaks inside a shift, rule by rule.

Written from the rules' wording, not from the placement code: count, length,
window (offsets from the shift start, distance from its end, the hour mark),
work before the first break, gaps between consecutive breaks, overlaps.
"""

from __future__ import annotations

from scheduler.domain import BreakAssignment, Project, ShiftAssignment
from scheduler.domain.breaks import BreakRule
from scheduler.i18n import add_translations, day_label, tr

add_translations({
    'the shift of {when} has a break "{kind}" that no rule defines':
        'el turno del {when} tiene una pausa «{kind}» que ninguna regla define',
    "in the shift of {when}, {a} and {b} overlap": "en el turno del {when}, {a} y {b} se solapan",
    "the shift of {when} has {n} × {kind}; the rule asks for {expected}":
        "el turno del {when} tiene {n} × {kind}; la regla pide {expected}",
    "{kind} at {clock} in the shift of {when} lasts {minutes} min; it must last {length}":
        "{kind} a las {clock} en el turno del {when} dura {minutes} min; debe durar {length}",
    "{kind} at {clock} in the shift of {when} is marked paid, the rule says unpaid":
        "{kind} a las {clock} en el turno del {when} figura como retribuida; la regla dice no retribuida",
    "{kind} at {clock} in the shift of {when} is marked unpaid, the rule says paid":
        "{kind} a las {clock} en el turno del {when} figura como no retribuida; la regla dice retribuida",
    "{kind} at {clock} is outside the shift of {when}": "{kind} a las {clock} queda fuera del turno del {when}",
    "{kind} at {clock} in the shift of {when} starts {offset} min into the shift; allowed "
    "{low}–{high} min and at least {before} min before the end":
        "{kind} a las {clock} en el turno del {when} empieza a los {offset} min del turno; se permite "
        "{low}–{high} min y al menos {before} min antes del final",
    "{kind} no. {n} at {clock} in the shift of {when} is {distance} min from its mark "
    "({mark} min into the shift); at most {allowed}":
        "{kind} n.º {n} a las {clock} en el turno del {when} está a {distance} min de su marca "
        "({mark} min del turno); como mucho {allowed}",
    "{kind} at {clock} comes after only {offset} min of work in the shift of {when}; "
    "at least {need} min first":
        "{kind} a las {clock} llega tras solo {offset} min de trabajo en el turno del {when}; "
        "antes hacen falta {need} min",
    "{gap} min between two {kind} breaks in the shift of {when}; allowed {low}–{high} min":
        "{gap} min entre dos pausas {kind} en el turno del {when}; se permite {low}–{high} min",
})


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
    local = shift.start.astimezone(zone)
    when = f"{day_label(local)} {local:%H:%M}"  # the weekday in the chosen language
    rules = {rule.name: rule for rule in project.break_rules}
    length = _paid_length(shift, project)
    for pause in shift.breaks:
        if pause.kind not in rules:
            out.append(describe("break_kind", tr('the shift of {when} has a break "{kind}" that no rule defines').format(when=when, kind=pause.kind)))
    ordered = sorted(shift.breaks, key=lambda b: b.start)
    for first, second in zip(ordered, ordered[1:]):
        if second.start < first.end:
            out.append(describe("break_overlap", tr("in the shift of {when}, {a} and {b} overlap").format(when=when, a=first.kind, b=second.kind)))
    for rule in project.break_rules:
        mine = [b for b in ordered if b.kind == rule.name]
        out += _check_rule(rule, shift, mine, length, when, describe)
    return out


def _check_rule(rule: BreakRule, shift: ShiftAssignment, mine: list[BreakAssignment], length: int,
                when: str, describe) -> list:
    out = []
    expected = rule.breaks_for(length, shift.template)
    if len(mine) != expected:
        out.append(describe("break_count", tr("the shift of {when} has {n} × {kind}; the rule asks for {expected}").format(
                                               when=when, n=len(mine), kind=rule.name, expected=expected)))
    for index, pause in enumerate(mine):
        offset = _minutes(shift.start, pause.start)
        before_end = _minutes(pause.end, shift.end)
        clock = f"{pause.start.astimezone(shift.start.tzinfo):%H:%M}"
        if pause.minutes != rule.length_minutes:
            out.append(describe("break_length", tr("{kind} at {clock} in the shift of {when} lasts {minutes} min; it must last {length}").format(
                                                    kind=rule.name, clock=clock, when=when, minutes=pause.minutes,
                                                    length=rule.length_minutes)))
        if pause.paid != rule.paid:
            out.append(describe("break_kind", (tr("{kind} at {clock} in the shift of {when} is marked paid, the rule says unpaid") if pause.paid
                                               else tr("{kind} at {clock} in the shift of {when} is marked unpaid, the rule says paid")
                                               ).format(kind=rule.name, clock=clock, when=when)))
        if offset < 0 or before_end < 0:
            out.append(describe("break_window", tr("{kind} at {clock} is outside the shift of {when}").format(kind=rule.name, clock=clock, when=when)))
            continue
        if not rule.earliest_offset <= offset <= rule.latest_offset or before_end < rule.latest_before_end:
            out.append(describe("break_window",
                                tr("{kind} at {clock} in the shift of {when} starts {offset} min into the shift; allowed "
                                   "{low}–{high} min and at least {before} min before the end").format(
                                    kind=rule.name, clock=clock, when=when, offset=offset, low=rule.earliest_offset,
                                    high=rule.latest_offset, before=rule.latest_before_end)))
        if rule.around_mark_minutes:
            mark = (index + 1) * rule.every_minutes
            if abs(offset - mark) > rule.around_mark_minutes:
                out.append(describe("break_window",
                                    tr("{kind} no. {n} at {clock} in the shift of {when} is {distance} min from its mark "
                                       "({mark} min into the shift); at most {allowed}").format(
                                        kind=rule.name, n=index + 1, clock=clock, when=when,
                                        distance=abs(offset - mark), mark=mark, allowed=rule.around_mark_minutes)))
        if index == 0 and offset < rule.min_work_before:
            out.append(describe("break_first_work",
                                tr("{kind} at {clock} comes after only {offset} min of work in the shift of {when}; "
                                   "at least {need} min first").format(kind=rule.name, clock=clock, offset=offset,
                                                                       when=when, need=rule.min_work_before)))
    for prev, nxt in zip(mine, mine[1:]):
        gap = _minutes(prev.end, nxt.start)
        if not rule.min_gap_minutes <= gap <= rule.max_gap_minutes:
            out.append(describe("break_gap",
                                tr("{gap} min between two {kind} breaks in the shift of {when}; allowed {low}–{high} min").format(
                                    gap=gap, kind=rule.name, when=when, low=rule.min_gap_minutes,
                                    high=rule.max_gap_minutes)))
    return out
