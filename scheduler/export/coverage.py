"""Agents on the phone, per planning slot, for a roster: the one place coverage is counted.

An agent is *on the phone* while on shift and not on a break. Counting is done
minute by minute in real elapsed time and then averaged per slot, so a slot
holds *agent-minutes on the phone / slot length*: a 5-minute pause takes a
third of an agent out of a 15-minute slot, and a shift that starts at 08:05
counts for two thirds of the 08:00 slot.

Slots are those of :class:`~scheduler.domain.Timeline` (real time from the
local midnight starting the horizon; a daylight-saving day has 92 or 100
quarter hours). ``required`` is :func:`scheduler.staffing.requirements.required_per_slot`.

The approval workbook, the desktop app's coverage chart and the key figures
all read these numbers, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from scheduler.domain import Project, Roster, ShiftAssignment
from scheduler.domain.timeline import Timeline
from scheduler.i18n import add_translations, tr

__all__ = [
    "Coverage",
    "ServiceForecast",
    "coverage",
    "minute_profile",
    "on_phone_per_slot",
    "predicted_service",
    "shift_segments",
]

_EPS = 1e-9

add_translations({
    "Coverage needs one figure per slot in every series":
        "La cobertura necesita una cifra por franja en cada serie",
})


@dataclass(frozen=True)
class Coverage:
    """Required agents and agents on the phone (and on duty) for every slot of the horizon."""

    slot_minutes: int
    required: tuple[int, ...]
    on_phone: tuple[float, ...]
    on_duty: tuple[float, ...]

    def __post_init__(self) -> None:
        if not len(self.required) == len(self.on_phone) == len(self.on_duty):
            raise ValueError(tr("Coverage needs one figure per slot in every series"))

    @property
    def n_slots(self) -> int:
        return len(self.required)

    @property
    def difference(self) -> tuple[float, ...]:
        """On the phone minus required (negative: short)."""
        return tuple(p - r for p, r in zip(self.on_phone, self.required))

    @property
    def required_agent_minutes(self) -> int:
        return sum(self.required) * self.slot_minutes

    @property
    def covered_agent_minutes(self) -> float:
        """Agent-minutes on the phone that count towards the requirement (excess not counted)."""
        return sum(min(p, r) for p, r in zip(self.on_phone, self.required)) * self.slot_minutes

    @property
    def short_agent_minutes(self) -> float:
        """Agent-minutes on the phone missing from the requirement, breaks included: the
        shortfall the approval workbook and ``turnos-cli solve`` report."""
        return self.required_agent_minutes - self.covered_agent_minutes

    @property
    def excess_agent_minutes(self) -> float:
        """Agent-minutes on the phone beyond the requirement, breaks included."""
        return sum(max(p - r, 0.0) for p, r in zip(self.on_phone, self.required)) * self.slot_minutes

    @property
    def ratio(self) -> float:
        """Covered / required agent-minutes; 1.0 when nothing is required."""
        need = self.required_agent_minutes
        return 1.0 if need == 0 else self.covered_agent_minutes / need

    def is_short(self, slot: int) -> bool:
        return self.on_phone[slot] < self.required[slot] - _EPS

    @property
    def short_slots(self) -> int:
        """Number of slots with fewer agents on the phone than required."""
        return sum(1 for t in range(self.n_slots) if self.is_short(t))


@dataclass(frozen=True)
class ServiceForecast:
    """Forecast calls and predicted service level per slot, and their call-weighted mean.

    ``service_level[t]`` is ``None`` for a slot without calls; ``average`` is
    ``None`` when the horizon has no calls at all.
    """

    calls: tuple[float, ...]
    service_level: tuple[float | None, ...]
    average: float | None


def _minutes(instant: datetime, timeline: Timeline) -> int:
    return round((instant - timeline.origin).total_seconds() / 60)


def shift_segments(shift: ShiftAssignment, timeline: Timeline) -> tuple[
        tuple[int, int], list[tuple[int, int, bool, str]]]:
    """A shift as elapsed minutes: ``((start, end), [(start, end, paid, kind), …])``.

    Breaks are clipped to the shift and overlapping breaks merged, so the
    minutes off the phone are never counted twice.
    """
    start, end = _minutes(shift.start, timeline), _minutes(shift.end, timeline)
    pauses: list[tuple[int, int, bool, str]] = []
    for pause in shift.breaks:  # sorted by start
        lo = max(start, _minutes(pause.start, timeline))
        hi = min(end, _minutes(pause.end, timeline))
        if hi <= lo:
            continue
        if pauses and lo < pauses[-1][1]:
            prev = pauses[-1]
            pauses[-1] = (prev[0], max(prev[1], hi), prev[2], prev[3])
            continue
        pauses.append((lo, hi, pause.paid, pause.kind))
    return (start, end), pauses


def minute_profile(project: Project, roster: Roster, *, breaks: bool = True) -> np.ndarray:
    """Agents on the phone (``breaks=True``) or on duty, for every minute of the horizon.

    The array covers whole slots (``n_slots * slot_minutes`` minutes); parts of
    shifts outside the horizon are left out.
    """
    timeline = project.timeline
    length = timeline.n_slots * timeline.slot_minutes
    delta = np.zeros(length + 1, dtype=np.int64)

    def add(lo: int, hi: int, value: int) -> None:
        lo, hi = max(lo, 0), min(hi, length)
        if lo < hi:
            delta[lo] += value
            delta[hi] -= value

    for shift in roster.shifts:
        (start, end), pauses = shift_segments(shift, timeline)
        add(start, end, 1)
        if breaks:
            for lo, hi, _paid, _kind in pauses:
                add(lo, hi, -1)
    return np.cumsum(delta[:-1])


def _per_slot(profile: np.ndarray, slot_minutes: int) -> tuple[float, ...]:
    per_slot = profile.reshape(-1, slot_minutes).sum(axis=1) / slot_minutes
    return tuple(float(x) for x in per_slot)


def on_phone_per_slot(project: Project, roster: Roster) -> tuple[float, ...]:
    """Agent-minutes on the phone / slot length, for every slot of the horizon."""
    return _per_slot(minute_profile(project, roster), project.site.interval_minutes)


def coverage(project: Project, roster: Roster, required: list[int] | tuple[int, ...] | None = None) -> Coverage:
    """Required, on the phone and on duty per slot. Pass ``required`` to reuse a computed series."""
    if required is None:
        from scheduler.staffing.requirements import required_per_slot

        required = required_per_slot(project)
    slot = project.site.interval_minutes
    return Coverage(
        slot_minutes=slot,
        required=tuple(int(r) for r in required),
        on_phone=_per_slot(minute_profile(project, roster), slot),
        on_duty=_per_slot(minute_profile(project, roster, breaks=False), slot),
    )


def predicted_service(project: Project, roster: Roster, cov: Coverage | None = None) -> ServiceForecast:
    """Predicted service level per slot with the roster's agents on the phone.

    Calls, AHT and goals per slot come from the staffing module (the same
    figures the requirement is computed from, time-of-day goals included);
    the agents are :attr:`Coverage.on_phone` (fractional with breaks), put
    through :func:`scheduler.staffing.erlang.predict` (Erlang C, or Erlang A
    when the goals set a caller patience). No shrinkage is taken off: this is
    the service if everyone on shift is on the phone outside their breaks.
    The average is weighted by calls.
    """
    from scheduler.staffing.erlang import predict
    from scheduler.staffing.requirements import project_staffing

    if cov is None:
        cov = coverage(project, roster)
    staffed = project_staffing(project)
    calls = staffed.demand.calls.tolist()
    aht = staffed.aht_seconds.tolist()
    goals = [staffed.params[g] for g in staffed.group.tolist()]
    interval_s = cov.slot_minutes * 60
    levels: list[float | None] = []
    total = weighted = 0.0
    for t, agents in enumerate(cov.on_phone):
        if calls[t] <= 0:
            levels.append(None)
            continue
        level = predict(max(agents, 0.0), calls[t], interval_s, aht[t], goals[t].target_seconds,
                        goals[t].patience_seconds).service_level
        levels.append(level)
        total += calls[t]
        weighted += calls[t] * level
    return ServiceForecast(tuple(float(c) for c in calls), tuple(levels),
                           weighted / total if total > 0 else None)
