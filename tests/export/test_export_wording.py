"""What the exports say to a Spanish reader: the CLI's language by default, every label translated,
figures as number cells, a version's status in agreement with "versión", and "tú" throughout."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.domain import Agent, BreakAssignment, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.export.approval_workbook import write_approval_workbook
from scheduler.export.hr_export import public_holidays, write_hr_export
from scheduler.export.ics import agent_calendar
from scheduler.export.roster_workbook import version_status_text, write_roster_workbook
from scheduler.i18n import ES, set_language
from scheduler.store import VersionEvent, save_project
from tests.conftest import REPO
from tests.factories import contract, tiny_project
from tests.source import call_literals

MONDAY = date(2027, 1, 4)
EPIPHANY = date(2027, 1, 6)


def _project():
    return tiny_project([Agent("A1", "Ana", contract(5, min_days=0)), Agent("A2", "Bea", contract(5, min_days=0))],
                        interval=15)


def _roster(project, breaks=True):
    tl = project.timeline
    shifts = []
    for d in range(3):
        day = MONDAY + timedelta(days=d)
        start = tl.wall_to_utc(day, 8 * 60)
        shifts.append(ShiftAssignment("A1", day, start, tl.wall_to_utc(day, 16 * 60), "8h", breaks=(
            BreakAssignment("Pausa PVD", start + timedelta(minutes=60), start + timedelta(minutes=65), True),
            BreakAssignment("Comida", start + timedelta(minutes=240), start + timedelta(minutes=270), False))
            if breaks else ()))
    return Roster(tuple(shifts))


def _approved(project, number=1):
    return RosterVersion(number, _roster(project), author="lead", status=VersionStatus.APPROVED,
                         comment="turnos-cli solve (factible)")


EVENTS = (
    VersionEvent(1, VersionStatus.DRAFT, datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc), "lead",
                 "turnos-cli solve (factible)"),
    VersionEvent(1, VersionStatus.SUBMITTED, datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc), "Luis"),
    VersionEvent(1, VersionStatus.APPROVED, datetime(2026, 12, 1, 11, 0, tzinfo=timezone.utc), "Ana"),
)


def _cells(path, sheet):
    return {row[0].value: row[1:] for row in load_workbook(path)[sheet].iter_rows() if row[0].value}


# -- a version's status agrees with "versión" ---------------------------------------------

def test_version_status_is_feminine_in_spanish_and_the_status_value_in_english():
    assert [version_status_text(s, "es") for s in VersionStatus] == ["borrador", "enviada", "aprobada", "rechazada"]
    assert [version_status_text(s, "en") for s in VersionStatus] == [s.value for s in VersionStatus]


def test_approval_workbook_says_version_1_aprobada(tmp_path):
    project = _project()
    path = tmp_path / "aprobacion.xlsx"
    write_approval_workbook(project, _approved(project), path, language="es", events=EVENTS)
    workbook = load_workbook(path)
    summary = _cells(path, "Resumen")
    assert summary["Estado"][0].value == "aprobada"
    assert workbook.properties.subject == "Versión 1 (aprobada)"
    assert workbook["Cuadrante"]["A2"].value.endswith("Versión 1 (aprobada)")
    assert workbook["Resumen"].oddFooter.left.text == "Versión 1 (aprobada)"
    history = [text for text in summary if isinstance(text, str) and " UTC · " in text]
    assert [h.split(" · ")[1] for h in history] == ["borrador", "enviada", "aprobada"]
    assert summary[history[0]][0].value == "turnos-cli solve (factible)"
    recorded = next(text for text in summary if isinstance(text, str) and text.startswith("Registrado en Turnos"))
    assert recorded.startswith("Registrado en Turnos: aprobada por Ana el ")
    assert not any("aprobado)" in str(c.value) or c.value == "aprobado"
                   for sheet in workbook.worksheets[:4] for row in sheet.iter_rows() for c in row)


def test_hr_workbook_and_calendar_say_aprobada(tmp_path):
    project = _project()
    path = tmp_path / "horas.xlsx"
    write_hr_export(project, _approved(project), path, language="es", events=EVENTS)
    about = {label: value for label, value in load_workbook(path)["Acerca de"].iter_rows(values_only=True)}
    assert about["Versión"] == "1 (aprobada)"
    text = agent_calendar(project, _approved(project), "A1", language="es").replace("\r\n ", "")
    assert "Cuadrante versión 1 (aprobada)" in text
    assert "Pausa PVD 09:00–09:05 (pagada)" in text and "(no pagada)" in text


def test_a_draft_stays_borrador_and_english_keeps_the_status_value(tmp_path):
    project = _project()
    draft = RosterVersion(2, _roster(project))
    write_roster_workbook(project, draft.roster, tmp_path / "c.xlsx", draft, language="es")
    assert load_workbook(tmp_path / "c.xlsx")["Cuadrante"]["A2"].value.endswith("Versión 2 (borrador)")
    write_approval_workbook(project, _approved(project), tmp_path / "a.xlsx", language="en", events=EVENTS)
    summary = _cells(tmp_path / "a.xlsx", "Summary")
    assert summary["Status"][0].value == "approved"
    assert any(isinstance(t, str) and t.startswith("Recorded in Turnos: approved by Ana") for t in summary)


# -- figures are numbers ------------------------------------------------------------------

_LOOKS_NUMERIC = re.compile(r"^\s*-?[\d.,]+\s*%?\s*$")


def test_figures_are_number_cells_with_number_formats(tmp_path):
    project = _project()
    path = tmp_path / "aprobacion.xlsx"
    write_approval_workbook(project, _approved(project), path, language="es", events=EVENTS)
    workbook = load_workbook(path)
    summary = _cells(path, "Resumen")
    for label, fmt in (("Horas pagadas", "#,##0.00"), ("Cobertura", "0.0%"),
                       ("Horas-agente que faltan al teléfono (con las pausas)", "#,##0.0"),
                       ("Intervalos con falta de personal", "#,##0"), ("Turnos", "#,##0")):
        cell = summary[label][0]
        assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool), label
        assert cell.number_format == fmt, label
    # text that carries figures writes them with Spanish marks
    assert summary["Intervalos con falta de personal"][1].value == "de 672 intervalos"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not _LOOKS_NUMERIC.match(cell.value), (sheet.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, float):
                    assert cell.number_format != "General", (sheet.title, cell.coordinate)


def test_the_service_goal_note_uses_the_languages_marks(tmp_path):
    from dataclasses import replace

    project = _project()
    project = replace(project, staffing=replace(project.staffing, service_level=0.8, target_seconds=20))
    path = tmp_path / "aprobacion.xlsx"
    write_approval_workbook(project, _approved(project), path, language="es")
    notes = [row[2] for row in load_workbook(path)["Resumen"].iter_rows(values_only=True) if row[2]]
    assert "objetivo 80 % en 20 s" in notes


# -- the current language by default --------------------------------------------------------

def test_hr_workbook_follows_the_current_language_without_a_language(tmp_path):
    project = _project()
    path = tmp_path / "horas.xlsx"
    set_language("es")
    try:
        write_hr_export(project, _approved(project), path, events=EVENTS)
    finally:
        set_language("en")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Horas", "Schedule", "Acerca de"]
    about = {label: value for label, value in workbook["Acerca de"].iter_rows(values_only=True)}
    assert about["Zona horaria"] == "Europe/Madrid"
    assert f"{EPIPHANY.isoformat()} Epifanía del Señor" in about["Festivos"]
    assert "Epiphany" not in about["Festivos"]


def test_holiday_names_follow_the_language_whatever_the_machines_locale(monkeypatch):
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    project = _project()
    assert public_holidays(project, MONDAY, MONDAY + timedelta(days=6), "en")[EPIPHANY] == "Epiphany"
    assert public_holidays(project, MONDAY, MONDAY + timedelta(days=6), "es")[EPIPHANY] == "Epifanía del Señor"
    set_language("es")
    try:
        assert public_holidays(project, MONDAY, MONDAY + timedelta(days=6))[EPIPHANY] == "Epifanía del Señor"
    finally:
        set_language("en")


@pytest.fixture
def approved_file(tmp_path):
    project = _project()
    path = tmp_path / "centro.turnos"
    save_project(path, project.with_version(RosterVersion(1, _roster(project, breaks=False), author="lead",
                                                          horizon_start=MONDAY)))
    for step in ("submit", "approve"):
        assert main([step, str(path), "--by", "Ana"]) == 0
    return path


def test_every_export_defaults_to_the_clis_language(approved_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    files = {"hr": tmp_path / "horas.xlsx", "approval": tmp_path / "aprobacion.xlsx", "ics": tmp_path / "a1.ics"}
    assert main(["export", str(approved_file), "--hr", "--out", str(files["hr"])]) == 0
    assert main(["export", str(approved_file), "--approval", "--out", str(files["approval"])]) == 0
    assert main(["export", str(approved_file), "--ics", "--agent", "A1", "--out", str(files["ics"])]) == 0
    capsys.readouterr()
    about = {label: value for label, value in load_workbook(files["hr"])["Acerca de"].iter_rows(values_only=True)}
    assert about["Zona horaria"] == "Europe/Madrid" and "Time zone" not in about
    assert "Epifanía del Señor" in about["Festivos"] and about["Versión"] == "1 (aprobada)"
    assert load_workbook(files["approval"]).sheetnames[0] == "Resumen"
    assert "Cuadrante versión 1 (aprobada)" in files["ics"].read_text(encoding="utf-8").replace("\r\n ", "")

    # --language still chooses the file's language
    assert main(["export", str(approved_file), "--hr", "--out", str(tmp_path / "hours.xlsx"), "--language",
                 "en"]) == 0
    about = {label: value for label, value in load_workbook(tmp_path / "hours.xlsx")["About"].iter_rows(
        values_only=True)}
    assert about["Time zone"] == "Europe/Madrid" and "Epiphany" in about["Public holidays"]
    assert about["Version"] == "1 (approved)"


# -- every label has its Spanish, whichever module is loaded alone -------------------------------

OWN = ["scheduler/export/approval_workbook.py", "scheduler/export/hr_export.py", "scheduler/export/ics.py",
       "scheduler/export/roster_workbook.py", "scheduler/export/coverage.py", "scheduler/commands/roster.py",
       "scheduler/commands/exports.py", "scheduler/commands/staffing.py", "scheduler/explain.py",
       "scheduler/staffing/report.py"]


@pytest.mark.parametrize("where", OWN)
def test_a_module_imported_alone_has_spanish_for_every_text(where):
    """The CLI imports only what a command needs (``export --hr`` never loads the approval workbook):
    each module must bring the Spanish of every text it passes to ``tr``."""
    module = where[:-3].replace("/", ".")
    # tr("…") and the modules' shorthand t = lambda text: tr(text, language)
    texts = sorted(set(call_literals(REPO / where)) | set(call_literals(REPO / where, "t")))
    script = ("import json, sys\nfrom scheduler.i18n import ES\nimport " + module + "\n"
              "print(json.dumps([t for t in json.loads(sys.stdin.read()) if t not in ES]))")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True,
                          text=True, cwd=REPO, check=True)
    assert json.loads(done.stdout) == [], where


# -- tú, not usted ---------------------------------------------------------------------------------

_USTED = re.compile(r"\b(usted|corrija|escriba|revise|compruebe|elija|seleccione|pulse|indique|añada|"
                    r"introduzca|asegúrese|consulte|intente|pruebe|cambie|quite|abra|cierre|guarde|vuelva|"
                    r"su archivo|su fichero|su proyecto)\b", re.I)


def _spanish_texts(path: Path) -> list[str]:
    """The Spanish side of every ``add_translations({...})`` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            texts += [v.value for k, v in zip(node.keys, node.values)
                      if isinstance(k, ast.Constant) and isinstance(v, ast.Constant) and isinstance(v.value, str)
                      and ES.get(k.value) == v.value]
    return texts


@pytest.mark.parametrize("where", OWN)
def test_spanish_speaks_tu(where):
    import importlib

    importlib.import_module(where[:-3].replace("/", "."))
    formal = [text for text in _spanish_texts(REPO / where) if _USTED.search(text)]
    assert not formal, formal
