"""One roster, one shortfall: what `turnos-cli solve` prints is what the approval workbook says.

The engine plans shifts against its own target (agents *on shift*, the requirement plus an
allowance for breaks) before breaks are placed; the team lead, the approval workbook and the
coverage chart count agents *on the phone* (breaks placed) against the requirement. ``solve``
prints the latter as "short on the phone (breaks included)", the same figure as the workbook's
Summary sheet, and labels the engine's own figures "shift planning, before breaks".
"""

from __future__ import annotations

import ast
import re

import pytest
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.export.coverage import coverage
from scheduler.generate import generate_center
from scheduler.i18n import tr
from scheduler.store import load_project, load_version_events, save_project
from tests.conftest import REPO


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _spanish_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _summary(path, sheet: str) -> dict:
    workbook = load_workbook(path)
    return {row[0].value: row[1] for row in workbook[sheet].iter_rows(max_col=3) if row[0].value}


SHORT_ES = re.compile(r"^faltan al teléfono \(con las pausas\): ([\d.,]+) horas-agente en ([\d.]+) de ([\d.]+) "
                      r"intervalos$", re.M)


def test_solve_prints_the_shortfall_of_the_approval_workbook(sample_copy, tmp_path, capsys, monkeypatch):
    """The reviewer's steps on the sample, in Spanish: solve --save, submit, approve, export --approval."""
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    code, solved, err = _run(capsys, "solve", sample_copy, "--time-limit", "10", "--workers", "2", "--save",
                             "--quiet")
    assert code == 0, err
    short = SHORT_ES.search(solved)
    assert short, solved
    planning = re.search(r"^planificación de turnos, antes de las pausas \(.*\): faltan ([\d.,]+), "
                         r"sobran ([\d.,]+) horas-agente$", solved, re.M)
    assert planning, solved
    assert "sobran al teléfono (con las pausas): " in solved
    assert "\nfaltan: " not in solved  # no unlabelled figure left to be read against the workbook's

    assert _run(capsys, "submit", sample_copy, "--by", "Luis")[0] == 0
    assert _run(capsys, "approve", sample_copy, "--by", "Ana")[0] == 0
    out_path = tmp_path / "a.xlsx"
    code, exported, err = _run(capsys, "export", sample_copy, "--approval", "--out", out_path)
    assert code == 0, err
    assert SHORT_ES.search(exported).groups() == short.groups()  # export --approval prints the same line

    summary = _summary(out_path, "Resumen")
    cell = summary["Horas-agente que faltan al teléfono (con las pausas)"]
    assert isinstance(cell.value, float | int) and cell.number_format == "#,##0.0"
    assert cell.value == pytest.approx(_spanish_number(short[1]), abs=1e-9)
    intervals = summary["Intervalos con falta de personal"]
    assert intervals.value == _spanish_number(short[2])

    # and both are the coverage module's count for the saved roster: on the phone vs required
    project = load_project(sample_copy)
    cov = coverage(project, project.latest_version().roster)
    assert cell.value == pytest.approx(round(cov.short_agent_minutes / 60, 1))
    # the engine's figure measures something else and says so: it is not the workbook's
    assert _spanish_number(planning[1]) != pytest.approx(cell.value)


@pytest.fixture
def small_center(tmp_path):
    path = tmp_path / "centro.turnos"
    save_project(path, generate_center(6, weeks=1))
    return path


def test_english_solve_labels_both_yardsticks(small_center, capsys):
    code, out, err = _run(capsys, "solve", small_center, "--time-limit", "5", "--workers", "1", "--quiet")
    assert code == 0, err
    assert re.search(r"^short on the phone \(breaks included\): [\d,]+\.\d agent-hours in [\d,]+ of [\d,]+ "
                     r"intervals$", out, re.M), out
    assert re.search(r"^over on the phone \(breaks included\): [\d,]+\.\d agent-hours$", out, re.M), out
    assert re.search(r"^shift planning, before breaks \(.*\): short [\d,]+\.\d, over [\d,]+\.\d agent-hours$",
                     out, re.M), out


# -- the stored comment ---------------------------------------------------------------

def test_the_comment_of_a_saved_version_is_in_the_language_of_the_run(small_center, tmp_path, capsys,
                                                                      monkeypatch):
    code, out, err = _run(capsys, "solve", small_center, "--time-limit", "5", "--workers", "1", "--quiet",
                          "--save")
    assert code == 0, err
    status = re.search(r"^status: (optimal|feasible)$", out, re.M)[1]
    english = load_project(small_center).latest_version()
    assert english.comment == f"turnos-cli solve ({status})"  # byte for byte what it always was

    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    code, out, err = _run(capsys, "solve", small_center, "--time-limit", "5", "--workers", "1", "--quiet",
                          "--save")
    assert code == 0, err
    estado = re.search(r"^estado: (óptimo|factible)$", out, re.M)[1]
    spanish = load_project(small_center).latest_version()
    assert spanish.comment == f"turnos-cli solve ({estado})"
    events = {e.number: e.comment for e in load_version_events(small_center)}
    assert events[spanish.number] == spanish.comment

    code, out, _ = _run(capsys, "versions", small_center)
    assert code == 0
    assert f"— turnos-cli solve ({estado})" in out and f"— turnos-cli solve ({status})" in out

    assert _run(capsys, "submit", small_center, "--by", "Luis")[0] == 0
    path = tmp_path / "aprobacion.xlsx"
    assert _run(capsys, "export", small_center, "--approval", "--out", path)[0] == 0
    history = [tuple(c.value for c in row[:2]) for row in load_workbook(path)["Resumen"].iter_rows()
               if isinstance(row[0].value, str) and " UTC · " in row[0].value]
    assert (history[0][0].endswith(" · borrador"), history[0][1]) == (True, f"turnos-cli solve ({estado})")


# -- one name per penalty ---------------------------------------------------------------

def _window_term_names() -> dict[str, str]:
    """``SolvePage.term_name``: engine term -> the English text the window translates."""
    tree = ast.parse((REPO / "ui" / "pages" / "solve_page.py").read_text(encoding="utf-8"))
    function = next(node for node in ast.walk(tree)
                    if isinstance(node, ast.FunctionDef) and node.name == "term_name")
    table = next(node for node in ast.walk(function) if isinstance(node, ast.Dict))
    return {key.value: value.args[0].value for key, value in zip(table.keys, table.values)}


def test_the_cli_names_each_penalty_as_the_window_does():
    import importlib

    from ui.i18n_es import SPANISH

    importlib.import_module("scheduler.commands.roster")  # registers the CLI's names

    names = _window_term_names()
    assert {"shortage", "excess", "days_off_together", "fair_weekends"} <= set(names)
    for term, english in names.items():
        if tr(term, "es") == term:  # a term the engine does not have (yet): nothing to compare
            continue
        window = SPANISH[english]
        assert tr(term, "es") == window[:1].lower() + window[1:], term


def test_solve_in_spanish_prints_the_windows_names(small_center, capsys, monkeypatch):
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    code, out, err = _run(capsys, "solve", small_center, "--time-limit", "5", "--workers", "1", "--quiet")
    assert code == 0, err
    for old in ("días libres sueltos", "reparto desigual", "falta de agentes", "días libres pedidos"):
        assert old not in out, old


def test_explained_penalties_use_the_same_words_and_agree_in_gender():
    from scheduler.explain import describe_penalty
    from scheduler.planning import build_plan
    from solver import Penalty
    from tests.factories import in_spanish

    project = generate_center(6, weeks=1)
    plan = build_plan(project)
    first, last = project.agents[0], project.agents[-1]
    nights = Penalty("fair_nights", 20, peers=(first.id, last.id), values=(4, 1))
    english = describe_penalty(plan, nights)
    assert english.startswith("Nights are uneven among agents with the same contract and hours: ")
    spanish = in_spanish(lambda: [describe_penalty(plan, Penalty(term, 20, peers=(first.id, last.id),
                                                                  values=(4, 1)))
                                  for term in ("fair_nights", "fair_weekends", "fair_holidays")])
    assert [text.split(" entre ")[0] for text in spanish] == [
        "Mal reparto de noches", "Mal reparto de turnos de fin de semana", "Mal reparto de turnos en festivo"]
    assert f"{first.name} ({first.id}) tiene 4" in spanish[0] and spanish[0].endswith("(+20)")
    alone = in_spanish(lambda: describe_penalty(plan, Penalty("days_off_together", 30, agent=first.id, day=2)))
    assert "un día libre no seguido de otro el " in alone
    worked = in_spanish(lambda: describe_penalty(plan, Penalty("day_off_request", 30, agent=first.id, day=2)))
    assert "trabaja una libranza pedida el " in worked
