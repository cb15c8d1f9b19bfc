"""Small projects built in code, for tests that need to see one rule at work."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from scheduler.domain import (
    Agent,
    Contract,
    ContractKind,
    Forecast,
    ForecastInterval,
    Horizon,
    LabourRules,
    Project,
    ShiftTemplate,
    Site,
    StaffingParams,
)


def flat_forecast(start: date, days: int, required: int, interval: int = 60) -> Forecast:
    """The same explicit staff need in every interval."""
    items = [
        ForecastInterval(datetime.combine(start, datetime.min.time()) + timedelta(minutes=m),
                         required_agents=required)
        for m in range(0, days * 24 * 60, interval)
    ]
    return Forecast(interval, tuple(items))


def contract(days: int, hours_per_day: int = 8, *, min_days: int | None = None) -> Contract:
    minutes = days * hours_per_day * 60
    low = days if min_days is None else min_days
    return Contract(ContractKind.CUSTOM, low, days, low * hours_per_day * 60, minutes)


def tiny_project(
    agents: list[Agent],
    *,
    start: date = date(2027, 1, 4),
    weeks: int = 1,
    required: int = 1,
    labour: LabourRules | None = None,
    requests=(),
    templates=(ShiftTemplate("8h", 480, 0, 23 * 60, 60),),
    tz: str = "Europe/Madrid",
    interval: int = 60,
) -> Project:
    return Project(
        site=Site("Test center", tz, interval),
        horizon=Horizon(start, weeks),
        agents=tuple(agents),
        shift_templates=tuple(templates),
        labour=labour or LabourRules(),
        requests=tuple(requests),
        forecast=flat_forecast(start, 7 * weeks, required, 60 if interval >= 60 else 15),
        staffing=StaffingParams(min_agents=0),
    )
