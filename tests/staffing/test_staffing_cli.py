"""`turnos-cli erlang`, `staffing` and `import-forecast` as a team lead uses them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.domain import (
    BreakAssignment,
    Forecast,
    ForecastInterval,
    Horizon,
    Project,
    Roster,
    RosterVersion,
    ShiftAssignment,
    Site,
    StaffingParams,
)
from scheduler.store import load_project, save_project

MADRID = ZoneInfo("Europe/Madrid")
MONDAY = date(2027, 1, 4)


def _mesa_file(tmp_path: Path, calls: float = 30, breaks: bool = True) -> Path:
    """A Monday morning desk: 13 agents on 2-hour shifts (the first with a 5-min break), 8 intervals."""
    rows = tuple(ForecastInterval(datetime(2027, 1, 4, 8) + timedelta(minutes=15 * q), calls=calls, aht_seconds=300)
                 for q in range(8))
    start = datetime(2027, 1, 4, 8, tzinfo=MADRID)
    shifts = tuple(
        ShiftAssignment(f"A{n}", MONDAY, start, start + timedelta(hours=2), "2h",
                        (BreakAssignment("PVD", start + timedelta(minutes=30), start + timedelta(minutes=35)),)
                        if n == 0 and breaks else ())
        for n in range(13))
    project = Project(Site("Mesa de mañana", "Europe/Madrid", 15), Horizon(MONDAY, 1),
                      forecast=Forecast(15, rows), staffing=StaffingParams(shrinkage=0.0, min_agents=1),
                      versions=(RosterVersion(1, Roster(shifts)),))
    path = tmp_path / "mesa.turnos"
    save_project(path, project)
    return path


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    return _mesa_file(tmp_path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- erlang


def test_erlang_prints_the_textbook_case(capsys) -> None:
    code, out, _ = run(capsys, "erlang", "--calls", "100", "--interval", "30", "--aht", "180", "--sl", "80/20")
    assert code == 0
    assert out.splitlines() == ["agents: 14", "service_level: 88.8%", "asa_seconds: 7.8", "occupancy: 71.4%"]


def test_erlang_adds_shrinkage_and_abandons_when_asked(capsys) -> None:
    code, out, _ = run(capsys, "erlang", "--calls", "100", "--interval", "30", "--aht", "180", "--sl", "80/20",
                       "--shrinkage", "30", "--max-occupancy", "85", "--patience", "60")
    assert code == 0
    names = [line.split(":")[0] for line in out.splitlines()]
    assert names == ["agents", "agents_with_shrinkage", "service_level", "asa_seconds", "occupancy",
                     "abandon_rate"]
    values = dict(line.split(": ") for line in out.splitlines())
    assert int(values["agents_with_shrinkage"]) == -(-int(values["agents"]) * 10 // 7)


def test_erlang_refuses_a_malformed_goal(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["erlang", "--calls", "100", "--aht", "180", "--sl", "80-20"])
    assert "80/20" in capsys.readouterr().err


# --------------------------------------------------------------------------- staffing


def test_staffing_prints_the_day_summary_and_writes_the_interval_table(project_file: Path, tmp_path: Path,
                                                                        capsys) -> None:
    out_path = tmp_path / "staffing.xlsx"
    code, out, err = run(capsys, "staffing", project_file, "--sl", "80/20", "--out", out_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Staffing for Mesa de mañana: 7 days, 15-minute intervals"
    assert lines[2].startswith("2027-01-04") and "240" in lines[2]
    workbook = load_workbook(out_path)
    sheet = workbook["Intervals"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Date", "Start", "Calls", "AHT (s)", "Load (erlangs)", "Agents needed on the phone",
                          "Required agents"]
    assert sheet.max_row == 1 + 7 * 96
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    eight = [c.value for c in sheet[2 + 32]]
    assert (eight[2], eight[4]) == (30, 10)
    assert [c.value for c in workbook["Days"][1]][:3] == ["Date", "Calls", "Peak required"]


def test_staffing_with_a_roster_version_shows_the_breaks(project_file: Path, tmp_path: Path, capsys) -> None:
    out_path = tmp_path / "roster-staffing.xlsx"
    code, out, err = run(capsys, "staffing", project_file, "--version", "1", "--out", out_path,
                         "--language", "es")
    assert code == 0, err
    assert "con la versión 1 del cuadrante" in out.splitlines()[0]
    sheet = load_workbook(out_path)["Intervalos"]
    header = [c.value for c in sheet[1]]
    available = header.index("Disponibles (sin pausas)")
    roster_sl = header.index("NS del cuadrante")
    quarter, with_break = [c.value for c in sheet[2 + 33]], [c.value for c in sheet[2 + 34]]
    assert quarter[available] == 13 and with_break[available] == pytest.approx(13 - 1 / 3)
    assert with_break[roster_sl] < quarter[roster_sl]


def _busy_project_file(tmp_path: Path) -> Path:
    """2,404 calls on the Monday morning: figures with thousands, decimals and percentages."""
    return _mesa_file(tmp_path, calls=300.5, breaks=False)


def test_staffing_in_spanish_prints_every_figure_with_spanish_marks(tmp_path: Path, capsys, monkeypatch) -> None:
    path = _busy_project_file(tmp_path)
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")  # no --language: the CLI's language
    code, out, err = run(capsys, "staffing", path, "--version", "1")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].split() == ["fecha", "llamadas", "pico", "h-agente", "NS", "h", "progr.", "NS", "cuadrante",
                                "bajo", "obj."]
    monday = re.split(r"\s{2,}", lines[2].strip())
    assert monday[0] == "2027-01-04"
    assert monday[1] == "2.404"  # thousands with a point
    assert re.fullmatch(r"\d+", monday[2])
    assert re.fullmatch(r"\d+,\d", monday[3]) and re.fullmatch(r"\d+,\d", monday[5])  # decimal comma
    assert re.fullmatch(r"\d+,\d %", monday[4]) and re.fullmatch(r"\d+,\d %", monday[6])  # "98,4 %"
    assert "100,0 %" in lines[3]
    # the columns stay aligned: every line as wide as the header
    assert {len(line) for line in lines[1:]} == {len(lines[1])}

    monkeypatch.setenv("TURNOS_LANGUAGE", "en")
    code, out, err = run(capsys, "staffing", path, "--version", "1")
    assert code == 0, err
    monday = re.split(r"\s{2,}", out.splitlines()[2].strip())
    assert monday[1] == "2,404" and re.fullmatch(r"\d+\.\d%", monday[4])


def test_staffing_for_a_missing_version_says_which_exist(project_file: Path, capsys) -> None:
    code, _, err = run(capsys, "staffing", project_file, "--version", "7")
    assert code == 2
    assert "no roster version 7 (it has 1)" in err


def test_staffing_reads_a_bare_forecast_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "semana.csv"
    path.write_text("Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;60;300\n23/11/2026;08:30;40;300\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "staffing", path, "--interval", "15", "--shrinkage", "0")
    assert code == 0, err
    assert out.splitlines()[0] == "Staffing for semana.csv: 1 days, 15-minute intervals"
    assert out.splitlines()[2].split()[:2] == ["2026-11-23", "100"]


# --------------------------------------------------------------------------- import-forecast


def test_import_forecast_dry_run_checks_without_saving(project_file: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "nueva.csv"
    path.write_text("Fecha;Intervalo;Llamadas;TMO\n05/01/2027;09:00;12,5;310\n", encoding="utf-8")
    before = project_file.read_bytes()
    code, out, err = run(capsys, "import-forecast", project_file, path, "--dry-run")
    assert code == 0, err
    assert "forecast: 1 interval of 60 min, 2027-01-05 – 2027-01-05, 12 calls" in out
    assert project_file.read_bytes() == before
    assert "6 days of the horizon have no forecast" in err

    code, out, err = run(capsys, "import-forecast", project_file, path)
    assert code == 0, err
    stored = load_project(project_file).forecast
    assert stored == Forecast(60, (ForecastInterval(datetime(2027, 1, 5, 9), 12.5, 310.0),))


def test_import_forecast_refuses_a_broken_file_and_changes_nothing(project_file: Path, tmp_path: Path,
                                                                    capsys) -> None:
    path = tmp_path / "rota.csv"
    path.write_text("Fecha;Intervalo;Llamadas;TMO\n05/01/2027;09:00;muchas;310\n05/01/2027;09:10;1;0\n",
                    encoding="utf-8")
    before = load_project(project_file)
    code, _, err = run(capsys, "import-forecast", project_file, path, "--language", "es")
    assert code == 1  # a problem in the file, as for the other imports (2: bad usage or no project)
    assert err.splitlines() == [  # in the file's order: by row, then column
        "No se importó nada:",
        '  - rota.csv › fila 2 › columna C (Llamadas): "muchas" no es un número',
        "  - rota.csv › fila 3 › columna B (Intervalo): 09:10 no es el inicio de un intervalo de 15, 30 o "
        "60 minutos",
        "  - rota.csv › fila 3 › columna D (TMO): el TMO debe ser mayor que 0 s si hay llamadas: 0",
    ]
    assert load_project(project_file) == before
