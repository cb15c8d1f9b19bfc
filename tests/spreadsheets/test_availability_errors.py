"""Every malformed availability file is refused with a located message and changes nothing."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from scheduler.domain import Agent, RequestKind
from scheduler.spreadsheets import ReadLimits, import_availability, save_import, write_availability_templates
from scheduler.store import load_project
from tests.factories import tiny_project, zip_bytes

SUFFIX_LOCKED = "; dates are locked: use the template as it was sent"
CODES_ES = "libre, vacaciones, no disponible, mañana, tarde, noche, disponible"
CODES_EN = "day off, vacation, unavailable, morning, afternoon, night, available"


@pytest.fixture
def project(sample_copy):
    return load_project(sample_copy)


@pytest.fixture
def template(project, tmp_path) -> Path:
    """A Spanish template for the sample's first agent, in a folder of its own."""
    return write_availability_templates(project, tmp_path / "sent", agent_ids=[project.agents[0].id],
                                        language="es")[0]


def edited(template: Path, target: Path, **cells) -> Path:
    """A copy of ``template`` with cells set through openpyxl (protection is not enforced there)."""
    workbook = load_workbook(template)
    for ref, value in cells.items():
        workbook.worksheets[0][ref] = value
    workbook.save(target)
    return target


def only_error(report) -> str:
    assert report.project == report.base, "a file with errors must change nothing"
    assert len(report.errors) == 1, [str(e) for e in report.errors]
    return str(report.errors[0])


def test_unknown_code_names_file_sheet_cell_and_the_codes(project, template, tmp_path):
    path = edited(template, tmp_path / "ana.xlsx", C7="lbre")
    assert only_error(import_availability(project, path, language="en")) == (
        f'ana.xlsx › Peticiones › C7: "lbre" is not a code; use one of {CODES_ES}')


def test_unknown_code_in_spanish(project, template, tmp_path):
    path = edited(template, tmp_path / "ana.xlsx", C7="lbre")
    assert only_error(import_availability(project, path, language="es")) == (
        f'ana.xlsx › Peticiones › C7: "lbre" no es un código; usa uno de {CODES_ES}')


def test_english_template_lists_english_codes(project, tmp_path):
    sent = write_availability_templates(project, tmp_path / "en", agent_ids=[project.agents[0].id],
                                        language="en")[0]
    path = edited(sent, tmp_path / "bob.xlsx", C9=42)
    assert only_error(import_availability(project, path, language="en")) == (
        f'bob.xlsx › Requests › C9: "42" is not a code; use one of {CODES_EN}')


@pytest.mark.parametrize("typed, kind", [
    ("libre", RequestKind.DAY_OFF), ("LIBRE", RequestKind.DAY_OFF), ("Líbre", RequestKind.DAY_OFF),
    ("  libre ", RequestKind.DAY_OFF), ("Day off", RequestKind.DAY_OFF), ("day_off", RequestKind.DAY_OFF),
    ("Vacation", RequestKind.VACATION), ("no_disponible", RequestKind.UNAVAILABLE),
    ("Mañana", RequestKind.PREFER_MORNING), ("manana", RequestKind.PREFER_MORNING),
    ("prefiere tarde", RequestKind.PREFER_AFTERNOON), ("NIGHT", RequestKind.PREFER_NIGHT),
])
def test_codes_tolerate_case_accents_spaces_and_both_languages(project, template, tmp_path, typed, kind):
    path = edited(template, tmp_path / "t.xlsx", C7=typed)
    report = import_availability(project, path)
    assert report.errors == ()
    agent = project.agents[0].id
    assert [r.kind for r in report.project.requests if r.agent_id == agent and r.day == project.horizon.start] == [kind]


def test_bad_priority_and_long_note(project, template, tmp_path):
    path = edited(template, tmp_path / "p.xlsx", C7="libre", D7=7, C8="libre", D8="alta", E9="x" * 600)
    report = import_availability(project, path, language="en")
    assert [str(e) for e in report.errors] == [
        'p.xlsx › Peticiones › D7: "7" is not a priority; use a whole number from 1 (nice to have) to 5 '
        "(very important)",
        'p.xlsx › Peticiones › D8: "alta" is not a priority; use a whole number from 1 (nice to have) to 5 '
        "(very important)",
        "p.xlsx › Peticiones › E9: the text is 600 characters long; keep it under 500",
    ]
    assert report.project == project


def test_formula_without_value_asks_to_paste_values(project, template, tmp_path):
    path = edited(template, tmp_path / "f.xlsx", C7="=1+1")
    assert only_error(import_availability(project, path, language="en")) == (
        "f.xlsx › Peticiones › C7: the cell holds a formula without a saved value; copy the cells and paste "
        "them as values (Paste Special › Values), then save")


def test_unknown_agent_id(project, tmp_path):
    newcomer = Agent("Z999", "Nueva Persona")
    bigger = replace(project, agents=project.agents + (newcomer,))
    sent = write_availability_templates(bigger, tmp_path, agent_ids=["Z999"])[0]
    assert only_error(import_availability(project, sent, language="en")) == (
        f"{sent.name} › Requests › B2: agent Z999 is not in the project's agent list")


def test_edited_agent_id(project, template, tmp_path):
    path = edited(template, tmp_path / "id.xlsx", B2="A999")
    assert only_error(import_availability(project, path, language="en")) == (
        f'id.xlsx › Peticiones › B2: the agent ID was changed to "A999"; this template is for '
        f"{project.agents[0].id}. The name, ID and dates are locked: use the template as it was sent")


def test_edited_agent_name(project, template, tmp_path):
    path = edited(template, tmp_path / "name.xlsx", B3="Otra Persona")
    assert only_error(import_availability(project, path, language="en")) == (
        "name.xlsx › Peticiones › B3: the agent name was changed; the name, ID and dates are locked: use the "
        "template as it was sent")


def test_edited_date_inside_and_outside_the_horizon(project, template, tmp_path):
    start = project.horizon.start
    moved = edited(template, tmp_path / "moved.xlsx", A8=datetime.combine(start + timedelta(days=2), datetime.min.time()))
    assert only_error(import_availability(project, moved, language="en")) == (
        f'moved.xlsx › Peticiones › A8: the date was changed to "{start + timedelta(days=2)}" '
        f"(it was {start + timedelta(days=1)})" + SUFFIX_LOCKED)
    outside = edited(template, tmp_path / "outside.xlsx", A7="01/12/2026")
    assert only_error(import_availability(project, outside, language="en")) == (
        f"outside.xlsx › Peticiones › A7: 2026-12-01 is outside the planning horizon "
        f"{start} – {project.horizon.end}" + SUFFIX_LOCKED)


def test_a_day_added_below_the_horizon(project, template, tmp_path):
    row = 7 + project.horizon.days
    day_after = project.horizon.end + timedelta(days=1)
    path = edited(template, tmp_path / "extra.xlsx", **{f"A{row}": datetime.combine(day_after, datetime.min.time()),
                                                        f"C{row}": "libre"})
    assert only_error(import_availability(project, path, language="en")) == (
        f"extra.xlsx › Peticiones › A{row}: {day_after} is outside the planning horizon "
        f"{project.horizon.start} – {project.horizon.end}" + SUFFIX_LOCKED)


def test_template_of_another_horizon(project, tmp_path):
    later = replace(project, horizon=replace(project.horizon, start=project.horizon.start + timedelta(weeks=4)))
    sent = write_availability_templates(later, tmp_path, agent_ids=[project.agents[0].id])[0]
    assert only_error(import_availability(project, sent, language="en")) == (
        f"{sent.name}: the template is for the horizon {later.horizon.start} – {later.horizon.end}, but the "
        f"project plans {project.horizon.start} – {project.horizon.end}; send the agent a template for this "
        "horizon")


def test_template_of_another_center(project, tmp_path):
    other = replace(project, site=replace(project.site, name="Otro centro"))
    sent = write_availability_templates(other, tmp_path, agent_ids=[project.agents[0].id])[0]
    assert only_error(import_availability(project, sent, language="en")) == (
        f"{sent.name}: the template is for the center Otro centro, not {project.site.name}")


def test_renamed_sheet(project, template, tmp_path):
    workbook = load_workbook(template)
    workbook.worksheets[0].title = "Hoja1"
    workbook.save(tmp_path / "r.xlsx")
    assert only_error(import_availability(project, tmp_path / "r.xlsx", language="en")) == (
        "r.xlsx › Peticiones: the sheet is missing; sheets of a template must not be renamed or deleted")


def test_damaged_hidden_information(project, template, tmp_path):
    workbook = load_workbook(template)
    workbook["_turnos"]["B5"] = "yesterday"
    workbook.save(tmp_path / "d.xlsx")
    assert only_error(import_availability(project, tmp_path / "d.xlsx", language="en")) == (
        "d.xlsx: the template's hidden information (_turnos sheet) is damaged; use a fresh template")


def test_workbook_that_is_not_a_template(project, tmp_path):
    workbook = Workbook()
    workbook.active["A1"] = "libre"
    workbook.save(tmp_path / "plain.xlsx")
    assert only_error(import_availability(project, tmp_path / "plain.xlsx", language="en")) == (
        "plain.xlsx: this is not a Turnos availability template (it has no _turnos sheet); fill in a template "
        "made with Export availability templates")


def test_files_that_are_not_xlsx(project, tmp_path):
    (tmp_path / "text.xlsx").write_text("ID;Fecha\nA001;libre\n", encoding="utf-8")
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    (tmp_path / "calc.xlsx").write_bytes(ods.getvalue())
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "answers.csv").write_text("a,b\n")
    report = import_availability(project, tmp_path, language="en")
    assert [str(e) for e in report.errors] == [
        "answers.csv: only .xlsx templates can be imported",
        "calc.xlsx: this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; open it in LibreOffice "
        "or Excel and save it as Excel Workbook (.xlsx)",
        "empty.xlsx: the file is empty (0 bytes)",
        "old.xlsx: this is an Excel 97–2003 file (.xls), not an .xlsx workbook; open it in Excel or "
        "LibreOffice and save it as Excel Workbook (.xlsx)",
        "text.xlsx: this is not an Excel workbook (.xlsx)",
    ]
    assert report.project == project


def test_huge_file_is_refused_before_reading(project, tmp_path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(21 * 1024 * 1024)
    assert only_error(import_availability(project, big, language="en")) == (
        "big.xlsx: the file is 21 MB, more than the 20 MB a spreadsheet may have here; remove what is not "
        "needed or split it")


def test_zip_bomb_is_refused_before_parsing(project, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                           "xl/worksheets/sheet1.xml": bytes(11 * 1024 * 1024)}))
    assert bomb.stat().st_size < 100_000
    report = import_availability(project, bomb, language="en", limits=ReadLimits(max_unzipped_bytes=10 * 1024 * 1024))
    assert only_error(report) == (
        "bomb.xlsx: the workbook unpacks to more than 10 MB, which no real template or list needs; it was "
        "not opened")


def test_too_many_cells_is_refused_before_parsing(project, tmp_path):
    cells = b"".join(b'<c r="A1"><v>1</v></c>' for _ in range(1_000_001))
    sheet = b"<worksheet><sheetData><row r=\"1\">" + cells + b"</row></sheetData></worksheet>"
    path = tmp_path / "cells.xlsx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                           "xl/worksheets/sheet1.xml": sheet}))
    assert only_error(import_availability(project, path, language="en")) == (
        "cells.xlsx: the workbook has more than 1,000,000 cells; remove what is not needed or split it")


def test_same_agent_in_two_files(project, template, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    edited(template, inbox / "a.xlsx", C7="libre")
    edited(template, inbox / "b.xlsx", C8="libre")
    report = import_availability(project, inbox, language="en")
    assert [str(e) for e in report.errors] == [
        f"b.xlsx: {project.agents[0].id} is also answered in a.xlsx; import one file per agent"]
    assert [a.file for a in report.applied] == ["a.xlsx"]


def test_missing_source(project, tmp_path):
    report = import_availability(project, tmp_path / "nowhere", language="es")
    assert [str(e) for e in report.errors] == ["nowhere: el archivo o la carpeta no existe"]


def test_valid_files_apply_and_invalid_ones_change_nothing(sample_copy, project, template, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    second = write_availability_templates(project, tmp_path / "s", agent_ids=[project.agents[1].id])[0]
    edited(template, inbox / "good.xlsx", C7="noche")
    edited(second, inbox / "wrong.xlsx", C7="lbre", C8="libre")
    report = import_availability(project, inbox, language="en")
    assert [e.file for e in report.errors] == ["wrong.xlsx"]
    assert [a.file for a in report.applied] == ["good.xlsx"]
    assert not [r for r in report.project.requests
                if r.agent_id == project.agents[1].id and r.day == project.horizon.start + timedelta(days=1)]

    # A folder of only broken files leaves the project file byte-for-byte as it was.
    shutil.rmtree(inbox)
    inbox.mkdir()
    edited(second, inbox / "wrong.xlsx", C7="lbre")
    before = sample_copy.read_bytes()
    report = import_availability(project, inbox)
    assert not report.ok
    assert save_import(sample_copy, report) is False
    assert sample_copy.read_bytes() == before


def test_save_refuses_when_the_project_changed_meanwhile(sample_copy, project, template, tmp_path):
    from scheduler.store import save_project

    report = import_availability(project, edited(template, tmp_path / "a.xlsx", C7="libre"))
    save_project(sample_copy, replace(project, requests=()))
    with pytest.raises(ValueError, match="changed since the import was prepared"):
        save_import(sample_copy, report)


# -- conflicts -------------------------------------------------------------------------------------

def _team(n: int, required: int, skills=None):
    agents = [Agent(f"T{i}", f"Agent {i}", skills=(skills or {}).get(i, ())) for i in range(1, n + 1)]
    return tiny_project(agents, required=required)


def _fill(project, tmp_path, answers: dict[str, dict[int, str]]) -> list[Path]:
    paths = []
    for agent_id, days in answers.items():
        sent = write_availability_templates(project, tmp_path / agent_id, agent_ids=[agent_id], language="en")[0]
        paths.append(edited(sent, tmp_path / f"{agent_id}.xlsx", **{f"C{7 + i}": code for i, code in days.items()}))
    return paths


def test_too_many_agents_off_the_same_day_is_listed(tmp_path):
    project = _team(5, required=1, skills={1: ("fr",), 2: ("fr",), 3: ("fr",)})
    files = _fill(project, tmp_path, {"T1": {2: "day off"}, "T2": {2: "unavailable"}})
    report = import_availability(project, files, language="en")
    assert report.errors == ()
    assert [(c.kind, c.message) for c in report.conflicts] == [
        ("too_many_off", "Wed 2027-01-06: 2 of 5 agents able to work the peak (00:00) asked to be off, more "
                         "than 20 %: T1, T2"),
        ("too_many_off_skill", "Wed 2027-01-06: 2 of 3 agents with skill fr asked to be off, more than 20 %: "
                               "T1, T2"),
    ]
    # Listed, not resolved: both requests were applied.
    assert {(r.agent_id, r.kind) for r in report.project.requests} == {
        ("T1", RequestKind.DAY_OFF), ("T2", RequestKind.UNAVAILABLE)}


def test_request_that_makes_cover_impossible_is_listed(tmp_path):
    project = _team(12, required=10)
    files = _fill(project, tmp_path, {"T1": {0: "day off"}, "T2": {0: "day off"}, "T3": {0: "vacation"}})
    report = import_availability(project, files, language="en")
    cover = [c for c in report.conflicts if c.kind == "cover_impossible"]
    assert [c.message for c in cover] == [
        "Mon 2027-01-04 at 00:00: after the requests only 9 agents can be on duty but 10 are needed; agents "
        "off that day: T1, T2, T3"]
    assert cover[0].agent_ids == ("T1", "T2", "T3")


def test_conflict_messages_in_spanish(tmp_path):
    project = _team(12, required=10)
    files = _fill(project, tmp_path, {"T1": {0: "day off"}, "T2": {0: "day off"}, "T3": {0: "day off"}})
    report = import_availability(project, files, language="es")
    assert "lun 04/01/2027 a las 00:00: tras las peticiones solo 9 agentes pueden estar de servicio y hacen " \
           "falta 10; agentes que libran ese día: T1, T2, T3" in [c.message for c in report.conflicts]


def test_a_forecast_that_cannot_be_staffed_is_reported_not_raised(tmp_path, monkeypatch):
    import scheduler.staffing.requirements as requirements

    def broken(project):
        raise ZeroDivisionError("AHT is 0")

    monkeypatch.setattr(requirements, "required_per_slot", broken)
    project = _team(3, required=1)
    files = _fill(project, tmp_path, {"T1": {0: "day off"}})
    report = import_availability(project, files, language="en")
    assert report.errors == ()
    assert [(c.kind, c.message) for c in report.conflicts if c.kind == "cover_unchecked"] == [
        ("cover_unchecked", "cover could not be checked against the forecast (AHT is 0); check the forecast")]
    assert report.project.requests[0].agent_id == "T1"


# -- one import lists every problem of a file --------------------------------------------------

def test_one_import_lists_every_kind_of_problem_at_once(project, template, tmp_path):
    """A day added below the horizon, merged note cells, a changed date and name, an unknown code, bad
    priorities and a long note: all listed in one pass, in reading order, so the agent fixes them together."""
    start = project.horizon.start
    below = 7 + project.horizon.days
    path = edited(template, tmp_path / "bad.xlsx", B3="Otra Persona", C9="lbre", C11="libre", D11="alta",
                  D12=7, E16="x" * 600, A20="01/12/2026", **{f"A{below}": "01/02/2027", f"C{below}": "libre"})
    workbook = load_workbook(path)
    workbook.worksheets[0].merge_cells("E14:E15")
    workbook.save(path)
    report = import_availability(project, path, language="es")
    assert report.project == project
    priority = "no es una prioridad; usa un número entero del 1 (me vendría bien) al 5 (muy importante)"
    assert [str(e) for e in report.errors] == [
        "bad.xlsx › Peticiones › B3: se cambió el nombre del agente; el nombre, el ID y las fechas están "
        "bloqueados: usa la plantilla tal como se envió",
        f'bad.xlsx › Peticiones › C9: "lbre" no es un código; usa uno de {CODES_ES}',
        f'bad.xlsx › Peticiones › D11: "alta" {priority}',
        f'bad.xlsx › Peticiones › D12: "7" {priority}',
        "bad.xlsx › Peticiones › E14: las celdas E14:E15 están combinadas; sepáralas para que cada celda tenga "
        "su propio valor",
        "bad.xlsx › Peticiones › E16: el texto tiene 600 caracteres; no pases de 500",
        f"bad.xlsx › Peticiones › A20: 2026-12-01 está fuera del periodo planificado {start} – "
        f"{project.horizon.end}; las fechas están bloqueadas: usa la plantilla tal como se envió",
        f"bad.xlsx › Peticiones › A{below}: 2027-02-01 está fuera del periodo planificado {start} – "
        f"{project.horizon.end}; las fechas están bloqueadas: usa la plantilla tal como se envió",
    ]


def test_a_changed_name_is_listed_with_the_answer_problems(project, template, tmp_path):
    path = edited(template, tmp_path / "n.xlsx", B3="Otra Persona", C7="lbre")
    assert [str(e) for e in import_availability(project, path, language="en").errors] == [
        "n.xlsx › Peticiones › B3: the agent name was changed; the name, ID and dates are locked: use the "
        "template as it was sent",
        f'n.xlsx › Peticiones › C7: "lbre" is not a code; use one of {CODES_ES}',
    ]


def test_a_grid_lists_every_problem_at_once(project, tmp_path):
    from scheduler.spreadsheets.availability_template import GRID_DATE_ROW, GRID_FIRST_AGENT_ROW, GRID_FIRST_DAY_COL

    ids = [a.id for a in project.agents[:2]]
    sent = write_availability_templates(project, tmp_path / "g", layout="grid", agent_ids=ids, language="es")[0]
    workbook = load_workbook(sent)
    sheet = workbook.worksheets[0]
    first, second = GRID_FIRST_AGENT_ROW, GRID_FIRST_AGENT_ROW + 3
    sheet.cell(GRID_DATE_ROW, GRID_FIRST_DAY_COL + 1).value = "01/12/2026"  # a changed date
    sheet.cell(second, GRID_FIRST_DAY_COL - 2).value = "Otra Persona"  # and a changed name
    sheet.cell(first, GRID_FIRST_DAY_COL).value = "lbre"
    sheet.cell(second + 1, GRID_FIRST_DAY_COL + 2).value = "alta"
    sheet.merge_cells(start_row=second + 2, start_column=GRID_FIRST_DAY_COL + 3, end_row=second + 2,
                      end_column=GRID_FIRST_DAY_COL + 4)
    workbook.save(tmp_path / "grid.xlsx")
    report = import_availability(project, tmp_path / "grid.xlsx", language="en")
    assert [e.cell for e in report.errors] == ["E5", f"D{first}", f"B{second}", f"F{second + 1}", f"G{second + 2}"]
    assert "outside the planning horizon" in report.errors[0].message
    assert "is not a code" in report.errors[1].message and "name was changed" in report.errors[2].message
    assert "is not a priority" in report.errors[3].message and "are merged" in report.errors[4].message


def test_a_template_sent_with_the_earlier_spanish_titles_is_still_read(project, template, tmp_path):
    """Templates made before "Solicitudes"/"Solicitud" became "Peticiones"/"Petición" still import."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    assert (sheet.title, sheet["C6"].value) == ("Peticiones", "Petición")
    sheet.title, sheet["C6"] = "Solicitudes", "Solicitud"
    meta = workbook["_turnos"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "Peticiones")
    meta.cell(row, 1).value = "Solicitudes"
    sheet["C7"] = "libre"
    workbook.save(tmp_path / "old.xlsx")
    report = import_availability(project, tmp_path / "old.xlsx", language="es")
    assert report.errors == () and report.applied[0].count == 1
    assert report.applied[0].answers[0].sheet == "Solicitudes"


def test_the_spanish_template_says_peticion_like_the_rest_of_turnos(project, template):
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert sheet.title == "Peticiones" and sheet["C6"].value == "Petición"
    assert not [t for t in texts if "olicitud" in t]


def test_a_one_day_vacation_is_counted_in_the_singular(project, template, tmp_path):
    agent = project.agents[0]
    path = edited(template, tmp_path / "v.xlsx", C10="vacaciones")
    report = import_availability(replace(project, requests=()), path, language="es")
    assert [c.message for c in report.conflicts if c.kind == "new_vacation"] == [
        f"{agent.id} {agent.name}: pide vacaciones el jue 07/01/2027 (1 día), que no estaban en el proyecto; "
        "importadas como vacaciones aprobadas — quítalas del proyecto si no se aprueban"]
