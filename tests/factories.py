"""Small projects built in code, for tests that need to see one rule at work."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

from scheduler import i18n
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
from solver import ANY, OFF, AgentSpec, CountLimit, FairGroup, Problem, RunLimit, ShiftOption, ShiftRequest, Weights

T = TypeVar("T")


def in_spanish(make: Callable[[], T]) -> T:
    """What ``make()`` returns while Spanish is the chosen language (English again afterwards)."""
    i18n.set_language("es")
    try:
        return make()
    finally:
        i18n.set_language("en")


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


def rich_problem(seed: int) -> Problem:
    """Five agents, two weeks, E/L/N: every soft and hard family at once, history, uneven slot weights."""
    rng = random.Random(seed)
    days = 14
    agents = [
        AgentSpec(f"a{i}", tuple(tuple(o for o in (E, L, N) if rng.random() < 0.85) for _ in range(days)),
                  (0, 0), (2400, 2400), (0, 0), (5, 5),
                  off_requests=((rng.randrange(days), 50),),
                  counts=(CountLimit("night", most=2, weight=rng.choice((0, 30))),
                          CountLimit(OFF, least=2, weight=rng.choice((0, 25)))),
                  runs=(RunLimit("night", most=2, weight=40), RunLimit(OFF, least=2, weight=15),
                        RunLimit(ANY, least=2, most=4, weight=10)),
                  shift_requests=(ShiftRequest(rng.randrange(days), (E,), True, 20),
                                  ShiftRequest(rng.randrange(days), (N,), False, 30)),
                  max_weekends=1, max_weekends_weight=rng.choice((0, 60)),
                  worked_days_before=rng.randint(0, 3), tag_runs_before=(("night", rng.randint(0, 2)),),
                  tag_history=(("night", rng.randint(0, 3)),))
        for i in range(5)
    ]
    required = tuple(rng.randint(0, 3) for _ in range(days * 12))
    return Problem(days, tuple(d // 7 for d in range(days)), three_shift_options(days), 120, required, tuple(agents),
                   min_rest_minutes=11 * 60, max_consecutive_days=5, weights=Weights(stable_start=7),
                   slot_weights=tuple((rng.choice((50, 100)), rng.choice((1, 3))) for _ in required),
                   forbidden_successions=(("N", "E"),), weekends=((5, 6), (12, 13)),
                   fair_groups=(FairGroup("night", ("a0", "a1", "a2"), 11, outside=(2,)),
                                FairGroup("weekend", ("a3", "a4"), 13)))


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    """A zip archive of ``parts`` (name → content): hand-made .xlsx / .ods files, zip bombs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
