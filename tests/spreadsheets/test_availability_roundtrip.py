"""Agents answer availability templates; the team lead imports them into the project."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.domain import Request, RequestKind
from scheduler.spreadsheets import import_availability, save_import, write_availability_templates
from scheduler.spreadsheets.availability_template import (
    CODE_COL,
    DATE_COL,
    FIRST_DAY_ROW,
    GRID_BLOCK,
    GRID_DATE_ROW,
    GRID_FIRST_AGENT_ROW,
    GRID_FIRST_DAY_COL,
    GRID_ID_COL,
    NOTE_COL,
    PRIORITY_COL,
)
from scheduler.store import load_project, save_project


def _answer_cell(sheet, row: int, column: int, value) -> None:
    """Write like an agent in Excel: only cells the sheet protection leaves unlocked."""
    cell = sheet.cell(row, column)
    assert sheet.protection.sheet and cell.protection.locked is False, f"{cell.coordinate} is locked"
    cell.value = value


def fill_agent_template(path: Path, answers: dict[date, tuple], sheet_title: str | None = None) -> None:
    """``answers``: day -> (code, priority, note); None leaves a cell as it is."""
    workbook = load_workbook(path)
    sheet = workbook[sheet_title] if sheet_title else workbook.worksheets[0]
    rows = {sheet.cell(r, DATE_COL).value.date(): r
            for r in range(FIRST_DAY_ROW, sheet.max_row + 1) if sheet.cell(r, DATE_COL).value is not None
            and hasattr(sheet.cell(r, DATE_COL).value, "date")}
    for day, (code, priority, note) in answers.items():
        row = rows[day]
        for column, value in ((CODE_COL, code), (PRIORITY_COL, priority), (NOTE_COL, note)):
            if value is not None:
                _answer_cell(sheet, row, column, value)
    workbook.save(path)


def _agents_without_requests(project, n: int) -> list[str]:
    asked = {r.agent_id for r in project.requests}
    return [a.id for a in project.agents if a.id not in asked][:n]


def test_filled_templates_become_requests_in_the_project_file(sample_copy, tmp_path):
    project = load_project(sample_copy)
    first, second = _agents_without_requests(project, 2)
    days = project.horizon.dates()
    written = write_availability_templates(project, tmp_path / "out", language="es")
    assert len(written) == len(project.agents)
    by_agent = {path.name.split(" ")[0]: path for path in written}
    assert by_agent[first].name.endswith(".xlsx")

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for agent_id in (first, second):
        shutil.copy(by_agent[agent_id], inbox / by_agent[agent_id].name)
    fill_agent_template(inbox / by_agent[first].name, {
        days[0]: ("Líbre", 5, "Médico"),
        days[2]: ("mañana", None, None),
        days[3]: ("NO DISPONIBLE", None, None),
        days[6]: ("disponible", None, None),
    })
    fill_agent_template(inbox / by_agent[second].name, {days[9]: ("noche", 2, "")})

    report = import_availability(project, inbox)
    assert report.errors == ()
    assert [(a.file, a.count) for a in report.applied] == [
        (by_agent[first].name, 4), (by_agent[second].name, 1)]
    assert save_import(sample_copy, report)

    saved = load_project(sample_copy)
    mine = [r for r in saved.requests if r.agent_id in (first, second)]
    assert mine == [
        Request(first, days[0], RequestKind.DAY_OFF, hard=False, priority=5, note="Médico"),
        Request(first, days[2], RequestKind.PREFER_MORNING, hard=False, priority=3),
        Request(first, days[3], RequestKind.UNAVAILABLE, hard=True, priority=3),
        Request(second, days[9], RequestKind.PREFER_NIGHT, hard=False, priority=2),
    ]
    others = [r for r in saved.requests if r.agent_id not in (first, second)]
    assert others == list(project.requests)


def test_reimport_replaces_that_agents_answers_for_those_dates_only(sample_copy, tmp_path):
    project = load_project(sample_copy)
    agent_id, neighbour = _agents_without_requests(project, 2)
    days = project.horizon.dates()
    before_horizon = Request(agent_id, project.horizon.start - timedelta(days=3), RequestKind.DAY_OFF, note="old")
    project = replace(project, requests=project.requests + (before_horizon,))
    save_project(sample_copy, project)

    template = write_availability_templates(project, tmp_path / "t1", agent_ids=[agent_id, neighbour])
    mine, theirs = sorted(template)
    fill_agent_template(mine, {days[0]: ("day off", 4, "wedding"), days[2]: ("morning", None, None),
                               days[3]: ("unavailable", None, None)})
    fill_agent_template(theirs, {days[0]: ("afternoon", None, None)})
    assert save_import(sample_copy, import_availability(project, [mine, theirs]))

    # The agent sends a corrected copy of a fresh template.
    fresh = write_availability_templates(project, tmp_path / "t2", agent_ids=[agent_id])[0]
    fill_agent_template(fresh, {days[0]: ("afternoon", 1, None), days[4]: ("day off", None, "exam")})
    current = load_project(sample_copy)
    report = import_availability(current, fresh)
    assert report.errors == ()
    assert [len(a.withdrawn) for a in report.applied] == [2]  # days[2] and days[3]
    assert save_import(sample_copy, report)

    saved = load_project(sample_copy)
    assert [r for r in saved.requests if r.agent_id == agent_id] == [
        before_horizon,  # outside the template's dates: untouched
        Request(agent_id, days[0], RequestKind.PREFER_AFTERNOON, priority=1),
        Request(agent_id, days[4], RequestKind.DAY_OFF, note="exam"),
    ]
    assert [r for r in saved.requests if r.agent_id == neighbour] == [
        Request(neighbour, days[0], RequestKind.PREFER_AFTERNOON)]
    assert [r for r in saved.requests if r.agent_id not in (agent_id, neighbour)] == list(
        r for r in project.requests if r.agent_id not in (agent_id, neighbour))


def test_approved_vacation_is_kept_and_the_contradiction_listed(sample_copy, tmp_path):
    project = load_project(sample_copy)
    vacation = next(r for r in project.requests if r.kind is RequestKind.VACATION)
    agent = project.agent(vacation.agent_id)
    path = write_availability_templates(project, tmp_path, agent_ids=[agent.id], language="en")[0]
    fill_agent_template(path, {vacation.day: ("morning", None, None)})

    report = import_availability(project, path, language="en")
    assert report.errors == ()
    assert vacation in report.project.requests
    contradictions = [c for c in report.conflicts if c.kind == "contradicts_approved"]
    assert [c.message for c in contradictions] == [
        f'{agent.id} {agent.name}: asks for "morning" on {vacation.day:%a} {vacation.day.isoformat()}, '
        "but the project has an approved vacation that day; the approved one was kept — change it in "
        "the project if it no longer holds"]


def test_requested_vacation_is_imported_as_vacation_and_flagged_for_the_team_lead(sample_copy, tmp_path):
    project = load_project(sample_copy)
    agent_id = _agents_without_requests(project, 1)[0]
    agent = project.agent(agent_id)
    days = project.horizon.dates()
    path = write_availability_templates(project, tmp_path, agent_ids=[agent_id], language="es")[0]
    fill_agent_template(path, {days[7]: ("vacaciones", None, None), days[8]: ("Vacaciones ", None, None),
                               days[9]: ("VACACIONES", None, None)})

    report = import_availability(project, path, language="es")
    assert report.errors == ()
    new = [r for r in report.project.requests if r.agent_id == agent_id]
    assert [(r.day, r.kind, r.hard) for r in new] == [(d, RequestKind.VACATION, True) for d in days[7:10]]
    assert [c.message for c in report.conflicts if c.kind == "new_vacation"] == [
        f"{agent_id} {agent.name}: pide vacaciones el lun 11/01/2027 – mié 13/01/2027 (3 días), que no "
        "estaban en el proyecto; importadas como vacaciones aprobadas — quítalas del proyecto si no se "
        "aprueban"]


def test_team_workbook_and_grid_round_trip(sample_copy, tmp_path):
    project = load_project(sample_copy)
    a, b, c = _agents_without_requests(project, 3)
    days = project.horizon.dates()

    team = write_availability_templates(project, tmp_path / "team", layout="team", agent_ids=[a, b],
                                        language="en")
    assert len(team) == 1
    workbook = load_workbook(team[0])
    titles = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert titles == [f"{a} {project.agent(a).name}"[:31], f"{b} {project.agent(b).name}"[:31]]
    fill_agent_template(team[0], {days[1]: ("day off", 2, "dentist")}, sheet_title=titles[1])

    grid = write_availability_templates(project, tmp_path / "grid", layout="grid", agent_ids=[c],
                                        language="es")
    workbook = load_workbook(grid[0])
    sheet = workbook.worksheets[0]
    assert sheet.cell(GRID_FIRST_AGENT_ROW, GRID_ID_COL).value == c
    assert sheet.cell(GRID_DATE_ROW, GRID_FIRST_DAY_COL + 5).value.date() == days[5]
    _answer_cell(sheet, GRID_FIRST_AGENT_ROW, GRID_FIRST_DAY_COL + 5, "tarde")
    _answer_cell(sheet, GRID_FIRST_AGENT_ROW + 1, GRID_FIRST_DAY_COL + 5, 4)
    _answer_cell(sheet, GRID_FIRST_AGENT_ROW + 2, GRID_FIRST_DAY_COL + 5, "recoger niños")
    assert GRID_BLOCK == 3
    workbook.save(grid[0])

    report = import_availability(project, [team[0], grid[0]])
    assert report.errors == ()
    assert [(x.file, x.agent_ids, x.count) for x in report.applied] == [
        (team[0].name, (a, b), 1), (grid[0].name, (c,), 1)]
    added = [r for r in report.project.requests if r.agent_id in (a, b, c)]
    assert added == [Request(b, days[1], RequestKind.DAY_OFF, priority=2, note="dentist"),
                     Request(c, days[5], RequestKind.PREFER_AFTERNOON, priority=4, note="recoger niños")]


def test_cli_writes_templates_and_imports_them(sample_copy, tmp_path, capsys):
    project = load_project(sample_copy)
    agent_id = _agents_without_requests(project, 1)[0]
    out = tmp_path / "templates"
    assert main(["templates", str(sample_copy), "--out", str(out), "--language", "en"]) == 0
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == len(project.agents)
    mine = next(p for p in files if p.name.startswith(agent_id + " "))
    fill_agent_template(mine, {project.horizon.start: ("day off", 5, None),
                               project.horizon.start + timedelta(days=1): ("night", None, None)})
    capsys.readouterr()

    before = sample_copy.read_bytes()
    assert main(["import-availability", str(sample_copy), str(mine), "--dry-run"]) == 0
    assert f"{mine.name}: applied 2 answers" in capsys.readouterr().out
    assert sample_copy.read_bytes() == before

    assert main(["import-availability", str(sample_copy), str(mine)]) == 0
    printed = capsys.readouterr().out
    assert f"saved to {sample_copy}" in printed
    assert [r.kind for r in load_project(sample_copy).requests if r.agent_id == agent_id] == [
        RequestKind.DAY_OFF, RequestKind.PREFER_NIGHT]

    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    assert main(["import-availability", str(sample_copy), str(bad)]) == 1
    printed = capsys.readouterr().out
    assert "bad.xlsx: not applied" in printed
    assert "  - bad.xlsx: this is not an Excel workbook (.xlsx)" in printed


def test_cli_team_and_grid_options(sample_copy, tmp_path, capsys):
    project = load_project(sample_copy)
    assert main(["templates", str(sample_copy), "--out", str(tmp_path / "g"), "--grid", "--language", "es"]) == 0
    assert [p.name for p in (tmp_path / "g").iterdir()] == [
        f"Cuadrícula de disponibilidad {project.site.name} {project.horizon.start.isoformat()}.xlsx"]
    assert main(["templates", str(sample_copy), "--out", str(tmp_path / "t"), "--team"]) == 0
    assert len(list((tmp_path / "t").iterdir())) == 1
