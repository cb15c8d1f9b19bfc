"""Which parts of the core are present. Other engineers add modules to
``scheduler/`` while the window is built; the window shows a command only when
the module behind it exists (no stub buttons) and falls back where it can."""

from __future__ import annotations

import importlib.util
from functools import cache


@cache
def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


WORKFLOW = "scheduler.versions"
COVERAGE = "scheduler.export.coverage"
BREAK_PLACEMENT = "scheduler.breaks.placement"
BREAK_PRESETS = "scheduler.breaks.presets"
AGENTS_IMPORT = "scheduler.spreadsheets.agents_import"
AVAILABILITY_IMPORT = "scheduler.spreadsheets.availability_import"
AVAILABILITY_TEMPLATE = "scheduler.spreadsheets.availability_template"
EXPORT_MODULES = {
    "roster": "scheduler.export.roster_workbook",
    "approval": "scheduler.export.approval_workbook",
    "hr": "scheduler.export.hr_export",
    "ics": "scheduler.export.ics",
}
