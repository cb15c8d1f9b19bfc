"""Random cell values never crash an importer: each file is imported or reported, and an
error leaves the project file byte-for-byte as it was."""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell

from scheduler.domain import Agent
from scheduler.spreadsheets import build_template_workbook, import_agents, import_availability, save_import
from scheduler.spreadsheets.availability_template import CODE_COL, FIRST_DAY_ROW, NOTE_COL
from scheduler.store import save_project
from tests.factories import tiny_project

PROJECT = tiny_project([Agent("A1", "Ana Núñez"), Agent("A2", "Luis Ibáñez"), Agent("A3", "Eva Sáez")],
                       required=1)


def _bytes(write) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


TEMPLATE = _bytes(build_template_workbook(PROJECT, [PROJECT.agents[0]], "agent", "es").save)
with tempfile.TemporaryDirectory() as _folder:
    save_project(Path(_folder) / "p.turnos", PROJECT)
    PROJECT_FILE = (Path(_folder) / "p.turnos").read_bytes()

cell_values = st.one_of(
    st.none(),
    st.sampled_from(["libre", "LIBRE", "Líbre", " vacaciones ", "mañana", "tarde", "noche", "disponible",
                     "no disponible", "day off", "=1+1", "=A1", "=HYPERLINK(\"x\")", "sí", "no", "25:00",
                     "08:30", "37,5", "1.234,5", "31/02/2027", "2027-01-05", "", "   "]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.text(alphabet="áéíóúñÁÉÍÓÚÑüç abc", min_size=200, max_size=3000),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2099, 12, 31)),
    st.times().map(lambda t: t.replace(microsecond=0)),
)

answer_cells = st.tuples(st.integers(FIRST_DAY_ROW, FIRST_DAY_ROW + PROJECT.horizon.days - 1),
                         st.integers(CODE_COL, NOTE_COL))
any_cells = st.tuples(st.integers(1, FIRST_DAY_ROW + PROJECT.horizon.days + 1), st.integers(1, NOTE_COL + 1))


def _set(cell, value) -> None:
    """As a program would: text starting with '=' becomes a formula, like typing it in Excel."""
    if isinstance(cell, MergedCell):
        return
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch.isprintable() or ch in "\t\n")
    cell.value = value


def _check(report, project_path: Path) -> None:
    assert report.errors or report.applied
    for error in report.errors:
        assert error.file and error.message
    if not report.ok:
        assert report.project == report.base
    try:
        save_import(project_path, report)
    except ValueError:  # a value the domain refuses would be a bug in the importer
        raise AssertionError("the importer produced a project the domain refuses") from None
    if not report.ok:
        assert project_path.read_bytes() == PROJECT_FILE


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.lists(st.tuples(answer_cells, cell_values), max_size=12),
       vandalism=st.lists(st.tuples(any_cells, cell_values), max_size=2))
def test_availability_import_never_crashes(answers, vandalism):
    workbook = load_workbook(io.BytesIO(TEMPLATE))
    sheet = workbook.worksheets[0]
    for (row, column), value in answers + vandalism:
        _set(sheet.cell(row, column), value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ana.xlsx"
        try:
            workbook.save(path)
        except (ValueError, TypeError):
            return  # openpyxl itself cannot write this value: nothing to import
        project_path = Path(folder) / "p.turnos"
        project_path.write_bytes(PROJECT_FILE)
        report = import_availability(PROJECT, path, language="en")
        _check(report, project_path)
        if report.ok:
            assert {r.agent_id for r in report.project.requests} <= {"A1"}


HEADERS = ["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx",
           "Inicio más temprano", "Inicio más tardío", "Noches", "Habilidades"]
GOOD = ["A9", "Nueva", "parcial", 2, 3, 15, 25, time(9), "16:00", "sí", "es"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(st.integers(1, 4), st.integers(1, len(HEADERS) + 1), cell_values), max_size=10),
       as_csv=st.booleans())
def test_agents_import_never_crashes(cells, as_csv):
    rows = [list(HEADERS), list(GOOD), ["A1", "Ana Núñez"] + [None] * (len(HEADERS) - 2)]
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for row, column, value in cells:
        _set(sheet.cell(row, column), value)
    with tempfile.TemporaryDirectory() as folder:
        if as_csv:
            path = Path(folder) / "agents.csv"
            lines = [";".join("" if c.value is None else str(c.value).replace(";", ",").replace("\n", " ")
                              for c in r) for r in sheet.iter_rows()]
            path.write_text("\n".join(lines), encoding="utf-8")
        else:
            path = Path(folder) / "agents.xlsx"
            try:
                workbook.save(path)
            except (ValueError, TypeError):
                return
        project_path = Path(folder) / "p.turnos"
        project_path.write_bytes(PROJECT_FILE)
        report = import_agents(PROJECT, path, language="es")
        _check(report, project_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.tuples(st.integers(0, 7), st.integers(0, 7)),
       hours=st.tuples(st.sampled_from([0, 10, 24, 37.5, 40, 45, 60, 79.5, 80, 81, 100]),
                       st.sampled_from([0, 10, 24, 37.5, 40, 45, 60, 79.5, 80, 81, 100])))
def test_the_import_and_the_agent_form_accept_the_same_contracts(tmp_path_factory, days, hours):
    """A contract the file gives is refused by the import exactly when the domain (and so the
    window's agent form) refuses it; accepted, it is stored as written."""
    from scheduler.domain import Contract, ContractKind

    try:
        Contract(ContractKind.CUSTOM, days[0], days[1], round(hours[0] * 60), round(hours[1] * 60))
        domain_refuses = False
    except ValueError:
        domain_refuses = True
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx"])
    sheet.append(["N1", "Nueva Persona", "personalizado", days[0], days[1], hours[0], hours[1]])
    path = tmp_path_factory.mktemp("contracts") / "agentes.xlsx"
    workbook.save(path)
    report = import_agents(PROJECT, path, language="en")
    assert bool(report.errors) == domain_refuses, [str(e) for e in report.errors]
    if not domain_refuses:
        [agent] = [a for a in report.project.agents if a.id == "N1"]
        assert (agent.contract.min_days_per_week, agent.contract.max_days_per_week) == days
        assert (agent.contract.weekly_min_minutes, agent.contract.weekly_max_minutes) == \
            (round(hours[0] * 60), round(hours[1] * 60))
