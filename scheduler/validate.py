"""The independent roster validator.

It reads a roster as a person would, in real dates and times, and checks it
against every rule of the project. It shares no code with the solver's model:
the solver must never be the only judge of its own output.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from scheduler.domain import Project, Roster, ShiftAssignment
from scheduler.domain.agents import weekly_bounds
from scheduler.domain.clock import format_minute_of_day
from scheduler.domain.requests import RequestKind
from scheduler.i18n import add_translations, day_label, tr


@dataclass(frozen=True)
class Violation:
    """A broken rule: which, who, when, and a sentence a team lead understands."""

    rule: str
    agent_id: str
    day: date | None
    message: str
    details: dict = field(default_factory=dict, compare=False)


RULES = (
    "unknown_agent",
    "outside_horizon",
    "one_shift_per_day",
    "shift_shape",
    "start_window",
    "night_not_allowed",
    "hard_day_off",
    "weekly_days",
    "weekly_hours",
    "min_rest",
    "max_consecutive_days",
    "max_nights_per_week",
    "max_consecutive_nights",
    "min_days_off_per_week",
    "max_weekends",
    "break_kind",
    "break_count",
    "break_length",
    "break_window",
    "break_first_work",
    "break_gap",
    "break_overlap",
)


def _msg(template: str, **values) -> str:
    """A message in the UI's language (English is the key)."""
    return tr(template).format(**values)


add_translations({
    'week of {day}': 'semana del {day}',
    'The roster has a shift for {agent}, who is not in the agent list': 'El cuadrante tiene un turno para {agent}, que no está en la lista de agentes',
    '{name} has a shift on {day}, outside the planning horizon': '{name} tiene un turno el {day}, fuera del periodo planificado',
    '{name}: the shift filed under {day} starts on {start}': '{name}: el turno anotado el {day} empieza el {start}',
    '{name} has {count} shifts on {day}; one shift per day at most': '{name} tiene {count} turnos el {day}; como mucho un turno al día',
    '{name}: the shift starting {when} and ending {end} matches no shift template': '{name}: el turno que empieza el {when} y acaba el {end} no corresponde a ninguna plantilla de turno',
    '{name} starts at {when}, outside their start window {low}–{high}': '{name} empieza el {when}, fuera de su franja de inicio {low}–{high}',
    '{name} does not work nights but has a night shift starting {when}': '{name} no trabaja de noche pero tiene un turno de noche que empieza el {when}',
    '{name} is rostered on {day}, an approved {kind}': '{name} trabaja el {day}, con {kind} aprobado',
    '{name} is rostered on {day}, an approved day off': '{name} trabaja el {day}, un día libre aprobado',
    '{name} is rostered on {day}, an approved vacation': '{name} trabaja el {day}, con vacaciones aprobadas',
    '{name} is rostered on {day}, an approved unavailable':
        '{name} trabaja el {day}, con una no disponibilidad aprobada',
    '{name} works {days} days in the {label}; the contract allows {low}–{high}': '{name} trabaja {days} días en la {label}; el contrato permite {low}–{high}',
    '{name} works {hours} in the {label}; the contract allows {low}–{high}': '{name} trabaja {hours} en la {label}; el contrato permite {low}–{high}',
    '{name} rests only {rest} between {end} and {start}; at least {need} needed': '{name} descansa solo {rest} entre el {end} y el {start}; hacen falta al menos {need}',
    '{name} works more than {limit} days in a row from {first} to {last}': '{name} trabaja más de {limit} días seguidos del {first} al {last}',
    '{name} works {nights} nights in the week of {first}; at most {limit} allowed': '{name} trabaja {nights} noches en la semana del {first}; se permiten como mucho {limit}',
    '{name} has {off} days off in the week of {first}; at least {need} needed': '{name} tiene {off} días libres en la semana del {first}; hacen falta al menos {need}',
    '{name} works more than {limit} nights in a row up to {day}': '{name} trabaja más de {limit} noches seguidas hasta el {day}',
    '{name} works {count} weekends; at most {limit} allowed': '{name} trabaja {count} fines de semana; se permiten como mucho {limit}',
    'day off': 'libranza',
    'vacation': 'vacaciones',
})


#: "… is rostered on {day}, an approved …": one sentence per kind (Spanish needs the agreement).
_ROSTERED_ON = {
    RequestKind.DAY_OFF: "{name} is rostered on {day}, an approved day off",
    RequestKind.VACATION: "{name} is rostered on {day}, an approved vacation",
    RequestKind.UNAVAILABLE: "{name} is rostered on {day}, an approved unavailable",
}


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d} h"


def _moment(moment: datetime, project: Project) -> str:
    """``Mon 04/01 22:00`` / ``lun 04/01 22:00`` on the site's clock."""
    local = moment.astimezone(project.site.zone)
    return f"{day_label(local)} {local:%H:%M}"


def validate(project: Project, roster: Roster, *, history: Roster | None = None) -> list[Violation]:
    """Every rule broken by ``roster``, in agent and date order.

    ``history`` holds shifts worked before the horizon (the previous roster)
    so that rest and consecutive days are checked across the boundary.
    """
    violations: list[Violation] = []
    known = {agent.id: agent for agent in project.agents}
    by_agent: dict[str, list[ShiftAssignment]] = defaultdict(list)
    for shift in roster.shifts:
        if shift.agent_id not in known:
            violations.append(Violation("unknown_agent", shift.agent_id, shift.day,
                                        _msg("The roster has a shift for {agent}, who is not in the agent list", agent=shift.agent_id)))
            continue
        by_agent[shift.agent_id].append(shift)
    before: dict[str, list[ShiftAssignment]] = defaultdict(list)
    for shift in (history.shifts if history else ()):
        before[shift.agent_id].append(shift)

    for agent_id, shifts in by_agent.items():
        shifts.sort(key=lambda s: s.start)
        violations += _check_days(project, agent_id, shifts)
        violations += _check_shapes(project, agent_id, shifts)
        violations += _check_breaks(project, agent_id, shifts)
        violations += _check_requests(project, agent_id, shifts)
        violations += _check_weeks(project, agent_id, shifts)
        violations += _check_rest(project, agent_id, sorted(before[agent_id], key=lambda s: s.start) + shifts)
        violations += _check_consecutive(project, agent_id, before[agent_id] + shifts)
        violations += _check_labour_limits(project, agent_id, shifts, before[agent_id])
    for agent in project.agents:
        if agent.id not in by_agent:
            violations += _check_weeks(project, agent.id, [])
            violations += _check_labour_limits(project, agent.id, [], [])
    violations.sort(key=lambda v: (v.agent_id, v.day or date.min, v.rule))
    return violations


def _name(project: Project, agent_id: str) -> str:
    return f"{project.agent(agent_id).name} ({agent_id})"


def _check_days(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    out = []
    per_day: dict[date, int] = defaultdict(int)
    for shift in shifts:
        per_day[shift.day] += 1
        if shift.day not in project.horizon:
            out.append(Violation("outside_horizon", agent_id, shift.day,
                                 _msg("{name} has a shift on {day}, outside the planning horizon",
                                      name=_name(project, agent_id), day=shift.day.isoformat())))
        local_day = shift.start.astimezone(project.site.zone).date()
        if local_day != shift.day:
            out.append(Violation("shift_shape", agent_id, shift.day,
                                 _msg("{name}: the shift filed under {day} starts on {start}", name=_name(project, agent_id),
                                      day=shift.day.isoformat(), start=local_day.isoformat())))
    for day, count in per_day.items():
        if count > 1:
            out.append(Violation("one_shift_per_day", agent_id, day,
                                 _msg("{name} has {count} shifts on {day}; one shift per day at most",
                                      name=_name(project, agent_id), count=count, day=day.isoformat())))
    return out


def _local_minute(moment: datetime, project: Project) -> int:
    local = moment.astimezone(project.site.zone)
    return local.hour * 60 + local.minute


def _check_shapes(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    out = []
    agent = project.agent(agent_id)
    zone = project.site.zone
    for shift in shifts:
        start = _local_minute(shift.start, project)
        fits = False
        night = False
        for template in project.shift_templates:
            if start not in template.starts():
                continue
            clock = template.length_minutes + sum(
                r.breaks_for(template.length_minutes, template.name) * r.length_minutes
                for r in project.break_rules if not r.paid)
            wall_end = datetime.combine(shift.day, datetime.min.time()) + timedelta(minutes=start + clock)
            expected_end = wall_end.replace(tzinfo=zone)
            if expected_end.astimezone(shift.end.tzinfo) == shift.end:
                fits = True
                night = project.labour.is_night(start, clock)
                break
        when = f"{shift.day.isoformat()} {format_minute_of_day(start)}"
        if not fits:
            out.append(Violation("shift_shape", agent_id, shift.day,
                                 _msg("{name}: the shift starting {when} and ending {end} matches no shift template",
                                      name=_name(project, agent_id), when=when,
                                      end=f"{shift.end.astimezone(zone):%Y-%m-%d %H:%M}")))
        if not agent.may_start_at(start):
            out.append(Violation("start_window", agent_id, shift.day,
                                 _msg("{name} starts at {when}, outside their start window {low}–{high}",
                                      name=_name(project, agent_id), when=when,
                                      low=format_minute_of_day(agent.earliest_start),
                                      high=format_minute_of_day(agent.latest_start))))
        if fits and night and not agent.nights:
            out.append(Violation("night_not_allowed", agent_id, shift.day,
                                 _msg("{name} does not work nights but has a night shift starting {when}",
                                      name=_name(project, agent_id), when=when)))
    return out


def _check_breaks(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    from scheduler.breaks.check import check_breaks

    out: list[Violation] = []
    for shift in shifts:
        def describe(rule: str, message: str, day=shift.day) -> Violation:
            return Violation(rule, agent_id, day, f"{_name(project, agent_id)}: {message}")
        out += check_breaks(project, shift, describe)
    return out


def _check_requests(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    worked = {shift.day for shift in shifts}
    out = []
    for request in project.requests:
        if request.agent_id == agent_id and request.hard and request.kind.is_day_off and request.day in worked:
            if request.kind in _ROSTERED_ON:
                message = _msg(_ROSTERED_ON[request.kind], name=_name(project, agent_id),
                               day=request.day.isoformat())
            else:
                message = _msg("{name} is rostered on {day}, an approved {kind}", name=_name(project, agent_id),
                               day=request.day.isoformat(), kind=tr(request.kind.value.replace("_", " ")))
            out.append(Violation("hard_day_off", agent_id, request.day, message))
    return out


def _check_weeks(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    agent = project.agent(agent_id)
    horizon = project.horizon
    vacations: dict[int, int] = defaultdict(int)
    for request in project.requests:
        if request.agent_id == agent_id and request.kind is RequestKind.VACATION and request.day in horizon:
            vacations[(request.day - horizon.start).days // 7] += 1
    days: dict[int, int] = defaultdict(int)
    minutes: dict[int, int] = defaultdict(int)
    for shift in shifts:
        if shift.day in horizon:
            week = (shift.day - horizon.start).days // 7
            days[week] += 1
            minutes[week] += shift.paid_minutes
    out = []
    for week in range(horizon.weeks):
        min_days, max_days, min_minutes, max_minutes = weekly_bounds(agent.contract, vacations[week])
        first = horizon.start + timedelta(days=7 * week)
        label = _msg("week of {day}", day=first.isoformat())
        if not min_days <= days[week] <= max_days:
            out.append(Violation("weekly_days", agent_id, first,
                                 _msg("{name} works {days} days in the {label}; the contract allows {low}–{high}",
                                      name=_name(project, agent_id), days=days[week], label=label,
                                      low=min_days, high=max_days)))
        if not min_minutes <= minutes[week] <= max_minutes:
            out.append(Violation("weekly_hours", agent_id, first,
                                 _msg("{name} works {hours} in the {label}; the contract allows {low}–{high}",
                                      name=_name(project, agent_id), hours=_hours(minutes[week]), label=label,
                                      low=_hours(min_minutes), high=_hours(max_minutes))))
    return out


def _check_rest(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    need = project.labour.min_rest_minutes
    out = []
    for prev, nxt in zip(shifts, shifts[1:]):
        rest = round((nxt.start - prev.end).total_seconds() / 60)
        if rest < need:
            out.append(Violation("min_rest", agent_id, nxt.day,
                                 _msg("{name} rests only {rest} between {end} and {start}; at least {need} needed",
                                      name=_name(project, agent_id), rest=_hours(max(rest, 0)),
                                      end=_moment(prev.end, project), start=_moment(nxt.start, project),
                                      need=_hours(need)),
                                 {"rest_minutes": rest}))
    return out


def _check_consecutive(project: Project, agent_id: str, shifts: list[ShiftAssignment]) -> list[Violation]:
    if project.labour.max_consecutive_days_weight:
        return []  # a soft rule: a penalty, not a violation
    limit = project.labour.max_consecutive_days
    days = sorted({shift.day for shift in shifts})
    out = []
    run_start, run = None, 0
    previous: date | None = None
    for day in days:
        if previous is not None and day == previous + timedelta(days=1):
            run += 1
        else:
            run_start, run = day, 1
        if run == limit + 1:
            out.append(Violation("max_consecutive_days", agent_id, day,
                                 _msg("{name} works more than {limit} days in a row from {first} to {last}",
                                      name=_name(project, agent_id), limit=limit, first=run_start.isoformat(),
                                      last=day.isoformat())))
        previous = day
    return out


# -- limits on nights, days off and weekends (hard when their weight is 0) ------------
def _is_night(project: Project, shift: ShiftAssignment) -> bool:
    return project.labour.is_night(_local_minute(shift.start, project), shift.minutes)


def _check_labour_limits(project: Project, agent_id: str, shifts: list[ShiftAssignment],
                         before: list[ShiftAssignment]) -> list[Violation]:
    labour, horizon = project.labour, project.horizon
    name = _name(project, agent_id)
    out = []
    inside = [s for s in shifts if s.day in horizon]
    for week in range(horizon.weeks):
        first = horizon.start + timedelta(days=7 * week)
        days = [s for s in inside if 0 <= (s.day - first).days < 7]
        nights = sum(1 for s in days if _is_night(project, s))
        if labour.max_nights_per_week < 7 and not labour.max_nights_per_week_weight \
                and nights > labour.max_nights_per_week:
            out.append(Violation("max_nights_per_week", agent_id, first,
                                 _msg("{name} works {nights} nights in the week of {first}; at most {limit} allowed", name=name,
                                      nights=nights, first=first.isoformat(), limit=labour.max_nights_per_week)))
        off = 7 - len({s.day for s in days})
        if labour.min_days_off_per_week and not labour.min_days_off_per_week_weight \
                and off < labour.min_days_off_per_week:
            out.append(Violation("min_days_off_per_week", agent_id, first,
                                 _msg("{name} has {off} days off in the week of {first}; at least {need} needed", name=name, off=off,
                                      first=first.isoformat(), need=labour.min_days_off_per_week)))
    if labour.max_consecutive_nights < 14 and not labour.max_consecutive_nights_weight:
        limit = labour.max_consecutive_nights
        nights = sorted({s.day for s in before + shifts if _is_night(project, s)})
        run, previous = 0, None
        for day in nights:
            run = run + 1 if previous is not None and day == previous + timedelta(days=1) else 1
            if run == limit + 1:
                out.append(Violation("max_consecutive_nights", agent_id, day,
                                     _msg("{name} works more than {limit} nights in a row up to {day}", name=name, limit=limit,
                                          day=day.isoformat())))
            previous = day
    if labour.max_weekends < horizon.weeks and not labour.max_weekends_weight:
        weekends = {s.day - timedelta(days=s.day.weekday() - 5) for s in inside if s.day.weekday() >= 5}
        if len(weekends) > labour.max_weekends:
            out.append(Violation("max_weekends", agent_id, min(weekends),
                                 _msg("{name} works {count} weekends; at most {limit} allowed", name=name, count=len(weekends),
                                      limit=labour.max_weekends)))
    return out
