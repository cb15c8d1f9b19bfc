"""The roster workbook: a readable grid and the flat ``Schedule`` sheet.

The ``Schedule`` sheet is a contract with HR and other systems (see
docs/schedule-sheet.md): its header row and column meanings never depend on
the language chosen for the rest of the workbook.

The grid and the print set-up are shared with the approval workbook
(:mod:`scheduler.export.approval_workbook`).
"""

from __future__ import annotations

import os
from copy import copy
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.domain import BreakAssignment, Project, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.domain.requests import RequestKind
from scheduler.export.cells import put
from scheduler.files import atomic_write
from scheduler.i18n import add_translations, day_label, tr
from scheduler.i18n import language as current_language

__all__ = [
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "FAMILIES",
    "FAMILY_FILLS",
    "SCHEDULE_HEADERS",
    "SCHEDULE_SHEET",
    "StyleCache",
    "local_naive",
    "period_text",
    "read_schedule",
    "schedule_rows",
    "setup_print",
    "shift_family",
    "shift_text",
    "vacation_days",
    "version_status_text",
    "write_roster_grid",
    "write_roster_workbook",
    "write_schedule_sheet",
]

SCHEDULE_SHEET = "Schedule"
SCHEDULE_HEADERS = ("Agent ID", "Agent", "Date", "Activity", "Start", "End", "Minutes")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
WEEKEND_FILL = PatternFill("solid", fgColor="F2F2F2")
#: Shift families, in legend order.
FAMILIES = ("morning", "afternoon", "night", "off", "vacation")
FAMILY_FILLS = {
    "morning": PatternFill("solid", fgColor="FFF2CC"),
    "afternoon": PatternFill("solid", fgColor="DAEEF3"),
    "night": PatternFill("solid", fgColor="D9D2E9"),
    "off": PatternFill("solid", fgColor="FFFFFF"),
    "vacation": PatternFill("solid", fgColor="E2EFDA"),
}
#: Days off on a weekend keep the weekend shade, so the week's rhythm shows.
WEEKEND_OFF_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="BFBFBF")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GRID_HEADER_ROW = 3
FIXED_WIDTHS = (9, 28, 14)
DAY_WIDTH = 11.5
TOTALS_WIDTHS = (7, 7, 9)

add_translations({
    "Legend": "Leyenda",
    "Morning shift (starts before 12:00)": "Turno de mañana (empieza antes de las 12:00)",
    "Afternoon shift (starts 12:00 or later)": "Turno de tarde (empieza a las 12:00 o después)",
    "Night shift (at least {hours} h in {start}–{end})": "Turno de noche (al menos {hours} h entre {start} y {end})",
    "Day off": "Día libre",
    "Vacation (approved)": "Vacaciones (aprobadas)",
    "Weekend": "Fin de semana",
    "Hours: paid hours; Nights: night shifts; Weekends: weekends with at least one shift. "
    "Times are {zone} local time.":
        "Horas: horas pagadas; Noches: turnos de noche; Fines de semana: fines de semana con algún turno. "
        "Horas locales de {zone}.",
    "Page &P of &N": "Página &P de &N",
    "{name} has no sheet named {sheet}": "{name} no tiene ninguna hoja llamada {sheet}",
    "{name} › {sheet}: row 1 must be {headers}": "{name} › {sheet}: la fila 1 debe ser {headers}",
})

#: A version's status said of the version: Spanish agrees with "versión" ("Versión 1 (aprobada)"),
#: while the shared catalog's "approved" is masculine (it also qualifies other nouns). English
#: shows the status value itself, which scripts and the docs read.
_VERSION_STATUS = {
    VersionStatus.DRAFT: "draft (version)",
    VersionStatus.SUBMITTED: "submitted (version)",
    VersionStatus.APPROVED: "approved (version)",
    VersionStatus.REJECTED: "rejected (version)",
}
add_translations({
    "draft (version)": "borrador",
    "submitted (version)": "enviada",
    "approved (version)": "aprobada",
    "rejected (version)": "rechazada",
})


def version_status_text(status: VersionStatus, language: str | None = None) -> str:
    """``status`` said of a roster version: ``"approved"`` / ``"aprobada"``, ``"draft"`` / ``"borrador"``."""
    if (language or current_language()) == "es":
        return tr(_VERSION_STATUS[status], "es")
    return status.value


def local_naive(moment: datetime, project: Project) -> datetime:
    """Site wall-clock time without a zone, as Excel stores date-times."""
    return moment.astimezone(project.site.zone).replace(tzinfo=None)


def shift_family(shift: ShiftAssignment, project: Project) -> str:
    """``"morning"``, ``"afternoon"`` or ``"night"`` (the labour rules' night definition)."""
    start = shift.start.astimezone(project.site.zone)
    minute = start.hour * 60 + start.minute
    if project.labour.is_night(minute, shift.minutes):
        return "night"
    return "morning" if minute < 12 * 60 else "afternoon"


def shift_text(shift: ShiftAssignment, project: Project) -> str:
    """``"08:00–16:00"`` in the center's local time."""
    start = shift.start.astimezone(project.site.zone)
    end = shift.end.astimezone(project.site.zone)
    return f"{start:%H:%M}–{end:%H:%M}"


def period_text(project: Project) -> str:
    return f"{project.horizon.start.isoformat()} – {project.horizon.end.isoformat()}"


def vacation_days(project: Project) -> set[tuple[str, date]]:
    return {(r.agent_id, r.day) for r in project.requests if r.kind is RequestKind.VACATION}


def write_roster_workbook(
    project: Project,
    roster: Roster,
    path: str | os.PathLike,
    version: RosterVersion | None = None,
    language: str | None = None,
) -> None:
    """Write the roster grid and the ``Schedule`` sheet to ``path`` (atomically)."""
    workbook = Workbook()
    grid = workbook.active
    grid.title = tr("Roster", language)
    write_roster_grid(grid, project, roster, version, language)
    write_schedule_sheet(workbook.create_sheet(SCHEDULE_SHEET), project, roster)
    setup_print(workbook[SCHEDULE_SHEET], project, version, language, title_rows=(1, 1))
    atomic_write(path, lambda tmp: workbook.save(tmp))


class StyleCache:
    """Apply a combination of styles by copying a ready style record.

    openpyxl registers a fill, font or number format by hashing it on every
    assignment; big sheets assign tens of thousands, so each combination is
    registered once (on the first cell) and its style record copied after that.
    Records belong to one workbook: use one cache per workbook.
    """

    def __init__(self) -> None:
        self._records: dict[str, object] = {}

    def apply(self, cell, key: str, **style):
        record = self._records.get(key)
        if record is None:
            for name, value in style.items():
                setattr(cell, name, value)
            self._records[key] = copy(cell._style)
        else:
            cell._style = copy(record)
        return cell


# -- printing --------------------------------------------------------------------

def _header_text(text: str) -> str:
    """Text for an Excel page header: ``&`` starts a code there, so it is doubled."""
    return text.replace("&", "&&")


def setup_print(sheet: Worksheet, project: Project, version: RosterVersion | None, language: str | None,
                *, title_rows: tuple[int, int] | None = None, fit_height: bool = False,
                landscape: bool = True) -> None:
    """Landscape, fit to one page wide, header rows repeated, center and period on every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if fit_height else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    for side in ("left", "right"):
        setattr(sheet.page_margins, side, 0.4)
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    if title_rows is not None:
        sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    sheet.oddHeader.left.text = _header_text(project.site.name)
    sheet.oddHeader.left.size = 9
    sheet.oddHeader.right.text = _header_text(f"{tr('Period', language)} {period_text(project)}")
    sheet.oddHeader.right.size = 9
    if version is not None:
        sheet.oddFooter.left.text = _header_text(
            f"{tr('Version', language)} {version.number} ({version_status_text(version.status, language)})")
        sheet.oddFooter.left.size = 8
    sheet.oddFooter.center.text = _header_text(sheet.title)
    sheet.oddFooter.center.size = 8
    sheet.oddFooter.right.text = tr("Page &P of &N", language)
    sheet.oddFooter.right.size = 8


# -- the grid --------------------------------------------------------------------

def write_roster_grid(sheet: Worksheet, project: Project, roster: Roster, version: RosterVersion | None,
                      language: str | None) -> dict[str, int]:
    """Agents × days with shift times coloured by family, totals per agent and a legend.

    Row 1 is the title, row :data:`GRID_HEADER_ROW` the column headers, one row
    per agent below. Returns ``{agent_id: row}``.
    """
    dates = project.horizon.dates()
    # Two short title lines: they stay within the agent columns repeated on every printed page.
    subtitle = f"{dates[0].isoformat()} – {dates[-1].isoformat()}"
    if version is not None:
        subtitle += f" · {tr('Version', language)} {version.number} ({version_status_text(version.status, language)})"
    put(sheet, 1, 1, project.site.name).font = Font(bold=True, size=13)
    put(sheet, 2, 1, subtitle)
    header_row = GRID_HEADER_ROW
    fixed = (tr("Agent ID", language), tr("Agent", language), tr("Contract", language))
    bold = Font(bold=True)
    for c, text in enumerate(fixed, start=1):
        cell = put(sheet, header_row, c, text)
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, GRID_BORDER
    first_day_col = len(fixed) + 1
    centre = Alignment(horizontal="center")
    for i, day in enumerate(dates):
        cell = put(sheet, header_row, first_day_col + i, day_label(day, language))
        cell.font, cell.alignment, cell.border = bold, centre, GRID_BORDER
        cell.fill = WEEKEND_FILL if day.weekday() >= 5 else HEADER_FILL
    totals_col = first_day_col + len(dates)
    for j, text in enumerate((tr("Hours", language), tr("Nights", language), tr("Weekends", language))):
        cell = put(sheet, header_row, totals_col + j, text)
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, GRID_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[header_row].height = 30

    vacations = vacation_days(project)
    by_agent = roster.by_agent()
    rows: dict[str, int] = {}
    r = header_row
    for r, agent in enumerate(project.agents, start=header_row + 1):
        rows[agent.id] = r
        put(sheet, r, 1, agent.id).border = GRID_BORDER
        put(sheet, r, 2, agent.name).border = GRID_BORDER
        put(sheet, r, 3, tr(agent.contract.kind.value, language)).border = GRID_BORDER
        shifts = {s.day: s for s in by_agent.get(agent.id, [])}
        minutes = nights = 0
        weekends: set[date] = set()
        for i, day in enumerate(dates):
            shift = shifts.get(day)
            if shift is None:
                family = "vacation" if (agent.id, day) in vacations else "off"
                text = tr("Vacation", language) if family == "vacation" else tr("Off", language)
            else:
                family = shift_family(shift, project)
                text = shift_text(shift, project)
                minutes += shift.paid_minutes
                nights += family == "night"
                if day.weekday() >= 5:
                    weekends.add(day - timedelta(days=day.weekday() - 5))
            cell = put(sheet, r, first_day_col + i, text)
            cell.alignment, cell.border = centre, GRID_BORDER
            cell.fill = WEEKEND_OFF_FILL if family == "off" and day.weekday() >= 5 else FAMILY_FILLS[family]
        for j, (value, fmt) in enumerate(((round(minutes / 60, 2), "0.00"), (nights, None),
                                          (len(weekends), None))):
            cell = put(sheet, r, totals_col + j, value, fmt)
            cell.border, cell.alignment = GRID_BORDER, centre

    _write_legend(sheet, project, r + 2, first_day_col, language)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=first_day_col)
    for c, width in enumerate(FIXED_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for i in range(len(dates)):
        sheet.column_dimensions[get_column_letter(first_day_col + i)].width = DAY_WIDTH
    for j, width in enumerate(TOTALS_WIDTHS):
        sheet.column_dimensions[get_column_letter(totals_col + j)].width = width
    setup_print(sheet, project, version, language, title_rows=(header_row, header_row))
    _week_per_page(sheet, first_day_col, len(dates), fixed=FIXED_WIDTHS, day=DAY_WIDTH, totals=TOTALS_WIDTHS)
    sheet.print_title_cols = f"A:{get_column_letter(len(fixed))}"
    return rows


#: Printable width of a landscape A4 page with 0.4" side margins, in Excel's 96-dpi pixels.
_LANDSCAPE_PX = (297 - 2 * 10.16) / 25.4 * 96


def _px(width_chars: float) -> float:
    """On-screen width of a column ``width_chars`` wide, generously.

    Excel draws a character of Calibri 11 in 7 px; LibreOffice without a
    Calibri-compatible font falls back to a wider one (up to 9.5 px), so the
    page is sized for that and simply has a little room to spare in Excel.
    """
    return width_chars * 9.5 + 5


def _week_per_page(sheet: Worksheet, first_day_col: int, days: int, *, fixed: tuple[float, ...],
                   day: float, totals: tuple[float, ...]) -> None:
    """Print one week per page width, the agent columns repeated on every page.

    Excel and LibreOffice ignore manual page breaks under "fit to N pages", so
    the scale is computed here from the column widths instead.
    """
    widest = sum(map(_px, fixed)) + 7 * _px(day) + sum(map(_px, totals))
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.page_setup.scale = max(10, min(100, int(_LANDSCAPE_PX * 0.97 / widest * 100)))
    for start in range(7, days, 7):
        # Zero-based index of the first column of the new page.
        sheet.col_breaks.append(Break(id=first_day_col - 1 + start))


def _write_legend(sheet: Worksheet, project: Project, row: int, column: int, language: str | None) -> None:
    from scheduler.domain.clock import format_minute_of_day

    labour = project.labour
    put(sheet, row, 2, tr("Legend", language)).font = Font(bold=True)
    entries = (
        ("morning", tr("Morning shift (starts before 12:00)", language)),
        ("afternoon", tr("Afternoon shift (starts 12:00 or later)", language)),
        ("night", tr("Night shift (at least {hours} h in {start}–{end})", language).format(
            hours=f"{labour.night_min_minutes / 60:g}", start=format_minute_of_day(labour.night_start),
            end=format_minute_of_day(labour.night_end))),
        ("off", tr("Day off", language)),
        ("vacation", tr("Vacation (approved)", language)),
    )
    for k, (family, text) in enumerate(entries, start=1):
        swatch = sheet.cell(row=row + k, column=1)
        swatch.fill, swatch.border = FAMILY_FILLS[family], GRID_BORDER
        put(sheet, row + k, 2, text)
    swatch = sheet.cell(row=row + len(entries) + 1, column=1)
    swatch.fill, swatch.border = WEEKEND_OFF_FILL, GRID_BORDER
    put(sheet, row + len(entries) + 1, 2, f"{tr('Weekend', language)} · {tr('Off', language)}")
    put(sheet, row + len(entries) + 2, 2, tr(
        "Hours: paid hours; Nights: night shifts; Weekends: weekends with at least one shift. "
        "Times are {zone} local time.", language).format(zone=project.site.time_zone)).font = Font(
        italic=True, size=9)


# -- the Schedule sheet ----------------------------------------------------------

def schedule_rows(project: Project, roster: Roster) -> list[tuple]:
    """The rows of the ``Schedule`` sheet (without header), in agent then date order."""
    rows: list[tuple] = []
    by_agent = roster.by_agent()
    for agent in project.agents:
        shifts = {s.day: s for s in by_agent.get(agent.id, [])}
        for day in project.horizon.dates():
            shift = shifts.get(day)
            if shift is None:
                rows.append((agent.id, agent.name, day, "Day off", None, None, 0))
                continue
            rows.append((agent.id, agent.name, day, "Shift", local_naive(shift.start, project),
                         local_naive(shift.end, project), shift.minutes))
            for pause in shift.breaks:
                rows.append((agent.id, agent.name, day, pause.kind, local_naive(pause.start, project),
                             local_naive(pause.end, project), pause.minutes))
    return rows


def write_schedule_sheet(sheet: Worksheet, project: Project, roster: Roster) -> int:
    """The flat ``Schedule`` sheet (docs/schedule-sheet.md); returns the number of data rows."""
    for c, header in enumerate(SCHEDULE_HEADERS, start=1):
        put(sheet, 1, c, header).font = Font(bold=True)
    formats = (None, None, DATE_FORMAT, None, DATETIME_FORMAT, DATETIME_FORMAT, None)
    rows = schedule_rows(project, roster)
    styles = StyleCache()
    for r, row in enumerate(rows, start=2):
        for c, (value, fmt) in enumerate(zip(row, formats), start=1):
            cell = put(sheet, r, c, value)
            if fmt and value is not None:
                styles.apply(cell, fmt, number_format=fmt)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:G{max(1, sheet.max_row)}"
    for letter, width in zip("ABCDEFG", (9, 30, 12, 12, 17, 17, 9)):
        sheet.column_dimensions[letter].width = width
    return len(rows)


def read_schedule(path: str | os.PathLike, project: Project) -> Roster:
    """Read the ``Schedule`` sheet of a roster workbook back into a roster.

    Breaks are the rows whose activity is neither ``Shift`` nor ``Day off``;
    they belong to the shift of the same agent and date.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if SCHEDULE_SHEET not in workbook.sheetnames:
            raise ValueError(tr("{name} has no sheet named {sheet}").format(
                name=Path(path).name, sheet=SCHEDULE_SHEET))
        rows = workbook[SCHEDULE_SHEET].iter_rows(values_only=True)
        header = tuple(next(rows, ()))[: len(SCHEDULE_HEADERS)]
        if header != SCHEDULE_HEADERS:
            raise ValueError(tr("{name} › {sheet}: row 1 must be {headers}").format(
                name=Path(path).name, sheet=SCHEDULE_SHEET, headers=", ".join(SCHEDULE_HEADERS)))
        zone = project.site.zone
        shifts: dict[tuple[str, date], dict] = {}
        paid = {rule.name: rule.paid for rule in project.break_rules}
        for agent_id, _name, day, activity, start, end, _minutes in (r[:7] for r in rows):
            if activity in (None, "Day off"):
                continue
            day = day.date() if isinstance(day, datetime) else day
            key = (str(agent_id), day)
            start_utc, end_utc = _aware(start, zone), _aware(end, zone)
            if activity == "Shift":
                shifts.setdefault(key, {"breaks": []}).update(start=start_utc, end=end_utc)
            else:
                shifts.setdefault(key, {"breaks": []})["breaks"].append(
                    BreakAssignment(activity, start_utc, end_utc, paid.get(activity, True)))
    finally:
        workbook.close()
    return Roster(tuple(
        ShiftAssignment(agent_id, day, item["start"], item["end"], breaks=tuple(item["breaks"]))
        for (agent_id, day), item in shifts.items()
    ))


def _aware(local: datetime, zone) -> datetime:
    """A naive wall-clock time read from Excel, as an instant.

    Excel has no zone; in the repeated autumn hour the first occurrence is taken.
    """
    return local.replace(tzinfo=zone)
