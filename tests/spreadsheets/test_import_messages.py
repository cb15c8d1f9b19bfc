"""What the import commands tell the team lead: counts that agree with one, warnings, missing columns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scheduler.cli import main
from scheduler.domain import Request, RequestKind
from scheduler.spreadsheets import import_requests, write_availability_templates
from scheduler.spreadsheets.reading import Column, Table, find_header, header_example
from scheduler.store import load_project, save_project
from tests.spreadsheets.test_agents_import import workbook_file as agents_workbook_file
from tests.spreadsheets.test_availability_roundtrip import fill_agent_template

HEADERS_ES = ["ID agente", "Fecha", "Tipo", "Aprobada", "Prioridad", "Nota"]


def workbook_file(path, rows, title="Peticiones"):
    return agents_workbook_file(path, rows, title)


@pytest.mark.parametrize("language, written", [
    ("es", "se ha escrito 1 plantilla en"),
    ("en", "wrote 1 template to"),
])
def test_one_template_written_is_counted_in_the_singular(sample_copy, tmp_path, capsys, language, written):
    assert main(["templates", str(sample_copy), "--out", str(tmp_path / "t"), "--team", "--language", language]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(written)


@pytest.mark.parametrize("language, line", [
    ("es", "aplicada 1 respuesta, retirada 1 petición anterior"),
    ("en", "applied 1 answer, withdrew 1 earlier request"),
])
def test_one_answer_and_one_withdrawn_request_agree(sample_copy, tmp_path, capsys, language, line):
    project = load_project(sample_copy)
    agent = next(a for a in project.agents if not any(r.agent_id == a.id for r in project.requests))
    days = project.horizon.dates()
    earlier = Request(agent.id, days[3], RequestKind.PREFER_MORNING)
    save_project(sample_copy, replace(project, requests=project.requests + (earlier,)))
    path = write_availability_templates(project, tmp_path, agent_ids=[agent.id], language="es")[0]
    fill_agent_template(path, {days[1]: ("libre", None, None)})
    assert main(["import-availability", str(sample_copy), str(path), "--dry-run", "--language", language]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{path.name}: {line}"


def test_requests_counts_agree_in_spanish(sample_copy, tmp_path, capsys):
    agent = load_project(sample_copy).agents[0].id
    path = workbook_file(tmp_path / "r.xlsx", [HEADERS_ES, [agent, "05/01/2027", "libre", "sí", 4, "Boda"]])
    assert main(["import-requests", str(sample_copy), str(path), "--dry-run", "--language", "es"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "r.xlsx: 1 fila, 1 petición puesta, 0 peticiones anteriores sustituidas")


def test_a_requests_header_without_the_kind_names_the_missing_column(sample_copy, tmp_path):
    project = load_project(sample_copy)
    rows = [["ID agente", "Fecha", "Nota"], [project.agents[0].id, "05/01/2027", ""]]
    path = workbook_file(tmp_path / "r.xlsx", rows)
    report = import_requests(project, path, language="es")
    assert [str(e) for e in report.errors] == [
        "r.xlsx › Peticiones › A1: falta la columna Tipo; es obligatoria para cada petición"]


def test_the_old_petition_column_title_and_a_new_one_are_both_read(sample_copy, tmp_path):
    project = load_project(sample_copy)
    agent = project.agents[0].id
    for title in ("Solicitud", "Petición"):
        rows = [["ID agente", "Fecha", title], [agent, "05/01/2027", "libre"]]
        path = workbook_file(tmp_path / f"{title}.xlsx", rows)
        report = import_requests(project, path, language="es")
        assert report.errors == () and report.warnings == ()
        assert report.applied[0].added[0].day == date(2027, 1, 5)


def test_cli_shows_ignored_columns_of_a_requests_list(sample_copy, tmp_path, capsys):
    agent = load_project(sample_copy).agents[0].id
    rows = [HEADERS_ES + ["Motivo"], [agent, "05/01/2027", "libre", "sí", 4, "", "boda"]]
    path = workbook_file(tmp_path / "r.xlsx", rows)
    assert main(["import-requests", str(sample_copy), str(path), "--dry-run", "--language", "es"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[1] == (
        "aviso: r.xlsx › Peticiones › G1: la columna «Motivo» no es una de las que lee Turnos; se ha ignorado "
        "— columnas conocidas: ID agente, Nombre, Fecha, Tipo, Aprobada, Prioridad, Nota")


COLUMNS = (Column("id", ("ID",), True, ("ID", "ID")), Column("name", ("Name", "Nombre"), True, ("Name", "Nombre")),
           Column("team", ("Team", "Equipo"), usual=("Team", "Equipo")))


@pytest.mark.parametrize("rows, cell, message", [
    # a title row, then a header row naming two known columns but not Name: that row is the header
    ([("Lista",), ("ID", "Equipo", "Otro")], "A2", "the column Name is missing; every row needs one"),
    # the missing column is reported at the first title of the header row
    ([(None, "Equipo", "ID")], "B1", "the column Name is missing; every row needs one"),
    # one known title is not enough to call a row the header
    ([("ID", "Persona")], "A1", "no header row found; the first rows must name the columns, e.g. "
                                "ID, Name, Team … / ID, Nombre, Equipo …"),
])
def test_the_shared_header_finder_says_what_is_missing_and_where(rows, cell, message):
    header, errors = find_header(Table("f.csv", "", list(rows), language="en"), COLUMNS)
    assert header is None
    assert [(e.cell, e.message) for e in errors] == [(cell, message)]


def test_the_shared_header_finder_returns_ignored_titles_as_warnings():
    warnings = []
    table = Table("f.csv", "", [("ID", "Nombre", "Horas semanales", None, 2027)], language="es")
    header, errors = find_header(table, COLUMNS, warnings=warnings)
    assert errors == [] and header.columns == {"id": 1, "name": 2}
    assert header.ignored == ((3, "Horas semanales"), (5, "2027"))
    assert [(w.cell, w.message) for w in warnings] == [
        ("C1", "la columna «Horas semanales» no es una de las que lee Turnos; se ha ignorado — columnas "
               "conocidas: ID, Nombre, Equipo"),
        ("E1", "la columna «2027» no es una de las que lee Turnos; se ha ignorado — columnas conocidas: "
               "ID, Nombre, Equipo"),
    ]


def test_header_examples_come_in_the_imports_language_first():
    assert header_example(COLUMNS, "es") == "ID, Nombre, Equipo … / ID, Name, Team …"
    assert header_example(COLUMNS, "en") == "ID, Name, Team … / ID, Nombre, Equipo …"
