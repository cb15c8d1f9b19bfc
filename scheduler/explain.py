"""Penalties and conflicts of a solve, in words a team lead reads."""

from __future__ import annotations

from datetime import date, timedelta

from scheduler.domain.clock import format_minute_of_day
from scheduler.i18n import add_translations, day_label, language, number, tr
from scheduler.planning import Plan
from solver import Conflict, Penalty


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _who(plan: Plan, agent_id: str) -> str:
    try:
        agent = plan.project.agent(agent_id)
    except KeyError:
        return agent_id
    return f"{agent.name} ({agent.id})"


def _day(plan: Plan, day: int) -> date:
    return plan.project.horizon.start + timedelta(days=day)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g} h"


#: term -> sentence with {who}, {when}, {n} (quantity), {nth} (ordinal of quantity)
_PENALTY_TEXT = {
    "day_off_request": "{who}: works a requested day off{when}",
    "shift_request": "{who}: shift request not met{when}",
    "max_consecutive_nights": "{who}: {nth} night in a row{when}",
    "max_consecutive_days": "{who}: {nth} day in a row{when}",
    "max_nights_per_week": "{who}: {n} nights in the week{from_}",
    "min_days_off_per_week": "{who}: only {n} days off in the week{from_}",
    "days_off_together": "{who}: a day off standing alone{when}",
    "max_weekends": "{who}: works {n} weekends",
    "stable_start": "{who}: {n} different start times in the week{from_}",
}

_FAIR = {"fair_nights": "nights", "fair_weekends": "weekend shifts", "fair_holidays": "public-holiday shifts"}

_PREFERENCE = {"prefer_morning": "a morning shift", "prefer_afternoon": "an afternoon shift",
               "prefer_night": "a night shift"}


# Spanish names a penalty the way the window's cost table does (ui/i18n_es.py: "Libranzas pedidas
# que se trabajan", "Días libres no seguidos", "Noches/Fines de semana/Festivos mal repartidos") and
# `turnos-cli solve` prints it.
add_translations({
    "{who}: works a requested day off{when}": "{who}: trabaja una libranza pedida{when}",
    "{who}: shift request not met{when}": "{who}: petición de turno no atendida{when}",
    # {nth} is "3rd" in English and "3" in Spanish (see describe_penalty)
    "{who}: {nth} night in a row{when}": "{who}: {nth}.ª noche seguida{when}",
    "{who}: {nth} day in a row{when}": "{who}: {nth}.º día seguido{when}",
    "{who}: {n} nights in the week{from_}": "{who}: {n} noches en la semana{from_}",
    "{who}: only {n} days off in the week{from_}": "{who}: solo {n} días libres en la semana{from_}",
    "{who}: a day off standing alone{when}": "{who}: un día libre no seguido de otro{when}",
    "{who}: works {n} weekends": "{who}: trabaja {n} fines de semana",
    "{who}: {n} different start times in the week{from_}": "{who}: {n} horas de entrada distintas en la semana{from_}",
    "{start}–{end} short by {n}": "{start}–{end} faltan {n}",
    "{start}–{end} over by {n}": "{start}–{end} sobran {n}",
    "{what} are uneven among agents with the same contract and hours: {most} has {high}, {fewest} {low}, "
    "counting earlier rosters":
        "mal reparto de {what} entre agentes del mismo contrato y horario: {most} tiene "
        "{high}, {fewest} {low}, contando cuadrantes anteriores",
    # without an article, so that nothing has to agree with "noches" or "turnos"
    "nights": "noches", "weekend shifts": "turnos de fin de semana",
    "public-holiday shifts": "turnos en festivo",
    "a morning shift": "un turno de mañana", "an afternoon shift": "un turno de tarde",
    "a night shift": "un turno de noche", "a preferred shift": "un turno preferido",
    "{who}: asked for {wish}{when}, did not get it": "{who}: pidió {wish}{when} y no lo obtuvo",
    " on {day}": " el {day}", " of {day}": " del {day}",
})


def _cost(penalty: Penalty) -> str:
    """`` (+1,100)`` / `` (+1.100)``: what the compromise adds to the roster's cost."""
    return f" (+{number(penalty.cost, ',')})"


def describe_penalty(plan: Plan, penalty: Penalty) -> str:
    """The penalty as a sentence in the UI's language, with its cost."""
    project = plan.project
    timeline = project.timeline
    if penalty.term in ("shortage", "excess") and penalty.slot is not None:
        start = timeline.slot_local(penalty.slot)
        end = timeline.minutes_to_local(timeline.slot_start(penalty.slot) + timeline.slot_minutes)
        template = "{start}–{end} short by {n}" if penalty.term == "shortage" else "{start}–{end} over by {n}"
        text = tr(template).format(start=f"{day_label(start.date())} {start:%H:%M}", end=f"{end:%H:%M}",
                                   n=penalty.quantity)
        return f"{text}{_cost(penalty)}"
    if penalty.term in _FAIR and len(penalty.peers) == 2:
        most, fewest = penalty.peers
        high, low = penalty.values
        what = tr(_FAIR[penalty.term])
        text = tr("{what} are uneven among agents with the same contract and hours: {most} has {high}, "
                  "{fewest} {low}, counting earlier rosters").format(
            what=what, most=_who(plan, most), high=high, fewest=_who(plan, fewest), low=low)
        return f"{text[:1].upper()}{text[1:]}{_cost(penalty)}"
    who = _who(plan, penalty.agent) if penalty.agent is not None else ""
    when = from_ = ""
    if penalty.day is not None:
        when = tr(" on {day}").format(day=day_label(_day(plan, penalty.day)))
        from_ = tr(" of {day}").format(day=day_label(_day(plan, penalty.day)))
    if penalty.term == "shift_preference" and penalty.day is not None:
        day = _day(plan, penalty.day)
        kinds = [r.kind.value for r in project.requests if r.agent_id == penalty.agent and r.day == day]
        wish = next((_PREFERENCE[k] for k in kinds if k in _PREFERENCE), "a preferred shift")
        text = tr("{who}: asked for {wish}{when}, did not get it").format(who=who, wish=tr(wish), when=when)
        return f"{text}{_cost(penalty)}"
    template = _PENALTY_TEXT.get(penalty.term)
    if template is None:
        label = penalty.term.replace("_", " ")
        return f"{who + ': ' if who else ''}{label}{when}{_cost(penalty)}"
    nth = _ordinal(penalty.quantity) if language() == "en" else str(penalty.quantity)
    text = tr(template).format(who=who, when=when, from_=from_, n=penalty.quantity, nth=nth)
    return f"{text}{_cost(penalty)}"


def penalty_totals(penalties) -> dict[str, int]:
    totals: dict[str, int] = {}
    for penalty in penalties:
        totals[penalty.term] = totals.get(penalty.term, 0) + penalty.cost
    return totals


# -- conflicts: hard rules that cannot all hold -------------------------------------
def _week_text(plan: Plan, week: int) -> str:
    return tr("the week of {day}").format(day=day_label(plan.project.horizon.start + timedelta(days=7 * week)))


_CONFLICT_ES = {
    "the week of {day}": "la semana del {day}",
    "the day off kept (locked){on}": "el día libre fijado{on}",
    "the shift kept (locked){on} {start}–{end}": "el turno fijado{on} {start}–{end}",
    "the contract's {span} working days in {week}": "los {span} días de trabajo del contrato en {week}",
    "the contract's {low}–{high} in {week}": "las {low}–{high} del contrato en {week}",
    "at least {rest} rest before the shift{on}": "al menos {rest} de descanso antes del turno{on}",
    "at least {rest} rest after the last shift of the previous roster{on}":
        "al menos {rest} de descanso tras el último turno del cuadrante anterior{on}",
    "at most {n} working days in a row": "como mucho {n} días de trabajo seguidos",
    "at most {n} nights in a row": "como mucho {n} noches seguidas",
    "at most {n} nights in {week}": "como mucho {n} noches en {week}",
    "at least {n} days off in {week}": "al menos {n} días libres en {week}",
    "at most {n} working weekends": "como mucho {n} fines de semana trabajados",
    "{low}–{high} over the horizon": "{low}–{high} en todo el periodo",
    "the rule {rule}{where}": "la regla {rule}{where}",
    " in {week}": " en {week}",
    "{who}: these rules cannot all hold: {rules}.": "{who}: estas reglas no pueden cumplirse a la vez: {rules}.",
    " Approved days off: {days}.": " Días libres aprobados: {days}.",
    " Their start window is {first}–{last}{nights}.": " Su franja de entrada es {first}–{last}{nights}.",
    ", no nights": ", sin noches",
    "The hard rules cannot all hold together, but no single agent's rules clash on their own. "
    "Check locked shifts and the labour rules.":
        "Las reglas obligatorias no pueden cumplirse todas a la vez, aunque las de cada agente, por separado, "
        "no chocan entre sí. Revisa los turnos fijados y las reglas laborales.",
}
add_translations(_CONFLICT_ES)


def _describe_rule(plan: Plan, conflict: Conflict, a: int) -> str:
    project, problem = plan.project, plan.problem
    labour = project.labour
    spec = problem.agents[a]
    rule, day, week = conflict.rule, conflict.day, conflict.week
    on = tr(" on {day}").format(day=day_label(_day(plan, day))) if day is not None else ""
    if rule == "locked" and day is not None:
        shift = (plan.locks or {}).get((conflict.agent, _day(plan, day)))
        if shift is None:
            return tr("the day off kept (locked){on}").format(on=on)
        zone = project.site.zone
        return tr("the shift kept (locked){on} {start}–{end}").format(
            on=on, start=f"{shift.start.astimezone(zone):%H:%M}", end=f"{shift.end.astimezone(zone):%H:%M}")
    if rule == "weekly_days" and week is not None:
        low, high = spec.week_min_days[week], spec.week_max_days[week]
        span = f"{low}" if low == high else f"{low}–{high}"
        return tr("the contract's {span} working days in {week}").format(span=span, week=_week_text(plan, week))
    if rule == "weekly_minutes" and week is not None:
        return tr("the contract's {low}–{high} in {week}").format(
            low=_hours(spec.week_min_minutes[week]), high=_hours(spec.week_max_minutes[week]),
            week=_week_text(plan, week))
    if rule == "min_rest":
        return tr("at least {rest} rest before the shift{on}").format(rest=_hours(problem.min_rest_minutes), on=on)
    if rule == "rest_before":
        return tr("at least {rest} rest after the last shift of the previous roster{on}").format(
            rest=_hours(problem.min_rest_minutes), on=on)
    if rule == "max_consecutive_days":
        return tr("at most {n} working days in a row").format(n=labour.max_consecutive_days)
    if rule == "max_consecutive_nights":
        return tr("at most {n} nights in a row").format(n=labour.max_consecutive_nights)
    if rule == "max_nights_per_week":
        return tr("at most {n} nights in {week}").format(n=labour.max_nights_per_week,
                                                        week=_week_text(plan, week or 0))
    if rule == "min_days_off_per_week":
        return tr("at least {n} days off in {week}").format(n=labour.min_days_off_per_week,
                                                           week=_week_text(plan, week or 0))
    if rule == "max_weekends":
        return tr("at most {n} working weekends").format(n=labour.max_weekends)
    if rule == "total_minutes" and spec.total_minutes:
        return tr("{low}–{high} over the horizon").format(low=_hours(spec.total_minutes[0]),
                                                         high=_hours(spec.total_minutes[1]))
    where = on or (tr(" in {week}").format(week=_week_text(plan, week)) if week is not None else "")
    return tr("the rule {rule}{where}").format(rule=rule.replace("_", " "), where=where)


def _unavailable_days(plan: Plan, agent_id: str, weeks: set[int]) -> list[date]:
    project = plan.project
    return sorted(r.day for r in project.requests
                  if r.agent_id == agent_id and r.hard and r.kind.is_day_off and r.day in project.horizon
                  and (not weeks or (r.day - project.horizon.start).days // 7 in weeks))


def describe_conflicts(plan: Plan, conflicts: tuple[Conflict, ...]) -> str:
    """One sentence for one agent's clash: who, which rules, which days."""
    if not conflicts:
        return ""
    agent_id = conflicts[0].agent
    a = next(i for i, spec in enumerate(plan.problem.agents) if spec.key == agent_id)
    rules = [_describe_rule(plan, c, a) for c in conflicts]
    text = tr("{who}: these rules cannot all hold: {rules}.").format(who=_who(plan, agent_id), rules="; ".join(rules))
    weeks = {c.week for c in conflicts if c.week is not None}
    off = _unavailable_days(plan, agent_id, weeks)
    if off and any(c.rule in ("weekly_days", "weekly_minutes", "total_minutes", "min_days_off_per_week")
                   for c in conflicts):
        text += tr(" Approved days off: {days}.").format(days=", ".join(day_label(d) for d in off))
    try:
        agent = plan.project.agent(agent_id)
    except KeyError:
        return text
    if agent.earliest_start > 0 or agent.latest_start < 23 * 60 + 45 or not agent.nights:
        text += tr(" Their start window is {first}–{last}{nights}.").format(
            first=format_minute_of_day(agent.earliest_start), last=format_minute_of_day(agent.latest_start),
            nights="" if agent.nights else tr(", no nights"))
    return text


def explain_infeasible(plan: Plan, result) -> list[str]:
    """Sentences for an INFEASIBLE result; never a bare status."""
    sentences = [describe_conflicts(plan, group) for group in result.conflicts]
    sentences = [s for s in sentences if s]
    if not sentences:
        sentences = [tr("The hard rules cannot all hold together, but no single agent's rules clash on their "
                        "own. Check locked shifts and the labour rules.")]
    return sentences
