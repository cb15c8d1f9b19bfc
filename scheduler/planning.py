"""Translate a project into the engine's problem, and the engine's answer into a roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from scheduler.domain import Project, Roster, ShiftAssignment, VersionStatus
from scheduler.domain.agents import weekly_bounds
from scheduler.domain.clock import format_minute_of_day
from scheduler.domain.requests import RequestKind
from scheduler.staffing.requirements import required_per_slot
from solver import AgentSpec, Problem, ShiftOption, SolveResult, Weights


@dataclass(frozen=True)
class OptionInfo:
    """What a solver option means on the wall clock."""

    template: str
    start_minute_of_day: int
    length_minutes: int


@dataclass(frozen=True)
class Plan:
    """A problem together with the key to read its answer."""

    project: Project
    problem: Problem
    option_info: tuple[tuple[OptionInfo, ...], ...]  # per day, parallel to problem.options
    locks: Mapping[tuple[str, date], ShiftAssignment | None] | None = None
    history: Roster = Roster()


def day_options(project: Project) -> tuple[tuple[tuple[ShiftOption, ...], ...], tuple[tuple[OptionInfo, ...], ...]]:
    timeline = project.timeline
    options, infos = [], []
    for d, day in enumerate(project.horizon.dates()):
        seen: dict[tuple[int, int], int] = {}
        day_opts: list[ShiftOption] = []
        day_infos: list[OptionInfo] = []
        for template in project.shift_templates:
            for start in template.starts():
                begin = timeline.wall_minutes(day, start)
                end = timeline.wall_minutes(day, start + template.length_minutes)
                if (begin, end) in seen:
                    continue
                seen[(begin, end)] = len(day_opts)
                night = project.labour.is_night(start, template.length_minutes)
                day_opts.append(ShiftOption(begin, end, end - begin, night,
                                            f"{template.name} {format_minute_of_day(start)}"))
                day_infos.append(OptionInfo(template.name, start, template.length_minutes))
        options.append(tuple(day_opts))
        infos.append(tuple(day_infos))
    return tuple(options), tuple(infos)


#: (agent ID, day) -> the shift to keep, or None for a day off to keep
Locks = Mapping[tuple[str, date], ShiftAssignment | None]

HISTORY_DAYS = 14


def history_roster(project: Project) -> Roster:
    """Shifts worked in the two weeks before the horizon, from approved versions.

    Later approved versions win for the same agent and day. Rest and
    consecutive days are planned and checked across the boundary with these.
    """
    first = project.horizon.start - timedelta(days=HISTORY_DAYS)
    shifts: dict[tuple[str, date], ShiftAssignment] = {}
    for version in sorted(project.versions, key=lambda v: v.number):
        if version.status is not VersionStatus.APPROVED:
            continue
        for shift in version.roster.shifts:
            if first <= shift.day < project.horizon.start:
                shifts[(shift.agent_id, shift.day)] = shift
    return Roster(tuple(shifts.values()))


def _history_figures(project: Project, history: Roster) -> dict[str, tuple[int, int | None]]:
    """Per agent: consecutive days worked up to the horizon, and the last shift's end."""
    timeline = project.timeline
    figures = {}
    for agent_id, shifts in history.by_agent().items():
        days = {s.day for s in shifts}
        run, day = 0, project.horizon.start - timedelta(days=1)
        while day in days:
            run += 1
            day -= timedelta(days=1)
        last_end = max(timeline.utc_to_minutes(s.end) for s in shifts)
        figures[agent_id] = (run, last_end)
    return figures


def _lock_option(options: list[ShiftOption], infos: list[OptionInfo], shift: ShiftAssignment,
                 project: Project, night_of) -> int:
    """Index of the option a locked shift is; a hand-made shape becomes a new option."""
    timeline = project.timeline
    start, end = timeline.utc_to_minutes(shift.start), timeline.utc_to_minutes(shift.end)
    for index, option in enumerate(options):
        if (option.start, option.end) == (start, end):
            return index
    local = timeline.to_local(shift.start)
    minute = local.hour * 60 + local.minute
    length = round((timeline.to_local(shift.end).replace(tzinfo=None)
                    - local.replace(tzinfo=None)).total_seconds() / 60)
    options.append(ShiftOption(start, end, shift.paid_minutes, night_of(minute, length),
                               f"{shift.template or 'manual'} {format_minute_of_day(minute)}"))
    infos.append(OptionInfo(shift.template or "manual", minute, length))
    return len(options) - 1


def build_plan(project: Project, weights: Weights | None = None, locks: Locks | None = None,
               history: Roster | None = None) -> Plan:
    """The solver problem for ``project``.

    ``locks`` keeps the team lead's hand-made decisions; ``history`` (default:
    approved shifts of the two weeks before) carries rest and consecutive days
    across the horizon's start.
    """
    horizon = project.horizon
    timeline = project.timeline
    options, infos = day_options(project)
    base_count = [len(day) for day in options]  # options added for locks come after these
    options = [list(day) for day in options]
    infos = [list(day) for day in infos]
    locks = dict(locks or {})
    history = history_roster(project) if history is None else history
    before = _history_figures(project, history)
    lock_index: dict[str, list[tuple[int, int]]] = {}
    for (agent_id, day), shift in sorted(locks.items(), key=lambda item: (item[0][0], item[0][1])):
        if day not in horizon:
            continue
        d = horizon.index(day)
        index = -1 if shift is None else _lock_option(options[d], infos[d], shift, project,
                                                       project.labour.is_night)
        lock_index.setdefault(agent_id, []).append((d, index))
    week_of_day = tuple(d // 7 for d in range(horizon.days))
    weights = weights or Weights()

    hard_off: dict[str, set[int]] = {}
    vacation: dict[str, Counter] = {}
    soft_off: dict[str, dict[int, int]] = {}
    for request in project.requests:
        if request.day not in horizon or not request.kind.is_day_off:
            continue
        d = horizon.index(request.day)
        if request.hard:
            hard_off.setdefault(request.agent_id, set()).add(d)
            if request.kind is RequestKind.VACATION:
                vacation.setdefault(request.agent_id, Counter())[d // 7] += 1
        else:
            weight = weights.day_off_request * request.priority
            per_agent = soft_off.setdefault(request.agent_id, {})
            per_agent[d] = max(per_agent.get(d, 0), weight)

    agents = []
    for agent in project.agents:
        off = hard_off.get(agent.id, set())
        locked = dict(lock_index.get(agent.id, []))
        allowed = tuple(
            ((locked[d],) if locked[d] >= 0 else ()) if d in locked
            else () if d in off else tuple(
                o for o, info in enumerate(infos[d][: base_count[d]])
                if agent.may_start_at(info.start_minute_of_day)
                and (agent.nights or not options[d][o].night)
            )
            for d in range(horizon.days)
        )
        bounds = [weekly_bounds(agent.contract, vacation.get(agent.id, Counter())[w])
                  for w in range(horizon.weeks)]
        agents.append(AgentSpec(
            key=agent.id,
            allowed=allowed,
            week_min_days=tuple(b[0] for b in bounds),
            week_max_days=tuple(b[1] for b in bounds),
            week_min_minutes=tuple(b[2] for b in bounds),
            week_max_minutes=tuple(b[3] for b in bounds),
            off_requests=tuple(sorted(soft_off.get(agent.id, {}).items())),
            locked=tuple(sorted(locked.items())),
            worked_days_before=before.get(agent.id, (0, None))[0],
            last_end_before=before.get(agent.id, (0, None))[1],
        ))

    required = list(required_per_slot(project))
    for shift in history.shifts:  # night shifts of the last day before carry into day 0
        end = timeline.utc_to_minutes(shift.end)
        for t in range(0, min(end // timeline.slot_minutes, len(required))):
            required[t] = max(0, required[t] - 1)

    problem = Problem(
        days=horizon.days,
        week_of_day=week_of_day,
        options=tuple(tuple(day) for day in options),
        slot_minutes=project.site.interval_minutes,
        required=tuple(required),
        agents=tuple(agents),
        min_rest_minutes=project.labour.min_rest_minutes,
        max_consecutive_days=project.labour.max_consecutive_days,
        weights=weights,
    )
    return Plan(project, problem, tuple(tuple(day) for day in infos), locks, history)


def roster_from_result(plan: Plan, result: SolveResult) -> Roster:
    timeline = plan.project.timeline
    dates = plan.project.horizon.dates()
    shifts = []
    for a, agent in enumerate(plan.project.agents):
        for d, option in enumerate(result.choice[a]):
            if option is None:
                continue
            kept = (plan.locks or {}).get((agent.id, dates[d]))
            if kept is not None:
                shifts.append(replace(kept, locked=True))
                continue
            opt = plan.problem.options[d][option]
            info = plan.option_info[d][option]
            shifts.append(ShiftAssignment(
                agent_id=agent.id,
                day=dates[d],
                start=timeline.minutes_to_utc(opt.start),
                end=timeline.minutes_to_utc(opt.end),
                template=info.template,
            ))
    return Roster(tuple(shifts))

