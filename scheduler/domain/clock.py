"""Times of day as whole minutes after local midnight, and their text form."""

from __future__ import annotations

from scheduler.i18n import add_translations, tr

add_translations({
    '"{text}" is not a time of day; write it as HH:MM, e.g. 08:30':
        '"{text}" no es una hora del día; escríbela como HH:MM, p. ej. 08:30',
    '"{text}" is not a time of day between 00:00 and 24:00':
        '"{text}" no es una hora del día entre 00:00 y 24:00',
    "{what} must be a time of day between 00:00 and {top}, got {value!r}":
        "{what} debe ser una hora del día entre 00:00 y {top}; se indicó {value!r}",
})

MINUTES_PER_DAY = 24 * 60


def format_minute_of_day(minute: int) -> str:
    """``510 -> "08:30"``; ``1440 -> "24:00"`` (the end of a day)."""
    hours, minutes = divmod(int(minute), 60)
    return f"{hours:02d}:{minutes:02d}"


def parse_minute_of_day(text: str) -> int:
    """``"8:30"`` or ``"08:30"`` -> 510. Raises ValueError with the text it got."""
    raw = str(text).strip()
    parts = raw.split(":")
    if len(parts) not in (2, 3) or not all(p.strip().isdigit() for p in parts):
        raise ValueError(tr('"{text}" is not a time of day; write it as HH:MM, e.g. 08:30').format(text=raw))
    hours, minutes = int(parts[0]), int(parts[1])
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(tr('"{text}" is not a time of day between 00:00 and 24:00').format(text=raw))
    return hours * 60 + minutes


def check_minute_of_day(value: int, what: str, *, allow_end: bool = False) -> None:
    """ValueError unless ``value`` is a whole minute of the day (``24:00`` too with ``allow_end``).

    ``what`` names the value at the start of the message, already in the chosen
    language (``tr("Agent {id}: earliest start").format(id=...)``).
    """
    top = MINUTES_PER_DAY if allow_end else MINUTES_PER_DAY - 1
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
        raise ValueError(tr("{what} must be a time of day between 00:00 and {top}, got {value!r}").format(
            what=what, top=format_minute_of_day(top), value=value))
