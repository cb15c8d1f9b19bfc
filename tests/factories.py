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
from solver import ShiftOption


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


# -- engine-level problems (solver.Problem, no calendar) ---------------------------
E, L, N = 0, 1, 2  # early 06–14, late 14–22, night 22–06


def three_shift_options(days: int) -> tuple[tuple[ShiftOption, ...], ...]:
    """Per day the options E, L, N (8 h each); Saturday and Sunday shifts also carry "weekend"."""
    return tuple(
        tuple(ShiftOption(d * 1440 + h * 60, d * 1440 + h * 60 + 480, 480, night=(h == 22), label=name,
                          tags=frozenset({name} | ({"weekend"} if d % 7 >= 5 else set())))
              for h, name in ((6, "E"), (14, "L"), (22, "N")))
        for d in range(days))
