"""Translate a project into the engine's problem, and the engine's answer into a roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from scheduler.domain import Project, Roster, ShiftAssignment, VersionStatus
from scheduler.domain.agents import weekly_bounds
from scheduler.domain.breaks import break_minutes, unpaid_minutes
from scheduler.domain.clock import format_minute_of_day
from scheduler.domain.requests import RequestKind
from scheduler.staffing.requirements import required_per_slot
from solver import (
    ANY,
    OFF,
    AgentSpec,
    CountLimit,
    FairGroup,
    Problem,
    RunLimit,
    ShiftOption,
    ShiftRequest,
    SolveResult,
    Weights,
)


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
                # Unpaid breaks lengthen the shift on the clock; paid time stays the template's.
                unpaid = unpaid_minutes(project.break_rules, template.length_minutes, template.name)
                clock = template.length_minutes + unpaid
                begin = timeline.wall_minutes(day, start)
                shown = timeline.minutes_to_local(begin)
                if (shown.date(), shown.hour * 60 + shown.minute) != (day, start):
                    continue  # a start the clock skips (02:00 on the spring change): no template shape
                end = timeline.wall_minutes(day, start + clock)
                if (begin, end) in seen:
                    continue
                seen[(begin, end)] = len(day_opts)
                night = project.labour.is_night(start, clock)
                day_opts.append(ShiftOption(begin, end, end - begin - unpaid, night,
                                            f"{template.name} {format_minute_of_day(start)}"))
                day_infos.append(OptionInfo(template.name, start, clock))
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


def break_share(project: Project) -> float:
    """Share of a shift's clock time spent on breaks (the most common template's)."""
    template = project.shift_templates[0]
    clock = template.length_minutes + unpaid_minutes(project.break_rules, template.length_minutes, template.name)
    return break_minutes(project.break_rules, template.length_minutes, template.name) / clock


def on_duty_required(project: Project, on_phone: list[int]) -> list[int]:
    """Agents to have on shift so that, net of breaks, ``on_phone`` are on the phone.

    Shift selection anticipates break time: with 5 min of screen pause an hour
    and a 15-min rest, 8 agents on shift are about 7.3 on the phone.
    """
    share = break_share(project)
    if share <= 0:
        return list(on_phone)
    return [int(r / (1 - share) + 0.5) if r > 0 else 0 for r in on_phone]


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
    weights = weights or Weights(stable_start=project.labour.stable_start_weight)
    holidays = public_holidays(project)
    options = tag_options(project, options, infos, holidays)
    past = fairness_history(project, holidays)

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
            **agent_rules(project, agent, options, allowed, history, past.get(agent.id, Counter())),
        ))

    required = on_duty_required(project, required_per_slot(project))
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
        # A soft limit on days in a row is a run limit of each agent instead.
        max_consecutive_days=(project.labour.max_consecutive_days if not project.labour.max_consecutive_days_weight
                              else horizon.days + HISTORY_DAYS),
        weights=weights,
        weekends=weekends(project),
        fair_groups=fair_groups(project, options, agents),
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



# -- rule families, preferences and fairness ------------------------------------
#: Start windows of the shift preferences (minutes after midnight, wall clock).
PREFERENCE_BANDS = {
    RequestKind.PREFER_MORNING: (5 * 60, 12 * 60),
    RequestKind.PREFER_AFTERNOON: (12 * 60, 20 * 60),
}


def public_holidays(project: Project) -> set[date]:
    """Public holidays of the site's country and region inside the horizon (and before, for history)."""
    try:
        import holidays
    except ImportError:  # pragma: no cover - a declared dependency
        return set()
    site, horizon = project.site, project.horizon
    years = range(horizon.start.year - 2, horizon.end.year + 1)
    try:
        calendar = holidays.country_holidays(site.country, subdiv=site.region or None, years=years)
    except (NotImplementedError, KeyError, ValueError):
        try:
            calendar = holidays.country_holidays(site.country, years=years)
        except (NotImplementedError, KeyError, ValueError):
            return set()
    return set(calendar.keys())


def _shift_tags(project: Project, day: date, start_minute: int, clock_minutes: int,
                holidays: set[date]) -> frozenset[str]:
    tags = set()
    if project.labour.is_night(start_minute, clock_minutes):
        tags.add("night")
    if day.weekday() >= 5:
        tags.add("weekend")
    if day in holidays:
        tags.add("holiday")
    return frozenset(tags)


def tag_options(project: Project, options: list[list[ShiftOption]], infos: list[list[OptionInfo]],
                holidays: set[date]) -> list[list[ShiftOption]]:
    """Options with their wall-clock start and the tags the rules count (night, weekend, holiday)."""
    dates = project.horizon.dates()
    return [[replace(option, start_clock=info.start_minute_of_day,
                     tags=option.tags | _shift_tags(project, dates[d], info.start_minute_of_day,
                                                    info.length_minutes, holidays))
             for option, info in zip(day_options_, day_infos)]
            for d, (day_options_, day_infos) in enumerate(zip(options, infos))]


def fairness_history(project: Project, holidays: set[date]) -> dict[str, Counter]:
    """Per agent, night / weekend / holiday shifts of approved versions in the weeks before."""
    first = project.horizon.start - timedelta(weeks=project.labour.fairness_history_weeks)
    shifts: dict[tuple[str, date], ShiftAssignment] = {}
    for version in sorted(project.versions, key=lambda v: v.number):
        if version.status is not VersionStatus.APPROVED:
            continue
        for shift in version.roster.shifts:
            if first <= shift.day < project.horizon.start:
                shifts[(shift.agent_id, shift.day)] = shift
    counts: dict[str, Counter] = {}
    zone = project.site.zone
    for (agent_id, day), shift in shifts.items():
        local = shift.start.astimezone(zone)
        tags = _shift_tags(project, day, local.hour * 60 + local.minute, shift.minutes, holidays)
        counts.setdefault(agent_id, Counter()).update(tags)
    return counts


def _nights_before(project: Project, history: Roster, agent_id: str) -> int:
    zone = project.site.zone
    nights = set()
    for shift in history.shifts:
        if shift.agent_id == agent_id:
            local = shift.start.astimezone(zone)
            if project.labour.is_night(local.hour * 60 + local.minute, shift.minutes):
                nights.add(shift.day)
    run, day = 0, project.horizon.start - timedelta(days=1)
    while day in nights:
        run += 1
        day -= timedelta(days=1)
    return run


def agent_rules(project: Project, agent, options: list[list[ShiftOption]], allowed, history: Roster,
                past: Counter) -> dict:
    """The AgentSpec fields for the labour rules' limits, wishes and history."""
    labour = project.labour
    counts, runs = [], []
    if labour.max_nights_per_week < 7 and agent.nights:
        counts.append(CountLimit("night", most=labour.max_nights_per_week, weight=labour.max_nights_per_week_weight,
                                 name="max_nights_per_week"))
    if labour.min_days_off_per_week > 0:
        counts.append(CountLimit(OFF, least=labour.min_days_off_per_week,
                                 weight=labour.min_days_off_per_week_weight, name="min_days_off_per_week"))
    if labour.max_consecutive_nights < 14 and agent.nights:
        runs.append(RunLimit("night", most=labour.max_consecutive_nights,
                             weight=labour.max_consecutive_nights_weight, name="max_consecutive_nights"))
    if labour.max_consecutive_days_weight:
        runs.append(RunLimit(ANY, most=labour.max_consecutive_days, weight=labour.max_consecutive_days_weight,
                             name="max_consecutive_days"))
    if labour.days_off_together_weight:
        runs.append(RunLimit(OFF, least=2, weight=labour.days_off_together_weight, name="days_off_together"))
    wishes = []
    horizon = project.horizon
    for request in project.requests:
        if request.agent_id != agent.id or request.day not in horizon or request.kind.is_day_off:
            continue
        d = horizon.index(request.day)
        if request.kind is RequestKind.PREFER_NIGHT:
            wanted = tuple(o for o in allowed[d] if options[d][o].night)
        else:
            low, high = PREFERENCE_BANDS[request.kind]
            wanted = tuple(o for o in allowed[d] if low <= options[d][o].start_clock < high)
        if labour.preference_weight and allowed[d]:
            wishes.append(ShiftRequest(d, wanted, True, labour.preference_weight * request.priority,
                                       name="shift_preference"))
    return dict(
        counts=tuple(counts),
        runs=tuple(runs),
        shift_requests=tuple(wishes),
        max_weekends=labour.max_weekends if labour.max_weekends < horizon.weeks else None,
        max_weekends_weight=labour.max_weekends_weight,
        tag_runs_before=(("night", _nights_before(project, history, agent.id)),),
        tag_history=tuple(sorted(past.items())),
    )


def weekends(project: Project) -> tuple[tuple[int, ...], ...]:
    """Day indices of each weekend (Saturday and Sunday) of the horizon."""
    groups: dict[date, list[int]] = {}
    for d, day in enumerate(project.horizon.dates()):
        if day.weekday() >= 5:
            saturday = day - timedelta(days=day.weekday() - 5)
            groups.setdefault(saturday, []).append(d)
    return tuple(tuple(days) for _, days in sorted(groups.items()))


def fair_groups(project: Project, options: list[list[ShiftOption]], specs: list[AgentSpec]) -> tuple[FairGroup, ...]:
    """Agents of one contract and start window share nights, weekends and holidays evenly.

    Only agents who may take a shift with the tag in this horizon take part.
    """
    labour = project.labour
    groups = []
    alike: dict = {}
    for agent, spec in zip(project.agents, specs):
        alike.setdefault((agent.contract, agent.earliest_start, agent.latest_start, agent.nights), []).append(spec)
    for tag, weight in (("night", labour.fair_nights_weight), ("weekend", labour.fair_weekends_weight),
                        ("holiday", labour.fair_holidays_weight)):
        if not weight:
            continue
        for members in alike.values():
            keys = tuple(spec.key for spec in members
                         if any(options[d][o].has(tag) for d, day in enumerate(spec.allowed) for o in day))
            if len(keys) >= 2:
                groups.append(FairGroup(tag, keys, weight, name=f"fair_{tag}s"))
    return tuple(groups)
