"""Break rules: what pauses a shift must carry, and where they may go."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.i18n import add_translations, tr

add_translations({
    "A break kind needs a name": "Cada tipo de pausa necesita un nombre",
    '"{name}" is reserved; give the break kind another name':
        '"{name}" es un nombre reservado; ponle otro nombre al tipo de pausa',
    "Break {name}: length must be 1–120 min, got {minutes}":
        "Pausa {name}: la duración debe estar entre 1 y 120 min; se indicó {minutes}",
    "Break {name}: count and 'every' cannot be negative":
        "Pausa {name}: el número de pausas y 'una cada' no pueden ser negativos",
    "Break {name}: one break every {every} min cannot be {minutes} min long":
        "Pausa {name}: una pausa cada {every} min no puede durar {minutes} min",
    "Break {name}: earliest offset is after latest offset":
        "Pausa {name}: el inicio más temprano (desde la entrada) es posterior al más tardío",
    "Break {name}: minimum gap is larger than maximum gap":
        "Pausa {name}: la separación mínima es mayor que la máxima",
    "Break {name}: the shortest shift it applies to is longer than the longest":
        "Pausa {name}: el turno más corto al que se aplica es más largo que el más largo",
    "Break {name}: 'around each mark' needs 'one every N minutes'":
        "Pausa {name}: 'en torno a cada marca' necesita 'una cada N minutos'",
    "Break {name}: placement step must be 1, 5, 10 or 15 min":
        "Pausa {name}: el paso de colocación debe ser de 1, 5, 10 o 15 min",
})


@dataclass(frozen=True)
class BreakRule:
    """One kind of break.

    How many: ``count`` breaks, or, when ``every_minutes`` is set, one per
    ``every_minutes`` worked (``major_fraction``: a remaining fraction of more
    than half counts too, as California's "per 4 hours or major fraction").
    The rule applies to shifts of ``min_shift_minutes`` up to
    ``max_shift_minutes`` on the clock, of the named ``templates`` (all when
    empty).

    Where: the break starts between ``earliest_offset`` and ``latest_offset``
    after the shift start, ends at least ``latest_before_end`` before the shift
    end, and after ``min_work_before`` minutes of work; consecutive breaks of
    this kind are ``min_gap_minutes``–``max_gap_minutes`` apart (end to start).
    With ``around_mark_minutes`` the i-th break starts within that many minutes
    of the i-th multiple of ``every_minutes`` (Spain's screen pause "around
    each hour mark"). Starts fall on multiples of ``step_minutes``.
    """

    name: str
    length_minutes: int
    paid: bool = True
    count: int = 1
    every_minutes: int = 0
    min_shift_minutes: int = 0
    earliest_offset: int = 0
    latest_offset: int = 24 * 60
    latest_before_end: int = 0
    min_gap_minutes: int = 0
    max_gap_minutes: int = 24 * 60
    min_work_before: int = 0
    step_minutes: int = 5
    max_shift_minutes: int = 24 * 60
    around_mark_minutes: int = 0
    major_fraction: bool = False
    templates: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "templates", tuple(self.templates))
        if not self.name.strip():
            raise ValueError(tr("A break kind needs a name"))
        if self.name in ("Shift", "Day off"):
            raise ValueError(tr('"{name}" is reserved; give the break kind another name').format(name=self.name))
        if not 1 <= self.length_minutes <= 120:
            raise ValueError(tr("Break {name}: length must be 1–120 min, got {minutes}").format(
                name=self.name, minutes=self.length_minutes))
        if self.count < 0 or self.every_minutes < 0:
            raise ValueError(tr("Break {name}: count and 'every' cannot be negative").format(name=self.name))
        if self.every_minutes and self.every_minutes < self.length_minutes:
            raise ValueError(tr("Break {name}: one break every {every} min cannot be {minutes} min long").format(
                name=self.name, every=self.every_minutes, minutes=self.length_minutes))
        if self.earliest_offset > self.latest_offset:
            raise ValueError(tr("Break {name}: earliest offset is after latest offset").format(name=self.name))
        if self.min_gap_minutes > self.max_gap_minutes:
            raise ValueError(tr("Break {name}: minimum gap is larger than maximum gap").format(name=self.name))
        if self.min_shift_minutes > self.max_shift_minutes:
            raise ValueError(tr("Break {name}: the shortest shift it applies to is longer than the longest").format(
                name=self.name))
        if self.around_mark_minutes and not self.every_minutes:
            raise ValueError(tr("Break {name}: 'around each mark' needs 'one every N minutes'").format(
                name=self.name))
        if self.step_minutes not in (1, 5, 10, 15):
            raise ValueError(tr("Break {name}: placement step must be 1, 5, 10 or 15 min").format(name=self.name))

    def applies_to(self, shift_minutes: int, template: str = "") -> bool:
        if self.templates and template and template not in self.templates:
            return False
        return self.min_shift_minutes <= shift_minutes <= self.max_shift_minutes

    def breaks_for(self, shift_minutes: int, template: str = "") -> int:
        """How many breaks of this kind a shift of ``shift_minutes`` (clock) carries."""
        if not self.applies_to(shift_minutes, template):
            return 0
        if self.every_minutes:
            worked = shift_minutes
            whole, rest = divmod(worked, self.every_minutes)
            return whole + (1 if self.major_fraction and rest * 2 > self.every_minutes else 0)
        return self.count

    def window(self, index: int, shift_minutes: int) -> tuple[int, int]:
        """Earliest and latest start offset of the ``index``-th (0-based) break of this kind."""
        low = max(self.earliest_offset, self.min_work_before)
        high = min(self.latest_offset, shift_minutes - self.latest_before_end - self.length_minutes)
        if self.around_mark_minutes:
            mark = (index + 1) * self.every_minutes
            low = max(low, mark - self.around_mark_minutes)
            high = min(high, mark + self.around_mark_minutes)
        return low, high


def unpaid_minutes(rules: tuple[BreakRule, ...] | list[BreakRule], shift_minutes: int, template: str = "") -> int:
    """Unpaid break minutes a shift of this clock length carries (they lengthen it on the clock)."""
    return sum(r.breaks_for(shift_minutes, template) * r.length_minutes for r in rules if not r.paid)


def break_minutes(rules, shift_minutes: int, template: str = "") -> int:
    return sum(r.breaks_for(shift_minutes, template) * r.length_minutes for r in rules)
