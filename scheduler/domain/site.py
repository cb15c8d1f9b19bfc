"""The call center (site) and the planning horizon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.i18n import add_translations, tr

add_translations({
    '{whose}"{name}" is not a known time zone; use a name such as "Europe/Madrid" or "America/Mexico_City"':
        '{whose}"{name}" no es una zona horaria conocida; usa un nombre como "Europe/Madrid" o '
        '"America/Mexico_City"',
    "The center needs a name": "El centro necesita un nombre",
    "The planning interval must be one of {choices} minutes, got {minutes}":
        "El intervalo de planificación debe ser uno de estos valores en minutos: {choices}; se indicó {minutes}",
    "The horizon start must be a date, got {start!r}":
        "El inicio del periodo debe ser una fecha; se indicó {start!r}",
    "A roster covers 1 to 6 weeks, got {weeks}": "Un cuadrante abarca de 1 a 6 semanas; se indicó {weeks}",
    "{day} is outside the planning horizon {start} – {end}":
        "{day} está fuera del periodo de planificación {start} – {end}",
})

INTERVAL_CHOICES = (5, 10, 15, 20, 30, 60)


def check_time_zone(name: str, whose: str = "") -> None:
    """Raise ValueError with the name when ``name`` is not an IANA time zone.

    ``whose`` starts the message (e.g. ``"Agent A1: "``), already in the chosen language.
    """
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            tr('{whose}"{name}" is not a known time zone; use a name such as "Europe/Madrid" or '
               '"America/Mexico_City"').format(whose=whose, name=name)
        ) from None


@dataclass(frozen=True)
class Site:
    """A call center: its clock (time zone) and the length of a planning interval."""

    name: str
    time_zone: str = "Europe/Madrid"
    interval_minutes: int = 15
    country: str = "ES"
    region: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError(tr("The center needs a name"))
        check_time_zone(self.time_zone)
        if self.interval_minutes not in INTERVAL_CHOICES:
            raise ValueError(
                tr("The planning interval must be one of {choices} minutes, got {minutes}").format(
                    choices=", ".join(map(str, INTERVAL_CHOICES)), minutes=self.interval_minutes)
            )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


@dataclass(frozen=True)
class Horizon:
    """The days being planned: ``weeks`` whole weeks from ``start``."""

    start: date
    weeks: int = 4

    def __post_init__(self) -> None:
        if not isinstance(self.start, date):
            raise ValueError(tr("The horizon start must be a date, got {start!r}").format(start=self.start))
        if not 1 <= self.weeks <= 6:
            raise ValueError(tr("A roster covers 1 to 6 weeks, got {weeks}").format(weeks=self.weeks))

    @property
    def days(self) -> int:
        return 7 * self.weeks

    @property
    def end(self) -> date:
        """The last planned day (inclusive)."""
        return self.start + timedelta(days=self.days - 1)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def index(self, day: date) -> int:
        """Day index in the horizon, or ValueError naming the horizon."""
        offset = (day - self.start).days
        if not 0 <= offset < self.days:
            raise ValueError(
                tr("{day} is outside the planning horizon {start} – {end}").format(
                    day=day.isoformat(), start=self.start.isoformat(), end=self.end.isoformat())
            )
        return offset

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and 0 <= (day - self.start).days < self.days
