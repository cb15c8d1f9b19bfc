"""Availability templates: workbooks agents fill in with their requests for the horizon.

Three shapes (see docs/spreadsheets.md):

* ``agent`` — one file per agent (``A001 Ana García.xlsx``), one sheet
  (*Peticiones* / *Requests*) with the days down the page: date, weekday, a
  dropdown of codes, a priority 1–5, notes; the legend beside it.
* ``team`` — one workbook with such a sheet per agent.
* ``grid`` — one sheet, agents down and days across, three rows per agent
  (code, priority, notes), and a legend sheet.

Sheets are protected: only the answer cells are unlocked. A very hidden sheet
``_turnos`` records what the template is for (format version, center,
horizon, language, and per sheet its agents and a fingerprint of the locked
cells), so that the importer recognises it and notices edited locked cells.
The importer finds the answer sheets by the titles recorded there, so templates
made before a sheet or column was renamed (*Solicitudes*/*Solicitud*, now
*Peticiones*/*Petición* like the rest of Turnos) are still read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from scheduler.domain import Agent, Project, RequestKind
from scheduler.export.cells import put
from scheduler.files import ExportError, atomic_write
from scheduler.i18n import add_translations, tr, weekday
from scheduler.spreadsheets.reading import fold

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "LAYOUTS",
    "META_SHEET",
    "Code",
    "TemplateInfo",
    "TemplateSheet",
    "build_template_workbook",
    "code_label",
    "code_labels",
    "code_of",
    "fingerprint",
    "template_file_name",
    "write_availability_templates",
]

FORMAT = "turnos-availability-template"
FORMAT_VERSION = 1
META_SHEET = "_turnos"
LAYOUTS = ("agent", "team", "grid")


class Code(str, Enum):
    """What an agent can answer for a day."""

    DAY_OFF = "day_off"
    VACATION = "vacation"
    UNAVAILABLE = "unavailable"
    PREFER_MORNING = "prefer_morning"
    PREFER_AFTERNOON = "prefer_afternoon"
    PREFER_NIGHT = "prefer_night"
    AVAILABLE = "available"

    @property
    def request_kind(self) -> RequestKind | None:
        """The request this answer becomes; ``None`` for *available* (no request)."""
        return None if self is Code.AVAILABLE else RequestKind(self.value)


#: The code as shown in the dropdown, per language (the import accepts both).
CODE_LABELS: dict[str, dict[Code, str]] = {
    "en": {
        Code.DAY_OFF: "day off", Code.VACATION: "vacation", Code.UNAVAILABLE: "unavailable",
        Code.PREFER_MORNING: "morning", Code.PREFER_AFTERNOON: "afternoon",
        Code.PREFER_NIGHT: "night", Code.AVAILABLE: "available",
    },
    "es": {
        Code.DAY_OFF: "libre", Code.VACATION: "vacaciones", Code.UNAVAILABLE: "no disponible",
        Code.PREFER_MORNING: "mañana", Code.PREFER_AFTERNOON: "tarde",
        Code.PREFER_NIGHT: "noche", Code.AVAILABLE: "disponible",
    },
}

#: More spellings people type, besides both languages' labels and the domain names
#: (``prefer_morning``). Compared after :func:`~scheduler.spreadsheets.reading.fold`.
_EXTRA_ALIASES: dict[Code, tuple[str, ...]] = {
    Code.DAY_OFF: ("off", "day off requested", "dia libre", "descanso", "libranza", "libre solicitado"),
    Code.VACATION: ("vacations", "holiday", "holidays", "vacacion"),
    Code.UNAVAILABLE: ("not available", "no disponibilidad"),
    Code.PREFER_MORNING: ("prefer morning", "prefers morning", "prefiere manana", "manana preferida"),
    Code.PREFER_AFTERNOON: ("prefer afternoon", "prefers afternoon", "prefiere tarde", "tarde preferida"),
    Code.PREFER_NIGHT: ("prefer night", "prefers night", "prefiere noche", "noche preferida"),
    Code.AVAILABLE: ("disponible todo el dia", "any"),
}

_ALIASES: dict[str, Code] = {}
for _code in Code:
    for _text in (_code.value, CODE_LABELS["en"][_code], CODE_LABELS["es"][_code], *_EXTRA_ALIASES[_code]):
        _ALIASES[fold(_text)] = _code


def code_of(text: Any) -> Code | None:
    """The code a cell means (case, accents and spaces ignored), or ``None`` if it is not one."""
    if not isinstance(text, str):
        return None
    return _ALIASES.get(fold(text))


def code_label(code: Code, language: str | None = None) -> str:
    """The code as the template shows it in ``language`` (default: the current one)."""
    return CODE_LABELS["es" if _lang(language) == "es" else "en"][code]


def code_labels(language: str | None = None) -> list[str]:
    return [code_label(code, language) for code in Code]


_MEANINGS = {
    Code.DAY_OFF: "I ask for this day off (honoured when cover allows, by priority)",
    Code.VACATION: "Vacation (paid leave) on this day",
    Code.UNAVAILABLE: "I cannot work at all on this day",
    Code.PREFER_MORNING: "I would rather work a morning shift",
    Code.PREFER_AFTERNOON: "I would rather work an afternoon shift",
    Code.PREFER_NIGHT: "I would rather work a night shift",
    Code.AVAILABLE: "I can work any shift (withdraws an earlier request for the day)",
}

#: The template's own words (sheet names, headers), kept out of the shared catalog
#: so that another module's translation cannot rename the sheet agents see (the
#: importer finds sheets by the title recorded in ``_turnos`` anyway, so templates
#: sent with the earlier titles "Solicitudes"/"Solicitud" are read as well).
LABELS_ES = {
    "Availability": "Disponibilidad",
    "Availability grid": "Cuadrícula de disponibilidad",
    "Requests": "Peticiones",
    "Team requests": "Peticiones del equipo",
    "Legend": "Leyenda",
    "Date": "Fecha",
    "Day": "Día",
    "Request": "Petición",
    "Priority (1–5)": "Prioridad (1–5)",
    "Priority": "Prioridad",
    "Notes": "Notas",
    "Code": "Código",
    "Meaning": "Significado",
    "Agent ID": "ID agente",
    "Agent": "Agente",
    "Period": "Periodo",
    "(blank)": "(en blanco)",
}


def label(text: str, language: str | None = None) -> str:
    """One of the template's own words in ``language``."""
    return LABELS_ES[text] if _lang(language) == "es" else text


add_translations({
    "Availability — {center}": "Disponibilidad — {center}",
    "For each day, choose a code from the list (leave it blank if you have no request), "
    "a priority from 1 (nice to have) to 5 (very important), and a note if you wish.":
        "Para cada día elige un código de la lista (déjalo en blanco si no pides nada), "
        "una prioridad de 1 (me vendría bien) a 5 (muy importante) y, si quieres, una nota.",
    "Priority: 1 = nice to have … 5 = very important (blank = 3).":
        "Prioridad: 1 = me vendría bien … 5 = muy importante (en blanco = 3).",
    "Not a code": "Código no válido",
    "Choose one of: {codes}": "Elige uno de: {codes}",
    "Not a priority": "Prioridad no válida",
    "Write a whole number from 1 to 5": "Escribe un número entero del 1 al 5",
    _MEANINGS[Code.DAY_OFF]: "Pido el día libre (se concede si la cobertura lo permite, según la prioridad)",
    _MEANINGS[Code.VACATION]: "Vacaciones (permiso retribuido) ese día",
    _MEANINGS[Code.UNAVAILABLE]: "No puedo trabajar nada ese día",
    _MEANINGS[Code.PREFER_MORNING]: "Prefiero un turno de mañana",
    _MEANINGS[Code.PREFER_AFTERNOON]: "Prefiero un turno de tarde",
    _MEANINGS[Code.PREFER_NIGHT]: "Prefiero un turno de noche",
    _MEANINGS[Code.AVAILABLE]: "Puedo trabajar cualquier turno (anula una petición anterior de ese día)",
    "No request: the day stays as the team lead has it": "Sin petición: el día queda como lo tenga el responsable",
    # refusals (in the language of the person making the templates, not of the templates)
    "The template layout must be one of {layouts}, got {layout}":
        "El formato de la plantilla debe ser uno de {layouts}, no {layout}",
    "The project has no agents to make availability templates for":
        "El proyecto no tiene agentes para los que hacer plantillas de disponibilidad",
    "A per-agent template holds exactly one agent": "Una plantilla por agente lleva exactamente un agente",
    "Cannot create the folder {folder} ({reason}); choose another folder for the templates.":
        "No se puede crear la carpeta {folder} ({reason}); elige otra carpeta para las plantillas.",
    "Unknown agent ID: {ids}": "ID de agente desconocido: {ids}",
})

# -- layout -------------------------------------------------------------------------

#: Per-agent sheet ("agent" and "team" layouts): cells by (row, column).
ID_CELL = (2, 2)
NAME_CELL = (3, 2)
PERIOD_CELL = (4, 2)
HEADER_ROW = 6
FIRST_DAY_ROW = 7
DATE_COL, WEEKDAY_COL, CODE_COL, PRIORITY_COL, NOTE_COL = 1, 2, 3, 4, 5
LEGEND_COL = 7

#: Grid sheet: weekdays and dates across, three rows per agent.
GRID_WEEKDAY_ROW = 4
GRID_DATE_ROW = 5
GRID_FIRST_AGENT_ROW = 6
GRID_BLOCK = 3  # code, priority, notes
GRID_ID_COL, GRID_NAME_COL, GRID_LABEL_COL, GRID_FIRST_DAY_COL = 1, 2, 3, 4

NOTE_MAX_LENGTH = 500
DEFAULT_PRIORITY = 3

_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WEEKEND_FILL = PatternFill("solid", fgColor="EDEDED")
_ANSWER_FILL = PatternFill("solid", fgColor="FFFBE6")
_THIN = Side(style="thin", color="B7B7B7")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED = Protection(locked=False)


def _date_format(language: str | None) -> str:
    return "dd/mm/yyyy" if _lang(language) == "es" else "yyyy-mm-dd"


def _lang(language: str | None) -> str:
    from scheduler.i18n import language as current

    return language or current()


# -- metadata ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateSheet:
    """One answer sheet of a template: its agents (in order) and the locked cells' fingerprint."""

    title: str
    layout: str  # "agent" (days down) or "grid" (days across)
    agent_ids: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True)
class TemplateInfo:
    """What the hidden ``_turnos`` sheet says about a template."""

    version: int
    layout: str
    center: str
    horizon_start: date
    horizon_end: date
    language: str
    sheets: tuple[TemplateSheet, ...]


def canonical(value: Any) -> str:
    """A cell value as fingerprint text: dates as ISO days, whole floats as integers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fingerprint(parts: Iterable[Any]) -> str:
    """SHA-256 of the locked cells' canonical texts (agent IDs, names, dates)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(canonical(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def agent_sheet_parts(agent_id: Any, name: Any, dates: Sequence[Any]) -> list[Any]:
    return ["agent", agent_id, name, *dates]


def grid_sheet_parts(people: Sequence[tuple[Any, Any]], dates: Sequence[Any]) -> list[Any]:
    return ["grid", *[v for pair in people for v in pair], *dates]


_META_KEYS = ("format", "version", "layout", "center", "horizon_start", "horizon_end", "language")
META_SHEETS_ROW = 10


def _write_meta(workbook: Workbook, info: TemplateInfo) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    values = (FORMAT, str(info.version), info.layout, info.center, info.horizon_start.isoformat(),
              info.horizon_end.isoformat(), info.language)
    for r, (key, value) in enumerate(zip(_META_KEYS, values), start=1):
        put(sheet, r, 1, key)
        put(sheet, r, 2, value)
    for c, title in enumerate(("sheet", "layout", "agent_ids", "fingerprint"), start=1):
        put(sheet, META_SHEETS_ROW, c, title)
    for r, item in enumerate(info.sheets, start=META_SHEETS_ROW + 1):
        put(sheet, r, 1, item.title)
        put(sheet, r, 2, item.layout)
        put(sheet, r, 3, json.dumps(list(item.agent_ids), ensure_ascii=False))
        put(sheet, r, 4, item.fingerprint)
    sheet.protection.sheet = True
    sheet.sheet_state = "veryHidden"


def read_meta(workbook) -> TemplateInfo:
    """The template information of a workbook; ``ValueError`` when missing or damaged.

    The message of a missing sheet starts with ``"missing"``; of a damaged one with ``"damaged"``.
    """
    if META_SHEET not in workbook.sheetnames:
        raise ValueError("missing")
    sheet = workbook[META_SHEET]
    rows = [tuple(r) for r in sheet.iter_rows(max_col=4, values_only=True)]

    def cell(r: int, c: int) -> Any:
        return rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None

    try:
        values = {key: cell(r, 2) for r, key in enumerate(_META_KEYS, start=1)}
        if [cell(r, 1) for r in range(1, len(_META_KEYS) + 1)] != list(_META_KEYS):
            raise ValueError("keys")
        if values["format"] != FORMAT:
            raise ValueError("format")
        version = int(str(values["version"]))
        layout = str(values["layout"])
        if layout not in LAYOUTS:
            raise ValueError("layout")
        sheets = []
        for r in range(META_SHEETS_ROW + 1, len(rows) + 1):
            if cell(r, 1) is None:
                break
            ids = json.loads(str(cell(r, 3)))
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise ValueError("ids")
            sheet_layout = str(cell(r, 2))
            if sheet_layout not in ("agent", "grid"):
                raise ValueError("sheet layout")
            sheets.append(TemplateSheet(str(cell(r, 1)), sheet_layout, tuple(ids), str(cell(r, 4))))
        if not sheets:
            raise ValueError("sheets")
        return TemplateInfo(version, layout, str(values["center"]),
                            date.fromisoformat(str(values["horizon_start"])),
                            date.fromisoformat(str(values["horizon_end"])),
                            str(values["language"]) if values["language"] in ("en", "es") else "en",
                            tuple(sheets))
    except (ValueError, TypeError, IndexError) as error:
        raise ValueError(f"damaged: {error}") from None


# -- writing --------------------------------------------------------------------------------

_FORBIDDEN_FILE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sanitize_file_name(text: str, limit: int = 120) -> str:
    """A file name safe on Windows, macOS and Linux: no ``<>:"/\\|?*``, no trailing dots."""
    name = " ".join(_FORBIDDEN_FILE_CHARS.sub(" ", text).split())
    name = name[:limit].strip().rstrip(". ")
    return name or "agent"


def template_file_name(agent: Agent) -> str:
    """``A001 Ana García.xlsx`` (sanitised)."""
    return sanitize_file_name(f"{agent.id} {agent.name}") + ".xlsx"


def _sheet_title(text: str, taken: set[str]) -> str:
    base = " ".join(_FORBIDDEN_SHEET_CHARS.sub(" ", text).split()).strip("'") or "Agent"
    base = base[:31]
    title, n = base, 2
    while title.casefold() in taken or title == META_SHEET:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _code_validation(language: str | None) -> DataValidation:
    labels = code_labels(language)
    check = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                           showErrorMessage=True, showInputMessage=False)
    check.errorTitle = tr("Not a code", language)
    check.error = tr("Choose one of: {codes}", language).format(codes=", ".join(labels))
    return check


def _priority_validation(language: str | None) -> DataValidation:
    check = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                           showErrorMessage=True)
    check.errorTitle = tr("Not a priority", language)
    check.error = tr("Write a whole number from 1 to 5", language)
    return check


def _protect(sheet) -> None:
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # people may widen a column to read a note
    sheet.protection.formatRows = False
    sheet.protection.selectLockedCells = False
    sheet.protection.selectUnlockedCells = False


def _header(sheet, row: int, column: int, text: str):
    cell = put(sheet, row, column, text)
    cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _answer(cell) -> None:
    cell.protection = _UNLOCKED
    cell.fill, cell.border = _ANSWER_FILL, _BOX


def _legend(sheet, row: int, column: int, language: str | None) -> int:
    """Write the legend at ``(row, column)``; returns the last row used."""
    put(sheet, row, column, label("Legend", language)).font = Font(bold=True, size=12)
    _header(sheet, row + 1, column, label("Code", language))
    _header(sheet, row + 1, column + 1, label("Meaning", language))
    r = row + 2
    for code in Code:
        put(sheet, r, column, code_label(code, language)).font = Font(bold=True)
        put(sheet, r, column + 1, tr(_MEANINGS[code], language)).alignment = Alignment(wrap_text=True)
        r += 1
    put(sheet, r, column, label("(blank)", language)).font = Font(italic=True)
    put(sheet, r, column + 1, tr("No request: the day stays as the team lead has it", language))
    put(sheet, r + 2, column, tr("Priority: 1 = nice to have … 5 = very important (blank = 3).", language))
    return r + 2


def _agent_sheet(sheet, project: Project, agent: Agent, language: str | None) -> TemplateSheet:
    dates = project.horizon.dates()
    put(sheet, 1, 1, tr("Availability — {center}", language).format(center=project.site.name)).font = \
        Font(bold=True, size=13)
    for (row, col), caption, value in (
        (ID_CELL, label("Agent ID", language), agent.id),
        (NAME_CELL, label("Agent", language), agent.name),
        (PERIOD_CELL, label("Period", language),
         f"{dates[0].isoformat()} – {dates[-1].isoformat()}"),
    ):
        put(sheet, row, col - 1, caption).font = Font(bold=True)
        put(sheet, row, col, value)
    note = put(sheet, 5, 1, tr("For each day, choose a code from the list (leave it blank if you have no "
                               "request), a priority from 1 (nice to have) to 5 (very important), and a "
                               "note if you wish.", language))
    note.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=NOTE_COL)
    sheet.row_dimensions[5].height = 45
    for col, text in ((DATE_COL, label("Date", language)), (WEEKDAY_COL, label("Day", language)),
                      (CODE_COL, label("Request", language)), (PRIORITY_COL, label("Priority (1–5)", language)),
                      (NOTE_COL, label("Notes", language))):
        _header(sheet, HEADER_ROW, col, text)
    codes, priorities = _code_validation(language), _priority_validation(language)
    for i, day in enumerate(dates):
        r = FIRST_DAY_ROW + i
        put(sheet, r, DATE_COL, day, _date_format(language)).border = _BOX
        put(sheet, r, WEEKDAY_COL, weekday(day.weekday(), language)).border = _BOX
        if day.weekday() >= 5:
            sheet.cell(r, DATE_COL).fill = sheet.cell(r, WEEKDAY_COL).fill = _WEEKEND_FILL
        for col in (CODE_COL, PRIORITY_COL, NOTE_COL):
            _answer(sheet.cell(r, col))
        sheet.cell(r, NOTE_COL).alignment = Alignment(wrap_text=True)
    last = FIRST_DAY_ROW + len(dates) - 1
    codes.add(f"{get_column_letter(CODE_COL)}{FIRST_DAY_ROW}:{get_column_letter(CODE_COL)}{last}")
    priorities.add(f"{get_column_letter(PRIORITY_COL)}{FIRST_DAY_ROW}:{get_column_letter(PRIORITY_COL)}{last}")
    sheet.add_data_validation(codes)
    sheet.add_data_validation(priorities)
    legend_end = _legend(sheet, HEADER_ROW - 1, LEGEND_COL, language)

    for letter, width in zip("ABCDEFGH", (13, 8, 16, 15, 42, 3, 15, 60)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(FIRST_DAY_ROW, 1)
    sheet.print_area = f"A1:{get_column_letter(LEGEND_COL + 1)}{max(last, legend_end)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(sheet)
    return TemplateSheet(sheet.title, "agent", (agent.id,),
                         fingerprint(agent_sheet_parts(agent.id, agent.name, dates)))


def _grid_sheet(sheet, project: Project, agents: Sequence[Agent], language: str | None) -> TemplateSheet:
    dates = project.horizon.dates()
    put(sheet, 1, 1, tr("Availability — {center}", language).format(center=project.site.name)).font = \
        Font(bold=True, size=13)
    put(sheet, 2, 1, label("Period", language)).font = Font(bold=True)
    put(sheet, 2, 2, f"{dates[0].isoformat()} – {dates[-1].isoformat()}")
    put(sheet, 3, 1, tr("For each day, choose a code from the list (leave it blank if you have no request), "
                        "a priority from 1 (nice to have) to 5 (very important), and a note if you wish.",
                        language))
    _header(sheet, GRID_DATE_ROW, GRID_ID_COL, label("Agent ID", language))
    _header(sheet, GRID_DATE_ROW, GRID_NAME_COL, label("Agent", language))
    _header(sheet, GRID_DATE_ROW, GRID_LABEL_COL, "")
    last_col = GRID_FIRST_DAY_COL + len(dates) - 1
    for i, day in enumerate(dates):
        col = GRID_FIRST_DAY_COL + i
        top = _header(sheet, GRID_WEEKDAY_ROW, col, weekday(day.weekday(), language))
        cell = _header(sheet, GRID_DATE_ROW, col, None)
        put(sheet, GRID_DATE_ROW, col, day, "dd/mm" if _lang(language) == "es" else "d mmm")
        if day.weekday() >= 5:
            top.fill = cell.fill = _WEEKEND_FILL
        sheet.column_dimensions[get_column_letter(col)].width = 8.5
    codes, priorities = _code_validation(language), _priority_validation(language)
    first, last_letter = get_column_letter(GRID_FIRST_DAY_COL), get_column_letter(last_col)
    labels = (label("Request", language), label("Priority", language), label("Notes", language))
    for n, agent in enumerate(agents):
        r = GRID_FIRST_AGENT_ROW + n * GRID_BLOCK
        put(sheet, r, GRID_ID_COL, agent.id).font = Font(bold=True)
        put(sheet, r, GRID_NAME_COL, agent.name).font = Font(bold=True)
        for k, caption in enumerate(labels):
            put(sheet, r + k, GRID_LABEL_COL, caption).font = Font(italic=True, color="555555")
            for col in range(GRID_FIRST_DAY_COL, last_col + 1):
                _answer(sheet.cell(r + k, col))
            if k == 2:
                for col in range(GRID_ID_COL, last_col + 1):
                    sheet.cell(r + k, col).border = Border(bottom=Side(style="medium", color="808080"),
                                                           left=_THIN, right=_THIN)
        codes.add(f"{first}{r}:{last_letter}{r}")
        priorities.add(f"{first}{r + 1}:{last_letter}{r + 1}")
    sheet.add_data_validation(codes)
    sheet.add_data_validation(priorities)
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 10
    sheet.freeze_panes = sheet.cell(GRID_FIRST_AGENT_ROW, GRID_FIRST_DAY_COL)
    sheet.print_title_rows = f"{GRID_WEEKDAY_ROW}:{GRID_DATE_ROW}"
    sheet.print_title_cols = "A:C"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(sheet)
    return TemplateSheet(sheet.title, "grid", tuple(a.id for a in agents),
                         fingerprint(grid_sheet_parts([(a.id, a.name) for a in agents], dates)))


def build_template_workbook(project: Project, agents: Sequence[Agent], layout: str = "agent",
                            language: str | None = None) -> Workbook:
    """The template workbook for ``agents`` (one agent for the ``agent`` layout)."""
    if layout not in LAYOUTS:
        raise ValueError(tr("The template layout must be one of {layouts}, got {layout}")
                         .format(layouts=", ".join(LAYOUTS), layout=repr(layout)))
    if not agents:
        raise ValueError(tr("The project has no agents to make availability templates for"))
    if layout == "agent" and len(agents) != 1:
        raise ValueError(tr("A per-agent template holds exactly one agent"))
    language = _lang(language)
    workbook = Workbook()
    first = workbook.active
    sheets: list[TemplateSheet] = []
    if layout == "grid":
        first.title = _sheet_title(label("Team requests", language), set())
        sheets.append(_grid_sheet(first, project, agents, language))
        legend = workbook.create_sheet(_sheet_title(label("Legend", language), {first.title.casefold()}))
        _legend(legend, 1, 1, language)
        legend.column_dimensions["A"].width = 15
        legend.column_dimensions["B"].width = 70
        legend.page_setup.orientation = "landscape"
        legend.page_setup.fitToWidth = 1
        legend.page_setup.fitToHeight = 0
        legend.sheet_properties.pageSetUpPr.fitToPage = True
        _protect(legend)
    elif layout == "agent":
        first.title = label("Requests", language)
        sheets.append(_agent_sheet(first, project, agents[0], language))
    else:
        taken: set[str] = set()
        workbook.remove(first)
        for agent in agents:
            sheet = workbook.create_sheet(_sheet_title(f"{agent.id} {agent.name}", taken))
            sheets.append(_agent_sheet(sheet, project, agent, language))
    _write_meta(workbook, TemplateInfo(FORMAT_VERSION, layout, project.site.name, project.horizon.start,
                                       project.horizon.end, language, tuple(sheets)))
    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


def write_availability_templates(project: Project, folder: str | os.PathLike, *, layout: str = "agent",
                                 language: str | None = None,
                                 agent_ids: Iterable[str] | None = None) -> list[Path]:
    """Write templates for the project's horizon into ``folder`` (created if missing).

    ``layout="agent"``: one file per agent; ``"team"``: one workbook, a sheet
    per agent; ``"grid"``: one sheet, agents × days. ``agent_ids`` limits the
    agents (default: all). Files are written atomically; returns their paths.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file of that name, a read-only place …
        raise ExportError(tr("Cannot create the folder {folder} ({reason}); choose another folder for the "
                             "templates.").format(folder=folder, reason=error.strerror or error)) from None
    language = _lang(language)
    agents = list(project.agents)
    if agent_ids is not None:
        wanted = set(agent_ids)
        unknown = wanted - {a.id for a in agents}
        if unknown:
            raise ValueError(tr("Unknown agent ID: {ids}").format(ids=", ".join(sorted(unknown))))
        agents = [a for a in agents if a.id in wanted]
    start = project.horizon.start.isoformat()
    if layout == "agent":
        jobs = []
        taken: set[str] = set()
        for agent in agents:
            path, n = folder / template_file_name(agent), 2
            while path.name.casefold() in taken:  # two IDs that sanitise alike ("A/1", "A 1")
                path, n = folder / f"{Path(template_file_name(agent)).stem} ({n}).xlsx", n + 1
            taken.add(path.name.casefold())
            jobs.append((path, [agent]))
    else:
        title = label("Availability grid" if layout == "grid" else "Availability", language)
        jobs = [(folder / (sanitize_file_name(f"{title} {project.site.name} {start}") + ".xlsx"), agents)]
    written = []
    for path, group in jobs:
        workbook = build_template_workbook(project, group, layout, language)
        written.append(atomic_write(path, lambda tmp, wb=workbook: wb.save(tmp)))
    return written
