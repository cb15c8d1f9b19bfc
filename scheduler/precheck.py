"""Impossibilities a team lead can fix before solving, explained in words."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from scheduler.domain import Project
from scheduler.domain.agents import weekly_bounds
from scheduler.domain.clock import format_minute_of_day
from scheduler.domain.requests import RequestKind
from scheduler.i18n import add_translations, day_label, tr

add_translations({
    "{who}: no shift template starts inside their start window {window}. Widen the window or add a template.":
        "{who}: ninguna plantilla de turno empieza dentro de su franja de entrada {window}. Amplía la franja "
        "o añade una plantilla.",
    "{who}: the contract needs at least {hours} h a week but allows at most {days} working days, and the "
    "longest shift is {longest} h ({total} h). Raise the days per week, lower the hours or add a longer "
    "shift template.":
        "{who}: el contrato necesita al menos {hours} h a la semana pero permite como mucho {days} días de "
        "trabajo, y el turno más largo es de {longest} h ({total} h). Sube los días por semana, baja las horas "
        "o añade una plantilla de turno más larga.",
    "{who}: the contract needs at least {days} working days a week but allows at most {hours} h, and the "
    "shortest shift is {shortest} h ({total} h). Lower the days per week, raise the hours or add a shorter "
    "shift template.":
        "{who}: el contrato necesita al menos {days} días de trabajo a la semana pero permite como mucho "
        "{hours} h, y el turno más corto es de {shortest} h ({total} h). Baja los días por semana, sube las "
        "horas o añade una plantilla de turno más corta.",
    "{who}, week of {week}: the contract needs {days} working days but approved days off ({off}) leave "
    "{free}. Deny a day off or lower the contract's days for that week.":
        "{who}, semana del {week}: el contrato necesita {days} días de trabajo, pero los días libres "
        "aprobados ({off}) dejan {free}. Deniega un día libre o baja los días del contrato para esa semana.",
    "{who}, week of {week}: the contract needs {hours} h but {free} free days of at most {longest} h allow "
    "{total} h (days off: {off}).":
        "{who}, semana del {week}: el contrato necesita {hours} h, pero {free} días disponibles de como mucho "
        "{longest} h permiten {total} h (días libres: {off}).",
    "{who}, week of {week}: the contract needs {hours} h but {free} free days of at most {longest} h allow "
    "{total} h (days off: none).":
        "{who}, semana del {week}: el contrato necesita {hours} h, pero {free} días disponibles de como mucho "
        "{longest} h permiten {total} h (sin días libres).",
    "{who} does not work nights, but every shift starting in their start window {window} is a night shift. "
    "Allow nights or widen the window.":
        "{who} no trabaja de noche, pero todos los turnos que empiezan en su franja de entrada {window} son "
        "de noche. Permite las noches o amplía la franja.",
    "{who}: the contract needs {need} working days a week, but the rule of at least {off} days off a week "
    "leaves {left}.":
        "{who}: el contrato necesita {need} días de trabajo a la semana, pero la regla de al menos {off} "
        "días libres a la semana deja {left}.",
    "{who}: every shift in their start window {window} is a night shift and the contract needs {need} days "
    "a week, but at most {nights} nights a week are allowed.":
        "{who}: todos los turnos de su franja de entrada {window} son de noche y el contrato necesita {need} "
        "días a la semana, pero se permiten como mucho {nights} noches a la semana.",
    "{who}: {rest} h of rest between shifts leave no two working days in a row (the longest gap their "
    "start window {window} and the shift lengths allow is {gap} h), so at most 4 working days fit in a week; "
    "the contract needs {need}. Shorten the rest, widen the start window or add a shorter shift template.":
        "{who}: {rest} h de descanso entre turnos no dejan trabajar dos días seguidos (el hueco más largo que "
        "permiten su franja de entrada {window} y la duración de los turnos es de {gap} h), así que caben como "
        "mucho 4 días de trabajo a la semana; el contrato necesita {need}. Acorta el descanso, amplía la franja "
        "de entrada o añade una plantilla de turno más corta.",
    "{who}: the contract needs 7 working days every week, but at most {days} days in a row are allowed.":
        "{who}: el contrato necesita 7 días de trabajo cada semana, pero se permiten como mucho {days} días "
        "seguidos.",
})


def _who(agent) -> str:
    return f"{agent.name} ({agent.id})"


def _window(agent) -> str:
    return f"{format_minute_of_day(agent.earliest_start)}–{format_minute_of_day(agent.latest_start)}"


def find_impossibilities(project: Project) -> list[str]:
    """Rules that cannot all hold, each naming the agent, the rule and the days.

    Checks what needs no search: contract days or hours above what the days
    left after approved days off allow, start windows no shift template can
    start in (or only night shifts, for an agent who does not work nights),
    and labour limits that leave fewer working days than the contract needs.
    The sentences are in the UI's language (:func:`scheduler.i18n.tr`).
    """
    problems: list[str] = []
    horizon = project.horizon
    hard_off: dict[str, set] = defaultdict(set)
    vacation: dict[str, set] = defaultdict(set)
    for request in project.requests:
        if request.hard and request.kind.is_day_off and request.day in horizon:
            hard_off[request.agent_id].add(request.day)
            if request.kind is RequestKind.VACATION:
                vacation[request.agent_id].add(request.day)
    longest = max(t.length_minutes for t in project.shift_templates)
    for agent in project.agents:
        who = _who(agent)
        starts = [s for t in project.shift_templates for s in t.starts() if agent.may_start_at(s)]
        if not starts:
            problems.append(tr("{who}: no shift template starts inside their start window {window}. "
                               "Widen the window or add a template.").format(who=who, window=_window(agent)))
            continue
        problems += _limit_clashes(project, agent, starts)
        contract = agent.contract
        shortest = min(t.length_minutes for t in project.shift_templates)
        if contract.max_days_per_week * longest < contract.weekly_min_minutes:
            problems.append(tr(
                "{who}: the contract needs at least {hours} h a week but allows at most {days} working days, "
                "and the longest shift is {longest} h ({total} h). Raise the days per week, lower the hours "
                "or add a longer shift template.").format(
                who=who, hours=f"{contract.weekly_min_minutes / 60:g}", days=contract.max_days_per_week,
                longest=f"{longest / 60:g}", total=f"{contract.max_days_per_week * longest / 60:g}"))
            continue
        if contract.min_days_per_week * shortest > contract.weekly_max_minutes:
            problems.append(tr(
                "{who}: the contract needs at least {days} working days a week but allows at most {hours} h, "
                "and the shortest shift is {shortest} h ({total} h). Lower the days per week, raise the hours "
                "or add a shorter shift template.").format(
                who=who, days=contract.min_days_per_week, hours=f"{contract.weekly_max_minutes / 60:g}",
                shortest=f"{shortest / 60:g}", total=f"{contract.min_days_per_week * shortest / 60:g}"))
            continue
        for week in range(horizon.weeks):
            days = [horizon.start + timedelta(days=7 * week + i) for i in range(7)]
            off = sorted(d for d in days if d in hard_off[agent.id])
            n_vacation = sum(1 for d in days if d in vacation[agent.id])
            min_days, _, min_minutes, _ = weekly_bounds(agent.contract, n_vacation)
            free = 7 - len(off)
            off_text = ", ".join(day_label(d) for d in off)
            if free < min_days:
                problems.append(tr(
                    "{who}, week of {week}: the contract needs {days} working days but approved days off "
                    "({off}) leave {free}. Deny a day off or lower the contract's days for that week.").format(
                    who=who, week=days[0].isoformat(), days=min_days, off=off_text, free=free))
            elif free * longest < min_minutes:
                problems.append(tr(
                    "{who}, week of {week}: the contract needs {hours} h but {free} free days of at most "
                    "{longest} h allow {total} h (days off: {off})." if off else
                    "{who}, week of {week}: the contract needs {hours} h but {free} free days of at most "
                    "{longest} h allow {total} h (days off: none).").format(
                    who=who, week=days[0].isoformat(), hours=f"{min_minutes / 60:g}", free=free,
                    longest=f"{longest / 60:g}", total=f"{free * longest / 60:g}", off=off_text))
    return problems


def _limit_clashes(project: Project, agent, starts: list[int]) -> list[str]:
    """Labour limits that leave an agent fewer possible working days than the contract needs."""
    labour = project.labour
    who = _who(agent)
    out = []
    window = _window(agent)
    shapes = [(s, t.length_minutes) for t in project.shift_templates for s in t.starts() if agent.may_start_at(s)]
    nights = [labour.is_night(s, length) for s, length in shapes]
    if not agent.nights and all(nights):
        return [tr("{who} does not work nights, but every shift starting in their start window {window} is a "
                   "night shift. Allow nights or widen the window.").format(who=who, window=window)]
    need = agent.contract.min_days_per_week
    if labour.min_days_off_per_week and not labour.min_days_off_per_week_weight \
            and 7 - labour.min_days_off_per_week < need:
        out.append(tr("{who}: the contract needs {need} working days a week, but the rule of at least {off} "
                      "days off a week leaves {left}.").format(
            who=who, need=need, off=labour.min_days_off_per_week, left=7 - labour.min_days_off_per_week))
    if all(nights) and labour.max_nights_per_week < need and not labour.max_nights_per_week_weight:
        out.append(tr("{who}: every shift in their start window {window} is a night shift and the contract "
                      "needs {need} days a week, but at most {nights} nights a week are allowed.").format(
            who=who, window=window, need=need, nights=labour.max_nights_per_week))
    # The longest rest between shifts on two days in a row: the earliest possible end
    # on one day to the latest possible start on the next.
    gap = 24 * 60 + max(s for s, _length in shapes) - min(s + length for s, length in shapes)
    if gap < labour.min_rest_minutes and need > 4:
        out.append(tr("{who}: {rest} h of rest between shifts leave no two working days in a row (the longest "
                      "gap their start window {window} and the shift lengths allow is {gap} h), so at most 4 "
                      "working days fit in a week; the contract needs {need}. Shorten the rest, widen the start "
                      "window or add a shorter shift template.").format(
            who=who, rest=f"{labour.min_rest_minutes / 60:g}", window=window, gap=f"{gap / 60:g}", need=need))
    if need == 7 and labour.max_consecutive_days < 7 and not labour.max_consecutive_days_weight:
        out.append(tr("{who}: the contract needs 7 working days every week, but at most {days} days in a row "
                      "are allowed.").format(who=who, days=labour.max_consecutive_days))
    return out
