"""Impossibilities a team lead can fix before solving, explained in words."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from scheduler.domain import Project
from scheduler.domain.agents import weekly_bounds
from scheduler.domain.clock import format_minute_of_day
from scheduler.domain.requests import RequestKind


def find_impossibilities(project: Project) -> list[str]:
    """Rules that cannot all hold, each naming the agent, the rule and the days.

    Checks what needs no search: contract days or hours above what the days
    left after approved days off allow, start windows no shift template can
    start in (or only night shifts, for an agent who does not work nights),
    and labour limits that leave fewer working days than the contract needs.
    """
    problems: list[str] = []
    horizon = project.horizon
    hard_off: dict[str, set] = defaultdict(set)
    vacation: dict[str, set] = defaultdict(set)
    for request in project.requests:
        if request.hard and request.kind.is_day_off and request.day in horizon:
            hard_off[request.agent_id].add(request.day)
            if request.kind is RequestKind.VACATION:
                vacation[request.agent_id].add(request.day)
    longest = max(t.length_minutes for t in project.shift_templates)
    for agent in project.agents:
        starts = [s for t in project.shift_templates for s in t.starts() if agent.may_start_at(s)]
        if not starts:
            problems.append(
                f"{agent.name} ({agent.id}): no shift template starts inside their start window "
                f"{format_minute_of_day(agent.earliest_start)}–{format_minute_of_day(agent.latest_start)}. "
                "Widen the window or add a template."
            )
            continue
        problems += _limit_clashes(project, agent, starts)
        contract = agent.contract
        shortest = min(t.length_minutes for t in project.shift_templates)
        if contract.max_days_per_week * longest < contract.weekly_min_minutes:
            problems.append(
                f"{agent.name} ({agent.id}): the contract needs at least {contract.weekly_min_minutes / 60:g} h "
                f"a week but allows at most {contract.max_days_per_week} working days, and the longest "
                f"shift is {longest / 60:g} h ({contract.max_days_per_week * longest / 60:g} h). "
                "Raise the days per week, lower the hours or add a longer shift template."
            )
            continue
        if contract.min_days_per_week * shortest > contract.weekly_max_minutes:
            problems.append(
                f"{agent.name} ({agent.id}): the contract needs at least {contract.min_days_per_week} working "
                f"days a week but allows at most {contract.weekly_max_minutes / 60:g} h, and the shortest "
                f"shift is {shortest / 60:g} h ({contract.min_days_per_week * shortest / 60:g} h). "
                "Lower the days per week, raise the hours or add a shorter shift template."
            )
            continue
        for week in range(horizon.weeks):
            days = [horizon.start + timedelta(days=7 * week + i) for i in range(7)]
            off = sorted(d for d in days if d in hard_off[agent.id])
            n_vacation = sum(1 for d in days if d in vacation[agent.id])
            min_days, _, min_minutes, _ = weekly_bounds(agent.contract, n_vacation)
            free = 7 - len(off)
            off_text = ", ".join(d.strftime("%a %d/%m") for d in off)
            if free < min_days:
                problems.append(
                    f"{agent.name} ({agent.id}), week of {days[0].isoformat()}: the contract needs "
                    f"{min_days} working days but approved days off ({off_text}) leave {free}. "
                    "Deny a day off or lower the contract's days for that week."
                )
            elif free * longest < min_minutes:
                problems.append(
                    f"{agent.name} ({agent.id}), week of {days[0].isoformat()}: the contract needs "
                    f"{min_minutes / 60:g} h but {free} free days of at most {longest / 60:g} h allow "
                    f"{free * longest / 60:g} h (days off: {off_text or 'none'})."
                )
    return problems


def _limit_clashes(project: Project, agent, starts: list[int]) -> list[str]:
    """Labour limits that leave an agent fewer possible working days than the contract needs."""
    labour = project.labour
    who = f"{agent.name} ({agent.id})"
    out = []
    window = f"{format_minute_of_day(agent.earliest_start)}–{format_minute_of_day(agent.latest_start)}"
    shapes = [(s, t.length_minutes) for t in project.shift_templates for s in t.starts() if agent.may_start_at(s)]
    nights = [labour.is_night(s, length) for s, length in shapes]
    if not agent.nights and all(nights):
        return [f"{who} does not work nights, but every shift starting in their start window {window} is a "
                "night shift. Allow nights or widen the window."]
    need = agent.contract.min_days_per_week
    if labour.min_days_off_per_week and not labour.min_days_off_per_week_weight \
            and 7 - labour.min_days_off_per_week < need:
        out.append(f"{who}: the contract needs {need} working days a week, but the rule of at least "
                   f"{labour.min_days_off_per_week} days off a week leaves {7 - labour.min_days_off_per_week}.")
    if all(nights) and labour.max_nights_per_week < need and not labour.max_nights_per_week_weight:
        out.append(f"{who}: every shift in their start window {window} is a night shift and the contract "
                   f"needs {need} days a week, but at most {labour.max_nights_per_week} nights a week are allowed.")
    if need == 7 and labour.max_consecutive_days < 7 and not labour.max_consecutive_days_weight:
        out.append(f"{who}: the contract needs 7 working days every week, but at most "
                   f"{labour.max_consecutive_days} days in a row are allowed.")
    return out
