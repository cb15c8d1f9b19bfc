"""Importing the team lead's list of requests (``requests.xlsx`` / ``.csv``).

Columns: ``ID agente, Fecha, Tipo, Aprobada, Prioridad, Nota`` or ``Agent ID, Date,
Kind, Approved, Priority, Note``. A date is an Excel date (either date system)
or text ``23/11/2026`` / ``2026-11-23``; a kind is any availability code in
either language (``libre``, ``prefiere tarde``, ``vacation`` …). The list is the
team lead's own decision: each row replaces whatever that agent had on that
day (approved or not); *available* just removes it. Any error changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.domain import Project, Request
from scheduler.i18n import add_translations, tr
from scheduler.spreadsheets.availability_template import Code, code_labels, code_of
from scheduler.spreadsheets.conflicts import ConflictRules, staffing_conflicts
from scheduler.spreadsheets.reading import (
    DEFAULT_LIMITS,
    CellValueError,
    Column,
    FileRefused,
    ImportReport,
    LocatedError,
    ReadLimits,
    Table,
    find_header,
    is_blank,
    parse_bool,
    parse_date,
    parse_int,
    parse_text,
    read_table,
    show_value,
)

__all__ = ["REQUEST_COLUMNS", "RequestsApplied", "import_requests"]

SHEET_NAMES = ("Requests", "Peticiones", "Solicitudes")
NOTE_MAX_LENGTH = 500

REQUEST_COLUMNS = (
    Column("agent", ("Agent ID", "ID agente", "ID", "Código"), True, ("Agent ID", "ID agente")),
    # the name is for people reading the list; not used
    Column("name", ("Name", "Nombre", "Agent", "Agente"), usual=("Name", "Nombre")),
    Column("date", ("Date", "Fecha", "Day", "Día"), True, ("Date", "Fecha")),
    Column("kind", ("Kind", "Tipo", "Type", "Request", "Petición", "Solicitud", "Code", "Código"), True,
           ("Kind", "Tipo")),
    Column("approved", ("Approved", "Aprobada", "Aprobado", "Hard", "Firme"), usual=("Approved", "Aprobada")),
    Column("priority", ("Priority", "Prioridad"), usual=("Priority", "Prioridad")),
    Column("note", ("Note", "Nota", "Notes", "Notas", "Comment", "Comentario"), usual=("Note", "Nota")),
)

add_translations({
    "{title}: {problem}": "{title}: {problem}",
    "{value} is not a kind of request; use one of {codes}":
        "{value} no es un tipo de petición; usa uno de {codes}",
    "{value} is not a priority; use a whole number from 1 (nice to have) to 5 (very important)":
        "{value} no es una prioridad; usa un número entero del 1 (me vendría bien) al 5 (muy importante)",
    "agent {agent} is not in the project's agent list": "el agente {agent} no está en la lista de agentes del proyecto",
    "{value} is outside the planning horizon {horizon}": "{value} está fuera del periodo planificado {horizon}",
    "{agent} on {day} is already in row {row}; keep one row per agent and day":
        "{agent} el {day} ya está en la fila {row}; deja una fila por agente y día",
    "{column} is empty; every row needs one": "{column} está vacío; cada fila necesita uno",
    "the column {name} is missing; every request needs one":
        "falta la columna {name}; es obligatoria para cada petición",
})


@dataclass(frozen=True)
class RequestsApplied:
    """What a requests import did."""

    file: str
    rows: int
    added: tuple[Request, ...]
    removed: tuple[Request, ...]


def import_requests(project: Project, path: str | os.PathLike, *, language: str | None = None,
                    limits: ReadLimits = DEFAULT_LIMITS, rules: ConflictRules = ConflictRules()) -> ImportReport:
    """Read a list of requests into the project (pure: save with :func:`save_import`)."""
    path = Path(path)
    try:
        table = read_table(path, preferred_sheets=SHEET_NAMES, limits=limits, language=language)
    except FileRefused as refused:
        return ImportReport(project, project, errors=(LocatedError(path.name, message=str(refused)),))
    warnings: list[LocatedError] = []
    rows, errors = read_request_rows(table, project, language, warnings=warnings)
    if errors:
        return ImportReport(project, project, errors=tuple(errors), warnings=tuple(warnings))
    keys = {(agent_id, day) for agent_id, day, _request in rows}
    removed = tuple(r for r in project.requests if (r.agent_id, r.day) in keys)
    added = tuple(request for _a, _d, request in rows if request is not None)
    # Rows replacing a request keep its place; the others are appended in file order.
    new_by_key = {(r.agent_id, r.day): r for r in added}
    requests: list[Request] = []
    placed: set[tuple[str, date]] = set()
    for r in project.requests:
        key = (r.agent_id, r.day)
        if key not in keys:
            requests.append(r)
        elif key in new_by_key and key not in placed:
            requests.append(new_by_key[key])
            placed.add(key)
    requests.extend(r for r in added if (r.agent_id, r.day) not in placed)
    new_project = replace(project, requests=tuple(requests))
    before_off = {(r.agent_id, r.day) for r in project.requests if r.kind.is_day_off}
    touched = {r.day for r in added if r.kind.is_day_off and (r.agent_id, r.day) not in before_off}
    conflicts = staffing_conflicts(new_project, touched, rules, language)
    return ImportReport(project, new_project, (RequestsApplied(table.file, len(rows), added, removed),),
                        conflicts=tuple(conflicts), warnings=tuple(warnings))


def read_request_rows(table: Table, project: Project, language: str | None = None, *,
                      warnings: list[LocatedError] | None = None,
                      ) -> tuple[list[tuple[str, date, Request | None]], list[LocatedError]]:
    """``([(agent_id, day, request or None for available), …], errors)``; columns the header
    names but no importer reads are added to ``warnings``."""
    header, errors = find_header(table, REQUEST_COLUMNS, warnings=warnings, missing=tr(
        "the column {name} is missing; every request needs one", language))
    if header is None:
        return [], errors
    columns = list(header.columns.values())
    for ref in table.merged_in(header.row, max(header.row, table.max_row), columns):
        errors.append(LocatedError(table.file, table.sheet, ref.split(":")[0], tr(
            "cells {cells} are merged; unmerge them so that every cell holds its own value", language)
            .format(cells=ref)))
    if errors:
        return [], errors
    agents = {a.id for a in project.agents}
    horizon = project.horizon
    codes = ", ".join(code_labels(language))
    seen: dict[tuple[str, date], int] = {}
    result: list[tuple[str, date, Request | None]] = []

    for r in range(header.row + 1, table.max_row + 1):
        if all(is_blank(table.raw(r, c)) and (r, c) not in table.formula_cells() for c in columns):
            continue
        row_errors: list[LocatedError] = []

        def get(key: str, parse, required: bool = False) -> Any:
            if key not in header:
                return None
            column = header.columns[key]
            try:
                value = table.value(r, column)
                if is_blank(value):
                    if required:
                        row_errors.append(table.error(r, column, tr("{column} is empty; every row needs one",
                                                                    language).format(column=header.titles[key])))
                    return None
                return parse(value)
            except CellValueError as problem:
                row_errors.append(table.error(r, column, tr("{title}: {problem}", language).format(
                    title=header.titles[key], problem=str(problem))))
                return None

        def agent_of(value: Any) -> str:
            agent_id = parse_text(value, max_length=200, language=language)
            if agent_id not in agents:
                raise CellValueError(tr("agent {agent} is not in the project's agent list", language)
                                     .format(agent=agent_id))
            return agent_id

        def day_of(value: Any) -> date:
            day = parse_date(value, epoch=table.epoch, language=language)
            if day not in horizon:
                raise CellValueError(tr("{value} is outside the planning horizon {horizon}", language).format(
                    value=day.isoformat(), horizon=f"{horizon.start.isoformat()} – {horizon.end.isoformat()}"))
            return day

        def kind_of(value: Any) -> Code:
            code = code_of(value)
            if code is None:
                raise CellValueError(tr("{value} is not a kind of request; use one of {codes}", language)
                                     .format(value=show_value(value), codes=codes))
            return code

        def priority_of(value: Any) -> int:
            try:
                return parse_int(value, minimum=1, maximum=5, language=language)
            except CellValueError:
                raise CellValueError(tr("{value} is not a priority; use a whole number from 1 (nice to have) to 5 "
                                        "(very important)", language).format(value=show_value(value))) from None

        agent_id = get("agent", agent_of, required=True)
        day = get("date", day_of, required=True)
        code = get("kind", kind_of, required=True)
        hard = get("approved", lambda v: parse_bool(v, language=language))
        priority = get("priority", priority_of)
        note = get("note", lambda v: parse_text(v, max_length=NOTE_MAX_LENGTH, booleans=True, language=language))
        if row_errors or agent_id is None or day is None or code is None:
            errors.extend(row_errors)
            continue
        key = (agent_id, day)
        if key in seen:
            errors.append(table.error(r, header.columns["date"], tr(
                "{agent} on {day} is already in row {row}; keep one row per agent and day", language)
                .format(agent=agent_id, day=day.isoformat(), row=seen[key])))
            continue
        seen[key] = r
        kind = code.request_kind
        request = None if kind is None else Request(agent_id, day, kind, hard=bool(hard),
                                                     priority=3 if priority is None else priority,
                                                     note=note or "")
        result.append((agent_id, day, request))
    return result, errors
