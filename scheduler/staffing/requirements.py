"""Required agents per planning slot of the horizon, from the project's forecast.

Two steps, both shared with the staffing report (:mod:`scheduler.staffing.report`):

1. :func:`slot_demand` puts the forecast on the planning grid. A forecast
   interval longer than a slot is spread evenly over its slots (a 30-minute
   row of 60 calls gives two 15-minute slots of 30 calls each, the same load);
   shorter intervals are summed into the slot (calls added, AHT weighted by
   calls). Any other overlap is shared in proportion to the minutes in common.
2. :func:`staff_slots` resolves the staffing goals of every slot (the site's
   parameters with their weekday / time-of-day overrides, see
   :meth:`StaffingParams.params_for`), groups slots with equal goals and runs
   one vectorised Erlang search per group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from scheduler.domain import Forecast, Project, StaffingParams
from scheduler.staffing.erlang import required_agents_series

#: AHT assumed for a slot without any forecast (it has no calls, so only the figure shown).
_IDLE_AHT = 300.0


def erlang_options(staffing: StaffingParams) -> dict:
    return dict(
        sl_target=staffing.service_level if staffing.asa_target_seconds is None else None,
        target_s=staffing.target_seconds,
        asa_target_s=staffing.asa_target_seconds,
        max_occupancy=staffing.max_occupancy,
        shrinkage=staffing.shrinkage,
        patience_s=staffing.patience_seconds,
        min_agents=staffing.min_agents,
    )


def forecast_key(local: datetime, interval_minutes: int) -> datetime:
    """The start of the forecast interval a local wall-clock time falls in."""
    naive = local.replace(tzinfo=None, second=0, microsecond=0)
    floor = (naive.hour * 60 + naive.minute) // interval_minutes * interval_minutes
    return naive.replace(hour=0, minute=0) + timedelta(minutes=floor)


def minute_of_day(local: datetime) -> int:
    return local.hour * 60 + local.minute


def _wall_minute(local: datetime) -> int:
    """A wall-clock time as whole minutes since 0001-01-01 (any time zone is ignored)."""
    return local.toordinal() * 1440 + local.hour * 60 + local.minute


# -- goals per slot -----------------------------------------------------------------


def resolve_params(
    staffing: StaffingParams, starts: Sequence[datetime]
) -> tuple[list[StaffingParams], np.ndarray]:
    """The distinct goals in force and, per start (local wall clock), the index of its goals."""
    if not staffing.overrides:
        return [staffing.params_for(0, 0)], np.zeros(len(starts), dtype=np.int64)
    groups: dict[StaffingParams, int] = {}
    by_time: dict[tuple[int, int], int] = {}
    index = np.empty(len(starts), dtype=np.int64)
    for i, start in enumerate(starts):
        key = (start.weekday(), minute_of_day(start))
        group = by_time.get(key)
        if group is None:
            params = staffing.params_for(*key)
            group = by_time[key] = groups.setdefault(params, len(groups))
        index[i] = group
    return list(groups), index


# -- forecast on the planning grid ----------------------------------------------------


@dataclass(frozen=True, eq=False)
class SlotDemand:
    """The forecast per planning slot (arrays parallel to the slots).

    ``calls`` is every forecast call in the slot; ``erlang_calls`` only those of
    forecast rows without an explicit staffing figure (``explicit``, -1 when
    none), which are the ones Erlang turns into agents. ``covered`` is False for
    slots no forecast row reaches.
    """

    calls: np.ndarray
    erlang_calls: np.ndarray
    aht_seconds: np.ndarray
    explicit: np.ndarray
    covered: np.ndarray


def slot_demand(forecast: Forecast, starts: Sequence[datetime], slot_minutes: int) -> SlotDemand:
    """Calls, AHT and explicit staffing figures per slot; ``starts`` are the slots' local wall-clock starts.

    On the autumn night both 02:00 hours start at the same wall-clock time,
    so both read the same forecast rows; on the spring night the skipped
    hour's rows are not read.
    """
    n = len(starts)
    calls = np.zeros(n)
    erlang_calls = np.zeros(n)
    aht = np.full(n, _IDLE_AHT)
    explicit = np.full(n, -1, dtype=np.int64)
    covered = np.zeros(n, dtype=bool)
    if not forecast.intervals:
        return SlotDemand(calls, erlang_calls, aht, explicit, covered)
    # Wall-clock times as whole minutes since 0001-01-01: no datetime arithmetic per slot.
    by_minute = {_wall_minute(item.start): item for item in forecast.intervals}
    step = forecast.interval_minutes
    # The usual case: each slot lies inside one forecast interval (same length, or longer forecast rows).
    inside = step % slot_minutes == 0
    share_inside = slot_minutes / step
    for i, start in enumerate(starts):
        begin = _wall_minute(start)
        offset = (start.hour * 60 + start.minute) % step
        if inside and offset + slot_minutes <= step:
            item = by_minute.get(begin - offset)
            if item is not None:
                covered[i] = True
                calls[i] = part = item.calls * share_inside
                aht[i] = item.aht_seconds
                if item.required_agents is None:
                    erlang_calls[i] = part
                else:
                    explicit[i] = item.required_agents
            continue
        end = begin + slot_minutes
        key = begin - offset
        total = derived = weighted_aht = shares = share_aht = 0.0
        need = -1
        while key < end:
            item = by_minute.get(key)
            if item is not None:
                share = (min(key + step, end) - max(key, begin)) / step
                part = item.calls * share
                total += part
                weighted_aht += part * item.aht_seconds
                shares += share
                share_aht += share * item.aht_seconds
                if item.required_agents is None:
                    derived += part
                else:
                    need = max(need, item.required_agents)
            key += step
        if not shares:
            continue
        covered[i] = True
        calls[i] = total
        erlang_calls[i] = derived
        explicit[i] = need
        # Calls weight the AHT; without calls it does not matter (the rows' mean is shown).
        aht[i] = weighted_aht / total if total > 0 else share_aht / shares
    return SlotDemand(calls, erlang_calls, aht, explicit, covered)


# -- agents per slot ------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SlotStaffing:
    """Agents every slot needs, parallel arrays.

    ``agents_raw`` agents on the phone meet the goals (Erlang C, or Erlang A
    with caller patience); ``required`` is the head count to schedule: raw
    plus shrinkage, at least the minimum on duty and any explicit forecast
    figure. ``params`` lists the distinct goals; ``group`` is each slot's index
    into it. ``aht_seconds`` is the AHT used (a goal's ``aht_seconds`` wins
    over the forecast's).
    """

    demand: SlotDemand
    params: tuple[StaffingParams, ...]
    group: np.ndarray
    aht_seconds: np.ndarray
    load_erlangs: np.ndarray
    agents_raw: np.ndarray
    required: np.ndarray


def staff_slots(
    demand: SlotDemand, staffing: StaffingParams, starts: Sequence[datetime], slot_minutes: int
) -> SlotStaffing:
    params, group = resolve_params(staffing, starts)
    interval_s = slot_minutes * 60
    aht = demand.aht_seconds.copy()
    raw = np.zeros(len(starts), dtype=np.int64)
    required = np.zeros(len(starts), dtype=np.int64)
    for g, goals in enumerate(params):
        rows = np.flatnonzero(group == g)
        if not rows.size:
            continue
        if goals.aht_seconds is not None:
            aht[rows] = goals.aht_seconds
        results = required_agents_series(
            demand.erlang_calls[rows], aht[rows], interval_s, **erlang_options(goals)
        )
        raw[rows] = [r.agents_raw for r in results]
        required[rows] = [r.agents_required for r in results]
    required = np.maximum(required, demand.explicit)
    load = demand.calls * aht / interval_s
    return SlotStaffing(demand, tuple(params), group, aht, load, raw, required)


def project_slot_starts(project: Project) -> list[datetime]:
    """Local (aware) start of every planning slot of the horizon.

    Wall-clock arithmetic is exact within a day without a clock change, so
    only the days with one are converted slot by slot.
    """
    timeline = project.timeline
    step = timeline.slot_minutes
    n = timeline.n_slots
    starts: list[datetime] = []
    for d in range(project.horizon.days + 1):
        first = -(-timeline.day_start(d) // step)
        if first >= n:
            break
        last = min(-(-timeline.day_start(d + 1) // step), n) if d < project.horizon.days else n
        local = timeline.slot_local(first)
        end_local = timeline.minutes_to_local(last * step)
        if local.utcoffset() == end_local.utcoffset():
            starts.extend(local + timedelta(minutes=step * k) for k in range(last - first))
        else:
            starts.extend(timeline.slot_local(t) for t in range(first, last))
    return starts


def project_staffing(project: Project, starts: Sequence[datetime] | None = None) -> SlotStaffing:
    starts = project_slot_starts(project) if starts is None else starts
    step = project.site.interval_minutes
    return staff_slots(slot_demand(project.forecast, starts, step), project.staffing, starts, step)


def required_per_slot(project: Project) -> list[int]:
    """Agents required on duty in every slot of the horizon.

    Slots follow real time; each reads the forecast of the local wall-clock
    time it covers (on the autumn night both 02:00 hours read the same
    forecast rows). A slot without forecast needs the minimum staff on duty
    of its goals.
    """
    return project_staffing(project).required.tolist()


def required_per_interval(forecast: Forecast, staffing: StaffingParams) -> dict[datetime, int]:
    """Agents to schedule (after shrinkage) for each forecast interval, with its own goals.

    An explicit ``required_agents`` figure wins (raised to the minimum on
    duty); otherwise Erlang C (or Erlang A when patience is set) turns calls
    and AHT into agents.
    """
    starts = [item.start for item in forecast.intervals]
    staffed = staff_slots(slot_demand(forecast, starts, forecast.interval_minutes), staffing, starts,
                          forecast.interval_minutes)
    return dict(zip(starts, staffed.required.tolist()))
