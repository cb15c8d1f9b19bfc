"""The README's main job: solve the bundled sample and write the workbook."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.export.roster_workbook import SCHEDULE_HEADERS, read_schedule
from scheduler.generate import generate_center
from scheduler.store import load_project, save_project
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


@pytest.fixture
def small_center(tmp_path):
    path = tmp_path / "centro.turnos"
    save_project(path, generate_center(6, weeks=1))
    return path


def test_solve_speaks_spanish_when_the_language_is_spanish(small_center, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    out = tmp_path / "cuadrante.xlsx"
    code = main(["solve", str(small_center), "--out", str(out), "--time-limit", "5", "--workers", "1",
                 "--save", "--explain", "2"])
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert out.exists()
    assert "incumplimientos de reglas: 0" in printed
    assert "estado: " in printed and "coste: " in printed and "horas-agente" in printed
    assert "guardado como versión 1 (borrador)" in printed and f"se escribió {out}" in printed
    assert "Resolviendo " in err and "tiempo límite 5 s" in err
    for english in ("rule violations", "status:", "cost:", " cost ", "best possible", "agent-hours", "penalty ",
                    "breaks:", "saved as", "wrote ", "Solving", "time limit", "within "):
        assert english not in printed + err, english

    assert main(["validate", str(small_center)]) == 0
    assert main(["info", str(small_center)]) == 0
    printed = capsys.readouterr().out
    assert "versión 1 (borrador): 0 incumplimientos de reglas" in printed
    assert "agentes: 6" in printed and "versión 1: borrador" in printed
    assert "rule violations" not in printed and "agents:" not in printed and "draft" not in printed


def test_a_time_limit_of_zero_is_refused_in_the_chosen_language(small_center, capsys, monkeypatch):
    before = small_center.read_bytes()
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    assert main(["solve", str(small_center), "--time-limit", "0"]) == 2
    printed, spanish = capsys.readouterr()
    assert not printed
    assert "--time-limit" in spanish and "segundos" in spanish and "has puesto 0" in spanish
    assert "must be" not in spanish and "Traceback" not in spanish
    monkeypatch.setenv("TURNOS_LANGUAGE", "en")
    assert main(["solve", str(small_center), "--time-limit", "0"]) == 2
    assert "turnos-cli: --time-limit must be more than 0 seconds, got 0" in capsys.readouterr().err
    assert small_center.read_bytes() == before


@pytest.mark.parametrize("option, value", [("--time-limit", "-1"), ("--time-limit", "nan"), ("--time-limit", "inf"),
                                           ("--break-time-limit", "0"), ("--workers", "-1"),
                                           ("--workers", "100000"), ("--seed", "3000000000"),
                                           ("--explain", "-2")])
@pytest.mark.parametrize("language, words", [("en", "must be"), ("es", "debe")])
def test_numeric_solve_options_are_refused_naming_the_option(small_center, capsys, monkeypatch,
                                                             option, value, language, words):
    monkeypatch.setenv("TURNOS_LANGUAGE", language)
    assert main(["solve", str(small_center), option, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"turnos-cli: {option} {words}") and value in err and "Traceback" not in err


def test_presets_speak_spanish(capsys, monkeypatch):
    from scheduler.breaks.presets import PRESETS
    from scheduler.i18n import tr

    for item in PRESETS:  # the presets' texts live in presets.py; their Spanish next to the CLI
        for text in (item.title, item.source, item.notes):
            assert not text or tr(text, "es") != text, text
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    assert main(["presets", "-v"]) == 0
    printed = capsys.readouterr().out
    assert "es-estatuto: España — Estatuto de los Trabajadores" in printed
    assert "fuente: " in printed and "nota: " in printed and "descanso entre turnos 12 h" in printed
    assert "source:" not in printed and "unpaid" not in printed and "; rest" not in printed
