"""The time axis the Gantt and the coverage chart share, so their hours line up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeAxis:
    """``span`` minutes from ``start`` (minutes after the day's local midnight),
    drawn between ``left`` and ``width - right`` pixels."""

    left: int = 200
    right: int = 16
    start: int = 0
    span: int = 32 * 60

    def x(self, minute: float, width: int) -> float:
        usable = max(1, width - self.left - self.right)
        return self.left + (minute - self.start) * usable / self.span

    def minute_at(self, x: float, width: int) -> float:
        usable = max(1, width - self.left - self.right)
        return self.start + (x - self.left) * self.span / usable

    def tick_step(self, width: int) -> int:
        """Minutes between labelled ticks so labels do not collide."""
        usable = max(1, width - self.left - self.right)
        for step in (60, 120, 180, 240, 360):
            if usable * step / self.span >= 34:
                return step
        return 480
