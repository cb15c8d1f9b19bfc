"""The README's main job: solve the bundled sample and write the workbook."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.export.roster_workbook import SCHEDULE_HEADERS, read_schedule
from scheduler.store import load_project
from scheduler.validate import validate


def test_solve_sample_writes_schedule_with_every_agent_every_day(sample_copy, tmp_path, capsys):
    out = tmp_path / "roster.xlsx"
    before = sample_copy.read_bytes()
    code = main(["solve", str(sample_copy), "--out", str(out), "--time-limit", "20", "--workers", "2",
                 "--quiet"])
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "rule violations: 0" in printed
    assert sample_copy.read_bytes() == before  # without --save the project is not touched

    project = load_project(sample_copy)
    workbook = load_workbook(out, read_only=True)
    sheet = workbook["Schedule"]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    assert rows[0] == SCHEDULE_HEADERS
    days = {(r[0], r[2].date() if hasattr(r[2], "date") else r[2]) for r in rows[1:]}
    expected = {(a.id, d) for a in project.agents for d in project.horizon.dates()}
    assert days == expected
    activities = {r[3] for r in rows[1:]}
    assert activities <= {"Shift", "Day off"} | {b.name for b in project.break_rules}

    roster = read_schedule(out, project)
    assert len(roster.shifts) > 0
    assert validate(project, roster) == []


def test_save_stores_a_draft_version(sample_copy, capsys):
    assert main(["solve", str(sample_copy), "--time-limit", "15", "--workers", "2", "--quiet", "--save"]) == 0
    project = load_project(sample_copy)
    version = project.latest_version()
    assert version is not None and version.status.value == "draft"
    assert version.horizon_start == project.horizon.start
    assert main(["validate", str(sample_copy)]) == 0
    assert "0 rule violations" in capsys.readouterr().out


def test_not_a_project_is_refused_with_a_message(tmp_path, capsys):
    bogus = tmp_path / "notes.turnos"
    bogus.write_text("shopping list")
    assert main(["info", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert "notes.turnos" in err and "Traceback" not in err
    assert bogus.read_text() == "shopping list"


def test_info_summarises_sample(sample_copy, capsys):
    assert main(["info", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "agents: 50" in out
    assert date(2027, 1, 4).isoformat() in out


def test_reproducible_solve_writes_the_same_roster_twice(sample_copy, tmp_path, capsys):
    rosters = []
    for name in ("first.xlsx", "second.xlsx"):
        out = tmp_path / name
        code = main(["solve", str(sample_copy), "--out", str(out), "--time-limit", "3", "--workers", "2",
                     "--seed", "4", "--reproducible", "--quiet"])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "work limit 3 units, reproducible" in captured.err
        rosters.append(read_schedule(out, load_project(sample_copy)))
    assert rosters[0].shifts and rosters[0].shifts == rosters[1].shifts


def test_messages_follow_the_chosen_language(tmp_path, capsys, monkeypatch):
    bogus = tmp_path / "notas.turnos"
    bogus.write_text("lista de la compra")
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    assert main(["info", str(bogus)]) == 2
    spanish = capsys.readouterr().err
    monkeypatch.setenv("TURNOS_LANGUAGE", "en")
    assert main(["info", str(bogus)]) == 2
    english = capsys.readouterr().err
    assert "notas.turnos" in spanish and "notas.turnos" in english
    assert spanish != english and "proyecto" in spanish and "project" in english
