"""Shift templates: the shapes a shift can take."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain.clock import check_minute_of_day


@dataclass(frozen=True)
class ShiftTemplate:
    """Shifts of ``length_minutes`` (wall clock) starting every ``start_step``
    minutes from ``earliest_start`` to ``latest_start`` (minutes after midnight).
    A shift starting late in the evening crosses midnight."""

    name: str
    length_minutes: int = 8 * 60
    earliest_start: int = 0
    latest_start: int = 23 * 60
    start_step: int = 60

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("A shift template needs a name")
        if not 60 <= self.length_minutes <= 14 * 60:
            raise ValueError(
                f"Shift template {self.name}: length must be 1–14 h, got {self.length_minutes} min"
            )
        check_minute_of_day(self.earliest_start, f"Shift template {self.name}: earliest start")
        check_minute_of_day(self.latest_start, f"Shift template {self.name}: latest start")
        if self.earliest_start > self.latest_start:
            raise ValueError(f"Shift template {self.name}: earliest start is after latest start")
        if self.start_step not in (5, 10, 15, 20, 30, 60):
            raise ValueError(
                f"Shift template {self.name}: start step must be 5, 10, 15, 20, 30 or 60 min, "
                f"got {self.start_step}"
            )

    def starts(self) -> range:
        """Allowed start times, minutes after midnight."""
        return range(self.earliest_start, self.latest_start + 1, self.start_step)
