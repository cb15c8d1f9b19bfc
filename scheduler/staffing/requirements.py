"""Required agents per planning slot of the horizon, from the project's forecast."""

from __future__ import annotations

from datetime import datetime, timedelta

from scheduler.domain import Forecast, ForecastInterval, Project, StaffingParams


def required_per_interval(forecast: Forecast, staffing: StaffingParams) -> dict[datetime, int]:
    """Agents to schedule (after shrinkage) for each forecast interval.

    An explicit ``required_agents`` figure wins; otherwise Erlang C (or Erlang A
    when the center sets caller patience) turns calls and AHT into agents.
    """
    result: dict[datetime, int] = {}
    derived: list[ForecastInterval] = []
    for item in forecast.intervals:
        if item.required_agents is not None:
            result[item.start] = max(item.required_agents, staffing.min_agents)
        else:
            derived.append(item)
    if derived:
        from scheduler.staffing.erlang import required_agents_series

        series = required_agents_series(
            [i.calls for i in derived],
            [i.aht_seconds for i in derived],
            forecast.interval_minutes * 60,
            **erlang_options(staffing),
        )
        for item, staffing_result in zip(derived, series):
            result[item.start] = staffing_result.agents_required
    return result


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


def required_per_slot(project: Project) -> list[int]:
    """Agents required on duty in every slot of the horizon.

    Slots follow real time; each takes the forecast of the local wall-clock
    interval it starts in (on the autumn night both 02:00 hours read the same
    forecast row). A slot without forecast needs the minimum staff on duty.
    """
    timeline = project.timeline
    by_interval = required_per_interval(project.forecast, project.staffing)
    step = project.forecast.interval_minutes
    floor = project.staffing.min_agents
    return [
        by_interval.get(forecast_key(timeline.slot_local(t), step), floor)
        for t in range(timeline.n_slots)
    ]
