"""The team lead imports the agent list from a spreadsheet or a CSV file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from scheduler.cli import main
from scheduler.domain import Agent, Contract, ContractKind
from scheduler.spreadsheets import import_agents, save_import
from scheduler.store import load_project
from tests.conftest import REPO

SAMPLE_AGENTS = REPO / "samples" / "agents.xlsx"
HEADERS_ES = ["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx",
              "Inicio más temprano", "Inicio más tardío", "Noches", "Habilidades"]
HEADERS_EN = ["Agent ID", "Name", "Contract", "Min days", "Max days", "Weekly min hours", "Weekly max hours",
              "Earliest start", "Latest start", "Nights", "Skills"]
ANA = ["A001", "Ana García", "completo", 5, 5, 39, 41, "06:00", "10:00", "no", "es, en"]
LUIS = ["A002", "Luis Pérez", "parcial", 2, 3, 15, 25, "09:00", "16:00", "sí", "es"]


def workbook_file(path: Path, rows: list[list], title: str = "Agentes") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def errors(report) -> list[str]:
    assert report.project == report.base, "a file with errors must change nothing"
    return [str(e) for e in report.errors]


@pytest.fixture
def project(sample_copy):
    return load_project(sample_copy)


def test_sample_agents_xlsx_equals_the_sample_projects_agents(project):
    report = import_agents(replace(project, agents=(), requests=()), SAMPLE_AGENTS)
    assert report.errors == ()
    assert report.project.agents == project.agents
    assert report.applied[0].added == tuple(a.id for a in project.agents)

    again = import_agents(project, SAMPLE_AGENTS)
    assert again.errors == () and not again.changed
    assert len(again.applied[0].unchanged) == len(project.agents)


def test_cli_import_agents_on_the_sample_changes_nothing(sample_copy, capsys):
    before = sample_copy.read_bytes()
    assert main(["import-agents", str(sample_copy), str(SAMPLE_AGENTS)]) == 0
    printed = capsys.readouterr().out
    assert "agents.xlsx: 0 added, 0 updated, 50 unchanged" in printed
    assert "nothing to change" in printed
    assert sample_copy.read_bytes() == before


def expected_ana_luis() -> tuple[Agent, Agent]:
    return (
        Agent("A001", "Ana García", Contract(ContractKind.FULL_TIME, 5, 5, 39 * 60, 41 * 60), 360, 600, False,
              ("es", "en")),
        Agent("A002", "Luis Pérez", Contract(ContractKind.PART_TIME, 2, 3, 15 * 60, 25 * 60), 540, 960, True,
              ("es",)),
    )


@pytest.mark.parametrize("encoding, separator, headers", [
    ("utf-8-sig", ";", HEADERS_ES),
    ("utf-8", ",", HEADERS_EN),
    ("cp1252", ";", HEADERS_ES),
    ("cp1252", ",", HEADERS_EN),
])
def test_csv_in_any_common_encoding_and_separator(project, tmp_path, encoding, separator, headers):
    def line(values):
        cells = [str(v) for v in values]
        return separator.join(f'"{c}"' if separator in c else c for c in cells)

    ana = ANA[:5] + ["39", "41"] + ANA[7:]
    luis = LUIS[:5] + ["15,0" if separator == ";" else "15.0", "25"] + LUIS[7:]
    path = tmp_path / "agents.csv"
    path.write_bytes("\r\n".join(line(r) for r in (headers, ana, luis)).encode(encoding))
    report = import_agents(replace(project, agents=(), requests=()), path)
    assert report.errors == ()
    assert report.project.agents == expected_ana_luis()


def test_english_headers_decimal_comma_and_yes_no_words(project, tmp_path):
    rows = [HEADERS_EN,
            ["A001", "Ana García", "full-time", 5, 5, "39,0", 41, "6:00", "10:00", "NO", "es,en"],
            ["A002", "Luis Pérez", "Part time", "2", "3", 15, "25.0", "09:00", "16:00", "yes", "es"]]
    report = import_agents(replace(project, agents=(), requests=()), workbook_file(tmp_path / "a.xlsx", rows, "Agents"))
    assert report.errors == ()
    assert report.project.agents == expected_ana_luis()


def test_hidden_sheets_are_ignored(project, tmp_path):
    workbook = Workbook()
    junk = workbook.active
    junk.title = "Notas"
    junk.append(["ID", "Nombre"])
    junk.append(["X", None])
    junk.sheet_state = "hidden"
    sheet = workbook.create_sheet("Hoja2")
    for row in (HEADERS_ES, ANA, LUIS):
        sheet.append(row)
    workbook.save(tmp_path / "h.xlsx")
    report = import_agents(replace(project, agents=(), requests=()), tmp_path / "h.xlsx")
    assert report.errors == ()
    assert report.project.agents == expected_ana_luis()


def test_merge_updates_and_adds_replace_also_removes(project, tmp_path):
    first = project.agents[0]
    rows = [HEADERS_ES, [first.id, "Nombre Nuevo", "parcial", 2, 3, 15, 25, "09:00", "16:00", "no", "es"],
            ["Z100", "Persona Nueva", "completo", 5, 5, 39, 41, "08:00", "09:00", "no", ""]]
    path = workbook_file(tmp_path / "a.xlsx", rows)

    merged = import_agents(project, path)
    assert merged.errors == ()
    summary = merged.applied[0]
    assert (summary.added, summary.updated, summary.removed) == (("Z100",), (first.id,), ())
    assert [a.id for a in merged.project.agents] == [a.id for a in project.agents] + ["Z100"]
    assert merged.project.agents[0].name == "Nombre Nuevo"
    assert merged.project.agents[1:-1] == project.agents[1:]
    assert merged.project.requests == project.requests

    replaced = import_agents(project, path, remove_missing=True)
    assert [a.id for a in replaced.project.agents] == [first.id, "Z100"]
    assert {r.agent_id for r in replaced.project.requests} <= {first.id}
    assert replaced.applied[0].removed == tuple(a.id for a in project.agents[1:])
    assert replaced.applied[0].removed_requests == sum(1 for r in project.requests if r.agent_id != first.id)


def test_absent_columns_keep_existing_values(project, tmp_path):
    first = project.agents[0]
    path = workbook_file(tmp_path / "n.xlsx", [["ID", "Nombre", "Noches"], [first.id, first.name, "sí"]])
    report = import_agents(project, path)
    assert report.errors == ()
    assert report.project.agents[0] == replace(first, nights=True)


def test_cli_import_agents_replace(sample_copy, tmp_path, capsys):
    path = workbook_file(tmp_path / "a.xlsx", [HEADERS_ES, ANA, LUIS])
    assert main(["import-agents", str(sample_copy), str(path), "--replace"]) == 0
    printed = capsys.readouterr().out
    assert "removed 48 agents" in printed
    assert [a.id for a in load_project(sample_copy).agents] == ["A001", "A002"]


# -- errors ---------------------------------------------------------------------------------------

def _with(row: list, **changes) -> list:
    row = list(row)
    for index, value in changes.items():
        row[int(index[1:])] = value
    return row


@pytest.mark.parametrize("rows, message", [
    ([HEADERS_ES, _with(ANA, c1=None)], "a.xlsx › Agentes › B2: Nombre is empty; every row needs one"),
    ([HEADERS_ES, ANA, _with(LUIS, c0=None)], "a.xlsx › Agentes › A3: ID is empty; every row needs one"),
    ([HEADERS_ES, _with(ANA, c3="cinco")], 'a.xlsx › Agentes › D2: Días mín: "cinco" is not a whole number'),
    ([HEADERS_ES, _with(ANA, c3=4.5)], 'a.xlsx › Agentes › D2: Días mín: "4.5" is not a whole number'),
    ([HEADERS_ES, ANA, LUIS, _with(LUIS, c0="A001")],
     "a.xlsx › Agentes › A4: agent ID A001 appears twice (also in row 2); every agent needs its own ID"),
    ([HEADERS_ES, _with(ANA, c6=85)],
     'a.xlsx › Agentes › G2: Horas semana máx: "85" hours a week is more than 80; check the figure'),
    ([HEADERS_ES, _with(ANA, c4=8)], 'a.xlsx › Agentes › E2: Días máx: "8" days a week is impossible; use 0 to 7'),
    ([HEADERS_ES, _with(ANA, c3=6)], "a.xlsx › Agentes › D2: Días mín 6 is more than Días máx 5"),
    ([HEADERS_ES, _with(ANA, c7="25:00")],
     'a.xlsx › Agentes › H2: Inicio más temprano: "25:00" is not a time of day; write it as HH:MM between '
     "00:00 and 23:59"),
    ([HEADERS_ES, _with(ANA, c7="11:00")], "a.xlsx › Agentes › H2: Inicio más temprano 11:00 is after "
                                          "Inicio más tardío 10:00"),
    ([HEADERS_ES, _with(ANA, c2="fijo")],
     'a.xlsx › Agentes › C2: Contrato: "fijo" is not a contract; use full-time, part-time or custom (completo, '
     "parcial, personalizado)"),
    ([HEADERS_ES, _with(ANA, c9="quizá")], 'a.xlsx › Agentes › J2: Noches: "quizá" is not yes or no; write sí/yes or no'),
    ([HEADERS_ES, _with(ANA, c2="=A1")],
     "a.xlsx › Agentes › C2: Contrato: the cell holds a formula without a saved value; copy the cells and "
     "paste them as values (Paste Special › Values), then save"),
    ([["Lista de agentes"], ["Código", "Persona"]],
     "a.xlsx › Agentes › A1: no header row found; the first rows must name the columns, e.g. ID, Name, "
     "Contract … / ID, Nombre, Contrato …"),
    ([HEADERS_ES], "a.xlsx › Agentes: the file lists no agents"),
    ([HEADERS_ES + ["Nombre"], ANA], "a.xlsx › Agentes › L1: the column Nombre appears twice (also in B1)"),
])
def test_malformed_rows_are_located(project, tmp_path, rows, message):
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="en")
    assert errors(report) == [message]


@pytest.mark.parametrize("language, message", [
    ("en", "a.xlsx › Agentes › D2: Días máx 3 is less than the agent's current minimum, 5 (the file has no "
           "Min days column); add that column or raise Días máx"),
    ("es", "a.xlsx › Agentes › D2: Días máx 3 es menos que el mínimo actual del agente, 5 (el archivo no tiene "
           "la columna Días mín); añade esa columna o sube Días máx"),
])
def test_a_clash_with_a_column_the_file_lacks_names_it_by_its_usual_title(project, tmp_path, language, message):
    # No "Días mín" column: Ana's current 5 days clash with the file's 3 at most.
    headers = [h for h in HEADERS_ES if h != "Días mín"]
    row = [v for i, v in enumerate(_with(ANA, c4=3)) if i != 3]
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", [headers, row]), language=language)
    assert errors(report) == [message]


@pytest.mark.parametrize("language, message", [
    ("es", "ag.csv › C2: Horas semana máx 37,5 es menos que el mínimo del contrato, 39 h (el archivo no tiene "
           "la columna Horas semana mín); añade esa columna o sube Horas semana máx"),
    ("en", "ag.csv › C2: Horas semana máx 37.5 is less than the contract's minimum, 39 h (the file has no "
           "Weekly min hours column); add that column or raise Horas semana máx"),
])
def test_a_clash_with_a_value_the_file_does_not_show_says_where_it_comes_from(project, tmp_path, language,
                                                                              message):
    # A new agent on the default full-time contract (39 h at least), capped at 37,5 h by the file.
    path = tmp_path / "ag.csv"
    path.write_text("ID;Nombre;Horas semana máx\nZ060;Eva Sanz;37,5\n", encoding="utf-8")
    assert errors(import_agents(project, path, language=language)) == [message]


def test_a_clash_with_a_blank_cell_asks_to_fill_it_in(project, tmp_path):
    # A new agent: the full-time contract allows 41 h at most; the max cell is left blank.
    rows = [HEADERS_ES, ["Z061", "Juan Paz", None, None, None, 45]]
    assert errors(import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="es")) == [
        "a.xlsx › Agentes › F2: Horas semana mín 45 es más que el máximo del contrato, 41 h (Horas semana máx "
        "está vacío en esta fila); rellena esa celda o baja Horas semana mín"]


def test_a_start_window_clash_with_the_agents_current_start(project, tmp_path):
    agent = next(a for a in project.agents if a.earliest_start >= 60)
    earliest = f"{agent.earliest_start // 60:02d}:{agent.earliest_start % 60:02d}"
    latest = agent.earliest_start - 60
    rows = [HEADERS_ES[:2] + ["Inicio más tardío"], [agent.id, agent.name, f"{latest // 60:02d}:{latest % 60:02d}"]]
    assert errors(import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="en")) == [
        f"a.xlsx › Agentes › C2: Inicio más tardío {latest // 60:02d}:{latest % 60:02d} is before the agent's "
        f"current earliest start, {earliest} (the file has no Earliest start column); add that column or make "
        "Inicio más tardío later"]


def test_a_clash_between_two_cells_shows_both_with_the_languages_marks(project, tmp_path):
    rows = [HEADERS_ES, _with(ANA, c5="40,5", c6="37,5")]
    assert errors(import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="es")) == [
        "a.xlsx › Agentes › F2: Horas semana mín 40,5 es más que Horas semana máx 37,5"]


@pytest.mark.parametrize("language, missing, message", [
    ("es", "Nombre", "falta la columna Nombre; es obligatoria para cada agente"),
    ("es", "ID", "falta la columna ID; es obligatoria para cada agente"),
    ("en", "Nombre", "the column Name is missing; every agent needs one"),
])
def test_a_header_without_a_required_column_names_the_column(project, tmp_path, language, missing, message):
    # The header row names several known columns, so it is the header: the missing one is reported there.
    headers = ["Agentes del centro"], [h for h in HEADERS_ES[:7] if h != missing]
    rows = [*headers, ["A055", "completo", 5, 5, 39, 40]]
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language=language)
    assert errors(report) == [f"a.xlsx › Agentes › A2: {message}"]


@pytest.mark.parametrize("language, example", [
    ("es", "ID, Nombre, Contrato … / ID, Name, Contract …"),
    ("en", "ID, Name, Contract … / ID, Nombre, Contrato …"),
])
def test_no_header_row_gives_examples_in_the_imports_language_first(project, tmp_path, language, example):
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", [["Lista"], ["A055", "Ana"]]),
                           language=language)
    assert errors(report)[0].endswith(example)


def test_an_unknown_column_is_a_located_warning_not_silence(project, tmp_path, capsys, sample_copy):
    rows = [["Código", "Nombre", "Horas semanales", "Equipo"], ["Z056", "Rosa Díaz", "37,5", "B"]]
    path = workbook_file(tmp_path / "otro.xlsx", rows, title="Hoja1")
    report = import_agents(project, path, language="es")
    assert report.errors == () and report.applied[0].added == ("Z056",)
    known = ("ID, Nombre, Contrato, Días mín, Días máx, Horas semana mín, Horas semana máx, "
             "Inicio más temprano, Inicio más tardío, Noches, Habilidades")
    assert [str(w) for w in report.warnings] == [
        f"otro.xlsx › Hoja1 › C1: la columna «Horas semanales» no es una de las que lee Turnos; se ha ignorado "
        f"— columnas conocidas: {known}",
        f"otro.xlsx › Hoja1 › D1: la columna «Equipo» no es una de las que lee Turnos; se ha ignorado "
        f"— columnas conocidas: {known}",
    ]
    assert main(["import-agents", str(sample_copy), str(path), "--dry-run", "--language", "en"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "otro.xlsx: 1 added, 0 updated, 0 unchanged"
    assert printed[1].startswith("warning: otro.xlsx › Hoja1 › C1: the column «Horas semanales» is not one "
                                 "Turnos reads; it was ignored — known columns: ID, Name, Contract, Min days")


def test_a_header_missing_a_column_still_warns_about_the_unknown_ones(project, tmp_path):
    rows = [["ID", "Nombre y apellido", "Contrato"], ["Z056", "Rosa Díaz", "completo"]]
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="en")
    assert errors(report) == ["a.xlsx › Agentes › A1: the column Name is missing; every agent needs one"]
    assert [w.cell for w in report.warnings] == ["B1"]


@pytest.mark.parametrize("language, counts", [
    ("es", "agentes.xlsx: 1 añadido, 1 actualizado, 0 sin cambios"),
    ("en", "agentes.xlsx: 1 added, 1 updated, 0 unchanged"),
])
def test_cli_counts_agree_with_one(sample_copy, tmp_path, capsys, language, counts):
    first = load_project(sample_copy).agents[0]
    rows = [HEADERS_ES, [first.id, first.name + " Ruiz"], ["Z070", "Nueva Persona"]]
    path = workbook_file(tmp_path / "agentes.xlsx", rows)
    assert main(["import-agents", str(sample_copy), str(path), "--dry-run", "--language", language]) == 0
    assert capsys.readouterr().out.splitlines()[0] == counts


def test_merged_cells_in_the_data_area(project, tmp_path):
    path = tmp_path / "m.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Agentes"
    sheet.append(["Agentes del centro"])
    sheet.merge_cells("A1:D1")  # a title above the header is fine
    for row in (HEADERS_ES, ANA, LUIS):
        sheet.append(row)
    sheet.merge_cells("B4:C4")
    workbook.save(path)
    assert errors(import_agents(project, path, language="en")) == [
        "m.xlsx › Agentes › B4: cells B4:C4 are merged; unmerge them so that every cell holds its own value"]


def test_csv_errors_name_the_cell(project, tmp_path):
    path = tmp_path / "agents.csv"
    path.write_text("ID;Nombre;Horas semana máx\nA001;Ana;41\nA002;Luis;cuarenta\n", encoding="utf-8")
    assert errors(import_agents(project, path, language="en")) == [
        'agents.csv › C3: Horas semana máx: "cuarenta" is not a number']


def test_errors_in_spanish(project, tmp_path):
    rows = [HEADERS_ES, _with(ANA, c4=9, c7="25:00")]
    report = import_agents(project, workbook_file(tmp_path / "a.xlsx", rows), language="es")
    assert errors(report) == [
        'a.xlsx › Agentes › E2: Días máx: "9" días a la semana es imposible; usa de 0 a 7',
        'a.xlsx › Agentes › H2: Inicio más temprano: "25:00" no es una hora; escríbela como HH:MM entre '
        "00:00 y 23:59",
    ]


def test_file_that_is_not_a_spreadsheet(project, tmp_path):
    (tmp_path / "agents.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "agents.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert errors(import_agents(project, tmp_path / "agents.pdf", language="en")) == [
        "agents.pdf: only .xlsx workbooks and .csv files can be imported, not .pdf"]
    assert errors(import_agents(project, tmp_path / "agents.xlsx", language="en")) == [
        "agents.xlsx: this is an Excel 97–2003 file (.xls), not an .xlsx workbook; open it in Excel or "
        "LibreOffice and save it as Excel Workbook (.xlsx)"]


def test_cli_import_agents_with_errors_exits_1_and_saves_nothing(sample_copy, tmp_path, capsys):
    path = workbook_file(tmp_path / "a.xlsx", [HEADERS_ES, _with(ANA, c4=8)])
    before = sample_copy.read_bytes()
    assert main(["import-agents", str(sample_copy), str(path)]) == 1
    assert "a.xlsx: not applied" in capsys.readouterr().out
    assert sample_copy.read_bytes() == before
    report = import_agents(load_project(sample_copy), path)
    assert save_import(sample_copy, report) is False
