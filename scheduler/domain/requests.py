"""What agents ask for: days off, vacations, unavailability and preferences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from scheduler.i18n import add_translations, tr

add_translations({
    "Request of {agent}: day must be a date, got {day!r}":
        "Petición de {agent}: el día debe ser una fecha; se indicó {day!r}",
    "Request of {agent} on {day}: priority must be 1–5, got {priority}":
        "Petición de {agent} del {day}: la prioridad debe estar entre 1 y 5; se indicó {priority}",
})


class RequestKind(str, Enum):
    DAY_OFF = "day_off"
    VACATION = "vacation"
    UNAVAILABLE = "unavailable"
    PREFER_MORNING = "prefer_morning"
    PREFER_AFTERNOON = "prefer_afternoon"
    PREFER_NIGHT = "prefer_night"

    @property
    def is_day_off(self) -> bool:
        return self in (RequestKind.DAY_OFF, RequestKind.VACATION, RequestKind.UNAVAILABLE)


#: Kinds that are always hard: nobody is rostered on their vacation.
ALWAYS_HARD = frozenset({RequestKind.VACATION, RequestKind.UNAVAILABLE})


@dataclass(frozen=True)
class Request:
    """An agent's request for one day.

    ``hard`` requests (approved days off, vacations, unavailability) are never
    broken; soft ones are honoured when the cost allows, weighted by
    ``priority`` (1 = nice to have … 5 = very important).
    """

    agent_id: str
    day: date
    kind: RequestKind = RequestKind.DAY_OFF
    hard: bool = False
    priority: int = 3
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", RequestKind(self.kind))
        if self.kind in ALWAYS_HARD:
            object.__setattr__(self, "hard", True)
        if not isinstance(self.day, date):
            raise ValueError(tr("Request of {agent}: day must be a date, got {day!r}").format(
                agent=self.agent_id, day=self.day))
        if not 1 <= self.priority <= 5:
            raise ValueError(
                tr("Request of {agent} on {day}: priority must be 1–5, got {priority}").format(
                    agent=self.agent_id, day=self.day.isoformat(), priority=self.priority)
            )
