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
    left after approved days off allow, and start windows no shift template
    can start in.
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
