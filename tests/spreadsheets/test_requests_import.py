"""The team lead imports a list of requests (the sample's requests.xlsx and the like)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from scheduler.cli import main
from scheduler.domain import Request, RequestKind
from scheduler.spreadsheets import import_requests
from scheduler.store import load_project
from tests.conftest import REPO

SAMPLE_REQUESTS = REPO / "samples" / "requests.xlsx"
HEADERS_ES = ["ID agente", "Fecha", "Tipo", "Aprobada", "Prioridad", "Nota"]
HEADERS_EN = ["Agent ID", "Date", "Kind", "Approved", "Priority", "Note"]


@pytest.fixture
def project(sample_copy):
    return load_project(sample_copy)


def workbook_file(path: Path, rows: list[list], *, epoch=None, date_format: str | None = None) -> Path:
    workbook = Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.title = "Solicitudes"
    for row in rows:
        sheet.append(row)
    if date_format:
        for cell in sheet["B"][1:]:
            cell.number_format = date_format
    workbook.save(path)
    return path


def test_sample_requests_xlsx_equals_the_sample_projects_requests(project):
    report = import_requests(replace(project, requests=()), SAMPLE_REQUESTS)
    assert report.errors == ()
    assert report.project.requests == project.requests
    again = import_requests(project, SAMPLE_REQUESTS)
    assert again.errors == () and not again.changed


def test_cli_import_requests(sample_copy, tmp_path, capsys):
    agent = load_project(sample_copy).agents[0].id
    path = workbook_file(tmp_path / "r.xlsx", [HEADERS_ES, [agent, "05/01/2027", "libre", "sí", 4, "Boda"]])
    assert main(["import-requests", str(sample_copy), str(path)]) == 0
    assert "r.xlsx: 1 row, 1 request set, 0 earlier requests replaced" in capsys.readouterr().out
    saved = load_project(sample_copy)
    assert Request(agent, date(2027, 1, 5), RequestKind.DAY_OFF, True, 4, "Boda") in saved.requests


def test_text_dates_english_headers_and_available_removes(project, tmp_path):
    existing = project.requests[0]
    a, b = project.agents[0].id, project.agents[1].id
    rows = [HEADERS_EN,
            [a, "2027-01-05", "Vacation", "no", None, None],
            [b, "6/1/2027", "prefer morning", "", "2", "early bus"],
            [existing.agent_id, existing.day.strftime("%d/%m/%Y"), "available", None, None, None]]
    report = import_requests(project, workbook_file(tmp_path / "r.xlsx", rows))
    assert report.errors == ()
    assert existing not in report.project.requests
    new = [r for r in report.project.requests if r not in project.requests]
    assert new == [Request(a, date(2027, 1, 5), RequestKind.VACATION, True),
                   Request(b, date(2027, 1, 6), RequestKind.PREFER_MORNING, False, 2, "early bus")]


def test_excel_1904_date_system(project, tmp_path):
    agent = project.agents[0].id
    serial_1904 = (date(2027, 1, 7) - date(1904, 1, 1)).days
    rows = [HEADERS_ES, [agent, datetime(2027, 1, 5), "libre", "no", 3, None],
            [agent, serial_1904, "tarde", "no", 3, None]]
    path = workbook_file(tmp_path / "mac.xlsx", rows, epoch=CALENDAR_MAC_1904)
    report = import_requests(replace(project, requests=()), path)
    assert report.errors == ()
    assert [(r.day, r.kind) for r in report.project.requests] == [
        (date(2027, 1, 5), RequestKind.DAY_OFF), (date(2027, 1, 7), RequestKind.PREFER_AFTERNOON)]


def test_csv_with_semicolons_and_bom(project, tmp_path):
    agent = project.agents[0].id
    path = tmp_path / "r.csv"
    path.write_bytes(("ID agente;Fecha;Tipo;Aprobada;Prioridad;Nota\r\n"
                      f"{agent};08/01/2027;No disponible;;;Médico\r\n").encode("utf-8-sig"))
    report = import_requests(replace(project, requests=()), path)
    assert report.errors == ()
    assert report.project.requests == (Request(agent, date(2027, 1, 8), RequestKind.UNAVAILABLE, True, note="Médico"),)


@pytest.mark.parametrize("row, message", [
    (["Z999", "05/01/2027", "libre", "no", 3, None],
     "r.xlsx › Solicitudes › A2: ID agente: agent Z999 is not in the project's agent list"),
    (["{a}", "05/03/2027", "libre", "no", 3, None],
     "r.xlsx › Solicitudes › B2: Fecha: 2027-03-05 is outside the planning horizon 2027-01-04 – 2027-01-31"),
    (["{a}", "31/02/2027", "libre", "no", 3, None],
     'r.xlsx › Solicitudes › B2: Fecha: "31/02/2027" is not a date; write it as dd/mm/yyyy or yyyy-mm-dd'),
    (["{a}", "05/01/2027", "lbre", "no", 3, None],
     'r.xlsx › Solicitudes › C2: Tipo: "lbre" is not a kind of request; use one of day off, vacation, '
     "unavailable, morning, afternoon, night, available"),
    (["{a}", "05/01/2027", "libre", "quizá", 3, None],
     'r.xlsx › Solicitudes › D2: Aprobada: "quizá" is not yes or no; write sí/yes or no'),
    (["{a}", "05/01/2027", "libre", "no", 9, None],
     'r.xlsx › Solicitudes › E2: Prioridad: "9" is not a priority; use a whole number from 1 (nice to have) '
     "to 5 (very important)"),
    (["{a}", None, "libre", "no", 3, None], "r.xlsx › Solicitudes › B2: Fecha is empty; every row needs one"),
])
def test_malformed_rows_are_located(project, tmp_path, row, message):
    row = [project.agents[0].id if v == "{a}" else v for v in row]
    report = import_requests(project, workbook_file(tmp_path / "r.xlsx", [HEADERS_ES, row]), language="en")
    assert report.project == project
    assert [str(e) for e in report.errors] == [message]


def test_duplicate_agent_and_day(project, tmp_path):
    agent = project.agents[0].id
    rows = [HEADERS_ES, [agent, "05/01/2027", "libre", "no", 3, None], [agent, "2027-01-05", "tarde", "no", 3, None]]
    report = import_requests(project, workbook_file(tmp_path / "r.xlsx", rows), language="es")
    assert [str(e) for e in report.errors] == [
        f"r.xlsx › Solicitudes › B3: {agent} el 2027-01-05 ya está en la fila 2; deja una fila por agente y día"]


def test_a_name_column_next_to_the_id_is_fine(project, tmp_path):
    agent = project.agents[0]
    rows = [["ID agente", "Agente", "Fecha", "Tipo"], [agent.id, agent.name, "05/01/2027", "noche"]]
    report = import_requests(replace(project, requests=()), workbook_file(tmp_path / "r.xlsx", rows))
    assert report.errors == ()
    assert report.project.requests == (Request(agent.id, date(2027, 1, 5), RequestKind.PREFER_NIGHT),)
