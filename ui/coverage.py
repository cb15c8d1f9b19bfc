"""Coverage of a roster for the Roster page: required agents, agents on the phone
(breaks excluded) and the service level Erlang predicts, interval by interval.

The counting is ``scheduler.export.coverage`` (the approval workbook reads the
same numbers); this module only adds the forecast per slot and the prediction
for the slots on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scheduler.domain import Project, Roster
from scheduler.export.coverage import on_phone_per_slot as counted
from scheduler.staffing.erlang import predict
from scheduler.staffing.requirements import forecast_key, required_per_slot


@dataclass(frozen=True)
class Coverage:
    required: tuple[int, ...]
    on_phone: tuple[float, ...]
    calls: tuple[float, ...]
    aht: tuple[float, ...]

    def short(self, slot: int) -> float:
        return max(0.0, self.required[slot] - self.on_phone[slot])


def on_phone_per_slot(project: Project, roster: Roster) -> tuple[float, ...]:
    """Agents on the phone (on shift, not on a break) per slot, as the approval workbook counts them."""
    return tuple(counted(project, roster))


def coverage(project: Project, roster: Roster | None) -> Coverage:
    timeline = project.timeline
    required = tuple(required_per_slot(project))
    on_phone = on_phone_per_slot(project, roster) if roster is not None else (0.0,) * len(required)
    by_start = project.forecast.by_start()
    step = project.forecast.interval_minutes
    scale = timeline.slot_minutes / step
    calls, aht = [], []
    for slot in range(timeline.n_slots):
        item = by_start.get(forecast_key(timeline.slot_local(slot), step))
        calls.append(item.calls * scale if item else 0.0)
        aht.append(item.aht_seconds if item else 300.0)
    return Coverage(required, tuple(on_phone), tuple(calls), tuple(aht))


def predicted_service_level(project: Project, cover: Coverage, slots: range) -> list[float | None]:
    """Share of calls answered within the target, per slot, with the agents on the phone
    (no further shrinkage, as in the approval workbook); None where no calls are expected."""
    staffing = project.staffing
    seconds = project.timeline.slot_minutes * 60
    out: list[float | None] = []
    for slot in slots:
        if not 0 <= slot < len(cover.required) or cover.calls[slot] <= 0:
            out.append(None)
            continue
        try:
            out.append(predict(cover.on_phone[slot], cover.calls[slot], seconds, cover.aht[slot],
                               staffing.target_seconds, staffing.patience_seconds).service_level)
        except ValueError:
            out.append(None)
    return out


def day_slots(project: Project, day: date, hours: int = 32) -> range:
    """Slots from the local midnight starting ``day`` for ``hours`` hours."""
    timeline = project.timeline
    index = project.horizon.index(day)
    first = timeline.slot_of(timeline.day_start(index))
    return range(first, first + hours * 60 // timeline.slot_minutes)
