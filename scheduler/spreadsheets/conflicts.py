"""Conflicts an import brings that the team lead must decide: listed, never silently resolved.

* ``too_many_off`` — on one day, more than a share of the agents able to work
  that day's peak asked to be off (and at least two of them).
* ``too_many_off_skill`` — the same within the agents of one skill.
* ``cover_impossible`` — at some moment of the day, enough agents could be on
  duty without the requests, but after them fewer remain than the forecast
  needs (:func:`scheduler.staffing.requirements.required_per_slot`); agents
  count when a shift template and their start window put them on duty then.
  It is a necessary condition only: weekly contracts and rest rules may make
  a day uncoverable that passes it.
* ``contradicts_approved`` — an agent's answer disagrees with an approved
  vacation or day off already in the project; the approved one was kept.
* ``new_vacation`` — an agent asks for vacation the project did not have;
  it was imported (a vacation is hard in Turnos) and the lead should confirm it.
* ``cover_unchecked`` — the forecast could not be turned into staff needs, so
  ``cover_impossible`` was not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.domain import Agent, Project, Request, RequestKind
from scheduler.i18n import add_translations, tr, weekday

__all__ = [
    "Conflict",
    "ConflictRules",
    "approved",
    "contradiction",
    "format_day",
    "new_vacations",
    "staffing_conflicts",
]

TOO_MANY_OFF = "too_many_off"
TOO_MANY_OFF_SKILL = "too_many_off_skill"
COVER_IMPOSSIBLE = "cover_impossible"
CONTRADICTS_APPROVED = "contradicts_approved"
NEW_VACATION = "new_vacation"
COVER_UNCHECKED = "cover_unchecked"

add_translations({
    "{day}: {off} of {able} agents able to work the peak ({time}) asked to be off, more than "
    "{share} %: {agents}":
        "{day}: {off} de {able} agentes que pueden cubrir el pico ({time}) piden librar, más del "
        "{share} %: {agents}",
    "{day}: {off} of {total} agents with skill {skill} asked to be off, more than {share} %: {agents}":
        "{day}: {off} de {total} agentes con la habilidad {skill} piden librar, más del {share} %: "
        "{agents}",
    "{day} at {time}: after the requests only {available} agents can be on duty but {needed} are "
    "needed; agents off that day: {agents}":
        "{day} a las {time}: tras las peticiones solo {available} agentes pueden estar de servicio "
        "y hacen falta {needed}; agentes que libran ese día: {agents}",
    "{agent}: asks for {answer} on {day}, but the project has an approved {approved} that day; "
    "the approved one was kept — change it in the project if it no longer holds":
        "{agent}: pide {answer} el {day}, pero el proyecto tiene {approved} aprobado ese día; se ha "
        "mantenido lo aprobado — cámbialo en el proyecto si ya no vale",
    "{agent}: asks for vacation on {days} ({count} days), not yet in the project; imported as "
    "approved vacation — remove it in the project if it is not approved":
        "{agent}: pide vacaciones el {days} ({count} días), que no estaban en el proyecto; importadas "
        "como vacaciones aprobadas — quítalas del proyecto si no se aprueban",
    "{agent}: asks for vacation on {days} (1 day), not yet in the project; imported as "
    "approved vacation — remove it in the project if it is not approved":
        "{agent}: pide vacaciones el {days} (1 día), que no estaban en el proyecto; importadas "
        "como vacaciones aprobadas — quítalas del proyecto si no se aprueban",
    "cover could not be checked against the forecast ({reason}); check the forecast":
        "no se pudo comprobar la cobertura con la previsión ({reason}); revisa la previsión",
    "The share of agents off must be in (0, 1], got {share}":
        "La proporción de agentes que libran debe estar en (0, 1], no {share}",
    "At least one agent must be off for a conflict":
        "Para que haya un conflicto debe librar al menos un agente",
})

#: Single words inside the messages, kept local: the shared catalog may hold the
#: same English word translated for another context.
_WORDS_ES = {"vacation": "vacaciones", "day off": "día libre", "none": "ninguno"}


def _word(text: str, language: str | None) -> str:
    from scheduler.i18n import language as current

    return _WORDS_ES[text] if (language or current()) == "es" else text


@dataclass(frozen=True)
class Conflict:
    """Something the team lead must decide, with a message for a person."""

    kind: str
    day: date | None
    agent_ids: tuple[str, ...]
    message: str
    file: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ConflictRules:
    """Thresholds of the *too many off* conflicts.

    A day is flagged when at least ``min_off_count`` agents are off and they are
    more than ``max_off_share`` of the agents able to work the day's peak
    (or of the agents with one skill).
    """

    max_off_share: float = 0.2
    min_off_count: int = 2

    def __post_init__(self) -> None:
        if not 0 < self.max_off_share <= 1:
            raise ValueError(tr("The share of agents off must be in (0, 1], got {share}")
                             .format(share=self.max_off_share))
        if self.min_off_count < 1:
            raise ValueError(tr("At least one agent must be off for a conflict"))


def format_day(day: date, language: str | None = None) -> str:
    """``Mon 2027-01-11`` / ``lun 11/01/2027``."""
    from scheduler.i18n import language as current

    if (language or current()) == "es":
        return f"{weekday(day.weekday(), language)} {day:%d/%m/%Y}"
    return f"{weekday(day.weekday(), language)} {day.isoformat()}"


def _agents_text(ids: Sequence[str], language: str | None, limit: int = 10) -> str:
    if not ids:
        return _word("none", language)
    shown = ", ".join(ids[:limit])
    return shown + (f", … (+{len(ids) - limit})" if len(ids) > limit else "")


def approved(request: Request) -> bool:
    """An approved absence: a vacation, or a day off the team lead marked hard (approved)."""
    return request.kind is RequestKind.VACATION or (request.kind is RequestKind.DAY_OFF and request.hard)


def contradiction(agent: Agent, day: date, answer: str, kept: Request, file: str = "",
                  language: str | None = None) -> Conflict:
    what = _word("vacation" if kept.kind is RequestKind.VACATION else "day off", language)
    return Conflict(CONTRADICTS_APPROVED, day, (agent.id,), tr(
        "{agent}: asks for {answer} on {day}, but the project has an approved {approved} that day; "
        "the approved one was kept — change it in the project if it no longer holds", language).format(
        agent=f"{agent.id} {agent.name}", answer=f'"{answer}"', day=format_day(day, language),
        approved=what), file)


def new_vacations(agent: Agent, days: Iterable[date], file: str = "",
                  language: str | None = None) -> list[Conflict]:
    """One conflict per run of consecutive new vacation days."""
    runs: list[list[date]] = []
    for day in sorted(set(days)):
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    result = []
    for run in runs:
        text = (format_day(run[0], language) if len(run) == 1
                else f"{format_day(run[0], language)} – {format_day(run[-1], language)}")
        result.append(Conflict(NEW_VACATION, run[0], (agent.id,), tr(
            "{agent}: asks for vacation on {days} (1 day), not yet in the project; imported as "
            "approved vacation — remove it in the project if it is not approved" if len(run) == 1 else
            "{agent}: asks for vacation on {days} ({count} days), not yet in the project; imported as "
            "approved vacation — remove it in the project if it is not approved", language).format(
            agent=f"{agent.id} {agent.name}", days=text, count=len(run)), file))
    return result


# -- staffing ---------------------------------------------------------------------------

def _coverage(project: Project, agent: Agent, per_day: int, step: int) -> tuple[list[bool], list[bool]]:
    """Slots of a day (wall clock) ``agent`` could be on duty in, by a shift starting that day
    (first list) or the day before (second list), given start windows and the night rule."""
    same, prev = [False] * per_day, [False] * per_day
    for template in project.shift_templates:
        for start in template.starts():
            if not agent.may_start_at(start):
                continue
            if not agent.nights and project.labour.is_night(start, template.length_minutes):
                continue
            first = -(-start // step)
            last = (start + template.length_minutes) // step  # exclusive: slots wholly inside
            for k in range(first, last):
                if k < per_day:
                    same[k] = True
                elif k - per_day < per_day:
                    prev[k - per_day] = True
    return same, prev


def staffing_conflicts(project: Project, days: Iterable[date], rules: ConflictRules = ConflictRules(),
                       language: str | None = None) -> list[Conflict]:
    """*Too many off* and *cover impossible* conflicts on ``days`` of ``project`` (its requests)."""
    days = sorted({d for d in days if d in project.horizon})
    if not days or not project.agents:
        return []
    conflicts: list[Conflict] = []
    try:
        from scheduler.staffing.requirements import required_per_slot

        required: list[int] | None = required_per_slot(project)
    except Exception as error:  # noqa: BLE001 - advisory check: say so, never block the import
        required = None
        conflicts.append(Conflict(COVER_UNCHECKED, None, (), tr(
            "cover could not be checked against the forecast ({reason}); check the forecast", language)
            .format(reason=str(error).strip().splitlines()[0][:120] if str(error).strip()
                    else type(error).__name__)))
    timeline = project.timeline
    step = timeline.slot_minutes
    per_day = 24 * 60 // step
    reach = {a.id: _coverage(project, a, per_day, step) for a in project.agents}
    off: dict[date, set[str]] = {}
    for request in project.requests:
        if request.kind.is_day_off:
            off.setdefault(request.day, set()).add(request.agent_id)

    share = f"{rules.max_off_share * 100:g}"
    for day in days:
        index = project.horizon.index(day)
        first_slot = timeline.slot_of(timeline.day_start(index))
        last_slot = timeline.slot_of(timeline.day_start(index + 1) - 1)
        slots = []
        for t in range(first_slot, last_slot + 1):
            local = timeline.slot_local(t)
            if local.date() != day:
                continue
            k = (local.hour * 60 + local.minute) // step
            need = required[t] if required is not None and t < len(required) else 0
            slots.append((t, k, need, local))
        if not slots:
            continue
        off_today = off.get(day, set())
        off_yesterday = off.get(day - timedelta(days=1), set())
        has_yesterday = day - timedelta(days=1) in project.horizon

        def can(agent_id: str, k: int, ignore_requests: bool = False) -> bool:
            same, prev = reach[agent_id]
            today_ok = ignore_requests or agent_id not in off_today
            before_ok = has_yesterday and (ignore_requests or agent_id not in off_yesterday)
            return (today_ok and same[k]) or (before_ok and prev[k])

        # Too many off: among the agents able to work the peak.
        _t, peak_k, _need, peak_local = max(slots, key=lambda s: (s[2], -s[0]))
        able = [a.id for a in project.agents if can(a.id, peak_k, ignore_requests=True)]
        off_able = [a for a in able if a in off_today]
        if len(off_able) >= rules.min_off_count and len(off_able) > rules.max_off_share * len(able):
            conflicts.append(Conflict(TOO_MANY_OFF, day, tuple(off_able), tr(
                "{day}: {off} of {able} agents able to work the peak ({time}) asked to be off, more than "
                "{share} %: {agents}", language).format(
                day=format_day(day, language), off=len(off_able), able=len(able),
                time=f"{peak_local:%H:%M}", share=share, agents=_agents_text(off_able, language))))
        skills = sorted({s for a in project.agents for s in a.skills})
        for skill in skills:
            members = [a.id for a in project.agents if skill in a.skills]
            off_members = [a for a in members if a in off_today]
            if len(off_members) >= rules.min_off_count and len(off_members) > rules.max_off_share * len(members):
                conflicts.append(Conflict(TOO_MANY_OFF_SKILL, day, tuple(off_members), tr(
                    "{day}: {off} of {total} agents with skill {skill} asked to be off, more than {share} %: "
                    "{agents}", language).format(
                    day=format_day(day, language), off=len(off_members), total=len(members), skill=skill,
                    share=share, agents=_agents_text(off_members, language))))

        # Cover impossible: the worst moment of the day that the requests (not the
        # start windows, nor the horizon's first night) leave short.
        worst = None
        for t, k, need, local in slots:
            available = sum(1 for a in project.agents if can(a.id, k))
            if available >= need or sum(1 for a in project.agents if can(a.id, k, True)) < need:
                continue
            if worst is None or need - available > worst[0]:
                worst = (need - available, available, need, local)
        if worst is not None:
            _gap, available, need, local = worst
            ids = sorted(off_today & {a.id for a in project.agents})
            conflicts.append(Conflict(COVER_IMPOSSIBLE, day, tuple(ids), tr(
                "{day} at {time}: after the requests only {available} agents can be on duty but {needed} are "
                "needed; agents off that day: {agents}", language).format(
                day=format_day(day, language), time=f"{local:%H:%M}", available=available, needed=need,
                agents=_agents_text(ids, language))))
    return conflicts
