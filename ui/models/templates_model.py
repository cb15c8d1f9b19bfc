"""Shift templates and break rules, as tables."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from scheduler.domain.clock import format_minute_of_day
from ui.models.base import Column, ListTableModel


def _t(text: str) -> str:
    return QCoreApplication.translate("RulesModels", text)


def _minutes(value: int) -> str:
    return f"{value // 60}:{value % 60:02d} h" if value >= 60 else f"{value} min"


class ShiftTemplatesModel(ListTableModel):
    CONTEXT = "RulesModels"
    COLUMNS = (
        Column("Name", lambda t: t.name),
        Column("Length", lambda t: _minutes(t.length_minutes), lambda t: t.length_minutes,
               header_tip="How long a shift of this shape lasts on the clock"),
        Column("First start", lambda t: format_minute_of_day(t.earliest_start), lambda t: t.earliest_start,
               header_tip="Earliest time a shift of this shape may start"),
        Column("Last start", lambda t: format_minute_of_day(t.latest_start), lambda t: t.latest_start,
               header_tip="Latest time a shift of this shape may start; late starts cross midnight"),
        Column("Every", lambda t: f"{t.start_step} min", lambda t: t.start_step,
               header_tip="Shifts may start every this many minutes between the first and last start"),
    )


def _how_many(rule) -> str:
    if rule.every_minutes:
        return _t("one per {0} worked").format(_minutes(rule.every_minutes))
    return str(rule.count)


def _window(rule) -> str:
    if getattr(rule, "around_mark_minutes", 0):
        return _t("within {0} of each hour mark").format(_minutes(rule.around_mark_minutes))
    end = _t("until {0} before the end").format(_minutes(rule.latest_before_end)) if rule.latest_before_end else ""
    if rule.earliest_offset == 0 and rule.latest_offset >= 24 * 60:
        return end or _t("anywhere in the shift")
    text = _t("{0}–{1} after the start").format(_minutes(rule.earliest_offset), _minutes(rule.latest_offset))
    return f"{text}; {end}" if end else text


class BreakRulesModel(ListTableModel):
    CONTEXT = "RulesModels"
    COLUMNS = (
        Column("Break", lambda r: r.name),
        Column("Length", lambda r: f"{r.length_minutes} min", lambda r: r.length_minutes),
        Column("Paid", lambda r: _t("paid") if r.paid else _t("unpaid"), lambda r: r.paid,
               header_tip="Unpaid breaks do not count towards the weekly hours"),
        Column("How many", _how_many, lambda r: (r.every_minutes, r.count),
               header_tip="Breaks of this kind per shift"),
        Column("From shifts of", lambda r: _minutes(r.min_shift_minutes), lambda r: r.min_shift_minutes,
               header_tip="Shorter shifts do not get this break"),
        Column("When", _window, lambda r: r.earliest_offset,
               header_tip="When in the shift the break may be taken"),
    )
