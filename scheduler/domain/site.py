"""The call center (site) and the planning horizon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

INTERVAL_CHOICES = (5, 10, 15, 20, 30, 60)


def check_time_zone(name: str, whose: str = "") -> None:
    """Raise ValueError with the name when ``name`` is not an IANA time zone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f'{whose}"{name}" is not a known time zone; use a name such as '
            '"Europe/Madrid" or "America/Mexico_City"'
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
            raise ValueError("The center needs a name")
        check_time_zone(self.time_zone)
        if self.interval_minutes not in INTERVAL_CHOICES:
            raise ValueError(
                f"The planning interval must be one of {', '.join(map(str, INTERVAL_CHOICES))}"
                f" minutes, got {self.interval_minutes}"
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
            raise ValueError(f"The horizon start must be a date, got {self.start!r}")
        if not 1 <= self.weeks <= 6:
            raise ValueError(f"A roster covers 1 to 6 weeks, got {self.weeks}")

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
                f"{day.isoformat()} is outside the planning horizon "
                f"{self.start.isoformat()} – {self.end.isoformat()}"
            )
        return offset

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and 0 <= (day - self.start).days < self.days
