"""Penalties of a solved roster, in words a team lead reads."""

from __future__ import annotations

from scheduler.planning import Plan
from solver import Penalty


def describe_penalty(plan: Plan, penalty: Penalty) -> str:
    project = plan.project
    timeline = project.timeline
    if penalty.term in ("shortage", "excess") and penalty.slot is not None:
        start = timeline.slot_local(penalty.slot)
        end = timeline.minutes_to_local(timeline.slot_start(penalty.slot) + timeline.slot_minutes)
        what = "short" if penalty.term == "shortage" else "over"
        return f"{start:%a %d/%m %H:%M}–{end:%H:%M} {what} by {penalty.quantity} (+{penalty.cost})"
    who = ""
    if penalty.agent is not None:
        agent = project.agent(penalty.agent)
        who = f"{agent.name} ({agent.id}): "
    when = ""
    if penalty.day is not None:
        when = f" on {project.horizon.dates()[penalty.day]:%a %d/%m}"
    label = {
        "day_off_request": "works a requested day off",
    }.get(penalty.term, penalty.term.replace("_", " "))
    return f"{who}{label}{when} (+{penalty.cost})"


def penalty_totals(penalties) -> dict[str, int]:
    totals: dict[str, int] = {}
    for penalty in penalties:
        totals[penalty.term] = totals.get(penalty.term, 0) + penalty.cost
    return totals
