"""Break rules: what pauses a shift must carry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BreakRule:
    """One kind of break.

    ``count`` breaks of ``length_minutes`` for shifts of at least
    ``min_shift_minutes``; or, when ``every_minutes`` is set, one break per
    ``every_minutes`` worked (e.g. a 5-min screen pause per hour). Offsets are
    measured from the shift start; ``latest_before_end`` from the shift end.
    """

    name: str
    length_minutes: int
    paid: bool = True
    count: int = 1
    every_minutes: int = 0
    min_shift_minutes: int = 0
    earliest_offset: int = 0
    latest_offset: int = 24 * 60
    latest_before_end: int = 0
    min_gap_minutes: int = 0
    max_gap_minutes: int = 24 * 60
    min_work_before: int = 0
    step_minutes: int = 5

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("A break kind needs a name")
        if not 1 <= self.length_minutes <= 120:
            raise ValueError(f"Break {self.name}: length must be 1–120 min, got {self.length_minutes}")
        if self.count < 0 or self.every_minutes < 0:
            raise ValueError(f"Break {self.name}: count and 'every' cannot be negative")
        if self.earliest_offset > self.latest_offset:
            raise ValueError(f"Break {self.name}: earliest offset is after latest offset")
        if self.min_gap_minutes > self.max_gap_minutes:
            raise ValueError(f"Break {self.name}: minimum gap is larger than maximum gap")
        if self.step_minutes not in (1, 5, 10, 15):
            raise ValueError(f"Break {self.name}: placement step must be 1, 5, 10 or 15 min")

    def breaks_for(self, shift_minutes: int) -> int:
        """How many breaks of this kind a shift of ``shift_minutes`` carries."""
        if shift_minutes < self.min_shift_minutes:
            return 0
        if self.every_minutes:
            return shift_minutes // self.every_minutes
        return self.count
