"""Labour rules that apply to every agent of the center."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain.clock import check_minute_of_day


@dataclass(frozen=True)
class LabourRules:
    """Rest, consecutive days and the definition of a night shift.

    Defaults follow Spain's Estatuto de los Trabajadores: 12 h rest between
    shifts (art. 34.3) and night work 22:00–06:00, a shift being a night shift
    when at least 3 h of it fall in that window (art. 36.1).
    """

    min_rest_minutes: int = 12 * 60
    max_consecutive_days: int = 6
    night_start: int = 22 * 60
    night_end: int = 6 * 60
    night_min_minutes: int = 3 * 60

    def __post_init__(self) -> None:
        if not 0 <= self.min_rest_minutes <= 24 * 60:
            raise ValueError(
                f"Minimum rest between shifts must be 0–24 h, got {self.min_rest_minutes / 60:g} h"
            )
        if not 1 <= self.max_consecutive_days <= 14:
            raise ValueError(
                f"Maximum consecutive working days must be 1–14, got {self.max_consecutive_days}"
            )
        check_minute_of_day(self.night_start, "Night window start")
        check_minute_of_day(self.night_end, "Night window end")
        if not 0 < self.night_min_minutes <= 8 * 60:
            raise ValueError("A night shift needs between 1 min and 8 h inside the night window")

    def night_minutes(self, start_minute_of_day: int, length_minutes: int) -> int:
        """Minutes of a shift (wall clock from its start) inside the night window."""
        total = 0
        window_start, window_end = self.night_start, self.night_end
        if window_end <= window_start:
            window_end += 24 * 60
        for day_offset in (-24 * 60, 0, 24 * 60):
            lo = window_start + day_offset
            hi = window_end + day_offset
            total += max(0, min(hi, start_minute_of_day + length_minutes) - max(lo, start_minute_of_day))
        return total

    def is_night(self, start_minute_of_day: int, length_minutes: int) -> bool:
        return self.night_minutes(start_minute_of_day, length_minutes) >= self.night_min_minutes
