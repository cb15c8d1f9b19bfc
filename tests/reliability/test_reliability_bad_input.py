"""Every bad input is answered, by every importer that reads that kind of input.

One table: each class of bad input (wrong cell type, empty required cell,
unknown agent, duplicate, dates outside the horizon, text dates, the Excel
1904 date system, merged cells, hidden sheets, formulas without a saved
value, decimal commas, absurd numbers, huge and zip-bomb files, ``.xls`` /
``.ods`` renamed to ``.xlsx``) is run against each importer that has that
input: agents, requests, availability templates and the forecast. A bad file
is refused with a message that names the file and, for a cell, the sheet and
the cell (``file › sheet › C7`` or ``file › sheet › row 7 › column C``); a
file a person would call fine (decimal comma, ``23.11.2026``, a Mac workbook)
is read with the right values. The importers' own test files check the exact
wording of many of these; this table checks that no importer is left out.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from scheduler.domain import Agent, RequestKind, StaffingParams
from scheduler.domain.forecast import StaffingOverride
from scheduler.spreadsheets import build_template_workbook, import_agents, import_availability, import_requests
from scheduler.spreadsheets.availability_template import (
    CODE_COL,
    DATE_COL,
    FIRST_DAY_ROW,
    ID_CELL,
    PRIORITY_COL,
)
from scheduler.staffing.forecast_import import ForecastImportError, read_forecast
from tests.factories import tiny_project, zip_bytes

MONDAY = date(2026, 11, 23)
PROJECT = tiny_project([Agent("A1", "Ana Núñez"), Agent("A2", "Bruno Díaz"), Agent("A3", "Carla Sáez")],
                       start=MONDAY, interval=15)
IMPORTERS = ("agents", "requests", "availability", "forecast")


# -- one answer shape for four importers -------------------------------------------------------

@dataclass
class Answer:
    ok: bool
    errors: list[tuple[str, str, str, str]]  # file, sheet, cell ("C7"), message
    warnings: list[str] = field(default_factory=list)
    result: object = None  # the new project, or the forecast

    def text(self) -> str:
        return "\n".join(" › ".join(p for p in e[:3] if p) + ": " + e[3] for e in self.errors)


def run_import(importer: str, path: Path) -> Answer:
    if importer == "forecast":
        try:
            imported = read_forecast(path, PROJECT.horizon, "en")
        except ForecastImportError as error:
            return Answer(False, [(e.file, e.sheet or "",
                                   f"{e.column_letter or ''}{e.row or ''}" if e.column else
                                   (f"row {e.row}" if e.row else ""), e.message) for e in error.errors])
        return Answer(True, [], imported.warnings, imported.forecast)
    function = {"agents": import_agents, "requests": import_requests, "availability": import_availability}
    report = function[importer](PROJECT, path, language="en")
    if report.errors and not path.is_dir():  # a folder applies its valid files
        assert report.project == report.base, "a file with an error must change nothing"
    return Answer(report.ok, [(e.file, e.sheet, e.cell, e.message) for e in report.errors], [],
                  report.project)


# -- files: a valid one per importer, then spoiled ----------------------------------------------

AGENT_ROWS = [
    ["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx",
     "Inicio más temprano", "Inicio más tardío", "Noches"],
    ["A1", "Ana Núñez", "completo", 5, 5, 39, 41, "06:00", "22:00", "sí"],
    ["A4", "Dora Gil", "parcial", 2, 3, 15, 25, "08:00", "14:00", "no"],
]
REQUEST_ROWS = [
    ["ID agente", "Fecha", "Tipo", "Aprobada", "Prioridad", "Nota"],
    ["A1", datetime(2026, 11, 24), "libre", "sí", 3, "médico"],
    ["A2", datetime(2026, 11, 25), "vacaciones", "sí", 5, None],
]
FORECAST_ROWS = [
    ["Fecha", "Intervalo", "Llamadas", "TMO (s)"],
    [datetime(2026, 11, 23), clock(8, 0), 12, 300],
    [datetime(2026, 11, 23), clock(8, 15), 14, 310],
    [datetime(2026, 11, 23), clock(8, 30), 16, 295],
]
BASE_ROWS = {"agents": AGENT_ROWS, "requests": REQUEST_ROWS, "forecast": FORECAST_ROWS}
SHEET_TITLES = {"agents": "Agentes", "requests": "Solicitudes", "forecast": "Previsión"}


def xlsx(path: Path, rows: list[list], title: str = "Hoja1", *, epoch=None,
         setup: Callable[[Workbook], None] | None = None) -> Path:
    workbook = Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if setup:
        setup(workbook)
    workbook.save(path)
    return path


def table_file(importer: str, tmp_path: Path, changes: dict[str, object] | None = None, **options) -> Path:
    """The importer's valid table with ``changes`` (``{"D3": "cinco"}``) applied."""
    def setup(workbook: Workbook) -> None:
        for ref, value in (changes or {}).items():
            workbook.active[ref] = value
        if options.get("then"):
            options["then"](workbook)

    return xlsx(tmp_path / f"{importer}.xlsx", [list(r) for r in BASE_ROWS[importer]], SHEET_TITLES[importer],
                epoch=options.get("epoch"), setup=setup)


def template_file(tmp_path: Path, changes: dict[tuple[int, int], object] | None = None, *, project=PROJECT,
                  agent_id: str = "A1", name: str = "ana.xlsx", epoch=None,
                  then: Callable[[Workbook], None] | None = None) -> Path:
    """A Spanish availability template for ``agent_id``, filled (or spoiled) with ``changes``."""
    agent = next(a for a in project.agents if a.id == agent_id)
    workbook = build_template_workbook(project, [agent], "agent", "es")
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))  # as the agent's Excel would open it
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.worksheets[0]
    for (row, column), value in {(FIRST_DAY_ROW, CODE_COL): "libre", **(changes or {})}.items():
        sheet.cell(row, column).value = value
    if then:
        then(workbook)
    path = tmp_path / name
    workbook.save(path)
    return path


def day_row(day: date) -> int:
    return FIRST_DAY_ROW + (day - MONDAY).days


# -- checks --------------------------------------------------------------------------------------

def refused(answer: Answer, path: Path, *phrases: str, cell: str | None = None, sheet: bool = True) -> None:
    assert not answer.ok, "a bad file was accepted"
    assert answer.errors
    text = answer.text()
    for file, sheet_name, where, message in answer.errors:
        assert file == path.name, text
        assert message.strip(), text
    if cell is not None:
        assert any(where == cell for _f, _s, where, _m in answer.errors), text
    if sheet:
        assert any(s for _f, s, _w, _m in answer.errors), text
    for phrase in phrases:
        assert phrase in text, text


def requests_of(answer: Answer) -> dict[tuple[str, date], object]:
    assert answer.ok, answer.text()
    return {(r.agent_id, r.day): r for r in answer.result.requests}


def agent_of(answer: Answer, agent_id: str) -> Agent:
    assert answer.ok, answer.text()
    return answer.result.agent(agent_id)


def forecast_calls(answer: Answer) -> dict[datetime, float]:
    assert answer.ok, answer.text()
    return {i.start: i.calls for i in answer.result.intervals}


# -- the table ----------------------------------------------------------------------------------

Case = Callable[[Path], None]
CASES: dict[tuple[str, str], Case] = {}


def case(bad_input: str, importer: str):
    def register(function: Case) -> Case:
        assert (bad_input, importer) not in CASES
        CASES[(bad_input, importer)] = function
        return function
    return register


# wrong cell type
@case("wrong cell type", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"D3": "cinco"})
    refused(run_import("agents", path), path, "Días mín", '"cinco" is not a whole number', cell="D3")


@case("wrong cell type", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"E2": "alta", "C3": 42})
    answer = run_import("requests", path)
    refused(answer, path, '"alta" is not a priority', cell="E2")
    refused(answer, path, '"42" is not a kind of request', cell="C3")


@case("wrong cell type", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW, PRIORITY_COL): "alta", (FIRST_DAY_ROW + 1, CODE_COL): 7})
    answer = run_import("availability", path)
    refused(answer, path, '"alta" is not a priority', cell=f"D{FIRST_DAY_ROW}")
    refused(answer, path, '"7" is not a code', cell=f"C{FIRST_DAY_ROW + 1}")


@case("wrong cell type", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"C3": "muchas", "B4": True})
    answer = run_import("forecast", path)
    refused(answer, path, '"muchas" is not a number', cell="C3")
    refused(answer, path, "is not a time of day", cell="B4")


# empty required cell
@case("empty required cell", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"A3": None})
    refused(run_import("agents", path), path, "ID is empty; every row needs one", cell="A3")


@case("empty required cell", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"B3": "   "})
    refused(run_import("requests", path), path, "Fecha is empty; every row needs one", cell="B3")


@case("empty required cell", "availability")
def _(tmp):  # the only cell a template needs filled is the (locked) agent ID
    path = template_file(tmp, {ID_CELL: None})
    refused(run_import("availability", path), path, "the agent ID was changed", cell="B2")


@case("empty required cell", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"B3": None})
    refused(run_import("forecast", path), path, "is empty; every row needs the interval start", cell="B3")


# unknown agent
@case("unknown agent", "agents")
def _(tmp):  # an ID the project does not have yet is a new agent, not an error
    path = table_file("agents", tmp)
    assert agent_of(run_import("agents", path), "A4").name == "Dora Gil"


@case("unknown agent", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"A3": "Z9"})
    refused(run_import("requests", path), path, "agent Z9 is not in the project's agent list", cell="A3")


@case("unknown agent", "availability")
def _(tmp):
    bigger = tiny_project(list(PROJECT.agents) + [Agent("Z9", "Zoe Nueva")], start=MONDAY, interval=15)
    path = template_file(tmp, project=bigger, agent_id="Z9")
    refused(run_import("availability", path), path, "agent Z9 is not in the project's agent list", cell="B2")


# duplicate agent ID (or the same agent and day / interval twice)
@case("duplicate agent ID", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"A3": "A1"})
    refused(run_import("agents", path), path, "agent ID A1 appears twice (also in row 2)", cell="A3")


@case("duplicate agent ID", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"A3": "A1", "B3": datetime(2026, 11, 24)})
    refused(run_import("requests", path), path, "A1 on 2026-11-24 is already in row 2", cell="B3")


@case("duplicate agent ID", "availability")
def _(tmp):
    inbox = tmp / "inbox"
    inbox.mkdir()
    template_file(inbox, {(FIRST_DAY_ROW + 2, CODE_COL): "tarde"}, name="ana (2).xlsx")  # read first
    second = template_file(inbox, name="ana.xlsx")
    answer = run_import("availability", inbox)
    assert [e[0] for e in answer.errors] == ["ana.xlsx"]
    assert "A1 is also answered in ana (2).xlsx; import one file per agent" in answer.text()
    assert not answer.ok and second.exists()
    # Only the first file applied: its Wednesday "tarde", not a mix of both files.
    assert {r.day for r in answer.result.requests} == {MONDAY, MONDAY + timedelta(days=2)}


@case("duplicate agent ID", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"B4": clock(8, 15)})
    refused(run_import("forecast", path), path, "is already on row 3", sheet=True)


# dates outside the horizon
@case("dates outside the horizon", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"B3": "01/03/2027"})
    refused(run_import("requests", path), path, "2027-03-01 is outside the planning horizon 2026-11-23 – "
                                                 "2026-11-29", cell="B3")


@case("dates outside the horizon", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW + 1, DATE_COL): datetime(2027, 3, 1)})
    refused(run_import("availability", path), path, "2027-03-01 is outside the planning horizon",
            cell=f"A{FIRST_DAY_ROW + 1}")


@case("dates outside the horizon", "forecast")
def _(tmp):
    everything_outside = tmp / "all"
    everything_outside.mkdir()
    path = table_file("forecast", everything_outside, {"A2": "01/03/2027", "A3": "01/03/2027", "A4": "01/03/2027"})
    refused(run_import("forecast", path), path, "no row falls in the planning horizon", sheet=True)
    partly = table_file("forecast", tmp, {"A4": "01/03/2027"})
    answer = run_import("forecast", partly)
    assert len(forecast_calls(answer)) == 2
    assert any("1 row outside the planning horizon" in w and "row 4" in w for w in answer.warnings)


# text dates in several styles
TEXT_DATES = {"24/11/2026": date(2026, 11, 24), "2026-11-25": date(2026, 11, 25), "26-11-26": date(2026, 11, 26),
              "27.11.2026": date(2026, 11, 27), "28/11/26": date(2026, 11, 28), "2026/11/29": date(2026, 11, 29)}


@case("text dates in several styles", "requests")
def _(tmp):
    rows = [REQUEST_ROWS[0]] + [["A1", text, "libre"] for text in TEXT_DATES]
    path = xlsx(tmp / "fechas.xlsx", rows, "Solicitudes")
    assert set(requests_of(run_import("requests", path))) == {("A1", d) for d in TEXT_DATES.values()}
    csv = tmp / "fechas.csv"
    csv.write_text("ID agente;Fecha;Tipo\n" + "".join(f"A2;{t};libre\n" for t in TEXT_DATES), encoding="utf-8")
    assert set(requests_of(run_import("requests", csv))) == {("A2", d) for d in TEXT_DATES.values()}
    wrong = table_file("requests", tmp, {"B3": "31/11/2026"})
    refused(run_import("requests", wrong), wrong, '"31/11/2026" is not a date', cell="B3")


@case("text dates in several styles", "forecast")
def _(tmp):
    rows = [FORECAST_ROWS[0]] + [[text, "08:00", 10, 300] for text in TEXT_DATES]
    path = xlsx(tmp / "fechas.xlsx", rows, "Previsión")
    assert set(forecast_calls(run_import("forecast", path))) == {
        datetime.combine(d, clock(8)) for d in TEXT_DATES.values()}
    wrong = table_file("forecast", tmp, {"A3": "31/11/2026"})
    refused(run_import("forecast", wrong), wrong, '"31/11/2026" is not a date', cell="A3")


@case("text dates in several styles", "availability")
def _(tmp):  # the dates are locked cells: retyped as text, they are reported, not guessed
    path = template_file(tmp, {(FIRST_DAY_ROW + 1, DATE_COL): "24 de noviembre"})
    refused(run_import("availability", path), path, "the date was changed", cell=f"A{FIRST_DAY_ROW + 1}")


# the Excel 1904 date system (old Mac workbooks)
@case("Excel 1904 date system", "requests")
def _(tmp):
    path = table_file("requests", tmp, epoch=CALENDAR_MAC_1904)
    assert set(requests_of(run_import("requests", path))) == {("A1", date(2026, 11, 24)), ("A2", date(2026, 11, 25))}


@case("Excel 1904 date system", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, epoch=CALENDAR_MAC_1904)
    assert sorted(forecast_calls(run_import("forecast", path))) == [
        datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 8, 15), datetime(2026, 11, 23, 8, 30)]


@case("Excel 1904 date system", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW + 3, CODE_COL): "vacaciones"}, epoch=CALENDAR_MAC_1904)
    assert load_workbook(path).epoch == CALENDAR_MAC_1904
    requests = requests_of(run_import("availability", path))
    assert requests[("A1", MONDAY)].kind is RequestKind.DAY_OFF
    assert requests[("A1", MONDAY + timedelta(days=3))].kind is RequestKind.VACATION


# merged cells
def _merge(ref: str) -> Callable[[Workbook], None]:
    return lambda workbook: workbook.worksheets[0].merge_cells(ref)


@case("merged cells", "agents")
def _(tmp):
    path = table_file("agents", tmp, then=_merge("C2:C3"))
    refused(run_import("agents", path), path, "cells C2:C3 are merged", cell="C2")


@case("merged cells", "requests")
def _(tmp):
    path = table_file("requests", tmp, then=_merge("A2:A3"))
    refused(run_import("requests", path), path, "cells A2:A3 are merged", cell="A2")


@case("merged cells", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW + 1, CODE_COL): "tarde"},
                         then=_merge(f"C{FIRST_DAY_ROW + 1}:C{FIRST_DAY_ROW + 2}"))
    # Read as it shows, the day below would silently lose its answer.
    refused(run_import("availability", path), path, f"cells C{FIRST_DAY_ROW + 1}:C{FIRST_DAY_ROW + 2} are merged",
            cell=f"C{FIRST_DAY_ROW + 1}")


@case("merged cells", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, then=_merge("A2:A4"))
    refused(run_import("forecast", path), path, "cells A2:A4 are merged", cell="A2")


# hidden sheets: never read; a workbook whose data sheet is hidden says so
def _hidden_decoy(importer: str) -> Callable[[Workbook], None]:
    def setup(workbook: Workbook) -> None:
        decoy = workbook.create_sheet(SHEET_TITLES[importer], 0)
        for row in BASE_ROWS[importer][:1] + [["basura"] * len(BASE_ROWS[importer][0])]:
            decoy.append(row)
        decoy.sheet_state = "hidden"
        workbook.active = 1
    return setup


def _hidden_case(importer: str):
    @case("hidden sheets", importer)
    def _(tmp):
        rows = [list(r) for r in BASE_ROWS[importer]]
        path = xlsx(tmp / f"{importer}.xlsx", rows, "Datos", setup=_hidden_decoy(importer))
        answer = run_import(importer, path)
        assert answer.ok, answer.text()  # the hidden decoy, named like the data, was not read
        alone = xlsx(tmp / "hidden.xlsx", rows, "Datos", setup=lambda wb: (
            wb.create_sheet("Notas"), setattr(wb.worksheets[0], "sheet_state", "hidden"),
            setattr(wb, "active", 1)))
        refused(run_import(importer, alone), alone, sheet=False)  # the only visible sheet is empty


for _importer in ("agents", "requests", "forecast"):
    _hidden_case(_importer)


@case("hidden sheets", "availability")
def _(tmp):  # the answer sheet hidden by the agent is still the template's answer sheet
    path = template_file(tmp, then=lambda wb: (wb.create_sheet("Notas"),
                                               setattr(wb.worksheets[0], "sheet_state", "hidden")))
    assert requests_of(run_import("availability", path))[("A1", MONDAY)].kind is RequestKind.DAY_OFF


# formulas instead of values (written by a program: no cached value)
@case("formula without a cached value", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"D3": "=1+1"})
    refused(run_import("agents", path), path, "formula without a saved value", cell="D3")


@case("formula without a cached value", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"B3": "=TODAY()"})
    refused(run_import("requests", path), path, "formula without a saved value", cell="B3")


@case("formula without a cached value", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW + 1, CODE_COL): '="li"&"bre"'})
    refused(run_import("availability", path), path, "formula without a saved value", cell=f"C{FIRST_DAY_ROW + 1}")


@case("formula without a cached value", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"C3": "=C2*2"})
    refused(run_import("forecast", path), path, "holds a formula without a saved result", cell="C3")


# decimal comma
@case("decimal comma", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"F3": "17,5", "G3": "22,25"})
    contract = agent_of(run_import("agents", path), "A4").contract
    assert (contract.weekly_min_minutes, contract.weekly_max_minutes) == (1050, 1335)


@case("decimal comma", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"E2": "4,0"})
    assert requests_of(run_import("requests", path))[("A1", date(2026, 11, 24))].priority == 4
    wrong = table_file("requests", tmp, {"E2": "2,5"})
    refused(run_import("requests", wrong), wrong, '"2,5" is not a priority', cell="E2")


@case("decimal comma", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW, PRIORITY_COL): "2,0"})
    assert requests_of(run_import("availability", path))[("A1", MONDAY)].priority == 2


@case("decimal comma", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"C2": "12,5", "D2": "300,5"})
    answer = run_import("forecast", path)
    first = answer.result.intervals[0] if answer.ok else None
    assert answer.ok and (first.calls, first.aht_seconds) == (12.5, 300.5), answer.text()
    csv = tmp / "prevision.csv"
    csv.write_bytes("Fecha;Intervalo;Llamadas;TMO (s)\r\n23/11/2026;08:00;1.234,5;287,25\r\n".encode("cp1252"))
    first = run_import("forecast", csv).result.intervals[0]
    assert (first.calls, first.aht_seconds) == (1234.5, 287.25)


# negative or absurd numbers
@case("negative or absurd numbers", "agents")
def _(tmp):
    path = table_file("agents", tmp, {"G2": 200, "D3": 9, "E3": -1})
    answer = run_import("agents", path)
    refused(answer, path, '"200" hours a week is more than 80', cell="G2")
    refused(answer, path, '"9" days a week is impossible', cell="D3")
    refused(answer, path, '"-1" days a week is impossible', cell="E3")


@case("negative or absurd numbers", "requests")
def _(tmp):
    path = table_file("requests", tmp, {"E2": 9, "E3": 0})
    answer = run_import("requests", path)
    refused(answer, path, '"9" is not a priority', cell="E2")
    refused(answer, path, '"0" is not a priority', cell="E3")


@case("negative or absurd numbers", "availability")
def _(tmp):
    path = template_file(tmp, {(FIRST_DAY_ROW, PRIORITY_COL): 7, (FIRST_DAY_ROW + 1, PRIORITY_COL): -2})
    answer = run_import("availability", path)
    refused(answer, path, '"7" is not a priority', cell=f"D{FIRST_DAY_ROW}")
    refused(answer, path, '"-2" is not a priority', cell=f"D{FIRST_DAY_ROW + 1}")


@case("negative or absurd numbers", "forecast")
def _(tmp):
    path = table_file("forecast", tmp, {"D2": 0, "C3": 10_001, "C4": -3})
    answer = run_import("forecast", path)
    refused(answer, path, "the AHT must be more than 0 s when there are calls", cell="D2")
    refused(answer, path, "10001 calls in 15 minutes is more than 10,000", cell="C3")
    refused(answer, path, "calls cannot be negative", cell="C4")
    hours = table_file("forecast", tmp, {"D3": 20_000})
    refused(run_import("forecast", hours), hours, "more than 3 hours", cell="D3")


# huge files and zip bombs: refused before parsing, quickly
def _with_sheet(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for name in archive.namelist():
            parts[name] = sheet_xml if name == "xl/worksheets/sheet1.xml" else archive.read(name)
    return zip_bytes(parts)


def _declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """The zip ``data`` with the unpacked size of member ``name`` set to ``size`` in its headers."""
    out = bytearray(data)
    for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = int.from_bytes(out[start + name_length_at:start + name_length_at + 2], "little")
            if out[start + name_at:start + name_at + length] == name:
                out[start + size_at:start + size_at + 4] = size.to_bytes(4, "little")
            start += 4
    return bytes(out)


SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("huge")
    files = {}
    big = folder / "big.xlsx"  # 21 MB on disk (sparse)
    with big.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(21 * 1024 * 1024)
    files["too big on disk"] = big
    bomb = folder / "bomb.xlsx"  # a 4 KB file whose sheet declares 3.9 GB once unpacked
    bomb.write_bytes(_declare_size(_with_sheet(SHEET_HEAD + SHEET_TAIL), b"xl/worksheets/sheet1.xml",
                                   0xF000_0000))
    files["zip bomb"] = bomb
    # 1.05 million real cells, highly compressible: about 40 MB of XML in a 3 MB file.
    row = b"".join(b'<c r="%s%%d"><v>1</v></c>' % c for c in (b"A", b"B", b"C", b"D"))
    rows = b"".join(b'<row r="%d">' % r + row.replace(b"%d", b"%d" % r) + b"</row>" for r in range(1, 262_502))
    cells = folder / "cells.xlsx"
    cells.write_bytes(_with_sheet(SHEET_HEAD + rows + SHEET_TAIL))
    files["a million cells"] = cells
    far = folder / "far.xlsx"  # two cells: A1 and XFD1048576
    far.write_bytes(_with_sheet(SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>'
                                b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + SHEET_TAIL))
    files["far-apart cells"] = far
    return files


#: One of these phrases says why the file was refused.
HUGE_PHRASES = {
    "too big on disk": ("21 MB", "21.0 MB"),
    "zip bomb": ("unpacks to more than", "MB; a forecast file may have at most"),
    "a million cells": ("more than 1,000,000 cells",),
    "far-apart cells": ("cells (A1 to XFD1048576)", "has 1048576 rows; a forecast may have at most"),
}


# .xls / .ods renamed to .xlsx
def _xls(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    return path


def _ods(path: Path) -> Path:
    path.write_bytes(zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml": b"<office:document-content/>"}))
    return path


def _renamed_case(importer: str):
    @case("xls/ods renamed to xlsx", importer)
    def _(tmp):
        for maker, phrase in ((_xls, ".xls"), (_ods, ".ods")):
            path = maker(tmp / f"{maker.__name__[1:]}-renamed.xlsx")
            answer = run_import(importer, path)
            refused(answer, path, phrase, "save it as", "Excel", sheet=False)


for _importer in IMPORTERS:
    _renamed_case(_importer)


TABLE = sorted(CASES)


@pytest.mark.parametrize("bad_input, importer", TABLE, ids=[f"{b}-{i}" for b, i in TABLE])
def test_each_bad_input_is_answered_by_each_importer(bad_input, importer, tmp_path):
    CASES[(bad_input, importer)](tmp_path)


@pytest.mark.parametrize("importer", IMPORTERS)
def test_huge_files_are_refused_quickly(importer, huge_files, tmp_path):
    for kind, source in huge_files.items():
        path = tmp_path / source.name
        path.symlink_to(source)
        began = time.perf_counter()
        answer = run_import(importer, path)
        seconds = time.perf_counter() - began
        refused(answer, path, sheet=False)
        assert any(phrase in answer.text() for phrase in HUGE_PHRASES[kind]), answer.text()
        assert seconds < 5, f"{kind}: {seconds:.1f} s"


def test_every_importer_is_in_the_table_for_every_class_it_has():
    classes = {bad for bad, _importer in TABLE}
    assert len(classes) == 13  # and "huge or zip-bomb xlsx" in test_huge_files_are_refused_quickly
    expected_gaps = {  # classes that an importer has no input for
        ("dates outside the horizon", "agents"), ("text dates in several styles", "agents"),
        ("Excel 1904 date system", "agents"),
        ("unknown agent", "forecast"),
    }
    for bad in classes:
        for importer in IMPORTERS:
            assert (bad, importer) in CASES or (bad, importer) in expected_gaps, (bad, importer)


# -- the project's own figures: absurd staffing goals are refused with a message ----------------

@pytest.mark.parametrize("shrinkage", [2.0, 1.0, -0.1])
def test_absurd_shrinkage_is_refused_by_the_domain(shrinkage):
    with pytest.raises(ValueError, match=r"Shrinkage must be between 0 % and 95 %"):
        StaffingParams(shrinkage=shrinkage)
    with pytest.raises(ValueError, match=r"Shrinkage must be between 0 % and 95 %"):
        StaffingOverride(start_minute=0, end_minute=60, shrinkage=shrinkage)


@pytest.mark.parametrize("argv, phrase", [
    (["erlang", "--calls", "100", "--aht", "300", "--shrinkage", "200"], "not a percentage between 0 and 100"),
    (["erlang", "--calls", "100", "--aht", "300", "--shrinkage", "100"], "between 0 % and 95 %"),
    (["erlang", "--calls", "100", "--aht", "0"], "above 0"),
    (["erlang", "--calls", "-5", "--aht", "300"], "calls must be 0 or more"),
])
def test_absurd_staffing_figures_on_the_command_line_get_a_message_not_a_traceback(argv, phrase, capsys):
    from scheduler.cli import main

    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse refuses the value itself
        code = exit_.code
    assert code == 2
    assert phrase in capsys.readouterr().err
