"""Dates and times as the window shows them, with weekday names in the chosen language."""

from __future__ import annotations

from datetime import date, datetime

from scheduler.i18n import day_label as core_day_label
from scheduler.i18n import weekday


def day_label(day: date | None) -> str:
    """``"Tue 05/01"`` / ``"mar 05/01"``; empty for no day."""
    return core_day_label(day) if day is not None else ""


def moment_label(moment: datetime) -> str:
    """``"Tue 10:45"`` / ``"mar 10:45"``."""
    return f"{weekday(moment.weekday())} {moment:%H:%M}"
