"""Forecast call volume and the service goal that turns it into staff."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from scheduler.domain.clock import MINUTES_PER_DAY, format_minute_of_day


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


#: The :class:`StaffingParams` fields an override may replace.
OVERRIDABLE = (
    "service_level",
    "target_seconds",
    "asa_target_seconds",
    "shrinkage",
    "max_occupancy",
    "min_agents",
    "aht_seconds",
    "patience_seconds",
)


def _check_goal_values(values: dict[str, object]) -> None:
    """Range checks shared by :class:`StaffingParams` and :class:`StaffingOverride` (``None`` = not set)."""
    service_level = values.get("service_level")
    if service_level is not None and not 0 < service_level < 1:
        raise ValueError(f"Service level target must be between 0 % and 100 %, got {service_level:.0%}")
    target = values.get("target_seconds")
    if target is not None and target <= 0:
        raise ValueError("The answer-time target must be more than 0 s")
    asa = values.get("asa_target_seconds")
    if asa is not None and asa <= 0:
        raise ValueError("The ASA target must be more than 0 s")
    shrinkage = values.get("shrinkage")
    if shrinkage is not None and not 0 <= shrinkage <= 0.95:
        raise ValueError(f"Shrinkage must be between 0 % and 95 %, got {shrinkage:.0%}")
    occupancy = values.get("max_occupancy")
    if occupancy is not None and not 0 < occupancy <= 1:
        raise ValueError(f"Maximum occupancy must be above 0 % and at most 100 %, got {occupancy:.0%}")
    min_agents = values.get("min_agents")
    if min_agents is not None:
        if isinstance(min_agents, bool) or not isinstance(min_agents, int):
            raise ValueError(f"Minimum staff on duty must be a whole number, got {min_agents!r}")
        if min_agents < 0:
            raise ValueError("Minimum staff on duty cannot be negative")
    aht = values.get("aht_seconds")
    if aht is not None and not 0 < aht <= 3 * 3600:
        raise ValueError(f"Average handling time must be more than 0 s and at most 3 h, got {aht:g} s")
    patience = values.get("patience_seconds")
    if patience is not None and patience <= 0:
        raise ValueError("Average caller patience must be more than 0 s")


@dataclass(frozen=True)
class StaffingOverride:
    """Different staffing goals on some weekdays between two times of day.

    ``weekdays`` are 0 = Monday … 6 = Sunday; the window runs from
    ``start_minute`` (0–1439) to ``end_minute`` (1–1440) on each of them. When
    ``end_minute <= start_minute`` the window wraps midnight and its early
    hours belong to the *next* day: ``weekdays=(4,), 22:00–06:00`` covers
    Friday 22:00 to Saturday 06:00. Every field left ``None`` keeps the site's
    value, so an override cannot switch a goal off (an ASA target or Erlang A
    patience set for the site stays set).
    """

    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    start_minute: int = 0
    end_minute: int = MINUTES_PER_DAY
    service_level: float | None = None
    target_seconds: float | None = None
    asa_target_seconds: float | None = None
    shrinkage: float | None = None
    max_occupancy: float | None = None
    min_agents: int | None = None
    aht_seconds: float | None = None
    patience_seconds: float | None = None

    def __post_init__(self) -> None:
        days = tuple(self.weekdays)
        if not days:
            raise ValueError("A staffing override needs at least one weekday")
        for day in days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(f"Weekdays are 0 (Monday) to 6 (Sunday), got {day!r}")
        object.__setattr__(self, "weekdays", tuple(sorted(set(days))))
        for name, value, top in (("start", self.start_minute, MINUTES_PER_DAY - 1),
                                 ("end", self.end_minute, MINUTES_PER_DAY)):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise ValueError(f"A staffing override's {name} must be a time of day between 00:00 "
                                 f"and {format_minute_of_day(top)}, got {value!r}")
        if self.start_minute == self.end_minute:
            raise ValueError("A staffing override's window is empty (it starts when it ends); "
                             "for the whole day use 00:00–24:00")
        _check_goal_values(self.changes())

    @property
    def wraps_midnight(self) -> bool:
        return self.end_minute <= self.start_minute

    def changes(self) -> dict[str, object]:
        """The fields this override sets."""
        return {name: getattr(self, name) for name in OVERRIDABLE if getattr(self, name) is not None}

    def covers(self, weekday: int, minute_of_day: int) -> bool:
        """Whether the wall-clock time ``minute_of_day`` on ``weekday`` is inside the window."""
        if not self.wraps_midnight:
            return weekday in self.weekdays and self.start_minute <= minute_of_day < self.end_minute
        if minute_of_day >= self.start_minute:
            return weekday in self.weekdays
        return minute_of_day < self.end_minute and (weekday - 1) % 7 in self.weekdays


@dataclass(frozen=True)
class StaffingParams:
    """Service goal and the allowances between agents paid and agents on the phone.

    ``aht_seconds``, when set, replaces the forecast's AHT for every interval
    these parameters apply to. ``overrides`` change any of the goals on some
    weekdays and times of day; see :meth:`params_for`.
    """

    service_level: float = 0.80
    target_seconds: float = 20.0
    asa_target_seconds: float | None = None
    shrinkage: float = 0.30
    max_occupancy: float = 0.85
    min_agents: int = 2
    patience_seconds: float | None = None
    aht_seconds: float | None = None
    overrides: tuple[StaffingOverride, ...] = ()

    def __post_init__(self) -> None:
        _check_goal_values({f.name: getattr(self, f.name) for f in fields(self)})
        object.__setattr__(self, "overrides", tuple(self.overrides))
        for item in self.overrides:
            if not isinstance(item, StaffingOverride):
                raise ValueError(f"Staffing overrides must be StaffingOverride, got {item!r}")

    def params_for(self, weekday: int, minute_of_day: int) -> StaffingParams:
        """The goals in force at ``minute_of_day`` (wall clock) on ``weekday`` (0 = Monday).

        Overrides are applied in order, so a later one wins where two overlap.
        The result has no overrides of its own (it is a plain, hashable value,
        equal for every interval with the same goals).
        """
        changes: dict[str, object] = {}
        for item in self.overrides:
            if item.covers(weekday, minute_of_day):
                changes.update(item.changes())
        return replace(self, overrides=(), **changes)
