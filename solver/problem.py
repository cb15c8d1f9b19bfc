"""The engine's input: integers only, no calendars, no names beyond keys.

Time is whole minutes elapsed since the horizon's first midnight. The caller
(``scheduler.planning``) has already turned wall-clock rules into this form,
including daylight-saving days.

Rules are general families the caller parameterises per agent:

- :class:`CountLimit` — at most / at least *n* shifts carrying a tag per week or
  over the horizon ("max 2 nights a week", "max 14 D shifts", "min 3 days").
- :class:`RunLimit` — runs of consecutive days with a tagged shift, or days off
  ("max 6 days in a row", "max 3 nights in a row", "days off come in pairs").
- forbidden next-day successions between tags, minutes over the horizon,
  working weekends, and soft shift requests (:class:`ShiftRequest`).

Every limit has a ``weight``: 0 makes it hard; more makes it a soft rule whose
every unit of violation costs ``weight``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

#: Tag for runs of days off in :class:`RunLimit`, and for "any shift" in limits.
OFF = "off"
ANY = ""


@dataclass(frozen=True)
class ShiftOption:
    """A concrete shift one day: ``[start, end)`` in elapsed minutes.

    ``tags`` name what the shift is for the rules ("night", "weekend",
    "holiday", a shift type); a night shift always carries "night".
    ``cover`` lists the slots the shift staffs when they are not simply the
    slots inside ``[start, end)`` (e.g. one pseudo-slot per day and shift type).
    ``start_clock`` is the start on the wall clock, minutes after midnight
    (stable start times compare it across days).
    """

    start: int
    end: int
    paid_minutes: int
    night: bool = False
    label: str = ""
    tags: frozenset[str] = frozenset()
    cover: tuple[int, ...] | None = None
    start_clock: int = -1

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"Shift option {self.label or self.start} ends before it starts")
        if not 0 <= self.paid_minutes <= self.end - self.start:
            raise ValueError(f"Shift option {self.label or self.start}: paid minutes out of range")
        tags = frozenset(self.tags) | ({"night"} if self.night else frozenset())
        object.__setattr__(self, "tags", tags)
        if self.start_clock < 0:
            object.__setattr__(self, "start_clock", self.start % (24 * 60))

    def has(self, tag: str) -> bool:
        return tag == ANY or tag in self.tags


@dataclass(frozen=True)
class Weights:
    """Cost of each soft term; integers so the objective is exact."""

    shortage: int = 100  # per agent missing per slot
    shortage_deep: int = 100  # extra per agent beyond the first missing in a slot
    excess: int = 2  # per agent above required per slot
    day_off_request: int = 120  # times the request's priority (1–5)
    stable_start: int = 0  # per extra distinct start time in an agent's week


@dataclass(frozen=True)
class CountLimit:
    """Shifts tagged ``tag`` (``ANY``: every shift) per ``period`` ("week" or "horizon")."""

    tag: str = ANY
    most: int | None = None
    least: int = 0
    period: str = "week"
    weight: int = 0  # 0: hard; else cost per shift beyond the limit
    name: str = ""  # the rule's name in penalties and conflicts

    def __post_init__(self) -> None:
        if self.period not in ("week", "horizon"):
            raise ValueError(f"Count limit period must be 'week' or 'horizon', got {self.period!r}")
        if self.most is not None and self.most < self.least:
            raise ValueError(f"Count limit on {self.tag or 'shifts'}: most is below least")

    @property
    def rule(self) -> str:
        return self.name or f"count_{self.tag or 'shifts'}_{self.period}"


@dataclass(frozen=True)
class RunLimit:
    """Runs of consecutive days with a ``tag`` shift (``ANY``: worked days, ``OFF``: days off).

    ``most``: no run longer; ``least``: no run shorter, except a run touching
    the horizon's first or last day (its true length is unknown).
    """

    tag: str = ANY
    most: int | None = None
    least: int = 0
    weight: int = 0  # 0: hard; else cost per day beyond ``most`` / per day short of ``least``
    name: str = ""

    def __post_init__(self) -> None:
        if self.most is not None and self.most < 1:
            raise ValueError("A run limit's most must be at least 1")

    @property
    def rule(self) -> str:
        return self.name or f"run_{self.tag or 'days'}"


@dataclass(frozen=True)
class ShiftRequest:
    """A soft wish about one day: work one of ``options`` (``on``) or none of them."""

    day: int
    options: tuple[int, ...]
    on: bool
    weight: int
    name: str = "shift_request"


@dataclass(frozen=True)
class AgentSpec:
    """One agent's options and limits.

    ``allowed[d]`` lists indices into ``Problem.options[d]`` the agent may take
    on day ``d`` (empty: the agent cannot work that day). Weekly limits are per
    week of the horizon. ``off_requests`` are soft ``(day, weight)`` pairs.
    ``locked`` fixes ``(day, option index)``, ``-1`` meaning a day off.
    ``tag_runs_before`` and ``tag_history`` carry what happened before day 0:
    consecutive tagged days up to day 0, and tagged shifts counted for
    fairness.
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
    counts: tuple[CountLimit, ...] = ()
    runs: tuple[RunLimit, ...] = ()
    shift_requests: tuple[ShiftRequest, ...] = ()
    total_minutes: tuple[int, int] | None = None  # (min, max) paid minutes over the horizon
    max_weekends: int | None = None  # weekends (Problem.weekends) with any shift
    max_weekends_weight: int = 0
    tag_runs_before: tuple[tuple[str, int], ...] = ()
    tag_history: tuple[tuple[str, int], ...] = ()
    tag_before: frozenset[str] = frozenset()  # tags of the shift worked the day before day 0

    def run_before(self, tag: str) -> int:
        if tag == ANY:
            return self.worked_days_before
        return dict(self.tag_runs_before).get(tag, 0)

    def history(self, tag: str) -> int:
        return dict(self.tag_history).get(tag, 0)


@dataclass(frozen=True)
class FairGroup:
    """Agents who should share the ``tag`` shifts evenly (history included).

    Costs ``weight`` per unit of the range (most − fewest tagged shifts).
    ``outside`` holds the totals of members not in this problem (fixed
    agents of a neighbourhood search).
    """

    tag: str
    members: tuple[str, ...]
    weight: int
    outside: tuple[int, ...] = ()
    name: str = ""

    @property
    def rule(self) -> str:
        return self.name or f"fair_{self.tag}"


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
    #: per slot (under, over) cost per agent, overriding Weights.shortage / excess
    slot_weights: tuple[tuple[int, int], ...] = ()
    #: (tag on a day, tag the next day) pairs an agent may not work in a row
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    #: day indices of each weekend (Saturday, Sunday)
    weekends: tuple[tuple[int, ...], ...] = ()
    fair_groups: tuple[FairGroup, ...] = ()

    def __post_init__(self) -> None:
        if len(self.options) != self.days or len(self.week_of_day) != self.days:
            raise ValueError("Problem: options and week_of_day need one entry per day")
        if self.slot_weights and len(self.slot_weights) != len(self.required):
            raise ValueError("Problem: slot_weights needs one entry per slot")
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

    def covered_slots(self, option: ShiftOption) -> range | tuple[int, ...]:
        """Slots the shift staffs: its ``cover``, or the slots wholly inside it, clipped."""
        if option.cover is not None:
            return option.cover
        first = -(-option.start // self.slot_minutes)
        last = option.end // self.slot_minutes
        return range(max(0, first), min(self.n_slots, last))

    def under_over(self, slot: int) -> tuple[int, int]:
        if self.slot_weights:
            return self.slot_weights[slot]
        return self.weights.shortage, self.weights.excess

    @cached_property
    def _days_by_week(self) -> tuple[tuple[int, ...], ...]:
        # the rule checkers ask for every week of every agent's roster: computed once
        return tuple(tuple(d for d in range(self.days) if self.week_of_day[d] == w) for w in range(self.weeks))

    def week_days(self, week: int) -> tuple[int, ...]:
        return self._days_by_week[week]

    def periods(self, limit: CountLimit) -> tuple[tuple[int, ...], ...]:
        if limit.period == "horizon":
            return (tuple(range(self.days)),)
        return self._days_by_week
