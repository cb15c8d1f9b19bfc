"""The project: everything a team lead plans a horizon with."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from scheduler.domain.agents import Agent
from scheduler.domain.breaks import BreakRule
from scheduler.domain.forecast import Forecast, StaffingParams
from scheduler.domain.requests import Request
from scheduler.domain.roster import RosterVersion
from scheduler.domain.rules import LabourRules
from scheduler.domain.shifts import ShiftTemplate
from scheduler.domain.site import Horizon, Site
from scheduler.domain.timeline import Timeline
from scheduler.i18n import add_translations, tr

add_translations({
    "Agent ID {id} is used twice; every agent needs its own ID":
        "El ID de agente {id} está repetido; cada agente necesita su propio ID",
    "Two shift templates have the same name": "Hay dos plantillas de turno con el mismo nombre",
    "The project needs at least one shift template": "El proyecto necesita al menos una plantilla de turno",
    "A request on {day} names agent {agent}, who is not in the agent list":
        "Una petición del {day} nombra al agente {agent}, que no está en la lista de agentes",
    "Two roster versions have the same number": "Hay dos versiones del cuadrante con el mismo número",
})


@dataclass(frozen=True)
class Project:
    site: Site
    horizon: Horizon
    agents: tuple[Agent, ...] = ()
    shift_templates: tuple[ShiftTemplate, ...] = (ShiftTemplate("8h"),)
    labour: LabourRules = field(default_factory=LabourRules)
    break_rules: tuple[BreakRule, ...] = ()
    requests: tuple[Request, ...] = ()
    forecast: Forecast = field(default_factory=Forecast)
    staffing: StaffingParams = field(default_factory=StaffingParams)
    versions: tuple[RosterVersion, ...] = ()

    def __post_init__(self) -> None:
        for name in ("agents", "shift_templates", "break_rules", "requests", "versions"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        ids: set[str] = set()
        for agent in self.agents:
            if agent.id in ids:
                raise ValueError(tr("Agent ID {id} is used twice; every agent needs its own ID").format(id=agent.id))
            ids.add(agent.id)
        names = [t.name for t in self.shift_templates]
        if len(set(names)) != len(names):
            raise ValueError(tr("Two shift templates have the same name"))
        if not self.shift_templates:
            raise ValueError(tr("The project needs at least one shift template"))
        for request in self.requests:
            if request.agent_id not in ids:
                raise ValueError(
                    tr("A request on {day} names agent {agent}, who is not in the agent list").format(
                        day=request.day.isoformat(), agent=request.agent_id)
                )
        numbers = [v.number for v in self.versions]
        if len(set(numbers)) != len(numbers):
            raise ValueError(tr("Two roster versions have the same number"))

    @property
    def timeline(self) -> Timeline:
        return Timeline(self.site, self.horizon)

    def agent(self, agent_id: str) -> Agent:
        for agent in self.agents:
            if agent.id == agent_id:
                return agent
        raise KeyError(agent_id)

    def latest_version(self) -> RosterVersion | None:
        return max(self.versions, key=lambda v: v.number, default=None)

    def with_version(self, version: RosterVersion) -> Project:
        others = tuple(v for v in self.versions if v.number != version.number)
        return replace(self, versions=others + (version,))

    def next_version_number(self) -> int:
        return max((v.number for v in self.versions), default=0) + 1
