"""Hours for HR and payroll, from an **approved** roster version.

Per agent: shifts, paid hours, night hours, weekend hours, public-holiday hours
and unpaid break minutes. All durations are real elapsed time (a night shift
over the spring daylight-saving change is 7 h, over the autumn one 9 h).

* **Paid time** is the shift minus its unpaid breaks; night, weekend and
  holiday hours are the parts of the paid time that fall in the night window,
  on a Saturday/Sunday, or on a public holiday (paid breaks count, unpaid ones
  do not).
* **Night hours**: inside the labour rules' night window (``22:00–06:00`` by
  default) on the center's local clock.
* **Weekend hours** and **holiday hours** are split at local midnight: a
  Friday 22:00–06:00 shift has 6 weekend hours; a 24 December 22:00 –
  25 December 06:00 shift has 6 holiday hours. The two columns may overlap
  (a holiday on a Sunday counts in both).
* **Public holidays** come from the ``holidays`` package for the site's
  country and region (``Site.country``, ``Site.region``).

Files: ``.xlsx`` (an ``Hours`` sheet with one header row, the ``Schedule``
sheet and an ``About`` sheet with version, approval and fingerprint) or
``.csv`` for payroll import: UTF-8 with a byte-order mark, one header row; in
Spanish ``;`` between fields and a decimal comma (what a Spanish Excel
expects), in English ``,`` and a decimal point. See docs/exports.md.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from openpyxl import Workbook
from openpyxl.styles import Font

from scheduler.domain import Project, Roster, RosterVersion, ShiftAssignment
from scheduler.domain.clock import format_minute_of_day
from scheduler.export.cells import put
from scheduler.export.roster_workbook import (
    HEADER_FILL,
    SCHEDULE_SHEET,
    period_text,
    setup_print,
    version_status_text,
    write_schedule_sheet,
)
from scheduler.files import atomic_write
from scheduler.i18n import add_translations, language as current_language, tr
from scheduler.versions import fingerprint, require_approved

__all__ = [
    "AgentHours",
    "HR_COLUMNS",
    "csv_dialect",
    "hr_csv_text",
    "hr_hours",
    "hr_rows",
    "public_holidays",
    "write_hr_csv",
    "write_hr_export",
    "write_hr_xlsx",
]

UTC = timezone.utc

#: Column headers (English keys; translated with ``tr``), in file order.
HR_COLUMNS = ("Agent ID", "Agent", "Shifts", "Paid hours", "Night hours", "Weekend hours",
              "Holiday hours", "Unpaid break minutes")

add_translations({
    "Hours": "Horas",
    "About": "Acerca de",
    "Shifts": "Turnos",
    "Paid hours": "Horas pagadas",
    "Night hours": "Horas nocturnas",
    "Weekend hours": "Horas en fin de semana",
    "Holiday hours": "Horas en festivo",
    "Unpaid break minutes": "Minutos de pausa no pagada",
    "HR export": "Exportación para RR. HH.",
    "Time zone": "Zona horaria",
    "Approved by": "Aprobado por",
    "Approved on": "Aprobado el",
    "Night window": "Franja nocturna",
    "Public holidays": "Festivos",
    "Content fingerprint (SHA-256)": "Huella del contenido (SHA-256)",
    "Paid time is the shift minus unpaid breaks; night, weekend and holiday hours are parts of it "
    "(real elapsed time, split at local midnight).":
        "El tiempo pagado es el turno menos las pausas no pagadas; las horas nocturnas, en fin de semana y "
        "en festivo son partes de él (tiempo real transcurrido, dividido a medianoche local).",
    "Public holidays for {where} are not known; check the center's country and "
    "region codes (e.g. ES and AN for Andalusia).":
        "No se conocen los festivos de {where}; revisa los códigos de país y región del centro "
        "(por ejemplo, ES y AN para Andalucía).",
    "{country}, region {region}": "{country}, región {region}",
    "HR exports are .xlsx or .csv, not .{fmt}; choose --format xlsx or csv.":
        "Las exportaciones para RR. HH. son .xlsx o .csv, no .{fmt}; elige --format xlsx o csv.",
})


@dataclass(frozen=True)
class AgentHours:
    """One agent's totals over the horizon, in minutes."""

    agent_id: str
    name: str
    shifts: int = 0
    paid_minutes: int = 0
    night_minutes: int = 0
    weekend_minutes: int = 0
    holiday_minutes: int = 0
    unpaid_break_minutes: int = 0


# -- holidays --------------------------------------------------------------------

def public_holidays(project: Project, first: date, last: date, language: str | None = None) -> dict[date, str]:
    """Public holidays of the site's country (and region) from ``first`` to ``last`` inclusive, named in
    ``language`` (default: the current one)."""
    import holidays

    country = project.site.country.strip().upper()
    if not country:
        return {}
    region = project.site.region.strip() or None
    # explicit both ways: without a language the package follows the machine's locale (a country
    # without the language falls back to its own)
    lang = "es" if (language or current_language()) == "es" else "en_US"
    try:
        calendar = holidays.country_holidays(country, subdiv=region, years=range(first.year, last.year + 1),
                                             language=lang)
    except NotImplementedError:
        where = tr("{country}, region {region}", language).format(country=country, region=region) \
            if region else country
        raise ValueError(tr("Public holidays for {where} are not known; check the center's country and "
                            "region codes (e.g. ES and AN for Andalusia).", language).format(where=where)) from None
    return {day: name for day, name in sorted(calendar.items()) if first <= day <= last}


# -- the arithmetic ----------------------------------------------------------------

def _at(day: date, minute: int, zone) -> datetime:
    """The instant the local clock shows ``minute`` after midnight of ``day``."""
    extra, minute = divmod(minute, 24 * 60)
    naive = datetime.combine(day + timedelta(days=extra), time(minute // 60, minute % 60))
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _overlap(segments: Iterable[tuple[datetime, datetime]], lo: datetime, hi: datetime) -> float:
    return sum(max(0.0, (min(b, hi) - max(a, lo)).total_seconds()) for a, b in segments)


def paid_segments(shift: ShiftAssignment) -> list[tuple[datetime, datetime]]:
    """The shift as UTC intervals, unpaid breaks cut out."""
    segments: list[tuple[datetime, datetime]] = []
    cursor = shift.start
    for pause in shift.breaks:
        if pause.paid:
            continue
        lo, hi = max(pause.start, cursor), min(pause.end, shift.end)
        if hi <= lo:
            continue
        segments.append((cursor, lo))
        cursor = hi
    segments.append((cursor, shift.end))
    return [(a, b) for a, b in segments if b > a]


def _shift_minutes(shift: ShiftAssignment, project: Project, holidays: set[date]) -> tuple[int, int, int]:
    """Night, weekend and holiday minutes of one shift's paid time."""
    zone = project.site.zone
    labour = project.labour
    segments = paid_segments(shift)
    first = shift.start.astimezone(zone).date() - timedelta(days=1)
    last = shift.end.astimezone(zone).date()
    night = weekend = holiday = 0.0
    day = first
    while day <= last:
        midnight, next_midnight = _at(day, 0, zone), _at(day + timedelta(days=1), 0, zone)
        end = labour.night_end if labour.night_end > labour.night_start else labour.night_end + 24 * 60
        night += _overlap(segments, _at(day, labour.night_start, zone), _at(day, end, zone))
        if day.weekday() >= 5:
            weekend += _overlap(segments, midnight, next_midnight)
        if day in holidays:
            holiday += _overlap(segments, midnight, next_midnight)
        day += timedelta(days=1)
    return round(night / 60), round(weekend / 60), round(holiday / 60)


def hr_hours(project: Project, roster: Roster, holidays: Iterable[date] | None = None) -> list[AgentHours]:
    """Totals per agent of the project (agents without shifts get zeros), in project order.

    ``holidays`` defaults to :func:`public_holidays` over the days the shifts touch.
    """
    if holidays is None:
        if roster.shifts:
            zone = project.site.zone
            first = min(s.start for s in roster.shifts).astimezone(zone).date()
            last = max(s.end for s in roster.shifts).astimezone(zone).date()
            holidays = public_holidays(project, first, last)
        else:
            holidays = ()
    holiday_set = set(holidays)
    by_agent = roster.by_agent()
    out = []
    known = {agent.id for agent in project.agents}
    people = [(a.id, a.name) for a in project.agents] + sorted(
        (agent_id, agent_id) for agent_id in by_agent if agent_id not in known)
    for agent_id, name in people:
        shifts = by_agent.get(agent_id, [])
        night = weekend = holiday = 0
        for shift in shifts:
            n, w, h = _shift_minutes(shift, project, holiday_set)
            night, weekend, holiday = night + n, weekend + w, holiday + h
        out.append(AgentHours(agent_id, name, len(shifts), sum(s.paid_minutes for s in shifts), night,
                              weekend, holiday, sum(s.unpaid_break_minutes for s in shifts)))
    return out


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def hr_rows(hours: Iterable[AgentHours]) -> list[tuple]:
    """Rows in :data:`HR_COLUMNS` order; hours as decimals (2 places), break minutes whole."""
    return [(h.agent_id, h.name, h.shifts, _hours(h.paid_minutes), _hours(h.night_minutes),
             _hours(h.weekend_minutes), _hours(h.holiday_minutes), h.unpaid_break_minutes) for h in hours]


# -- files -----------------------------------------------------------------------

def csv_dialect(language: str | None) -> tuple[str, str]:
    """``(field separator, decimal mark)``: ``;`` and ``,`` in Spanish, ``,`` and ``.`` in English."""
    from scheduler.i18n import language as current

    return (";", ",") if (language or current()) == "es" else (",", ".")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def hr_csv_text(project: Project, version: RosterVersion, language: str | None = None) -> str:
    """The CSV file's text (without the byte-order mark)."""
    require_approved(version, "HR exports", language)
    separator, decimal = csv_dialect(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([tr(column, language) for column in HR_COLUMNS])
    for row in hr_rows(hr_hours(project, version.roster)):
        writer.writerow([
            _csv_text(value) if isinstance(value, str)
            else (f"{value:.2f}".replace(".", decimal) if isinstance(value, float) else str(value))
            for value in row
        ])
    return buffer.getvalue()


def write_hr_csv(project: Project, version: RosterVersion, path: str | os.PathLike,
                 language: str | None = None) -> None:
    """Write the CSV (UTF-8 with BOM) atomically; refused unless ``version`` is approved."""
    text = hr_csv_text(project, version, language)
    atomic_write(path, lambda tmp: tmp.write_bytes(text.encode("utf-8-sig")))


def write_hr_xlsx(project: Project, version: RosterVersion, path: str | os.PathLike,
                  language: str | None = None, events: Iterable = ()) -> None:
    """Write ``Hours``, ``Schedule`` and ``About`` sheets atomically; refused unless approved."""
    require_approved(version, "HR exports", language)
    t = lambda text: tr(text, language)  # noqa: E731
    roster = version.roster
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("Hours")
    for c, column in enumerate(HR_COLUMNS, start=1):
        cell = put(sheet, 1, c, t(column))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    formats = (None, None, None, "0.00", "0.00", "0.00", "0.00", None)
    rows = hr_rows(hr_hours(project, roster))
    for r, row in enumerate(rows, start=2):
        for c, (value, fmt) in enumerate(zip(row, formats), start=1):
            put(sheet, r, c, value, fmt)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{len(rows) + 1}"
    for c, width in enumerate((10, 30, 8, 12, 12, 14, 14, 16), start=1):
        sheet.column_dimensions[chr(64 + c)].width = width
    setup_print(sheet, project, version, language, title_rows=(1, 1))

    schedule = workbook.create_sheet(SCHEDULE_SHEET)
    write_schedule_sheet(schedule, project, roster)
    setup_print(schedule, project, version, language, title_rows=(1, 1))

    about = workbook.create_sheet(t("About"))
    approved = [e for e in events if e.status.value == "approved"]
    holidays = public_holidays(project, project.horizon.start, project.horizon.end + timedelta(days=1),
                               language)
    labour = project.labour
    lines = [
        (t("HR export"), ""),
        (t("Center"), project.site.name),
        (t("Period"), period_text(project)),
        (t("Time zone"), project.site.time_zone),
        (t("Version"), f"{version.number} ({version_status_text(version.status, language)})"),
        (t("Approved by"), approved[-1].by if approved else ""),
        (t("Approved on"), f"{approved[-1].at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if approved else ""),
        (t("Content fingerprint (SHA-256)"), fingerprint(roster)),
        (t("Night window"), f"{format_minute_of_day(labour.night_start)}–{format_minute_of_day(labour.night_end)}"),
        (t("Public holidays"), "; ".join(f"{d.isoformat()} {n}" for d, n in holidays.items()) or "—"),
        ("", t("Paid time is the shift minus unpaid breaks; night, weekend and holiday hours are parts of it "
               "(real elapsed time, split at local midnight).")),
    ]
    for r, (label, value) in enumerate(lines, start=1):
        put(about, r, 1, label).font = Font(bold=True)
        put(about, r, 2, value)
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 80
    atomic_write(path, lambda tmp: workbook.save(tmp))


def write_hr_export(project: Project, version: RosterVersion, path: str | os.PathLike, *,
                    fmt: str | None = None, language: str | None = None, events: Iterable = ()) -> str:
    """Write the HR export as ``xlsx`` or ``csv`` (default: from the file name); returns the format."""
    fmt = (fmt or os.fspath(path).rsplit(".", 1)[-1]).lower()
    if fmt == "csv":
        write_hr_csv(project, version, path, language)
    elif fmt == "xlsx":
        write_hr_xlsx(project, version, path, language, events)
    else:
        raise ValueError(tr("HR exports are .xlsx or .csv, not .{fmt}; choose --format xlsx or csv.",
                            language).format(fmt=fmt))
    return fmt
