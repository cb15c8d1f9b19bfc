"""Agents and their contracts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from scheduler.domain.clock import check_minute_of_day, format_minute_of_day
from scheduler.domain.site import check_time_zone
from scheduler.i18n import add_translations, tr

add_translations({
    "Days per week must satisfy 0 ≤ minimum ≤ maximum ≤ 7, got {low}–{high}":
        "Los días por semana deben cumplir 0 ≤ mínimo ≤ máximo ≤ 7; se indicó {low}–{high}",
    "Weekly hours must satisfy 0 ≤ minimum ≤ maximum ≤ {most} h, got {low:g}–{high:g} h":
        "Las horas semanales deben cumplir 0 ≤ mínimo ≤ máximo ≤ {most} h; se indicó {low:g}–{high:g} h",
    "At most {days} working days a week cannot make {hours:g} h: no shift is longer than {longest} h. "
    "Raise the days or lower the hours.":
        "Como mucho {days} días de trabajo a la semana no pueden sumar {hours:g} h: ningún turno dura más "
        "de {longest} h. Sube los días o baja las horas.",
    "A part-time contract works 1–4 days a week, got {low}–{high}":
        "Un contrato a tiempo parcial trabaja de 1 a 4 días por semana; se indicó {low}–{high}",
    "Every agent needs an ID": "Cada agente necesita un ID",
    "Agent {id} needs a name": "El agente {id} necesita un nombre",
    "Agent {id}: ": "Agente {id}: ",
    "Agent {id}: earliest start": "Agente {id}: el inicio más temprano",
    "Agent {id}: latest start": "Agente {id}: el inicio más tardío",
    "Agent {id}: earliest start {earliest} is after latest start {latest}":
        "Agente {id}: el inicio más temprano, {earliest}, es posterior al más tardío, {latest}",
})

SHIFT_MINUTES = 8 * 60
#: More weekly hours than this is a typo, not a contract (the spreadsheet import says the same).
MAX_WEEKLY_HOURS = 80
#: The longest shift a template may have (``ShiftTemplate`` refuses longer ones).
LONGEST_SHIFT_HOURS = 14
#: Weekly hours are measured in real elapsed time. One hour either side of the
#: nominal hours absorbs the week a daylight-saving change makes a night shift
#: last 7 or 9 hours.
DST_SLACK_MINUTES = 60


class ContractKind(str, Enum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Contract:
    """How much an agent works in a week: days and paid minutes."""

    kind: ContractKind
    min_days_per_week: int
    max_days_per_week: int
    weekly_min_minutes: int
    weekly_max_minutes: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ContractKind(self.kind))
        if not 0 <= self.min_days_per_week <= self.max_days_per_week <= 7:
            raise ValueError(
                tr("Days per week must satisfy 0 ≤ minimum ≤ maximum ≤ 7, got {low}–{high}").format(
                    low=self.min_days_per_week, high=self.max_days_per_week)
            )
        if not 0 <= self.weekly_min_minutes <= self.weekly_max_minutes <= MAX_WEEKLY_HOURS * 60:
            raise ValueError(
                tr("Weekly hours must satisfy 0 ≤ minimum ≤ maximum ≤ {most} h, got {low:g}–{high:g} h").format(
                    most=MAX_WEEKLY_HOURS, low=self.weekly_min_minutes / 60, high=self.weekly_max_minutes / 60)
            )
        if self.weekly_min_minutes > self.max_days_per_week * LONGEST_SHIFT_HOURS * 60:
            raise ValueError(
                tr("At most {days} working days a week cannot make {hours:g} h: no shift is longer than "
                   "{longest} h. Raise the days or lower the hours.").format(
                    days=self.max_days_per_week, hours=self.weekly_min_minutes / 60, longest=LONGEST_SHIFT_HOURS)
            )

    @classmethod
    def full_time(cls) -> Contract:
        """5 days × 8 h a week."""
        return cls(ContractKind.FULL_TIME, 5, 5,
                   5 * SHIFT_MINUTES - DST_SLACK_MINUTES, 5 * SHIFT_MINUTES + DST_SLACK_MINUTES)

    @classmethod
    def part_time(cls, min_days: int = 2, max_days: int = 3) -> Contract:
        """2–3 days × 8 h a week (by default)."""
        if not 1 <= min_days <= max_days <= 4:
            raise ValueError(tr("A part-time contract works 1–4 days a week, got {low}–{high}").format(
                low=min_days, high=max_days))
        return cls(ContractKind.PART_TIME, min_days, max_days,
                   min_days * SHIFT_MINUTES - DST_SLACK_MINUTES,
                   max_days * SHIFT_MINUTES + DST_SLACK_MINUTES)

    def describe(self) -> str:
        days = (f"{self.min_days_per_week}" if self.min_days_per_week == self.max_days_per_week
                else f"{self.min_days_per_week}–{self.max_days_per_week}")
        return f"{self.kind.value}: {days} days, {self.weekly_min_minutes / 60:g}–{self.weekly_max_minutes / 60:g} h/week"


@dataclass(frozen=True)
class Agent:
    """A person on the roster.

    ``earliest_start``/``latest_start`` bound the shift start, in minutes after
    local midnight; ``nights`` says whether the agent may work night shifts.
    """

    id: str
    name: str
    contract: Contract = field(default_factory=Contract.full_time)
    earliest_start: int = 0
    latest_start: int = 23 * 60 + 45
    nights: bool = True
    skills: tuple[str, ...] = ()
    time_zone: str = ""

    def __post_init__(self) -> None:
        if not str(self.id).strip():
            raise ValueError(tr("Every agent needs an ID"))
        if not str(self.name).strip():
            raise ValueError(tr("Agent {id} needs a name").format(id=self.id))
        object.__setattr__(self, "id", str(self.id).strip())
        object.__setattr__(self, "name", str(self.name).strip())
        object.__setattr__(self, "skills", tuple(s.strip() for s in self.skills if s.strip()))
        object.__setattr__(self, "time_zone", str(self.time_zone or "").strip())
        if self.time_zone:  # empty: the center's zone
            check_time_zone(self.time_zone, tr("Agent {id}: ").format(id=self.id))
        check_minute_of_day(self.earliest_start, tr("Agent {id}: earliest start").format(id=self.id))
        check_minute_of_day(self.latest_start, tr("Agent {id}: latest start").format(id=self.id))
        if self.earliest_start > self.latest_start:
            raise ValueError(
                tr("Agent {id}: earliest start {earliest} is after latest start {latest}").format(
                    id=self.id, earliest=format_minute_of_day(self.earliest_start),
                    latest=format_minute_of_day(self.latest_start))
            )

    def may_start_at(self, minute_of_day: int) -> bool:
        return self.earliest_start <= minute_of_day <= self.latest_start


def weekly_bounds(contract: Contract, vacation_days: int) -> tuple[int, int, int, int]:
    """``(min_days, max_days, min_minutes, max_minutes)`` for one week.

    A vacation day is paid time off: it counts as a day of the contract's
    hours, so it lowers both the days and the minutes still to be worked.
    Approved days off and unavailability do not: the hours are owed anyway.
    """
    credit = vacation_days * SHIFT_MINUTES
    return (
        max(0, contract.min_days_per_week - vacation_days),
        max(0, contract.max_days_per_week - vacation_days),
        max(0, contract.weekly_min_minutes - credit),
        max(0, contract.weekly_max_minutes - credit),
    )
