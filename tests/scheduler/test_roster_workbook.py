"""The roster workbook: readable grid, exact Schedule sheet, values never formulas."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from scheduler.domain import Agent, Roster
from scheduler.export.roster_workbook import read_schedule, write_roster_workbook
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)


def _roster(project, shifts):
    from scheduler.domain import ShiftAssignment
    tl = project.timeline
    return Roster(tuple(ShiftAssignment(a, d, tl.wall_to_utc(d, h * 60), tl.wall_to_utc(d, h * 60 + 480), "8h")
                        for a, d, h in shifts))


def test_agent_name_that_looks_like_a_formula_stays_text(tmp_path):
    project = tiny_project([Agent("A1", '=HYPERLINK("http://x","y")', contract(1, min_days=0)),
                            Agent("A2", "+34 600 000 000", contract(1, min_days=0))])
    path = tmp_path / "r.xlsx"
    write_roster_workbook(project, _roster(project, [("A1", MONDAY, 8)]), path)
    sheet = load_workbook(path)["Schedule"]
    names = {row[1].value for row in sheet.iter_rows(min_row=2)}
    assert '=HYPERLINK("http://x","y")' in names
    assert all(row[1].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_night_shift_rows_show_local_times_across_midnight(tmp_path):
    project = tiny_project([Agent("A1", "Ana", contract(1, min_days=0))])
    path = tmp_path / "r.xlsx"
    write_roster_workbook(project, _roster(project, [("A1", MONDAY, 22)]), path)
    rows = list(load_workbook(path)["Schedule"].iter_rows(min_row=2, values_only=True))
    shift = [r for r in rows if r[3] == "Shift"][0]
    assert shift[4] == datetime(2027, 1, 4, 22, 0) and shift[5] == datetime(2027, 1, 5, 6, 0)
    assert shift[6] == 480
    assert len([r for r in rows if r[3] == "Day off"]) == 6


def test_short_night_shift_is_seven_hours_in_the_schedule(tmp_path):
    saturday = date(2026, 3, 28)
    project = tiny_project([Agent("A1", "Ana", contract(1, min_days=0))], start=date(2026, 3, 23))
    path = tmp_path / "r.xlsx"
    roster = _roster(project, [("A1", saturday, 22)])
    write_roster_workbook(project, roster, path)
    rows = list(load_workbook(path)["Schedule"].iter_rows(min_row=2, values_only=True))
    shift = [r for r in rows if r[3] == "Shift"][0]
    assert shift[5] == datetime(2026, 3, 29, 6, 0) and shift[6] == 420
    back = read_schedule(path, project)
    assert [(s.agent_id, s.day, s.start, s.end) for s in back.shifts] == \
        [(s.agent_id, s.day, s.start, s.end) for s in roster.shifts]


def test_grid_in_spanish_has_day_headers_and_libre(tmp_path):
    project = tiny_project([Agent("A1", "Ana", contract(1, min_days=0))])
    path = tmp_path / "r.xlsx"
    write_roster_workbook(project, _roster(project, [("A1", MONDAY, 8)]), path, language="es")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Cuadrante", "Schedule"]
    grid = workbook["Cuadrante"]
    values = [c.value for c in grid[3]]
    assert "lun 04/01" in values
    row = [c.value for c in grid[4]]
    assert "08:00–16:00" in row and row.count("Libre") == 6
