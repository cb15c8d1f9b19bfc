"""Times of day as whole minutes after local midnight, and their text form."""

from __future__ import annotations

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
        raise ValueError(f'"{raw}" is not a time of day; write it as HH:MM, e.g. 08:30')
    hours, minutes = int(parts[0]), int(parts[1])
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(f'"{raw}" is not a time of day between 00:00 and 24:00')
    return hours * 60 + minutes


def check_minute_of_day(value: int, what: str, *, allow_end: bool = False) -> None:
    top = MINUTES_PER_DAY if allow_end else MINUTES_PER_DAY - 1
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
        raise ValueError(f"{what} must be a time of day between 00:00 and "
                         f"{format_minute_of_day(top)}, got {value!r}")
