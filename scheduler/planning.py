"""Translate a project into the engine's problem, and the engine's answer into a roster."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from scheduler.domain import Project, Roster, ShiftAssignment
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


def build_plan(project: Project, weights: Weights | None = None) -> Plan:
    horizon = project.horizon
    options, infos = day_options(project)
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
        allowed = tuple(
            () if d in off else tuple(
                o for o, info in enumerate(infos[d])
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
        ))

    problem = Problem(
        days=horizon.days,
        week_of_day=week_of_day,
        options=options,
        slot_minutes=project.site.interval_minutes,
        required=tuple(required_per_slot(project)),
        agents=tuple(agents),
        min_rest_minutes=project.labour.min_rest_minutes,
        max_consecutive_days=project.labour.max_consecutive_days,
        weights=weights,
    )
    return Plan(project, problem, infos)


def roster_from_result(plan: Plan, result: SolveResult) -> Roster:
    timeline = plan.project.timeline
    dates = plan.project.horizon.dates()
    shifts = []
    for a, agent in enumerate(plan.project.agents):
        for d, option in enumerate(result.choice[a]):
            if option is None:
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

