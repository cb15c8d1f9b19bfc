"""Reading filled availability templates back into the project's requests.

:func:`import_availability` is pure: it reads files, never writes, and returns
an :class:`~scheduler.spreadsheets.reading.ImportReport` with the new project;
:func:`~scheduler.spreadsheets.reading.save_import` writes it in one transaction.

Each file is checked whole; a file with any error changes nothing. For every
agent of a valid file, its answers replace that agent's requests on the
template's dates (the whole horizon), except approved absences — vacations and
days off the team lead marked approved — which only the team lead changes: an
answer contradicting one is listed as a conflict and the approved absence kept.
A blank day means "no request"; *available* says so explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.domain import Project, Request, RequestKind
from scheduler.i18n import add_translations, tr
from scheduler.spreadsheets.availability_template import (
    CODE_COL,
    DATE_COL,
    DEFAULT_PRIORITY,
    FIRST_DAY_ROW,
    FORMAT_VERSION,
    GRID_BLOCK,
    META_SHEET,
    GRID_DATE_ROW,
    GRID_FIRST_AGENT_ROW,
    GRID_FIRST_DAY_COL,
    GRID_ID_COL,
    GRID_NAME_COL,
    ID_CELL,
    NAME_CELL,
    NOTE_COL,
    NOTE_MAX_LENGTH,
    PRIORITY_COL,
    Code,
    TemplateInfo,
    TemplateSheet,
    agent_sheet_parts,
    canonical,
    code_label,
    code_labels,
    code_of,
    fingerprint,
    grid_sheet_parts,
    read_meta,
)
from scheduler.spreadsheets.conflicts import (
    Conflict,
    ConflictRules,
    approved,
    contradiction,
    new_vacations,
    staffing_conflicts,
)
from scheduler.spreadsheets.reading import (
    DEFAULT_LIMITS,
    CellValueError,
    FileRefused,
    ImportReport,
    LocatedError,
    ReadLimits,
    Table,
    cell_ref,
    is_blank,
    parse_date,
    parse_int,
    parse_text,
    position,
    read_file_bytes,
    read_workbook,
    sheet_table,
    show_value,
)

__all__ = ["Answer", "AppliedFile", "import_availability", "read_template", "template_files"]

#: Files a folder import looks at; the ones that are not .xlsx are reported, not skipped.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")

add_translations({
    "{value} is not a code; use one of {codes}": "{value} no es un código; usa uno de {codes}",
    "{value} is not a priority; use a whole number from 1 (nice to have) to 5 (very important)":
        "{value} no es una prioridad; usa un número entero del 1 (me vendría bien) al 5 (muy importante)",
    "this is not a Turnos availability template (it has no {sheet} sheet); fill in a template "
    "made with Export availability templates":
        "no es una plantilla de disponibilidad de Turnos (no tiene la hoja {sheet}); rellena una "
        "plantilla creada con Exportar plantillas de disponibilidad",
    "the template's hidden information ({sheet} sheet) is damaged; use a fresh template":
        "la información oculta de la plantilla (hoja {sheet}) está dañada; usa una plantilla nueva",
    "the template was made by a newer Turnos (format {version}); update Turnos to import it":
        "la plantilla la creó un Turnos más nuevo (formato {version}); actualiza Turnos para importarla",
    "the template is for the horizon {template}, but the project plans {project}; send the agent "
    "a template for this horizon":
        "la plantilla es del periodo {template}, pero el proyecto planifica {project}; envía al "
        "agente una plantilla de este periodo",
    "the template is for the center {template}, not {project}":
        "la plantilla es del centro {template}, no de {project}",
    "the sheet is missing; sheets of a template must not be renamed or deleted":
        "falta la hoja; las hojas de una plantilla no se pueden renombrar ni borrar",
    "agent {agent} is not in the project's agent list": "el agente {agent} no está en la lista de agentes del proyecto",
    "the agent ID was changed to {value}; this template is for {agent}. The name, ID and dates "
    "are locked: use the template as it was sent":
        "el ID de agente se cambió a {value}; esta plantilla es de {agent}. El nombre, el ID y las "
        "fechas están bloqueados: usa la plantilla tal como se envió",
    "the agent name was changed; the name, ID and dates are locked: use the template as it was sent":
        "se cambió el nombre del agente; el nombre, el ID y las fechas están bloqueados: usa la "
        "plantilla tal como se envió",
    "{value} is outside the planning horizon {horizon}; dates are locked: use the template as it "
    "was sent":
        "{value} está fuera del periodo planificado {horizon}; las fechas están bloqueadas: usa la "
        "plantilla tal como se envió",
    "the date was changed to {value} (it was {expected}); dates are locked: use the template as it "
    "was sent":
        "la fecha se cambió a {value} (era {expected}); las fechas están bloqueadas: usa la plantilla "
        "tal como se envió",
    "only the days of the horizon can be answered; this cell is after the last day":
        "solo se pueden contestar los días del periodo; esta celda está después del último día",
    "{agent} is also answered in {other}; import one file per agent":
        "{agent} también tiene respuestas en {other}; importa un solo archivo por agente",
    "only .xlsx templates can be imported": "solo se pueden importar plantillas .xlsx",
    "no templates (.xlsx files) in this folder": "no hay plantillas (archivos .xlsx) en esta carpeta",
    "the file or folder does not exist": "el archivo o la carpeta no existe",
})


@dataclass(frozen=True)
class Answer:
    """One answered day of a template."""

    agent_id: str
    day: date
    code: Code
    priority: int
    note: str
    sheet: str
    cell: str


@dataclass(frozen=True)
class AppliedFile:
    """A template that was applied: its answers (blank days are not answers) and the
    earlier requests of its agents that no answer replaced (withdrawn)."""

    file: str
    agent_ids: tuple[str, ...]
    answers: tuple[Answer, ...]
    withdrawn: tuple[Request, ...] = ()

    @property
    def count(self) -> int:
        return len(self.answers)


def template_files(source: str | os.PathLike) -> list[Path]:
    """``source`` itself, or the spreadsheets of a folder (sorted; Excel's ``~$`` lock files skipped)."""
    source = Path(source)
    if not source.is_dir():
        return [source]
    return sorted((p for p in source.iterdir()
                   if p.is_file() and p.suffix.lower() in SPREADSHEET_SUFFIXES
                   and not p.name.startswith(("~$", "."))), key=lambda p: p.name.casefold())


def import_availability(project: Project, source: str | os.PathLike | Iterable[str | os.PathLike], *,
                        language: str | None = None, limits: ReadLimits = DEFAULT_LIMITS,
                        rules: ConflictRules = ConflictRules()) -> ImportReport:
    """Read one template, a folder of templates, or a list of files; never writes.

    Returns an :class:`ImportReport` whose ``project`` has the valid files'
    answers applied, ``errors`` the located problems of the other files, and
    ``conflicts`` what the team lead must decide.
    """
    if isinstance(source, (str, os.PathLike)):
        source_path = Path(source)
        if not source_path.exists():
            return ImportReport(project, project, errors=(LocatedError(
                source_path.name, message=tr("the file or folder does not exist", language)),))
        paths = template_files(source_path)
        if source_path.is_dir() and not paths:
            return ImportReport(project, project, errors=(LocatedError(
                source_path.name, message=tr("no templates (.xlsx files) in this folder", language)),))
    else:
        paths = [Path(p) for p in source]

    errors: list[LocatedError] = []
    accepted: list[tuple[str, list[str], list[Answer]]] = []
    answered_in: dict[str, str] = {}
    for path in paths:
        agent_ids, answers, problems = read_template(path, project, language=language, limits=limits)
        if not problems:
            for agent_id in agent_ids:
                if agent_id in answered_in:
                    problems.append(LocatedError(path.name, message=tr(
                        "{agent} is also answered in {other}; import one file per agent", language)
                        .format(agent=agent_id, other=answered_in[agent_id])))
        if problems:
            errors.extend(problems)
            continue
        for agent_id in agent_ids:
            answered_in[agent_id] = path.name
        accepted.append((path.name, agent_ids, answers))

    requests, applied, conflicts, touched = _apply(project, accepted, language)
    new_project = replace(project, requests=tuple(requests))
    conflicts.extend(staffing_conflicts(new_project, touched, rules, language))
    return ImportReport(project, new_project, tuple(applied), tuple(errors), tuple(conflicts))


def _apply(project: Project, accepted, language):
    """The requests after the accepted files, and what to report."""
    base = list(project.requests)
    approved_at = {(r.agent_id, r.day): r for r in base if approved(r)}
    off_before = {(r.agent_id, r.day) for r in base if r.kind.is_day_off}
    vacation_before = {(r.agent_id, r.day) for r in base if r.kind is RequestKind.VACATION}
    dates = project.horizon.dates()
    replaced: set[tuple[str, date]] = set()
    added: list[Request] = []
    applied: list[AppliedFile] = []
    conflicts: list[Conflict] = []
    touched: set[date] = set()
    for file, agent_ids, answers in accepted:
        by_key = {(a.agent_id, a.day): a for a in answers}
        for agent_id in agent_ids:
            agent = project.agent(agent_id)
            vacation_days = []
            for day in dates:
                key = (agent_id, day)
                answer = by_key.get(key)
                kept = approved_at.get(key)
                if kept is not None:
                    # Approved absences stay; other requests of that day go.
                    replaced.add(key)
                    if answer is not None and _contradicts(answer.code, kept):
                        conflicts.append(contradiction(agent, day, code_label(answer.code, language), kept,
                                                       file, language))
                    continue
                replaced.add(key)
                if answer is None or answer.code is Code.AVAILABLE:
                    continue
                kind = answer.code.request_kind
                added.append(Request(agent_id, day, kind, hard=False, priority=answer.priority,
                                     note=answer.note))
                if kind.is_day_off and key not in off_before:
                    touched.add(day)
                if kind is RequestKind.VACATION and key not in vacation_before:
                    vacation_days.append(day)
            conflicts.extend(new_vacations(agent, vacation_days, file, language))
        answered = {key for key, a in by_key.items() if a.code is not Code.AVAILABLE}
        withdrawn = tuple(r for r in base if r.agent_id in agent_ids and r.day in project.horizon
                          and (r.agent_id, r.day) not in answered and not approved(r))
        applied.append(AppliedFile(file, tuple(agent_ids), tuple(answers), withdrawn))
    kept_requests = [r for r in base
                     if (r.agent_id, r.day) not in replaced or approved_at.get((r.agent_id, r.day)) is r]
    return kept_requests + added, applied, conflicts, touched


def _contradicts(code: Code, kept: Request) -> bool:
    """Whether an answer disagrees with an approved absence (asking to be off agrees)."""
    if code in (Code.AVAILABLE, Code.PREFER_MORNING, Code.PREFER_AFTERNOON, Code.PREFER_NIGHT):
        return True
    return code is Code.VACATION and kept.kind is not RequestKind.VACATION


# -- reading one file ------------------------------------------------------------------------

def read_template(path: Path, project: Project, *, language: str | None = None,
                  limits: ReadLimits = DEFAULT_LIMITS) -> tuple[list[str], list[Answer], list[LocatedError]]:
    """``(agent_ids, answers, errors)`` of one filled template, checked against ``project``."""
    name = path.name

    def whole(message: str) -> tuple[list[str], list[Answer], list[LocatedError]]:
        return [], [], [LocatedError(name, message=message)]

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return whole(tr("only .xlsx templates can be imported", language))
    try:
        data = read_file_bytes(path, limits, language)
        workbook = read_workbook(path, limits=limits, language=language, data=data)
    except FileRefused as refused:
        return whole(str(refused))
    try:
        return _read_workbook(workbook, data, name, project, language)
    finally:
        workbook.close()


def _read_workbook(workbook, data: bytes, name: str, project: Project, language: str | None):
    def whole(message: str, sheet: str = ""):
        return [], [], [LocatedError(name, sheet, "", message)]

    try:
        info = read_meta(workbook)
    except ValueError as error:
        if str(error) == "missing":
            return whole(tr("this is not a Turnos availability template (it has no {sheet} sheet); fill in a "
                            "template made with Export availability templates", language)
                         .format(sheet=META_SHEET))
        return whole(tr("the template's hidden information ({sheet} sheet) is damaged; use a fresh template",
                        language).format(sheet=META_SHEET))
    if info.version > FORMAT_VERSION:
        return whole(tr("the template was made by a newer Turnos (format {version}); update Turnos to "
                        "import it", language).format(version=info.version))
    horizon = project.horizon
    if info.center != project.site.name:
        return whole(tr("the template is for the center {template}, not {project}", language)
                     .format(template=info.center, project=project.site.name))
    if (info.horizon_start, info.horizon_end) != (horizon.start, horizon.end):
        return whole(tr("the template is for the horizon {template}, but the project plans {project}; send "
                        "the agent a template for this horizon", language).format(
            template=f"{info.horizon_start.isoformat()} – {info.horizon_end.isoformat()}",
            project=f"{horizon.start.isoformat()} – {horizon.end.isoformat()}"))
    agent_ids: list[str] = []
    answers: list[Answer] = []
    errors: list[LocatedError] = []
    for item in info.sheets:
        if item.title not in workbook.sheetnames:
            errors.append(LocatedError(name, item.title, "", tr(
                "the sheet is missing; sheets of a template must not be renamed or deleted", language)))
            continue
        table = sheet_table(workbook, workbook[item.title], name, data=data, language=language)
        reader = _SheetReader(table, item, info, project, language)
        if item.layout == "grid":
            reader.read_grid()
        else:
            reader.read_agent()
        agent_ids.extend(item.agent_ids)
        answers.extend(reader.answers)
        errors.extend(sorted(reader.errors, key=position))  # the sheet's problems in reading order
    return agent_ids, answers, errors


class _SheetReader:
    """Checks one answer sheet and collects its answers and located errors."""

    def __init__(self, table: Table, item: TemplateSheet, info: TemplateInfo, project: Project,
                 language: str | None) -> None:
        self.table, self.item, self.info, self.project = table, item, info, project
        self.language = language
        self.answers: list[Answer] = []
        self.errors: list[LocatedError] = []
        self.agent_ids = {a.id for a in project.agents}
        self.codes = ", ".join(code_labels(info.language))

    def error(self, row: int, column: int, message: str) -> None:
        self.errors.append(self.table.error(row, column, message))

    # -- locked cells --------------------------------------------------------------------
    def check_agent(self, row: int, column: int, expected: str) -> bool:
        value = self.table.raw(row, column)
        if canonical(value) != expected:
            self.error(row, column, tr(
                "the agent ID was changed to {value}; this template is for {agent}. The name, ID and dates are "
                "locked: use the template as it was sent", self.language).format(
                value=show_value(value if value is not None else ""), agent=expected))
            return False
        if expected not in self.agent_ids:
            self.error(row, column, tr("agent {agent} is not in the project's agent list", self.language)
                       .format(agent=expected))
            return False
        return True

    def check_date(self, row: int, column: int, expected: date) -> bool:
        value = self.table.raw(row, column)
        if canonical(value) == expected.isoformat():
            return True
        horizon = self.project.horizon
        try:
            found = parse_date(value, epoch=self.table.epoch, language=self.language)
        except CellValueError:
            found = None
        if found is not None and found not in horizon:
            self.error(row, column, tr(
                "{value} is outside the planning horizon {horizon}; dates are locked: use the template as it "
                "was sent", self.language).format(
                value=found.isoformat(), horizon=f"{horizon.start.isoformat()} – {horizon.end.isoformat()}"))
        else:
            self.error(row, column, tr(
                "the date was changed to {value} (it was {expected}); dates are locked: use the template as "
                "it was sent", self.language).format(value=show_value(value if value is not None else ""),
                                                     expected=expected.isoformat()))
        return False

    def check_merged(self, first_row: int, last_row: int, columns: range) -> set[tuple[int, int]]:
        """Merged answer cells would hide the answers of the days they cover: refused, located.

        Returns the cells the merged ranges cover (their answers are not read: the range is the error).
        """
        covered: set[tuple[int, int]] = set()
        wanted = set(columns)
        for r1, c1, r2, c2, ref in self.table.merged:
            if r1 <= last_row and r2 >= first_row and any(c1 <= c <= c2 for c in wanted):
                self.errors.append(LocatedError(self.table.file, self.table.sheet, ref.split(":")[0], tr(
                    "cells {cells} are merged; unmerge them so that every cell holds its own value",
                    self.language).format(cells=ref)))
                covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        return covered

    def check_fingerprint(self, parts: list[Any], row: int, column: int) -> None:
        """``parts`` hold the IDs and dates as sent (checked on their own) and the names as found:
        a different fingerprint means a changed name."""
        if fingerprint(parts) != self.item.fingerprint:
            self.error(row, column, tr("the agent name was changed; the name, ID and dates are locked: use the "
                                       "template as it was sent", self.language))

    # -- answer cells ------------------------------------------------------------------------
    def answer(self, agent_id: str, day: date, code_at: tuple[int, int], priority_at: tuple[int, int],
               note_at: tuple[int, int], covered: set[tuple[int, int]] = frozenset()) -> None:
        """Read one day's answer; cells of a merged range (``covered``, already reported) are skipped."""
        if covered and {code_at, priority_at, note_at} & covered:
            return
        code = self._cell(code_at, self._code)
        priority = self._cell(priority_at, self._priority)
        note = self._cell(note_at, lambda v: parse_text(v, max_length=NOTE_MAX_LENGTH, booleans=True,
                                                     language=self.language))
        if code is None or priority is None or note is None:
            return
        if code is not _BLANK:
            self.answers.append(Answer(agent_id, day, code,
                                       DEFAULT_PRIORITY if priority is _BLANK else priority,
                                       "" if note is _BLANK else note, self.table.sheet, cell_ref(*code_at)))

    def _cell(self, at: tuple[int, int], parse):
        """The parsed value, ``_BLANK`` for an empty cell, ``None`` after recording an error."""
        try:
            value = self.table.value(*at)
            return _BLANK if is_blank(value) else parse(value)
        except CellValueError as problem:
            self.error(*at, str(problem))
            return None

    def _code(self, value: Any) -> Code:
        code = code_of(value)
        if code is None:
            raise CellValueError(tr("{value} is not a code; use one of {codes}", self.language)
                                 .format(value=show_value(value), codes=self.codes))
        return code

    def _priority(self, value: Any) -> int:
        try:
            return parse_int(value, minimum=1, maximum=5, language=self.language)
        except CellValueError:
            raise CellValueError(tr("{value} is not a priority; use a whole number from 1 (nice to have) to 5 "
                                    "(very important)", self.language).format(value=show_value(value))) from None

    def check_below(self, first_row: int, columns: range) -> None:
        """Nothing may be written below the last day (only possible once protection was removed)."""
        horizon = self.project.horizon
        for row in range(first_row, self.table.max_row + 1):
            for column in columns:
                value = self.table.raw(row, column)
                if is_blank(value):
                    continue
                found = None
                if column == DATE_COL:
                    try:
                        found = parse_date(value, epoch=self.table.epoch)
                    except CellValueError:
                        found = None
                if found is not None and found not in horizon:
                    self.error(row, column, tr(
                        "{value} is outside the planning horizon {horizon}; dates are locked: use the template "
                        "as it was sent", self.language).format(
                        value=found.isoformat(), horizon=f"{horizon.start.isoformat()} – {horizon.end.isoformat()}"))
                else:
                    self.error(row, column, tr("only the days of the horizon can be answered; this cell is after "
                                               "the last day", self.language))
                return

    # -- layouts -----------------------------------------------------------------------------
    # Every check runs, so that one import lists every problem of the sheet: a
    # changed ID or date, cells below the last day or merged cells do not stop
    # the answer cells from being read (the file is refused all the same).

    def read_agent(self) -> None:
        if len(self.item.agent_ids) != 1:
            self.errors.append(self.table.error(None, None, tr(
                "the template's hidden information ({sheet} sheet) is damaged; use a fresh template",
                self.language).format(sheet=META_SHEET)))
            return
        agent_id = self.item.agent_ids[0]
        dates = self.project.horizon.dates()
        self.check_agent(*ID_CELL, agent_id)
        self.check_fingerprint(agent_sheet_parts(agent_id, self.table.raw(*NAME_CELL), dates), *NAME_CELL)
        for i, day in enumerate(dates):
            self.check_date(FIRST_DAY_ROW + i, DATE_COL, day)
        self.check_below(FIRST_DAY_ROW + len(dates), range(DATE_COL, NOTE_COL + 1))
        covered = self.check_merged(FIRST_DAY_ROW, FIRST_DAY_ROW + len(dates) - 1, range(DATE_COL, NOTE_COL + 1))
        for i, day in enumerate(dates):
            r = FIRST_DAY_ROW + i
            self.answer(agent_id, day, (r, CODE_COL), (r, PRIORITY_COL), (r, NOTE_COL), covered)

    def read_grid(self) -> None:
        dates = self.project.horizon.dates()
        for n, agent_id in enumerate(self.item.agent_ids):
            self.check_agent(GRID_FIRST_AGENT_ROW + n * GRID_BLOCK, GRID_ID_COL, agent_id)
        for i, day in enumerate(dates):
            self.check_date(GRID_DATE_ROW, GRID_FIRST_DAY_COL + i, day)
        names = [self.table.raw(GRID_FIRST_AGENT_ROW + n * GRID_BLOCK, GRID_NAME_COL)
                 for n in range(len(self.item.agent_ids))]
        if fingerprint(grid_sheet_parts(list(zip(self.item.agent_ids, names)), dates)) != self.item.fingerprint:
            # Name the first agent whose name differs from the project's, else the first row.
            row = GRID_FIRST_AGENT_ROW
            for n, (agent_id, name) in enumerate(zip(self.item.agent_ids, names)):
                agent = next((a for a in self.project.agents if a.id == agent_id), None)
                if agent is None or canonical(name) != agent.name:
                    row = GRID_FIRST_AGENT_ROW + n * GRID_BLOCK
                    break
            self.error(row, GRID_NAME_COL, tr("the agent name was changed; the name, ID and dates are locked: "
                                              "use the template as it was sent", self.language))
        covered = self.check_merged(GRID_FIRST_AGENT_ROW, GRID_FIRST_AGENT_ROW + len(names) * GRID_BLOCK - 1,
                                    range(GRID_FIRST_DAY_COL, GRID_FIRST_DAY_COL + len(dates)))
        for n, agent_id in enumerate(self.item.agent_ids):
            r = GRID_FIRST_AGENT_ROW + n * GRID_BLOCK
            for i, day in enumerate(dates):
                c = GRID_FIRST_DAY_COL + i
                self.answer(agent_id, day, (r, c), (r + 1, c), (r + 2, c), covered)


class _Blank:
    def __repr__(self) -> str:
        return "<blank>"


_BLANK: Any = _Blank()
