"""Templates lock everything but the answer cells, offer the codes as a dropdown and carry hidden metadata."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from scheduler.spreadsheets import write_availability_templates
from scheduler.spreadsheets.availability_template import (
    FORMAT,
    GRID_FIRST_AGENT_ROW,
    GRID_FIRST_DAY_COL,
    META_SHEET,
    fingerprint,
    template_file_name,
)
from scheduler.domain import Agent
from scheduler.store import load_project


def _validations(sheet) -> dict[str, tuple[str, str | None, str | None, str]]:
    return {str(v.sqref): (v.type, v.formula1, v.formula2, v.operator) for v in sheet.data_validations.dataValidation}


@pytest.mark.parametrize("language, title, codes", [
    ("es", "Peticiones", '"libre,vacaciones,no disponible,mañana,tarde,noche,disponible"'),
    ("en", "Requests", '"day off,vacation,unavailable,morning,afternoon,night,available"'),
])
def test_agent_template_locks_all_but_answer_cells(sample_copy, tmp_path, language, title, codes):
    project = load_project(sample_copy)
    agent = project.agents[0]
    path = write_availability_templates(project, tmp_path, agent_ids=[agent.id], language=language)[0]
    assert path.name == template_file_name(agent)

    workbook = load_workbook(path)
    assert workbook.security.lockStructure
    sheet = workbook[title]
    assert sheet.protection.sheet is True
    last = 6 + project.horizon.days
    assert sheet["B2"].value == agent.id and sheet["B3"].value == agent.name
    for ref in ("A1", "B2", "B3", "A7", "B7", f"A{last}", "C6", "D6", "E6", "G6", "H7"):
        assert sheet[ref].protection.locked is True, ref
    for ref in ("C7", "D7", "E7", f"C{last}", f"D{last}", f"E{last}"):
        assert sheet[ref].protection.locked is False, ref
    for ref in (f"C{last + 1}", "F7"):
        assert sheet[ref].protection.locked is True, ref

    assert _validations(sheet) == {
        f"C7:C{last}": ("list", codes, None, None),
        f"D7:D{last}": ("whole", "1", "5", "between"),
    }
    legend = [sheet.cell(r, 7).value for r in range(7, 14)]
    assert legend == codes.strip('"').split(",")

    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert meta["B1"].value == FORMAT
    assert meta["B5"].value == project.horizon.start.isoformat()
    assert meta["B6"].value == project.horizon.end.isoformat()
    assert meta["C11"].value == f'["{agent.id}"]'
    assert meta["D11"].value == fingerprint(["agent", agent.id, agent.name, *project.horizon.dates()])


def test_grid_template_locks_names_and_dates_and_validates_every_agent_row(sample_copy, tmp_path):
    project = load_project(sample_copy)
    ids = [a.id for a in project.agents[:3]]
    path = write_availability_templates(project, tmp_path, layout="grid", agent_ids=ids, language="es")[0]
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.protection.sheet is True
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert workbook.worksheets[1].title == "Leyenda" and workbook.worksheets[1].protection.sheet
    last_col = GRID_FIRST_DAY_COL + project.horizon.days - 1
    for n in range(3):
        code_row = GRID_FIRST_AGENT_ROW + 3 * n
        assert sheet.cell(code_row, 1).protection.locked and sheet.cell(code_row, 2).protection.locked
        for row in (code_row, code_row + 1, code_row + 2):
            assert sheet.cell(row, GRID_FIRST_DAY_COL).protection.locked is False
            assert sheet.cell(row, last_col).protection.locked is False
            assert sheet.cell(row, last_col + 1).protection.locked is True
    assert sheet.cell(5, GRID_FIRST_DAY_COL).protection.locked is True  # the dates
    kinds = {v.type: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert kinds["list"].split() == ["D6:AE6", "D9:AE9", "D12:AE12"]
    assert kinds["whole"].split() == ["D7:AE7", "D10:AE10", "D13:AE13"]


def test_file_names_are_sanitised(sample_copy):
    assert template_file_name(Agent("A/1", 'Ana "La Jefa" García: turno?')) == "A 1 Ana La Jefa García turno.xlsx"
    assert template_file_name(Agent("A7", "Ana García.")) == "A7 Ana García.xlsx"
