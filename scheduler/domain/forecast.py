"""Forecast call volume and the service goal that turns it into staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ForecastInterval:
    """Expected contacts in the interval starting at ``start`` (local wall time, naive).

    ``required_agents`` is an explicit staffing figure when the forecast brings
    one; otherwise staff is derived from calls and AHT with Erlang C.
    """

    start: datetime
    calls: float = 0.0
    aht_seconds: float = 300.0
    required_agents: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None:
            raise ValueError("Forecast times are local wall-clock times without a time zone")
        if self.calls < 0:
            raise ValueError(f"{self.start:%Y-%m-%d %H:%M}: calls cannot be negative ({self.calls})")
        if self.aht_seconds <= 0:
            raise ValueError(
                f"{self.start:%Y-%m-%d %H:%M}: average handling time must be more than 0 s"
            )
        if self.required_agents is not None and self.required_agents < 0:
            raise ValueError(f"{self.start:%Y-%m-%d %H:%M}: required agents cannot be negative")


@dataclass(frozen=True)
class Forecast:
    interval_minutes: int = 15
    intervals: tuple[ForecastInterval, ...] = ()

    def __post_init__(self) -> None:
        if self.interval_minutes not in (15, 30, 60):
            raise ValueError(f"Forecast intervals are 15, 30 or 60 min, got {self.interval_minutes}")
        object.__setattr__(self, "intervals", tuple(sorted(self.intervals, key=lambda i: i.start)))
        seen = set()
        for item in self.intervals:
            if item.start in seen:
                raise ValueError(f"The forecast has {item.start:%Y-%m-%d %H:%M} twice")
            seen.add(item.start)

    def by_start(self) -> dict[datetime, ForecastInterval]:
        return {item.start: item for item in self.intervals}


@dataclass(frozen=True)
class StaffingParams:
    """Service goal and the allowances between agents paid and agents on the phone."""

    service_level: float = 0.80
    target_seconds: float = 20.0
    asa_target_seconds: float | None = None
    shrinkage: float = 0.30
    max_occupancy: float = 0.85
    min_agents: int = 2
    patience_seconds: float | None = None

    def __post_init__(self) -> None:
        if not 0 < self.service_level < 1:
            raise ValueError(f"Service level target must be between 0 % and 100 %, got {self.service_level:.0%}")
        if self.target_seconds <= 0:
            raise ValueError("The answer-time target must be more than 0 s")
        if not 0 <= self.shrinkage <= 0.95:
            raise ValueError(f"Shrinkage must be between 0 % and 95 %, got {self.shrinkage:.0%}")
        if not 0 < self.max_occupancy <= 1:
            raise ValueError(f"Maximum occupancy must be above 0 % and at most 100 %, got {self.max_occupancy:.0%}")
        if self.min_agents < 0:
            raise ValueError("Minimum staff on duty cannot be negative")
        if self.patience_seconds is not None and self.patience_seconds <= 0:
            raise ValueError("Average caller patience must be more than 0 s")
