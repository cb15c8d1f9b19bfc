"""The approval workbook, re-read sheet by sheet and checked against the roster it was written from."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from scheduler.domain import Agent, BreakAssignment, Request, RequestKind, Roster, RosterVersion, ShiftAssignment
from scheduler.export.approval_workbook import (
    FLOOR_FILLS,
    PAID_BREAK_FILL,
    UNPAID_BREAK_FILL,
    request_outcomes,
    sheet_titles,
    write_approval_workbook,
)
from scheduler.export.coverage import coverage
from scheduler.export.roster_workbook import FAMILY_FILLS, SCHEDULE_HEADERS, schedule_rows, shift_text
from scheduler.validate import validate
from scheduler.versions import fingerprint
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)
FORMULA_NAME = '=HYPERLINK("http://x","y")'
PHONE_NAME = "+34 600 000 000"


def _day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def _project():
    agents = [Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", FORMULA_NAME, contract(5, min_days=0)),
              Agent("A3", PHONE_NAME, contract(5, min_days=0))]
    requests = [
        Request("A1", _day(0), RequestKind.DAY_OFF, note="médico"),
        Request("A1", _day(1), RequestKind.PREFER_MORNING),
        Request("A2", _day(2), RequestKind.VACATION),
        Request("A2", _day(3), RequestKind.DAY_OFF),
        Request("A3", _day(4), RequestKind.PREFER_NIGHT),
        Request("A3", _day(5), RequestKind.PREFER_AFTERNOON),
        Request("A1", _day(6), RequestKind.DAY_OFF, hard=True),
    ]
    return tiny_project(agents, interval=15, requests=requests, required=1)


def _shift(project, agent, day, hour, breaks=()):
    tl = project.timeline
    start = tl.wall_to_utc(day, hour * 60)
    return ShiftAssignment(agent, day, start, tl.wall_to_utc(day, hour * 60 + 480), "8h", breaks=tuple(
        BreakAssignment(kind, start + timedelta(minutes=a), start + timedelta(minutes=b), paid)
        for kind, a, b, paid in breaks))


def _roster(project):
    return Roster((
        # 10:00–10:05 paid screen pause, 12:00–12:30 unpaid lunch
        _shift(project, "A1", _day(0), 8, [("Pausa PVD", 120, 125, True), ("Comida", 240, 270, False)]),
        _shift(project, "A1", _day(1), 8),
        # night into Tuesday, with a paid rest 02:00–02:20
        _shift(project, "A2", _day(0), 22, [("Descanso", 240, 260, True)]),
        _shift(project, "A3", _day(0), 14),
        _shift(project, "A3", _day(4), 8),
    ))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    project = _project()
    version = RosterVersion(1, _roster(project), author="Luis")
    path = tmp_path_factory.mktemp("approval") / "approval.xlsx"
    figures = write_approval_workbook(project, version, path, language="en", prepared_by="Luis Gómez")
    return project, version, path, figures, load_workbook(path)


def _rows_by_id(sheet, first_row=4):
    return {sheet.cell(row=r, column=1).value: r for r in range(first_row, sheet.max_row + 1)
            if sheet.cell(row=r, column=1).value}


def _rgb(cell) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill is not None and cell.fill.fill_type == "solid" else None


def _summary(sheet) -> dict:
    return {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}


def test_sheets_come_in_order_with_one_floor_plan_per_day(written):
    project, _, _, _, workbook = written
    assert workbook.sheetnames == sheet_titles(project, "en") == [
        "Summary", "Roster", "Coverage", "Requests", "Schedule",
        "Mon 04-01", "Tue 05-01", "Wed 06-01", "Thu 07-01", "Fri 08-01", "Sat 09-01", "Sun 10-01"]


def test_summary_shows_version_key_figures_approval_block_and_fingerprint(written):
    project, version, _, figures, workbook = written
    summary = _summary(workbook["Summary"])
    cov = coverage(project, version.roster)
    assert summary["Center"][0] == "Test center"
    assert summary["Period"][0] == "2027-01-04 – 2027-01-10"
    assert summary["Version"][0] == 1 and summary["Status"][0] == "draft"
    assert summary["Prepared by"][0] == "Luis Gómez"
    assert summary["Coverage"][0] == pytest.approx(cov.ratio)
    assert summary["Intervals short"][0] == cov.short_slots
    assert summary["Intervals short"][1] == f"of {7 * 96} intervals"
    assert summary["Requests honoured"][0] == 4 and summary["Requests denied"][0] == 2
    assert summary["Requests not applicable"][0] == 1
    violations = validate(project, version.roster)
    assert summary["Hard-rule violations"][0] == len(violations) == len(figures.violations)
    assert summary["Content fingerprint (SHA-256)"][0] == fingerprint(version.roster) == figures.fingerprint
    for label in ("Approved by", "Date", "Signature"):
        assert label in summary
    assert workbook.properties.keywords == f"sha256:{figures.fingerprint}"


def test_roster_grid_cells_are_the_shift_times_coloured_by_family(written):
    project, version, _, _, workbook = written
    grid = workbook["Roster"]
    header = [c.value for c in grid[3]]
    assert header[:4] == ["Agent ID", "Agent", "Contract", "Mon 04/01"]
    rows = _rows_by_id(grid)
    shifts = {(s.agent_id, s.day): s for s in version.roster.shifts}
    for agent in project.agents:
        for i, day in enumerate(project.horizon.dates()):
            cell = grid.cell(row=rows[agent.id], column=4 + i)
            shift = shifts.get((agent.id, day))
            if shift is not None:
                assert cell.value == shift_text(shift, project)
            elif (agent.id, day) == ("A2", _day(2)):
                assert cell.value == "Vacation" and _rgb(cell) == FAMILY_FILLS["vacation"].fgColor.rgb[-6:]
            else:
                assert cell.value == "Off"
    assert grid.cell(rows["A1"], 4).value == "08:00–16:00"
    assert _rgb(grid.cell(rows["A1"], 4)) == FAMILY_FILLS["morning"].fgColor.rgb[-6:]
    assert _rgb(grid.cell(rows["A3"], 4)) == FAMILY_FILLS["afternoon"].fgColor.rgb[-6:]
    assert grid.cell(rows["A2"], 4).value == "22:00–06:00"
    assert _rgb(grid.cell(rows["A2"], 4)) == FAMILY_FILLS["night"].fgColor.rgb[-6:]
    totals = 4 + 7
    assert [grid.cell(rows["A1"], totals + k).value for k in range(3)] == [15.5, 0, 0]  # 16 h minus 30 min unpaid
    assert [grid.cell(rows["A2"], totals + k).value for k in range(3)] == [8.0, 1, 0]
    assert grid.freeze_panes == "D4"
    legend = [grid.cell(r, 2).value for r in range(1, grid.max_row + 1)]
    assert "Legend" in legend and "Vacation (approved)" in legend


def test_floor_plan_colours_shift_and_breaks_and_counts_agents_on_the_phone(written):
    project, version, _, _, workbook = written
    cov = coverage(project, version.roster)
    plan = workbook["Mon 04-01"]
    rows = _rows_by_id(plan)
    labels = [plan.cell(3, c).value for c in range(4, plan.max_column + 1)]
    assert len(labels) >= 96 and labels[0] == "00:00" and labels[95] == "23:45"
    col = lambda slot: 4 + slot  # noqa: E731  (Monday starts at slot 0)
    a1 = rows["A1"]
    morning = FLOOR_FILLS["morning"].fgColor.rgb[-6:]
    for slot in range(32, 64):
        cell = plan.cell(a1, col(slot))
        if slot == 40:  # 10:00–10:05 pause
            assert _rgb(cell) == PAID_BREAK_FILL.fgColor.rgb[-6:] and cell.value == "P"
        elif slot in (48, 49):  # 12:00–12:30 unpaid lunch
            assert _rgb(cell) == UNPAID_BREAK_FILL.fgColor.rgb[-6:] and cell.value == "C"
        else:
            assert _rgb(cell) == morning and cell.value is None
    assert _rgb(plan.cell(a1, col(31))) is None and _rgb(plan.cell(a1, col(64))) is None
    assert plan.cell(a1, 3).value == "08:00–16:00"
    night = FLOOR_FILLS["night"].fgColor.rgb[-6:]
    assert all(_rgb(plan.cell(rows["A2"], col(s))) == night for s in range(88, 96))
    assert _rgb(plan.cell(rows["A2"], col(87))) is None
    # who works comes first, by start time; the rest are off
    order = [plan.cell(r, 1).value for r in sorted(rows.values())]
    assert order[:3] == ["A1", "A3", "A2"]
    # required and on the phone at the bottom
    bottom = {plan.cell(r, 3).value: r for r in range(4, plan.max_row + 1) if plan.cell(r, 3).value}
    for slot in range(96):
        assert plan.cell(bottom["Required"], col(slot)).value == cov.required[slot]
        assert plan.cell(bottom["On the phone"], col(slot)).value == pytest.approx(cov.on_phone[slot], abs=0.005)
    assert plan.cell(bottom["On the phone"], col(40)).value == pytest.approx(2 / 3, abs=0.005)


def test_night_shift_continues_on_the_next_days_floor_plan(written):
    project, _, _, _, workbook = written
    plan = workbook["Tue 05-01"]
    rows = _rows_by_id(plan)
    a2 = rows["A2"]
    assert plan.cell(a2, 3).value == "22:00–06:00 (from the day before)"
    night = FLOOR_FILLS["night"].fgColor.rgb[-6:]
    for slot in range(24):  # 00:00–06:00
        expected = PAID_BREAK_FILL.fgColor.rgb[-6:] if slot in (8, 9) else night
        assert _rgb(plan.cell(a2, 4 + slot)) == expected
    assert _rgb(plan.cell(a2, 4 + 24)) is None
    assert plan.cell(a2, 4 + 8).value == "D"
    assert plan.cell(rows["A3"], 3).value == "Off"
    assert workbook["Wed 06-01"].cell(_rows_by_id(workbook["Wed 06-01"])["A2"], 3).value == "Vacation"


def test_coverage_sheet_values_equal_the_coverage_module_and_it_has_a_line_chart(written):
    project, version, path, figures, workbook = written
    cov = coverage(project, version.roster)
    sheet = workbook["Coverage"]
    heads = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Interval"]
    assert len(heads) == 1
    head = heads[0]
    assert [sheet.cell(head, c).value for c in range(1, 8)] == [
        "Interval", "Required", "On the phone", "Difference", "On duty", "Calls", "Predicted service level"]
    for slot in range(cov.n_slots):
        r = head + 1 + slot
        assert sheet.cell(r, 2).value == cov.required[slot]
        assert sheet.cell(r, 3).value == pytest.approx(cov.on_phone[slot])
        assert sheet.cell(r, 5).value == pytest.approx(cov.on_duty[slot])
    assert sheet.cell(head + 1, 1).value == "04/01 00:00"
    assert sheet.cell(head + 41, 3).value == pytest.approx(2 / 3)  # Monday 10:00, Ana's 5-minute pause
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<lineChart>" in xml and "'Coverage'!$B$" in xml


def test_requests_sheet_says_honoured_or_denied_and_why(written):
    project, version, _, _, workbook = written
    sheet = workbook["Requests"]
    assert [c.value for c in sheet[3]] == ["Date", "Agent ID", "Agent", "Request", "Type", "Priority", "Note",
                                           "Outcome", "Reason"]
    got = [(r[0].date(), r[1], r[3], r[7], r[8]) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert got == [
        (_day(0), "A1", "day_off", "denied", "worked: cover needed"),
        (_day(1), "A1", "prefer_morning", "honoured", "honoured"),
        (_day(2), "A2", "vacation", "honoured", "approved vacation"),
        (_day(3), "A2", "day_off", "honoured", "honoured"),
        (_day(4), "A3", "prefer_night", "denied", "worked a morning shift: cover needed"),
        (_day(5), "A3", "prefer_afternoon", "not applicable", "day off: no shift to choose"),
        (_day(6), "A1", "day_off", "honoured", "approved day off"),
    ]
    assert [o.status for o in request_outcomes(project, version.roster)] == [g[3] for g in got]
    assert sheet.cell(4, 7).value == "médico"


def test_schedule_sheet_is_complete_and_exact(written):
    project, version, _, _, workbook = written
    rows = list(workbook["Schedule"].iter_rows(values_only=True))
    assert rows[0] == SCHEDULE_HEADERS
    expected = schedule_rows(project, version.roster)

    def plain(value):
        return value.date() if isinstance(value, datetime) and value.time() == datetime.min.time() else value

    assert [tuple(plain(v) for v in row) for row in rows[1:]] == [
        tuple(plain(v) for v in row) for row in expected]
    days = {(r[0], plain(r[2])) for r in rows[1:] if r[3] in ("Shift", "Day off")}
    assert len(days) == 3 * 7 == len([r for r in rows[1:] if r[3] in ("Shift", "Day off")])


def test_names_that_look_like_formulas_stay_text_everywhere(written):
    _, _, _, _, workbook = written
    seen = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
                if cell.value in (FORMULA_NAME, PHONE_NAME):
                    assert cell.data_type == "s"
                    seen += 1
    assert seen >= 4 * 2  # Roster, Requests, Schedule and the floor plans


def test_every_sheet_prints_with_center_and_period_on_each_page(written):
    _, _, _, _, workbook = written
    for sheet in workbook.worksheets:
        assert "Test center" in sheet.oddHeader.left.text
        assert "2027-01-04 – 2027-01-10" in sheet.oddHeader.right.text
        assert sheet.oddFooter.right.text == "Page &P of &N"
        if sheet.title != "Summary":
            assert sheet.page_setup.orientation == "landscape"
            assert sheet.print_title_rows
    roster = workbook["Roster"]
    assert roster.print_title_rows == "$3:$3" and roster.print_title_cols == "$A:$C"
    assert workbook["Mon 04-01"].page_setup.fitToWidth == 1
    assert workbook["Mon 04-01"].sheet_properties.pageSetUpPr.fitToPage


def test_spanish_workbook(tmp_path):
    project = _project()
    path = tmp_path / "aprobacion.xlsx"
    write_approval_workbook(project, RosterVersion(2, _roster(project)), path, language="es")
    workbook = load_workbook(path)
    assert workbook.sheetnames[:6] == ["Resumen", "Cuadrante", "Cobertura", "Peticiones", "Schedule", "lun 04-01"]
    summary = _summary(workbook["Resumen"])
    assert summary["Estado"][0] == "borrador" and "Firma" in summary
    requests = list(workbook["Peticiones"].iter_rows(min_row=4, values_only=True))
    assert requests[0][7:] == ("denegada", "trabaja: hace falta cobertura")
    assert requests[4][8] == "trabaja un turno de mañana: hace falta cobertura"
    assert workbook["Cuadrante"].cell(4, 4).value == "08:00–16:00"
    assert list(workbook["Schedule"].iter_rows(max_row=1, values_only=True))[0] == SCHEDULE_HEADERS


def test_roster_without_breaks_and_project_without_forecast_calls(tmp_path):
    project = _project()
    roster = Roster(tuple(_shift(project, s.agent_id, s.day, s.start.astimezone(project.site.zone).hour)
                          for s in _roster(project).shifts))
    figures = write_approval_workbook(project, RosterVersion(1, roster), tmp_path / "a.xlsx")
    assert figures.service_level is None
    summary = _summary(load_workbook(tmp_path / "a.xlsx")["Summary"])
    assert summary["Predicted service level (weighted by calls)"][0] == "no calls forecast"


# -- a center the size of the sample --------------------------------------------------

def _sample_size_roster(project):
    """Every agent five days a week in their start window, breaks at the rules' fixed places."""
    from scheduler.breaks.placement import fixed_offset_breaks

    tl = project.timeline
    shifts = []
    for i, agent in enumerate(project.agents):
        for day in project.horizon.dates():
            if (day.toordinal() + i) % 7 >= 5:
                continue
            minute = agent.earliest_start // 30 * 30
            start = tl.wall_to_utc(day, minute)
            end = tl.wall_to_utc(day, minute + 480)
            shifts.append(ShiftAssignment(agent.id, day, start, end, "8h"))
    return fixed_offset_breaks(project, Roster(tuple(shifts)))


@pytest.fixture(scope="module")
def sample_workbook(tmp_path_factory):
    from scheduler.generate import generate_center

    project = generate_center()
    version = RosterVersion(1, _sample_size_roster(project), author="lead")
    path = tmp_path_factory.mktemp("sample") / "approval.xlsx"
    began, cpu = time.perf_counter(), time.process_time()
    figures = write_approval_workbook(project, version, path, language="es")
    return project, version, path, figures, (time.perf_counter() - began, time.process_time() - cpu)


def test_sample_size_workbook_writes_in_a_few_seconds(sample_workbook):
    project, version, path, _, (wall, cpu) = sample_workbook
    print(f"approval workbook for {len(project.agents)} agents × {project.horizon.days} days: "
          f"{wall:.2f} s ({cpu:.2f} s of CPU)")
    assert cpu < 8  # about 2 s on a laptop; CPU time, so a busy test machine does not make it flaky
    workbook = load_workbook(path, read_only=True)
    try:
        assert len(workbook.sheetnames) == 5 + 28
        rows = list(workbook["Schedule"].iter_rows(min_row=2, values_only=True))
        assert len([r for r in rows if r[3] in ("Shift", "Day off")]) == 50 * 28
        assert len(rows) == len(schedule_rows(project, version.roster))
    finally:
        workbook.close()


def test_libreoffice_opens_and_prints_the_sample_workbook(sample_workbook, tmp_path):
    """LibreOffice reads the workbook without a repair and prints the summary and the roster grid."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    project, _, path, _, _ = sample_workbook
    pdf = tmp_path / "approval.pdf"
    # The first pages are enough (the whole workbook is ~400 pages); LibreOffice before 7.4
    # does not read the page range, so it is asked again without one.
    for target in ('pdf:calc_pdf_Export:{"PageRange":{"type":"string","value":"1-20"}}', "pdf"):
        done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                               "--convert-to", target, "--outdir", str(tmp_path), str(path)],
                              capture_output=True, text=True, timeout=600)
        if pdf.exists():
            break
    assert pdf.exists(), done.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 5  # summary, the roster's weeks, …
    if shutil.which("pdftotext"):
        def page(n: int) -> str:
            return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                  capture_output=True, text=True).stdout

        assert "Cuadrante para aprobación" in page(1) and "Firma" in page(1)
        # the Summary lists this synthetic roster's violations over several pages; the grid follows
        grid = next(text for text in map(page, range(2, 21)) if "ID agente" in text)
        first = project.agents[0]
        assert first.id in grid and first.name in grid and "lun 04/01" in grid and "dom 10/01" in grid
        assert "lun 11/01" not in grid  # one week per page width


def test_floor_plan_of_the_spring_forward_day_has_23_hours(tmp_path):
    project = tiny_project([Agent("A1", "Ana", contract(5, min_days=0))], start=date(2026, 3, 23), interval=15)
    saturday = date(2026, 3, 28)
    tl = project.timeline
    night = ShiftAssignment("A1", saturday, tl.wall_to_utc(saturday, 22 * 60), tl.wall_to_utc(saturday, 30 * 60))
    path = tmp_path / "dst.xlsx"
    write_approval_workbook(project, RosterVersion(1, Roster((night,))), path)
    plan = load_workbook(path)["Sun 29-03"]
    labels = [plan.cell(3, c).value for c in range(4, plan.max_column + 1) if plan.cell(3, c).value]
    assert len(labels) == 92 and labels[7:9] == ["01:45", "03:00"]
    row = _rows_by_id(plan)["A1"]
    coloured = [c for c in range(4, 4 + 92) if _rgb(plan.cell(row, c))]
    assert len(coloured) == 6 * 4 - 4  # 00:00–06:00 less the skipped hour
    assert plan.cell(row, 3).value == "22:00–06:00 (from the day before)"


def test_hourly_intervals(tmp_path):
    project = tiny_project([Agent("A1", "Ana", contract(5, min_days=0))], interval=60)
    tl = project.timeline
    shift = ShiftAssignment("A1", MONDAY, tl.wall_to_utc(MONDAY, 8 * 60), tl.wall_to_utc(MONDAY, 16 * 60))
    path = tmp_path / "hourly.xlsx"
    write_approval_workbook(project, RosterVersion(1, Roster((shift,))), path)
    plan = load_workbook(path)["Mon 04-01"]
    assert plan.cell(3, 4 + 23).value == "23:00" and plan.cell(3, 4 + 24).value is None
    row = _rows_by_id(plan)["A1"]
    assert [c - 4 for c in range(4, 28) if _rgb(plan.cell(row, c))] == list(range(8, 16))
