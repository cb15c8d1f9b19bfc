"""Forecast call volume and the service goal that turns it into staff."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from scheduler.domain.clock import MINUTES_PER_DAY, format_minute_of_day
from scheduler.i18n import add_translations, tr

add_translations({
    "Forecast times are local wall-clock times without a time zone":
        "Las horas de la previsión son horas locales, sin zona horaria",
    "{start:%Y-%m-%d %H:%M}: calls cannot be negative ({calls})":
        "{start:%Y-%m-%d %H:%M}: las llamadas no pueden ser negativas ({calls})",
    "{start:%Y-%m-%d %H:%M}: average handling time must be more than 0 s":
        "{start:%Y-%m-%d %H:%M}: el TMO debe ser mayor que 0 s",
    "{start:%Y-%m-%d %H:%M}: required agents cannot be negative":
        "{start:%Y-%m-%d %H:%M}: los agentes necesarios no pueden ser negativos",
    "Forecast intervals are 15, 30 or 60 min, got {minutes}":
        "Los intervalos de la previsión son de 15, 30 o 60 min; se indicó {minutes}",
    "The forecast has {start:%Y-%m-%d %H:%M} twice": "La previsión tiene {start:%Y-%m-%d %H:%M} dos veces",
    "Service level target must be between 0 % and 100 %, got {value:.0%}":
        "El objetivo de nivel de servicio debe estar entre 0 % y 100 %; se indicó {value:.0%}",
    "The answer-time target must be more than 0 s": "El tiempo de respuesta objetivo debe ser mayor que 0 s",
    "The ASA target must be more than 0 s": "El objetivo de ASA debe ser mayor que 0 s",
    "Shrinkage must be between 0 % and 95 %, got {value:.0%}":
        "La merma debe estar entre 0 % y 95 %; se indicó {value:.0%}",
    "Maximum occupancy must be above 0 % and at most 100 %, got {value:.0%}":
        "La ocupación máxima debe ser mayor que 0 % y como mucho 100 %; se indicó {value:.0%}",
    "Minimum staff on duty must be a whole number, got {value!r}":
        "La dotación mínima en servicio debe ser un número entero; se indicó {value!r}",
    "Minimum staff on duty cannot be negative": "La dotación mínima en servicio no puede ser negativa",
    "Average handling time must be more than 0 s and at most 3 h, got {value:g} s":
        "El TMO debe ser mayor que 0 s y como mucho 3 h; se indicó {value:g} s",
    "Average caller patience must be more than 0 s":
        "La paciencia media de quien llama debe ser mayor que 0 s",
    "A staffing override needs at least one weekday":
        "Un ajuste de dotación necesita al menos un día de la semana",
    "Weekdays are 0 (Monday) to 6 (Sunday), got {day!r}":
        "Los días de la semana van de 0 (lunes) a 6 (domingo); se indicó {day!r}",
    "A staffing override's start must be a time of day between 00:00 and {top}, got {value!r}":
        "El inicio de un ajuste de dotación debe ser una hora del día entre 00:00 y {top}; se indicó {value!r}",
    "A staffing override's end must be a time of day between 00:00 and {top}, got {value!r}":
        "El fin de un ajuste de dotación debe ser una hora del día entre 00:00 y {top}; se indicó {value!r}",
    "A staffing override's window is empty (it starts when it ends); for the whole day use 00:00–24:00":
        "La franja de un ajuste de dotación está vacía (empieza cuando termina); para todo el día "
        "usa 00:00–24:00",
    "Staffing overrides must be StaffingOverride, got {item!r}":
        "Los ajustes de dotación deben ser StaffingOverride; se indicó {item!r}",
})


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
            raise ValueError(tr("Forecast times are local wall-clock times without a time zone"))
        if self.calls < 0:
            raise ValueError(tr("{start:%Y-%m-%d %H:%M}: calls cannot be negative ({calls})").format(
                start=self.start, calls=self.calls))
        if self.aht_seconds <= 0:
            raise ValueError(
                tr("{start:%Y-%m-%d %H:%M}: average handling time must be more than 0 s").format(start=self.start)
            )
        if self.required_agents is not None and self.required_agents < 0:
            raise ValueError(tr("{start:%Y-%m-%d %H:%M}: required agents cannot be negative").format(
                start=self.start))


@dataclass(frozen=True)
class Forecast:
    interval_minutes: int = 15
    intervals: tuple[ForecastInterval, ...] = ()

    def __post_init__(self) -> None:
        if self.interval_minutes not in (15, 30, 60):
            raise ValueError(tr("Forecast intervals are 15, 30 or 60 min, got {minutes}").format(
                minutes=self.interval_minutes))
        object.__setattr__(self, "intervals", tuple(sorted(self.intervals, key=lambda i: i.start)))
        seen = set()
        for item in self.intervals:
            if item.start in seen:
                raise ValueError(tr("The forecast has {start:%Y-%m-%d %H:%M} twice").format(start=item.start))
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
        raise ValueError(tr("Service level target must be between 0 % and 100 %, got {value:.0%}").format(
            value=service_level))
    target = values.get("target_seconds")
    if target is not None and target <= 0:
        raise ValueError(tr("The answer-time target must be more than 0 s"))
    asa = values.get("asa_target_seconds")
    if asa is not None and asa <= 0:
        raise ValueError(tr("The ASA target must be more than 0 s"))
    shrinkage = values.get("shrinkage")
    if shrinkage is not None and not 0 <= shrinkage <= 0.95:
        raise ValueError(tr("Shrinkage must be between 0 % and 95 %, got {value:.0%}").format(value=shrinkage))
    occupancy = values.get("max_occupancy")
    if occupancy is not None and not 0 < occupancy <= 1:
        raise ValueError(tr("Maximum occupancy must be above 0 % and at most 100 %, got {value:.0%}").format(
            value=occupancy))
    min_agents = values.get("min_agents")
    if min_agents is not None:
        if isinstance(min_agents, bool) or not isinstance(min_agents, int):
            raise ValueError(tr("Minimum staff on duty must be a whole number, got {value!r}").format(
                value=min_agents))
        if min_agents < 0:
            raise ValueError(tr("Minimum staff on duty cannot be negative"))
    aht = values.get("aht_seconds")
    if aht is not None and not 0 < aht <= 3 * 3600:
        raise ValueError(tr("Average handling time must be more than 0 s and at most 3 h, got {value:g} s").format(
            value=aht))
    patience = values.get("patience_seconds")
    if patience is not None and patience <= 0:
        raise ValueError(tr("Average caller patience must be more than 0 s"))


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
            raise ValueError(tr("A staffing override needs at least one weekday"))
        for day in days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(tr("Weekdays are 0 (Monday) to 6 (Sunday), got {day!r}").format(day=day))
        object.__setattr__(self, "weekdays", tuple(sorted(set(days))))
        for name, value, top in (("start", self.start_minute, MINUTES_PER_DAY - 1),
                                 ("end", self.end_minute, MINUTES_PER_DAY)):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise ValueError(tr(
                    "A staffing override's start must be a time of day between 00:00 and {top}, got {value!r}"
                    if name == "start" else
                    "A staffing override's end must be a time of day between 00:00 and {top}, got {value!r}"
                ).format(top=format_minute_of_day(top), value=value))
        if self.start_minute == self.end_minute:
            raise ValueError(tr("A staffing override's window is empty (it starts when it ends); "
                                "for the whole day use 00:00–24:00"))
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
                raise ValueError(tr("Staffing overrides must be StaffingOverride, got {item!r}").format(item=item))

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
