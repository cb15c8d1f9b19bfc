"""Spreadsheet round trips: availability templates out, filled templates, agents and requests in.

Importers are pure functions returning an :class:`ImportReport` (the new
project, what was applied, located errors, conflicts); :func:`save_import`
writes the new project in one transaction. Shared cell-reading helpers live in
:mod:`scheduler.spreadsheets.reading`. See docs/spreadsheets.md.
"""

from scheduler.spreadsheets.agents_import import AgentsApplied, import_agents
from scheduler.spreadsheets.availability_import import Answer, AppliedFile, import_availability
from scheduler.spreadsheets.availability_template import (
    Code,
    build_template_workbook,
    write_availability_templates,
)
from scheduler.spreadsheets.conflicts import Conflict, ConflictRules
from scheduler.spreadsheets.reading import ImportReport, LocatedError, ReadLimits, save_import
from scheduler.spreadsheets.requests_import import RequestsApplied, import_requests

__all__ = [
    "AgentsApplied",
    "Answer",
    "AppliedFile",
    "Code",
    "Conflict",
    "ConflictRules",
    "ImportReport",
    "LocatedError",
    "ReadLimits",
    "RequestsApplied",
    "build_template_workbook",
    "import_agents",
    "import_availability",
    "import_requests",
    "save_import",
    "write_availability_templates",
]
