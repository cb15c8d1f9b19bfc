"""The roster workbook: a readable grid and the flat ``Schedule`` sheet.

The ``Schedule`` sheet is a contract with HR and other systems (see
docs/schedule-sheet.md): its header row and column meanings never depend on
the language chosen for the rest of the workbook.
"""

from __future__ import annotations

import os
from pathlib import Path
from datetime import date, datetime, timedelta

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scheduler.domain import BreakAssignment, Project, Roster, RosterVersion, ShiftAssignment
from scheduler.domain.requests import RequestKind
from scheduler.export.cells import put
from scheduler.files import atomic_write
from scheduler.i18n import tr, weekday

SCHEDULE_SHEET = "Schedule"
SCHEDULE_HEADERS = ("Agent ID", "Agent", "Date", "Activity", "Start", "End", "Minutes")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
WEEKEND_FILL = PatternFill("solid", fgColor="F2F2F2")
FAMILY_FILLS = {
    "morning": PatternFill("solid", fgColor="FFF2CC"),
    "afternoon": PatternFill("solid", fgColor="DAEEF3"),
    "night": PatternFill("solid", fgColor="D9D2E9"),
    "off": PatternFill("solid", fgColor="FFFFFF"),
    "vacation": PatternFill("solid", fgColor="E2EFDA"),
}


def local_naive(moment: datetime, project: Project) -> datetime:
    """Site wall-clock time without a zone, as Excel stores date-times."""
    return moment.astimezone(project.site.zone).replace(tzinfo=None)


def shift_family(shift: ShiftAssignment, project: Project) -> str:
    start = shift.start.astimezone(project.site.zone)
    minute = start.hour * 60 + start.minute
    if project.labour.is_night(minute, shift.minutes):
        return "night"
    return "morning" if minute < 12 * 60 else "afternoon"


def shift_text(shift: ShiftAssignment, project: Project) -> str:
    start = shift.start.astimezone(project.site.zone)
    end = shift.end.astimezone(project.site.zone)
    return f"{start:%H:%M}–{end:%H:%M}"


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
    _write_grid(grid, project, roster, version, language)
    _write_schedule(workbook.create_sheet(SCHEDULE_SHEET), project, roster)
    atomic_write(path, lambda tmp: workbook.save(tmp))


def _vacations(project: Project) -> set[tuple[str, date]]:
    return {(r.agent_id, r.day) for r in project.requests if r.kind is RequestKind.VACATION}


def _write_grid(sheet, project: Project, roster: Roster, version: RosterVersion | None, language) -> None:
    dates = project.horizon.dates()
    title = f"{project.site.name} · {dates[0].isoformat()} – {dates[-1].isoformat()}"
    if version is not None:
        title += f" · {tr('Version', language)} {version.number} ({tr(version.status.value, language)})"
    put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    header_row = 3
    fixed = (tr("Agent ID", language), tr("Agent", language), tr("Contract", language))
    for c, text in enumerate(fixed, start=1):
        cell = put(sheet, header_row, c, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    first_day_col = len(fixed) + 1
    for i, day in enumerate(dates):
        cell = put(sheet, header_row, first_day_col + i, f"{weekday(day.weekday(), language)} {day:%d/%m}")
        cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center")
        cell.fill = WEEKEND_FILL if day.weekday() >= 5 else HEADER_FILL
    totals_col = first_day_col + len(dates)
    for j, text in enumerate((tr("Hours", language), tr("Nights", language), tr("Weekends", language))):
        cell = put(sheet, header_row, totals_col + j, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL

    vacations = _vacations(project)
    by_agent = roster.by_agent()
    for r, agent in enumerate(project.agents, start=header_row + 1):
        put(sheet, r, 1, agent.id)
        put(sheet, r, 2, agent.name)
        put(sheet, r, 3, tr(agent.contract.kind.value, language))
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
            cell.alignment = Alignment(horizontal="center")
            cell.fill = FAMILY_FILLS[family]
        put(sheet, r, totals_col, round(minutes / 60, 2), "0.00")
        put(sheet, r, totals_col + 1, nights)
        put(sheet, r, totals_col + 2, len(weekends))

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=first_day_col)
    sheet.column_dimensions["A"].width = 9
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 15
    for i in range(len(dates)):
        sheet.column_dimensions[get_column_letter(first_day_col + i)].width = 12
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


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


def _write_schedule(sheet, project: Project, roster: Roster) -> None:
    for c, header in enumerate(SCHEDULE_HEADERS, start=1):
        put(sheet, 1, c, header).font = Font(bold=True)
    formats = (None, None, DATE_FORMAT, None, DATETIME_FORMAT, DATETIME_FORMAT, None)
    for r, row in enumerate(schedule_rows(project, roster), start=2):
        for c, (value, fmt) in enumerate(zip(row, formats), start=1):
            put(sheet, r, c, value, fmt if value is not None else None)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:G{max(1, sheet.max_row)}"
    for letter, width in zip("ABCDEFG", (9, 30, 12, 12, 17, 17, 9)):
        sheet.column_dimensions[letter].width = width


def read_schedule(path: str | os.PathLike, project: Project) -> Roster:
    """Read the ``Schedule`` sheet of a roster workbook back into a roster.

    Breaks are the rows whose activity is neither ``Shift`` nor ``Day off``;
    they belong to the shift of the same agent and date.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if SCHEDULE_SHEET not in workbook.sheetnames:
            raise ValueError(f"{Path(path).name} has no sheet named {SCHEDULE_SHEET}")
        rows = workbook[SCHEDULE_SHEET].iter_rows(values_only=True)
        header = tuple(next(rows, ()))[: len(SCHEDULE_HEADERS)]
        if header != SCHEDULE_HEADERS:
            raise ValueError(f"{Path(path).name} › {SCHEDULE_SHEET}: row 1 must be {', '.join(SCHEDULE_HEADERS)}")
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
