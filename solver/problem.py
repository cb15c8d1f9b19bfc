"""The engine's input: integers only, no calendars, no names beyond keys.

Time is whole minutes elapsed since the horizon's first midnight. The caller
(``scheduler.planning``) has already turned wall-clock rules into this form,
including daylight-saving days.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShiftOption:
    """A concrete shift one day: ``[start, end)`` in elapsed minutes."""

    start: int
    end: int
    paid_minutes: int
    night: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"Shift option {self.label or self.start} ends before it starts")
        if not 0 <= self.paid_minutes <= self.end - self.start:
            raise ValueError(f"Shift option {self.label or self.start}: paid minutes out of range")


@dataclass(frozen=True)
class Weights:
    """Cost of each soft term; integers so the objective is exact."""

    shortage: int = 100  # per agent missing per slot
    shortage_deep: int = 100  # extra per agent beyond the first missing in a slot
    excess: int = 2  # per agent above required per slot
    day_off_request: int = 120  # times the request's priority (1–5)


@dataclass(frozen=True)
class AgentSpec:
    """One agent's options and limits.

    ``allowed[d]`` lists indices into ``Problem.options[d]`` the agent may take
    on day ``d`` (empty: the agent cannot work that day). Weekly limits are per
    week of the horizon. ``off_requests`` are soft ``(day, weight)`` pairs.
    ``locked`` fixes ``(day, option index)``, ``-1`` meaning a day off.
    """

    key: str
    allowed: tuple[tuple[int, ...], ...]
    week_min_minutes: tuple[int, ...]
    week_max_minutes: tuple[int, ...]
    week_min_days: tuple[int, ...]
    week_max_days: tuple[int, ...]
    off_requests: tuple[tuple[int, int], ...] = ()
    locked: tuple[tuple[int, int], ...] = ()
    worked_days_before: int = 0  # consecutive days worked right before day 0
    last_end_before: int | None = None  # end of the last shift before day 0 (≤ 0)


@dataclass(frozen=True)
class Problem:
    days: int
    week_of_day: tuple[int, ...]
    options: tuple[tuple[ShiftOption, ...], ...]  # per day
    slot_minutes: int
    required: tuple[int, ...]  # per slot, agents needed on duty
    agents: tuple[AgentSpec, ...]
    min_rest_minutes: int = 12 * 60
    max_consecutive_days: int = 6
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        if len(self.options) != self.days or len(self.week_of_day) != self.days:
            raise ValueError("Problem: options and week_of_day need one entry per day")
        weeks = max(self.week_of_day) + 1 if self.days else 0
        for agent in self.agents:
            if len(agent.allowed) != self.days:
                raise ValueError(f"Agent {agent.key}: allowed options need one entry per day")
            for name in ("week_min_minutes", "week_max_minutes", "week_min_days", "week_max_days"):
                if len(getattr(agent, name)) != weeks:
                    raise ValueError(f"Agent {agent.key}: {name} needs one entry per week")
            for day, choices in enumerate(agent.allowed):
                if any(not 0 <= o < len(self.options[day]) for o in choices):
                    raise ValueError(f"Agent {agent.key}: unknown shift option on day {day}")

    @property
    def n_slots(self) -> int:
        return len(self.required)

    @property
    def weeks(self) -> int:
        return max(self.week_of_day) + 1 if self.days else 0

    def covered_slots(self, option: ShiftOption) -> range:
        """Slots wholly inside the shift, clipped to the horizon."""
        first = -(-option.start // self.slot_minutes)
        last = option.end // self.slot_minutes
        return range(max(0, first), min(self.n_slots, last))
