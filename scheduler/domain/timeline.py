"""Real elapsed time across a horizon, with the site's wall clock at the edges.

Inside Turnos, instants are whole minutes elapsed since the local midnight that
starts the horizon. Elapsed minutes are real minutes: on the night the clocks go
forward the day has 23 hours (92 quarter hours), when they go back it has 25.
Wall-clock times (a shift "starting at 22:00 on the 24th") are turned into
elapsed minutes here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from scheduler.domain.site import Horizon, Site

UTC = timezone.utc


@dataclass(frozen=True)
class Timeline:
    site: Site
    horizon: Horizon
    origin: datetime = field(init=False)  # aware, UTC

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin", self.wall_to_utc(self.horizon.start, 0))

    @property
    def zone(self) -> ZoneInfo:
        return self.site.zone

    @property
    def slot_minutes(self) -> int:
        return self.site.interval_minutes

    # -- wall clock <-> instants ------------------------------------------------
    def wall_to_utc(self, day: date, minute_of_day: int) -> datetime:
        """The instant the site's clock shows ``minute_of_day`` on ``day``.

        ``minute_of_day`` may exceed 24 h (a shift ending 06:00 next day is
        ``day`` + 30 h). A wall time that does not exist (skipped by the spring
        change) is read with the offset before the change, i.e. an hour later
        on the new clock; an ambiguous one (autumn) is its first occurrence.
        """
        extra_days, minute = divmod(minute_of_day, 24 * 60)
        local_day = day + timedelta(days=extra_days)
        naive = datetime.combine(local_day, time(minute // 60, minute % 60))
        return naive.replace(tzinfo=self.zone).astimezone(UTC)

    def wall_minutes(self, day: date, minute_of_day: int) -> int:
        return self.utc_to_minutes(self.wall_to_utc(day, minute_of_day))

    def utc_to_minutes(self, instant: datetime) -> int:
        return round((instant.astimezone(UTC) - self.origin).total_seconds() / 60)

    def minutes_to_utc(self, minutes: int) -> datetime:
        return self.origin + timedelta(minutes=minutes)

    def minutes_to_local(self, minutes: int) -> datetime:
        return self.minutes_to_utc(minutes).astimezone(self.zone)

    def to_local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    # -- days -------------------------------------------------------------------
    def day_start(self, index: int) -> int:
        """Elapsed minutes at local midnight starting day ``index`` (may be the day after)."""
        return self.wall_minutes(self.horizon.start + timedelta(days=index), 0)

    @property
    def total_minutes(self) -> int:
        return self.day_start(self.horizon.days)

    # -- planning intervals (slots) ---------------------------------------------
    @property
    def n_slots(self) -> int:
        return -(-self.total_minutes // self.slot_minutes)

    def slot_start(self, slot: int) -> int:
        return slot * self.slot_minutes

    def slot_local(self, slot: int) -> datetime:
        """Local, aware start of a slot."""
        return self.minutes_to_local(self.slot_start(slot))

    def slot_of(self, minutes: int) -> int:
        return minutes // self.slot_minutes

    def day_of_minutes(self, minutes: int) -> int:
        """Index of the local day an elapsed minute falls on."""
        local = self.minutes_to_local(minutes).date()
        return (local - self.horizon.start).days
