"""Staffing report per planning interval: what the forecast needs and how a roster will do.

For every slot of the horizon the report gives the forecast calls, the load
in erlangs, the agents needed on the phone (Erlang C, or Erlang A when the
goals set a caller patience), the head count to schedule after shrinkage,
and the predicted service level, ASA, occupancy and abandon rate **with that
staffing**. Given a roster it adds the same predictions for the agents the
roster actually has on the phone.

Agents on the phone
-------------------
* ``on_duty``: agent-minutes on shift in the slot / slot minutes (a shift
  starting 08:10 counts 1/3 in the 08:00–08:15 slot).
* ``available``: the same minus the minutes on a break (paid or not), so a
  5-minute break takes 1/3 of an agent out of a 15-minute slot.
* ``on_phone = available * (1 - shrinkage)``: shrinkage (absence, training,
  meetings, …) is taken off what the roster shows. Breaks placed in the
  roster are subtracted explicitly, so when the site's shrinkage figure also
  allows for breaks the prediction is on the safe (pessimistic) side.

The requirement is predicted on the same yardstick: ``required * (1 -
shrinkage)`` agents on the phone. A roster that schedules exactly the
required head count, without breaks, therefore predicts exactly the figures
of the requirement (which meet the goals).

Predictions for a fractional number of agents interpolate linearly between
the two neighbouring whole numbers, like :func:`scheduler.staffing.erlang.predict`,
which this module reproduces for whole arrays at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from scheduler.domain import Forecast, Project, Roster, StaffingParams
from scheduler.i18n import add_translations, tr
from scheduler.staffing.erlang import _erlang_a_core
from scheduler.staffing.requirements import (
    SlotStaffing,
    project_slot_starts,
    slot_demand,
    staff_slots,
)

__all__ = [
    "DaySummary",
    "IntervalRow",
    "Predictions",
    "StaffingReport",
    "forecast_report",
    "predict_series",
    "scheduled_per_slot",
    "staffing_report",
]

add_translations({
    "The report interval must divide a day into whole slots, got {minutes} min":
        "El intervalo del informe debe dividir el día en franjas enteras; se recibió {minutes} min",
    "The forecast has no intervals": "La previsión no tiene intervalos",
})

#: Float noise allowed when comparing a predicted figure with its goal.
_EPS = 1e-9


# --------------------------------------------------------------------------- vectorised prediction


@dataclass(frozen=True, eq=False)
class Predictions:
    """Predicted queue figures per slot; ``abandon_rate`` is NaN where Erlang C applies."""

    service_level: np.ndarray
    asa_seconds: np.ndarray
    occupancy: np.ndarray
    abandon_rate: np.ndarray


def _erlang_b_at(load: np.ndarray, servers: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``B(n_i, load_i)`` for each array of whole ``n`` in ``servers``, by one lock-step recursion."""
    out = [np.ones(load.size) for _ in servers]
    top = max((int(n.max()) for n in servers if n.size), default=0)
    b = np.ones(load.size)
    for k in range(1, top + 1):
        ab = load * b
        b = ab / (k + ab)
        for n, target in zip(servers, out):
            hit = n == k
            if hit.any():
                target[hit] = b[hit]
    return out


def _whole(n: np.ndarray, load: np.ndarray, lam: np.ndarray, aht: np.ndarray, target: np.ndarray,
           patience: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Figures for whole numbers of agents ``n`` (rows with calls only)."""
    m = n.size
    sl, wait, occ, abandon = np.empty(m), np.empty(m), np.empty(m), np.full(m, np.nan)
    nf = n.astype(float)
    erlang_c = np.isnan(patience)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rows = erlang_c
        stable = rows & (nf > load)
        c = np.minimum(1.0, np.maximum(0.0, nf * b / (nf - load * (1.0 - b))))
        sl_c = np.clip(1.0 - c * np.exp(-(nf - load) * target / aht), 0.0, 1.0)
        sl[rows] = np.where(stable, sl_c, 0.0)[rows]
        wait[rows] = np.where(stable, c * aht / (nf - load), math.inf)[rows]
        occ[rows] = np.where(nf > 0, np.minimum(1.0, load / np.maximum(nf, 1.0)), 1.0)[rows]
    if (~erlang_c).any():
        pairs = np.unique(np.stack([target[~erlang_c], patience[~erlang_c]]), axis=1)
        for t, p in pairs.T.tolist():
            rows = np.flatnonzero(~erlang_c & (target == t) & (patience == p))
            _, pab, s, w, o = _erlang_a_core(n[rows], lam[rows], aht[rows], p, t, b[rows])
            sl[rows], wait[rows], occ[rows], abandon[rows] = s, w, o, pab
    return sl, wait, occ, abandon


def _blend(low: np.ndarray, high: np.ndarray, frac: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        mixed = low + frac * (high - low)
    mixed = np.where(np.isinf(low) | np.isinf(high), math.inf, mixed)
    return np.where(frac == 0, low, mixed)


def predict_series(
    agents_on_phone: np.ndarray,
    calls: np.ndarray,
    aht_seconds: np.ndarray,
    interval_s: float,
    target_seconds: np.ndarray,
    patience_seconds: np.ndarray,
) -> Predictions:
    """:func:`scheduler.staffing.erlang.predict` for whole arrays (``patience_seconds`` NaN = Erlang C)."""
    agents = np.maximum(np.asarray(agents_on_phone, dtype=float), 0.0)
    calls = np.asarray(calls, dtype=float)
    size = calls.size
    sl, wait, occ = np.ones(size), np.zeros(size), np.zeros(size)
    patience = np.broadcast_to(np.asarray(patience_seconds, dtype=float), (size,))
    abandon = np.where(np.isnan(patience), np.nan, 0.0)
    busy = np.flatnonzero(calls > 0)
    if busy.size:
        a = agents[busy]
        low = np.floor(a).astype(np.int64)
        high = np.ceil(a).astype(np.int64)
        frac = a - low
        aht = np.broadcast_to(np.asarray(aht_seconds, dtype=float), (size,))[busy]
        target = np.broadcast_to(np.asarray(target_seconds, dtype=float), (size,))[busy]
        lam = calls[busy] / interval_s
        load = lam * aht
        b_low, b_high = _erlang_b_at(load, (low, high))
        at_low = _whole(low, load, lam, aht, target, patience[busy], b_low)
        at_high = _whole(high, load, lam, aht, target, patience[busy], b_high)
        sl[busy] = _blend(at_low[0], at_high[0], frac)
        wait[busy] = _blend(at_low[1], at_high[1], frac)
        occ[busy] = _blend(at_low[2], at_high[2], frac)
        abandon[busy] = _blend(at_low[3], at_high[3], frac)
    return Predictions(sl, wait, occ, abandon)


# --------------------------------------------------------------------------- the roster on the grid


def scheduled_per_slot(project: Project, roster: Roster) -> tuple[np.ndarray, np.ndarray]:
    """Agents on duty and agents on duty outside breaks, per slot of the horizon (fractional)."""
    timeline = project.timeline
    step = timeline.slot_minutes
    n = timeline.n_slots
    grid = n * step
    shifts = np.zeros(grid + 1)
    breaks = np.zeros(grid + 1)
    for shift in roster.shifts:
        begin = min(max(timeline.utc_to_minutes(shift.start), 0), grid)
        end = min(max(timeline.utc_to_minutes(shift.end), 0), grid)
        if end <= begin:
            continue
        shifts[begin] += 1
        shifts[end] -= 1
        for pause in shift.breaks:
            b0 = min(max(timeline.utc_to_minutes(pause.start), begin), end)
            b1 = min(max(timeline.utc_to_minutes(pause.end), begin), end)
            if b1 > b0:
                breaks[b0] += 1
                breaks[b1] -= 1
    on_duty = np.cumsum(shifts)[:grid].reshape(n, step).sum(axis=1) / step
    on_break = np.cumsum(breaks)[:grid].reshape(n, step).sum(axis=1) / step
    return on_duty, np.maximum(on_duty - on_break, 0.0)


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class IntervalRow:
    """One slot of the report; the ``roster_*`` figures are ``None`` without a roster."""

    start: datetime
    calls: float
    aht_seconds: float
    load_erlangs: float
    agents_needed_on_phone: int
    required: int
    service_level: float
    asa_seconds: float
    occupancy: float
    abandon_rate: float | None
    meets_goal: bool
    on_duty: float | None = None
    available: float | None = None
    on_phone: float | None = None
    roster_service_level: float | None = None
    roster_asa_seconds: float | None = None
    roster_occupancy: float | None = None
    roster_abandon_rate: float | None = None


@dataclass(frozen=True)
class DaySummary:
    """One day: total calls, the busiest slot's head count, the day's SL and the slots missing the goal.

    ``service_level`` is call-weighted (the share of the day's calls answered
    in time) for the required staffing, ``roster_service_level`` the same for
    the roster. ``intervals_below_target`` counts the slots whose predicted
    SL (or ASA, when the goal is an ASA) misses the goal: the roster's when
    there is one, otherwise the requirement's.
    """

    day: date
    calls: float
    peak_required: int
    required_agent_hours: float
    service_level: float
    intervals_below_target: int
    scheduled_agent_hours: float | None = None
    roster_service_level: float | None = None


def _none_if_nan(value: float) -> float | None:
    return None if math.isnan(value) else value


@dataclass(frozen=True, eq=False)
class StaffingReport:
    """Per-slot arrays (see the module docstring); :meth:`rows` and :meth:`days` for people."""

    slot_minutes: int
    starts: tuple[datetime, ...]
    staffing: SlotStaffing
    shrinkage: np.ndarray
    sl_target: np.ndarray
    asa_target: np.ndarray  # NaN where the goal is a service level
    required_prediction: Predictions
    on_duty: np.ndarray | None = None
    available: np.ndarray | None = None
    roster_prediction: Predictions | None = None

    @property
    def has_roster(self) -> bool:
        return self.roster_prediction is not None

    @property
    def calls(self) -> np.ndarray:
        return self.staffing.demand.calls

    @property
    def required(self) -> np.ndarray:
        return self.staffing.required

    @property
    def on_phone(self) -> np.ndarray | None:
        return None if self.available is None else self.available * (1.0 - self.shrinkage)

    def misses_goal(self, prediction: Predictions) -> np.ndarray:
        """Slots with calls whose predicted SL (or ASA, for an ASA goal) misses the goal."""
        asa_goal = ~np.isnan(self.asa_target)
        with np.errstate(invalid="ignore"):
            missed = np.where(asa_goal, prediction.asa_seconds > self.asa_target * (1 + _EPS),
                              prediction.service_level < self.sl_target - _EPS)
        return missed & (self.calls > 0)

    def rows(self) -> list[IntervalRow]:
        s, p = self.staffing, self.required_prediction
        ok = ~self.misses_goal(self.roster_prediction or p)
        columns = [self.calls, s.aht_seconds, s.load_erlangs, s.agents_raw, s.required,
                   p.service_level, p.asa_seconds, p.occupancy, p.abandon_rate, ok]
        rows = []
        roster = self.roster_prediction
        extra: list[list] = []
        if roster is not None:
            extra = [self.on_duty.tolist(), self.available.tolist(), self.on_phone.tolist(),
                     roster.service_level.tolist(), roster.asa_seconds.tolist(),
                     roster.occupancy.tolist(), roster.abandon_rate.tolist()]
        lists = [c.tolist() for c in columns]
        for i, start in enumerate(self.starts):
            calls, aht, load, raw, req, sl, wait, occ, ab, good = (col[i] for col in lists)
            more = {}
            if extra:
                more = dict(on_duty=extra[0][i], available=extra[1][i], on_phone=extra[2][i],
                            roster_service_level=extra[3][i], roster_asa_seconds=extra[4][i],
                            roster_occupancy=extra[5][i],
                            roster_abandon_rate=_none_if_nan(extra[6][i]))
            rows.append(IntervalRow(start, calls, aht, load, raw, req, sl, wait, occ,
                                    _none_if_nan(ab), good, **more))
        return rows

    def days(self) -> list[DaySummary]:
        day_of = np.array([start.date().toordinal() for start in self.starts], dtype=np.int64)
        hours = self.slot_minutes / 60
        p = self.required_prediction
        roster = self.roster_prediction
        missed = self.misses_goal(roster or p)
        out = []
        for ordinal in np.unique(day_of).tolist():
            rows = day_of == ordinal
            calls = self.calls[rows]
            total = float(calls.sum())

            def weighted(sl: np.ndarray) -> float:
                return float((sl[rows] * calls).sum() / total) if total > 0 else 1.0

            out.append(DaySummary(
                day=date.fromordinal(ordinal),
                calls=total,
                peak_required=int(self.required[rows].max()),
                required_agent_hours=float(self.required[rows].sum() * hours),
                service_level=weighted(p.service_level),
                intervals_below_target=int(missed[rows].sum()),
                scheduled_agent_hours=None if self.on_duty is None
                else float(self.on_duty[rows].sum() * hours),
                roster_service_level=None if roster is None else weighted(roster.service_level),
            ))
        return out


def _build(starts: Sequence[datetime], slot_minutes: int, staffed: SlotStaffing,
           available: np.ndarray | None = None, on_duty: np.ndarray | None = None) -> StaffingReport:
    goals = staffed.params
    group = staffed.group

    def per_slot(values: list[float]) -> np.ndarray:
        return np.asarray(values, dtype=float)[group]

    shrinkage = per_slot([g.shrinkage for g in goals])
    target = per_slot([g.target_seconds for g in goals])
    patience = per_slot([math.nan if g.patience_seconds is None else g.patience_seconds for g in goals])
    sl_target = per_slot([g.service_level for g in goals])
    asa_target = per_slot([math.nan if g.asa_target_seconds is None else g.asa_target_seconds
                           for g in goals])
    interval_s = slot_minutes * 60
    calls = staffed.demand.calls
    aht = staffed.aht_seconds
    required = predict_series(staffed.required * (1.0 - shrinkage), calls, aht, interval_s, target,
                              patience)
    roster = None
    if available is not None:
        roster = predict_series(available * (1.0 - shrinkage), calls, aht, interval_s, target, patience)
    return StaffingReport(slot_minutes, tuple(starts), staffed, shrinkage, sl_target, asa_target,
                          required, on_duty, available, roster)


def staffing_report(project: Project, roster: Roster | None = None) -> StaffingReport:
    """The report over the project's horizon, on its planning slots; with ``roster`` its predictions too."""
    starts = project_slot_starts(project)
    step = project.site.interval_minutes
    staffed = staff_slots(slot_demand(project.forecast, starts, step), project.staffing, starts, step)
    if roster is None:
        return _build(starts, step, staffed)
    on_duty, available = scheduled_per_slot(project, roster)
    return _build(starts, step, staffed, available, on_duty)


def forecast_report(forecast: Forecast, staffing: StaffingParams,
                    slot_minutes: int | None = None) -> StaffingReport:
    """The report for a forecast on its own (no project): whole days of its dates, wall-clock slots.

    ``slot_minutes`` defaults to the forecast's interval; it must divide a day.
    """
    step = slot_minutes or forecast.interval_minutes
    if step <= 0 or (24 * 60) % step:
        raise ValueError(tr("The report interval must divide a day into whole slots, got {minutes} min").format(
            minutes=step))
    if not forecast.intervals:
        raise ValueError(tr("The forecast has no intervals"))
    first = forecast.intervals[0].start.date()
    last = forecast.intervals[-1].start.date()
    midnight = datetime.combine(first, datetime.min.time())
    count = ((last - first).days + 1) * (24 * 60 // step)
    starts = [midnight + timedelta(minutes=step * i) for i in range(count)]
    staffed = staff_slots(slot_demand(forecast, starts, step), staffing, starts, step)
    return _build(starts, step, staffed)
