"""A roster: who works when, with which breaks; and its approval versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum

from scheduler.i18n import add_translations, tr

add_translations({
    "{what} needs a time zone": "{what} necesita una zona horaria",
    "A break start": "El inicio de una pausa",
    "A break end": "El fin de una pausa",
    "A shift start": "El inicio de un turno",
    "A shift end": "El fin de un turno",
    "Break {kind} ends before it starts": "La pausa {kind} termina antes de empezar",
    "Shift of {agent} on {day} ends before it starts": "El turno de {agent} del {day} termina antes de empezar",
    "Roster versions are numbered from 1": "Las versiones del cuadrante se numeran desde 1",
})


def _utc(value: datetime, what: str) -> datetime:
    """``value`` in UTC; ``what`` (English, translated only when refused) names it when it has no time zone."""
    if value.tzinfo is None:
        raise ValueError(tr("{what} needs a time zone").format(what=tr(what)))
    return value.astimezone(timezone.utc)


@dataclass(frozen=True)
class BreakAssignment:
    kind: str
    start: datetime  # aware
    end: datetime
    paid: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _utc(self.start, "A break start"))
        object.__setattr__(self, "end", _utc(self.end, "A break end"))
        if self.end <= self.start:
            raise ValueError(tr("Break {kind} ends before it starts").format(kind=self.kind))

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)


@dataclass(frozen=True)
class ShiftAssignment:
    """One agent's shift on one (local) day, with real start and end instants."""

    agent_id: str
    day: date
    start: datetime  # aware; stored in UTC
    end: datetime
    template: str = ""
    breaks: tuple[BreakAssignment, ...] = ()
    locked: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _utc(self.start, "A shift start"))
        object.__setattr__(self, "end", _utc(self.end, "A shift end"))
        if self.end <= self.start:
            raise ValueError(tr("Shift of {agent} on {day} ends before it starts").format(
                agent=self.agent_id, day=self.day.isoformat()))
        object.__setattr__(self, "breaks", tuple(sorted(self.breaks, key=lambda b: b.start)))

    @property
    def minutes(self) -> int:
        """Real elapsed minutes on the clock."""
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def unpaid_break_minutes(self) -> int:
        return sum(b.minutes for b in self.breaks if not b.paid)

    @property
    def paid_minutes(self) -> int:
        return self.minutes - self.unpaid_break_minutes


@dataclass(frozen=True)
class Roster:
    shifts: tuple[ShiftAssignment, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "shifts", tuple(sorted(self.shifts, key=lambda s: (s.agent_id, s.start)))
        )

    def by_agent(self) -> dict[str, list[ShiftAssignment]]:
        result: dict[str, list[ShiftAssignment]] = {}
        for shift in self.shifts:
            result.setdefault(shift.agent_id, []).append(shift)
        return result

    def shift_on(self, agent_id: str, day: date) -> ShiftAssignment | None:
        for shift in self.shifts:
            if shift.agent_id == agent_id and shift.day == day:
                return shift
        return None


class VersionStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class RosterVersion:
    """A numbered roster of the project with its approval state."""

    number: int
    roster: Roster
    status: VersionStatus = VersionStatus.DRAFT
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    author: str = ""
    comment: str = ""
    horizon_start: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", VersionStatus(self.status))
        if self.number < 1:
            raise ValueError(tr("Roster versions are numbered from 1"))
