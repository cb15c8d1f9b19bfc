"""Plain, validated dataclasses for everything a team lead plans with.

No Qt and no OR-Tools here: the domain is the common language of the CLI,
the desktop app, the project store and the translation to the solver.
"""

from scheduler.domain.agents import Agent, Contract, ContractKind
from scheduler.domain.breaks import BreakRule
from scheduler.domain.forecast import Forecast, ForecastInterval, StaffingParams
from scheduler.domain.project import Project
from scheduler.domain.requests import Request, RequestKind
from scheduler.domain.roster import (
    BreakAssignment,
    Roster,
    RosterVersion,
    ShiftAssignment,
    VersionStatus,
)
from scheduler.domain.rules import LabourRules
from scheduler.domain.shifts import ShiftTemplate
from scheduler.domain.site import Horizon, Site
from scheduler.domain.timeline import Timeline

__all__ = [
    "Agent",
    "BreakAssignment",
    "BreakRule",
    "Contract",
    "ContractKind",
    "Forecast",
    "ForecastInterval",
    "Horizon",
    "LabourRules",
    "Project",
    "Request",
    "RequestKind",
    "Roster",
    "RosterVersion",
    "ShiftAssignment",
    "ShiftTemplate",
    "Site",
    "StaffingParams",
    "Timeline",
    "VersionStatus",
]
