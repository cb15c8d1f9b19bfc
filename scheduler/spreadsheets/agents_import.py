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
from scheduler.i18n import add_translations, tr
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

MAX_WEEKLY_HOURS = 80
SHEET_NAMES = ("Agents", "Agentes")

AGENT_COLUMNS = (
    Column("id", ("ID", "Agent ID", "ID agente", "Código", "Code", "Employee ID", "ID empleado"), True),
    Column("name", ("Name", "Nombre", "Agent", "Agente", "Full name", "Nombre completo",
                    "Nombre y apellidos"), True),
    Column("contract", ("Contract", "Contrato", "Contract type", "Tipo de contrato", "Tipo contrato")),
    Column("min_days", ("Min days", "Días mín", "Min days per week", "Minimum days", "Días mínimos",
                        "Días mín semana", "Días mínimos por semana", "Days min")),
    Column("max_days", ("Max days", "Días máx", "Max days per week", "Maximum days", "Días máximos",
                        "Días máx semana", "Días máximos por semana", "Days max")),
    Column("min_hours", ("Weekly min hours", "Min hours", "Min weekly hours", "Weekly hours min",
                         "Minimum weekly hours", "Horas semana mín", "Horas mín", "Horas mínimas",
                         "Horas semanales mín", "Horas mínimas semana")),
    Column("max_hours", ("Weekly max hours", "Max hours", "Max weekly hours", "Weekly hours max",
                         "Maximum weekly hours", "Horas semana máx", "Horas máx", "Horas máximas",
                         "Horas semanales máx", "Horas máximas semana")),
    Column("earliest", ("Earliest start", "Earliest", "Inicio más temprano", "Entrada más temprana",
                        "Hora de inicio mínima")),
    Column("latest", ("Latest start", "Latest", "Inicio más tardío", "Entrada más tardía",
                      "Hora de inicio máxima")),
    Column("nights", ("Nights", "Night shifts", "Works nights", "Noches", "Turnos de noche",
                      "Trabaja noches")),
    Column("skills", ("Skills", "Skill", "Habilidades", "Competencias")),
)
EXAMPLE_HEADERS = "ID, Name, Contract … / ID, Nombre, Contrato …"
#: a column's usual title (English key of the catalog), for a message about a column the file lacks
_COLUMN_TITLES = {column.key: column.titles[0] for column in AGENT_COLUMNS}

_CONTRACTS = {
    ContractKind.FULL_TIME: ("full time", "fulltime", "full", "ft", "completo", "tiempo completo",
                             "jornada completa", "completa"),
    ContractKind.PART_TIME: ("part time", "parttime", "part", "pt", "parcial", "tiempo parcial",
                             "jornada parcial"),
    ContractKind.CUSTOM: ("custom", "personalizado", "personalizada", "other", "otro"),
}
_CONTRACT_ALIASES = {fold(text): kind for kind, texts in _CONTRACTS.items() for text in texts}

add_translations({
    # the usual column titles, for a message about a column the file does not have
    "ID": "ID", "Name": "Nombre", "Contract": "Contrato", "Min days": "Días mín", "Max days": "Días máx",
    "Weekly min hours": "Horas semana mín", "Weekly max hours": "Horas semana máx",
    "Earliest start": "Inicio más temprano", "Latest start": "Inicio más tardío", "Nights": "Noches",
    "Skills": "Habilidades",
    "{title}: {problem}": "{title}: {problem}",
    "{value} is not a contract; use full-time, part-time or custom (completo, parcial, personalizado)":
        "{value} no es un contrato; usa completo, parcial o personalizado (full-time, part-time, custom)",
    "{value} days a week is impossible; use 0 to 7": "{value} días a la semana es imposible; usa de 0 a 7",
    "{value} hours a week is more than {limit}; check the figure":
        "{value} horas a la semana es más de {limit}; revisa la cifra",
    "{value} hours a week is less than 0": "{value} horas a la semana es menos de 0",
    "{low_title} {low} is more than {high_title} {high}": "{low_title} {low} es más que {high_title} {high}",
    "{low_title} {low} is after {high_title} {high}": "{low_title} {low} es posterior a {high_title} {high}",
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
    rows, errors = read_agent_rows(table, project, language)
    if not errors and not rows:
        errors = [LocatedError(table.file, table.sheet, "", tr("the file lists no agents", language))]
    if errors:
        return ImportReport(project, project, errors=tuple(errors))
    return _merge(project, table.file, rows, remove_missing)


def _merge(project: Project, file: str, rows: list[tuple[int, Agent]], remove_missing: bool) -> ImportReport:
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
        return ImportReport(project, project, errors=(LocatedError(file, message=str(error)),))
    summary = AgentsApplied(file, added, updated, unchanged, removed,
                            len(project.requests) - len(requests))
    return ImportReport(project, new_project, (summary,))


def read_agent_rows(table: Table, project: Project,
                    language: str | None = None) -> tuple[list[tuple[int, Agent]], list[LocatedError]]:
    """``([(row, agent), …], errors)`` for the agent rows of ``table``."""
    header, errors = find_header(table, AGENT_COLUMNS, example=EXAMPLE_HEADERS)
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
        base = old.contract if old is not None and kind in (None, old.contract.kind) else _default_contract(
            kind or ContractKind.FULL_TIME)
        days = (base.min_days_per_week if min_days is None else min_days,
                base.max_days_per_week if max_days is None else max_days)
        minutes = (base.weekly_min_minutes if min_minutes is None else min_minutes,
                   base.weekly_max_minutes if max_minutes is None else max_minutes)
        if days[0] > days[1]:
            self._order("min_days", "max_days", days[0], days[1], after=False)
        if minutes[0] > minutes[1]:
            self._order("min_hours", "max_hours", f"{minutes[0] / 60:g}", f"{minutes[1] / 60:g}", after=False)
        template = old or Agent(agent_id, name)
        start = (template.earliest_start if earliest is None else earliest,
                 template.latest_start if latest is None else latest)
        if start[0] > start[1]:
            self._order("earliest", "latest", f"{start[0] // 60:02d}:{start[0] % 60:02d}",
                        f"{start[1] // 60:02d}:{start[1] % 60:02d}", after=True)
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

    def _order(self, low_key: str, high_key: str, low: Any, high: Any, *, after: bool) -> None:
        """Report ``low`` > ``high`` at the low column's cell (or the high one if only it is in the file)."""
        key = low_key if low_key in self.header else high_key
        if key not in self.header:
            key = "id"
        message = ("{low_title} {low} is after {high_title} {high}" if after
                   else "{low_title} {low} is more than {high_title} {high}")
        self.errors.append(self.table.error(self.row, self.header.columns[key], tr(message, self.language).format(
            low_title=self._title(low_key), low=low, high_title=self._title(high_key), high=high)))

    def _title(self, key: str) -> str:
        """The column's title as the file writes it; the usual title when the file has no such column
        (its value then comes from the agent's current contract or the default)."""
        if key in self.header.titles:
            return self.header.titles[key]
        return tr(_COLUMN_TITLES[key], self.language)


def _default_contract(kind: ContractKind) -> Contract:
    if kind is ContractKind.PART_TIME:
        return Contract.part_time()
    full = Contract.full_time()
    return Contract(kind, full.min_days_per_week, full.max_days_per_week, full.weekly_min_minutes,
                    full.weekly_max_minutes)

