"""Shift templates: the shapes a shift can take."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain.clock import check_minute_of_day
from scheduler.i18n import add_translations, tr

add_translations({
    "A shift template needs a name": "Cada plantilla de turno necesita un nombre",
    "Shift template {name}: length must be 1–14 h, got {minutes} min":
        "Plantilla de turno {name}: la duración debe estar entre 1 y 14 h; se indicó {minutes} min",
    "Shift template {name}: earliest start": "Plantilla de turno {name}: el inicio más temprano",
    "Shift template {name}: latest start": "Plantilla de turno {name}: el inicio más tardío",
    "Shift template {name}: earliest start is after latest start":
        "Plantilla de turno {name}: el inicio más temprano es posterior al más tardío",
    "Shift template {name}: start step must be 5, 10, 15, 20, 30 or 60 min, got {step}":
        "Plantilla de turno {name}: el paso entre inicios debe ser de 5, 10, 15, 20, 30 o 60 min; "
        "se indicó {step}",
})


@dataclass(frozen=True)
class ShiftTemplate:
    """Shifts of ``length_minutes`` (wall clock) starting every ``start_step``
    minutes from ``earliest_start`` to ``latest_start`` (minutes after midnight).
    A shift starting late in the evening crosses midnight."""

    name: str
    length_minutes: int = 8 * 60
    earliest_start: int = 0
    latest_start: int = 23 * 60
    start_step: int = 60

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError(tr("A shift template needs a name"))
        if not 60 <= self.length_minutes <= 14 * 60:
            raise ValueError(
                tr("Shift template {name}: length must be 1–14 h, got {minutes} min").format(
                    name=self.name, minutes=self.length_minutes)
            )
        check_minute_of_day(self.earliest_start, tr("Shift template {name}: earliest start").format(name=self.name))
        check_minute_of_day(self.latest_start, tr("Shift template {name}: latest start").format(name=self.name))
        if self.earliest_start > self.latest_start:
            raise ValueError(tr("Shift template {name}: earliest start is after latest start").format(name=self.name))
        if self.start_step not in (5, 10, 15, 20, 30, 60):
            raise ValueError(
                tr("Shift template {name}: start step must be 5, 10, 15, 20, 30 or 60 min, got {step}").format(
                    name=self.name, step=self.start_step)
            )

    def starts(self) -> range:
        """Allowed start times, minutes after midnight."""
        return range(self.earliest_start, self.latest_start + 1, self.start_step)
