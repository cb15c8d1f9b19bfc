"""Importing the agent list from ``.xlsx`` or ``.csv`` (Spanish or English headers).

Columns (titles in either language, see docs/spreadsheets.md): ID and name
(required), contract, min/max days per week, weekly min/max hours, earliest
and latest start, nights, skills. A column that is absent, or a cell left
blank, keeps an existing agent's value and gives a new agent the default.

By default the file is merged into the project (existing IDs updated, new ones
added, nobody removed); ``replace=True`` also removes the agents the file does
not list, with their requests. Any error in the file changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scheduler.domain import Agent, Contract, ContractKind, Project
from scheduler.domain.agents import MAX_WEEKLY_HOURS  # the domain refuses more, too
from scheduler.i18n import add_translations, tr
from scheduler.i18n import number as format_number
from scheduler.spreadsheets.reading import (
    DEFAULT_LIMITS,
    CellValueError,
    Column,
    FileRefused,
    HeaderMap,
    ImportReport,
    LocatedError,
    ReadLimits,
    Table,
    find_header,
    fold,
    is_blank,
    parse_bool,
    parse_decimal,
    parse_int,
    parse_text,
    parse_time_of_day,
    read_table,
    show_value,
)
__all__ = ["AGENT_COLUMNS", "AgentsApplied", "import_agents"]

SHEET_NAMES = ("Agents", "Agentes")

AGENT_COLUMNS = (
    Column("id", ("ID", "Agent ID", "ID agente", "Código", "Code", "Employee ID", "ID empleado"), True,
           ("ID", "ID")),
    Column("name", ("Name", "Nombre", "Agent", "Agente", "Full name", "Nombre completo",
                    "Nombre y apellidos"), True, ("Name", "Nombre")),
    Column("contract", ("Contract", "Contrato", "Contract type", "Tipo de contrato", "Tipo contrato"),
           usual=("Contract", "Contrato")),
    Column("min_days", ("Min days", "Días mín", "Min days per week", "Minimum days", "Días mínimos",
                        "Días mín semana", "Días mínimos por semana", "Days min"),
           usual=("Min days", "Días mín")),
    Column("max_days", ("Max days", "Días máx", "Max days per week", "Maximum days", "Días máximos",
                        "Días máx semana", "Días máximos por semana", "Days max"),
           usual=("Max days", "Días máx")),
    Column("min_hours", ("Weekly min hours", "Min hours", "Min weekly hours", "Weekly hours min",
                         "Minimum weekly hours", "Horas semana mín", "Horas mín", "Horas mínimas",
                         "Horas semanales mín", "Horas mínimas semana"),
           usual=("Weekly min hours", "Horas semana mín")),
    Column("max_hours", ("Weekly max hours", "Max hours", "Max weekly hours", "Weekly hours max",
                         "Maximum weekly hours", "Horas semana máx", "Horas máx", "Horas máximas",
                         "Horas semanales máx", "Horas máximas semana"),
           usual=("Weekly max hours", "Horas semana máx")),
    Column("earliest", ("Earliest start", "Earliest", "Inicio más temprano", "Entrada más temprana",
                        "Hora de inicio mínima"), usual=("Earliest start", "Inicio más temprano")),
    Column("latest", ("Latest start", "Latest", "Inicio más tardío", "Entrada más tardía",
                      "Hora de inicio máxima"), usual=("Latest start", "Inicio más tardío")),
    Column("nights", ("Nights", "Night shifts", "Works nights", "Noches", "Turnos de noche",
                      "Trabaja noches"), usual=("Nights", "Noches")),
    Column("skills", ("Skills", "Skill", "Habilidades", "Competencias"), usual=("Skills", "Habilidades")),
)
_COLUMNS = {column.key: column for column in AGENT_COLUMNS}

_CONTRACTS = {
    ContractKind.FULL_TIME: ("full time", "fulltime", "full", "ft", "completo", "tiempo completo",
                             "jornada completa", "completa"),
    ContractKind.PART_TIME: ("part time", "parttime", "part", "pt", "parcial", "tiempo parcial",
                             "jornada parcial"),
    ContractKind.CUSTOM: ("custom", "personalizado", "personalizada", "other", "otro"),
}
_CONTRACT_ALIASES = {fold(text): kind for kind, texts in _CONTRACTS.items() for text in texts}

add_translations({
    "{title}: {problem}": "{title}: {problem}",
    "the column {name} is missing; every agent needs one":
        "falta la columna {name}; es obligatoria para cada agente",
    "{value} is not a contract; use full-time, part-time or custom (completo, parcial, personalizado)":
        "{value} no es un contrato; usa completo, parcial o personalizado (full-time, part-time, custom)",
    "{value} days a week is impossible; use 0 to 7": "{value} días a la semana es imposible; usa de 0 a 7",
    "{value} hours a week is more than {limit}; check the figure":
        "{value} horas a la semana es más de {limit}; revisa la cifra",
    "{value} hours a week is less than 0": "{value} horas a la semana es menos de 0",
    "{low_title} {low} is more than {high_title} {high}": "{low_title} {low} es más que {high_title} {high}",
    "{low_title} {low} is after {high_title} {high}": "{low_title} {low} es posterior a {high_title} {high}",
    # a clash with a value the file does not show: say where it comes from
    "{high_title} {high} is less than {source}, {low} ({why}); {fix} or raise {high_title}":
        "{high_title} {high} es menos que {source}, {low} ({why}); {fix} o sube {high_title}",
    "{low_title} {low} is more than {source}, {high} ({why}); {fix} or lower {low_title}":
        "{low_title} {low} es más que {source}, {high} ({why}); {fix} o baja {low_title}",
    "{high_title} {high} is before {source}, {low} ({why}); {fix} or make {high_title} later":
        "{high_title} {high} es anterior al {source}, {low} ({why}); {fix} o pon {high_title} más tarde",
    "{low_title} {low} is after {source}, {high} ({why}); {fix} or make {low_title} earlier":
        "{low_title} {low} es posterior al {source}, {high} ({why}); {fix} o pon {low_title} más temprano",
    "the contract's minimum": "el mínimo del contrato",
    "the contract's maximum": "el máximo del contrato",
    "the agent's current minimum": "el mínimo actual del agente",
    "the agent's current maximum": "el máximo actual del agente",
    # (after "al" in Spanish: no article)
    "the default earliest start": "inicio más temprano por defecto",
    "the default latest start": "inicio más tardío por defecto",
    "the agent's current earliest start": "inicio más temprano actual del agente",
    "the agent's current latest start": "inicio más tardío actual del agente",
    "the file has no {title} column": "el archivo no tiene la columna {title}",
    "{title} is empty in this row": "{title} está vacío en esta fila",
    "add that column": "añade esa columna",
    "fill in that cell": "rellena esa celda",
    "agent ID {agent} appears twice (also in row {row}); every agent needs its own ID":
        "el ID de agente {agent} aparece dos veces (también en la fila {row}); cada agente necesita su "
        "propio ID",
    "the file lists no agents": "el archivo no tiene ningún agente",
    "Agent {agent}: {problem}": "Agente {agent}: {problem}",
})


@dataclass(frozen=True)
class AgentsApplied:
    """What an agents import did."""

    file: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...] = ()
    removed_requests: int = 0


def import_agents(project: Project, path: str | os.PathLike, *, remove_missing: bool = False,
                  language: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> ImportReport:
    """Read an agent list and merge it into the project: existing IDs updated, new ones added.

    With ``remove_missing`` the file becomes the whole list: agents it does not
    name are removed, with their requests (roster versions are history and stay).

    Pure: returns an :class:`ImportReport`; save it with :func:`save_import`.
    """
    path = Path(path)
    try:
        table = read_table(path, preferred_sheets=SHEET_NAMES, limits=limits, language=language)
    except FileRefused as refused:
        return ImportReport(project, project, errors=(LocatedError(path.name, message=str(refused)),))
    warnings: list[LocatedError] = []
    rows, errors = read_agent_rows(table, project, language, warnings=warnings)
    if not errors and not rows:
        errors = [LocatedError(table.file, table.sheet, "", tr("the file lists no agents", language))]
    if errors:
        return ImportReport(project, project, errors=tuple(errors), warnings=tuple(warnings))
    return _merge(project, table.file, rows, remove_missing, tuple(warnings))


def _merge(project: Project, file: str, rows: list[tuple[int, Agent]], remove_missing: bool,
           warnings: tuple[LocatedError, ...] = ()) -> ImportReport:
    incoming = {agent.id: agent for _row, agent in rows}
    existing = {agent.id: agent for agent in project.agents}
    added = tuple(a.id for _r, a in rows if a.id not in existing)
    updated = tuple(a.id for _r, a in rows if a.id in existing and existing[a.id] != a)
    unchanged = tuple(a.id for _r, a in rows if a.id in existing and existing[a.id] == a)
    if remove_missing:
        agents = tuple(a for _r, a in rows)
        removed = tuple(a.id for a in project.agents if a.id not in incoming)
    else:
        agents = tuple(incoming.get(a.id, a) for a in project.agents) + tuple(
            a for _r, a in rows if a.id not in existing)
        removed = ()
    gone = set(removed)
    requests = tuple(r for r in project.requests if r.agent_id not in gone)
    try:
        new_project = replace(project, agents=agents, requests=requests)
    except ValueError as error:  # the domain's last word; the checks above should prevent it
        return ImportReport(project, project, errors=(LocatedError(file, message=str(error)),),
                            warnings=warnings)
    summary = AgentsApplied(file, added, updated, unchanged, removed,
                            len(project.requests) - len(requests))
    return ImportReport(project, new_project, (summary,), warnings=warnings)


def read_agent_rows(table: Table, project: Project, language: str | None = None, *,
                    warnings: list[LocatedError] | None = None,
                    ) -> tuple[list[tuple[int, Agent]], list[LocatedError]]:
    """``([(row, agent), …], errors)`` for the agent rows of ``table``; columns the header
    names but no importer reads are added to ``warnings``."""
    header, errors = find_header(table, AGENT_COLUMNS, warnings=warnings, missing=tr(
        "the column {name} is missing; every agent needs one", language))
    if header is None:
        return [], errors
    for ref in table.merged_in(header.row, max(header.row, table.max_row), header.columns.values()):
        first = ref.split(":")[0]
        errors.append(LocatedError(table.file, table.sheet, first, tr(
            "cells {cells} are merged; unmerge them so that every cell holds its own value", language)
            .format(cells=ref)))
    if errors:
        return [], errors
    existing = {agent.id: agent for agent in project.agents}
    seen: dict[str, int] = {}
    result: list[tuple[int, Agent]] = []
    columns = list(header.columns.values())
    for r in range(header.row + 1, table.max_row + 1):
        if all(is_blank(table.raw(r, c)) and (r, c) not in table.formula_cells() for c in columns):
            continue
        row = _AgentRow(table, header, r, language)
        agent = row.build(existing)
        errors.extend(row.errors)
        if agent is None:
            continue
        if agent.id in seen:
            errors.append(table.error(r, header.columns["id"], tr(
                "agent ID {agent} appears twice (also in row {row}); every agent needs its own ID", language)
                .format(agent=agent.id, row=seen[agent.id])))
            continue
        seen[agent.id] = r
        result.append((r, agent))
    return result, errors


class _AgentRow:
    """One row of the agent list: its cells parsed, problems located."""

    def __init__(self, table: Table, header: HeaderMap, row: int, language: str | None) -> None:
        self.table, self.header, self.row, self.language = table, header, row, language
        self.errors: list[LocatedError] = []

    def _fail(self, key: str, problem: str) -> None:
        self.errors.append(self.table.error(self.row, self.header.columns[key], tr(
            "{title}: {problem}", self.language).format(title=self.header.titles[key], problem=problem)))

    def get(self, key: str, parse: Callable[[Any], Any], *, required: bool = False) -> Any:
        """The parsed cell of column ``key``; ``None`` when absent/blank or after an error."""
        if key not in self.header:
            return None
        try:
            value = self.table.value(self.row, self.header.columns[key])
        except CellValueError as problem:
            self._fail(key, str(problem))
            return None
        if is_blank(value):
            if required:
                self.errors.append(self.table.error(self.row, self.header.columns[key], tr(
                    "{column} is empty; every row needs one", self.language).format(
                    column=self.header.titles[key])))
            return None
        try:
            return parse(value)
        except CellValueError as problem:
            self._fail(key, str(problem))
            return None

    # -- parsers ------------------------------------------------------------------------
    def _contract(self, value: Any) -> ContractKind:
        kind = _CONTRACT_ALIASES.get(fold(value)) if isinstance(value, str) else None
        if kind is None:
            raise CellValueError(tr("{value} is not a contract; use full-time, part-time or custom (completo, "
                                    "parcial, personalizado)", self.language).format(value=show_value(value)))
        return kind

    def _days(self, value: Any) -> int:
        days = parse_int(value, language=self.language)
        if not 0 <= days <= 7:
            raise CellValueError(tr("{value} days a week is impossible; use 0 to 7", self.language)
                                 .format(value=show_value(value)))
        return days

    def _hours(self, value: Any) -> int:
        hours = parse_decimal(value, language=self.language)
        if hours > MAX_WEEKLY_HOURS:
            raise CellValueError(tr("{value} hours a week is more than {limit}; check the figure", self.language)
                                 .format(value=show_value(value), limit=MAX_WEEKLY_HOURS))
        if hours < 0:
            raise CellValueError(tr("{value} hours a week is less than 0", self.language)
                                 .format(value=show_value(value)))
        return round(hours * 60)

    def _time(self, value: Any) -> int:
        return parse_time_of_day(value, language=self.language)

    def _bool(self, value: Any) -> bool:
        return parse_bool(value, language=self.language)

    def _skills(self, value: Any) -> tuple[str, ...]:
        text = parse_text(value, max_length=500, language=self.language)
        return tuple(dict.fromkeys(s.strip() for s in text.replace(";", ",").split(",") if s.strip()))

    def _text(self, value: Any) -> str:
        return parse_text(value, max_length=200, language=self.language)

    # -- the agent ------------------------------------------------------------------------
    def build(self, existing: dict[str, Agent]) -> Agent | None:
        agent_id = self.get("id", self._text, required=True)
        name = self.get("name", self._text, required=True)
        kind = self.get("contract", self._contract)
        min_days = self.get("min_days", self._days)
        max_days = self.get("max_days", self._days)
        min_minutes = self.get("min_hours", self._hours)
        max_minutes = self.get("max_hours", self._hours)
        earliest = self.get("earliest", self._time)
        latest = self.get("latest", self._time)
        nights = self.get("nights", self._bool)
        skills = self.get("skills", self._skills)
        if self.errors or agent_id is None or name is None:
            return None

        old = existing.get(agent_id)
        current = old is not None and kind in (None, old.contract.kind)
        base = old.contract if current else _default_contract(kind or ContractKind.FULL_TIME)
        days = (base.min_days_per_week if min_days is None else min_days,
                base.max_days_per_week if max_days is None else max_days)
        minutes = (base.weekly_min_minutes if min_minutes is None else min_minutes,
                   base.weekly_max_minutes if max_minutes is None else max_minutes)
        # Where a value the row does not give comes from, for a message about it.
        limits = (tr("the agent's current minimum" if current else "the contract's minimum", self.language),
                  tr("the agent's current maximum" if current else "the contract's maximum", self.language))
        if days[0] > days[1]:
            self._order("min_days", "max_days", (min_days is not None, max_days is not None),
                        (self._number(days[0]), self._number(days[1])), limits, after=False)
        if minutes[0] > minutes[1]:
            self._order("min_hours", "max_hours", (min_minutes is not None, max_minutes is not None),
                        (self._number(minutes[0] / 60), self._number(minutes[1] / 60)), limits, after=False,
                        unit=" h")
        template = old or Agent(agent_id, name)
        start = (template.earliest_start if earliest is None else earliest,
                 template.latest_start if latest is None else latest)
        if start[0] > start[1]:
            self._order("earliest", "latest", (earliest is not None, latest is not None),
                        (_clock(start[0]), _clock(start[1])),
                        (tr("the agent's current earliest start" if old else "the default earliest start",
                            self.language),
                         tr("the agent's current latest start" if old else "the default latest start",
                            self.language)), after=True)
        if self.errors:
            return None
        try:
            contract = Contract(kind or base.kind, days[0], days[1], minutes[0], minutes[1])
            return replace(template, id=agent_id, name=name, contract=contract, earliest_start=start[0],
                           latest_start=start[1], nights=template.nights if nights is None else nights,
                           skills=template.skills if skills is None else skills)
        except ValueError as error:
            self.errors.append(self.table.error(self.row, self.header.columns["id"], tr(
                "Agent {agent}: {problem}", self.language).format(agent=agent_id, problem=str(error))))
            return None

    def _number(self, value: float) -> str:
        """A figure with the language's decimal mark (``37,5`` in Spanish)."""
        return format_number(value, "g", self.language)

    def _order(self, low_key: str, high_key: str, given: tuple[bool, bool], shown: tuple[str, str],
               sources: tuple[str, str], *, after: bool, unit: str = "") -> None:
        """Report a low value above its high one (``min`` > ``max``, earliest after latest).

        ``given`` says which of the two the row holds; the other comes from the
        agent's current values or the contract's defaults (``sources``, translated),
        which the message says, with the column to add or the cell to fill in.
        Located at the cell holding a value (the low one when both do).
        """
        low, high = shown
        if given[0] == given[1]:  # both in the row (two values from elsewhere never clash)
            key = low_key if low_key in self.header else high_key if high_key in self.header else "id"
            message = ("{low_title} {low} is after {high_title} {high}" if after
                       else "{low_title} {low} is more than {high_title} {high}")
            text = tr(message, self.language).format(low_title=self._title(low_key), low=low,
                                                     high_title=self._title(high_key), high=high)
        else:
            key, other = (high_key, low_key) if given[1] else (low_key, high_key)
            why = (tr("{title} is empty in this row", self.language) if other in self.header
                   else tr("the file has no {title} column", self.language)).format(title=self._title(other))
            fix = tr("fill in that cell" if other in self.header else "add that column", self.language)
            if given[1]:  # the low value is not in the row
                message = ("{high_title} {high} is before {source}, {low} ({why}); {fix} or make {high_title} later"
                           if after else
                           "{high_title} {high} is less than {source}, {low} ({why}); {fix} or raise {high_title}")
                source, low = sources[0], low + unit
            else:
                message = ("{low_title} {low} is after {source}, {high} ({why}); {fix} or make {low_title} earlier"
                           if after else
                           "{low_title} {low} is more than {source}, {high} ({why}); {fix} or lower {low_title}")
                source, high = sources[1], high + unit
            text = tr(message, self.language).format(
                low_title=self._title(low_key), low=low, high_title=self._title(high_key), high=high,
                source=source, why=why, fix=fix)
        self.errors.append(self.table.error(self.row, self.header.columns[key], text))

    def _title(self, key: str) -> str:
        """The column's title as the file writes it; its usual title in the import's language when
        the file has no such column."""
        if key in self.header.titles:
            return self.header.titles[key]
        return _COLUMNS[key].title(self.language)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _default_contract(kind: ContractKind) -> Contract:
    if kind is ContractKind.PART_TIME:
        return Contract.part_time()
    full = Contract.full_time()
    return Contract(kind, full.min_days_per_week, full.max_days_per_week, full.weekly_min_minutes,
                    full.weekly_max_minutes)

