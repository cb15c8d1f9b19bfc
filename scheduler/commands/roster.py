"""`turnos-cli solve`, `validate`, `info`: roster commands."""

from __future__ import annotations

import argparse
import getpass
import math
import sys
from pathlib import Path

from scheduler.breaks.presets import PRESETS, apply_preset
from scheduler.commands.exports import short_on_the_phone
from scheduler.domain import RosterVersion
from scheduler.explain import describe_penalty, penalty_totals
from scheduler.export.coverage import coverage
from scheduler.export.roster_workbook import version_status_text, write_roster_workbook
from scheduler.i18n import add_translations, language, number, tr
from scheduler.solving import PlanningError, solve_project
from scheduler.store import load_project, save_version
from solver import Progress, SolveParams, SolveStatus

#: ``--workers`` above this is a typo rather than a machine (CP-SAT takes at most 2^31 - 1)
MOST_WORKERS = 256
#: CP-SAT's random seed is a 32-bit integer
SEEDS = (-(2 ** 31), 2 ** 31 - 1)

add_translations({
    # solve: progress (stderr) and summary (stdout); numbers follow the language's marks
    "Solving {name}: {agents} agents, {days} days from {start} ({limit})":
        "Resolviendo {name}: {agents} agentes, {days} días desde el {start} ({limit})",
    "work limit {units} units, reproducible": "límite de trabajo de {units} unidades, reproducible",
    "time limit {seconds} s": "tiempo límite {seconds} s",
    "{seconds} s  cost {cost}": "{seconds} s  coste {cost}",
    "within {gap} of the best possible": "como mucho un {gap} por encima del mejor posible",
    "status: optimal": "estado: óptimo",
    "status: feasible": "estado: factible",
    "cost: {cost}": "coste: {cost}",
    "best possible: {bound}": "mejor posible (cota): {bound}",
    "gap: {gap}": "distancia a la cota: {gap}",
    "seconds: {seconds}": "segundos: {seconds}",
    "shifts: {count}": "turnos: {count}",
    # two yardsticks, named so that they cannot be read as contradicting each other: agents on the
    # phone (breaks placed) against the requirement, as in the approval workbook; and the shift
    # planning's own target (agents on shift, break time allowed for), the "shortage" penalty's measure
    # (the "short on the phone" line is scheduler.commands.exports.short_on_the_phone)
    "over on the phone (breaks included): {hours} agent-hours":
        "sobran al teléfono (con las pausas): {hours} horas-agente",
    "shift planning, before breaks (agents on shift against the need plus a break allowance): "
    "short {short}, over {over} agent-hours":
        "planificación de turnos, antes de las pausas (agentes en turno frente a lo necesario más un margen "
        "para pausas): faltan {short}, sobran {over} horas-agente",
    "penalty {term}: {cost}": "penalización por {term}: {cost}",
    "breaks: {count} placed in {seconds} s": "pausas: {count} colocadas en {seconds} s",
    "shifts whose breaks could not be placed: {count}": "turnos cuyas pausas no se pudieron colocar: {count}",
    "rule violations: {count}": "incumplimientos de reglas: {count}",
    "saved as version {number} (draft) in {project}": "guardado como versión {number} (borrador) en {project}",
    # the comment stored with a version saved by `solve --save`
    "turnos-cli solve (optimal)": "turnos-cli solve (óptimo)",
    "turnos-cli solve (feasible)": "turnos-cli solve (factible)",
    "wrote {path}": "se escribió {path}",
    # penalty terms: English prints the engine's names as they are ("penalty shortage: 1,200"),
    # Spanish says them in words, the window's words where it names the term (ui/i18n_es.py,
    # SolvePage.term_name), so a penalty has one name everywhere
    "shortage": "intervalos con agentes de menos",
    "excess": "agentes de más",
    "day_off_request": "libranzas pedidas que se trabajan",
    "shift_request": "peticiones de turno no atendidas",
    "shift_preference": "preferencias de turno no atendidas",
    "max_nights_per_week": "demasiadas noches en la semana",
    "min_days_off_per_week": "pocos días libres en la semana",
    "max_consecutive_nights": "demasiadas noches seguidas",
    "max_consecutive_days": "demasiados días seguidos",
    "days_off_together": "días libres no seguidos",
    "max_weekends": "demasiados fines de semana trabajados",
    "stable_start": "horas de entrada que cambian de un día a otro",
    "fair_nights": "noches mal repartidas",
    "fair_weekends": "fines de semana mal repartidos",
    "fair_holidays": "festivos mal repartidos",
    # validate, info
    "version {number} ({status}): {count} rule violations":
        "versión {number} ({status}): {count} incumplimientos de reglas",
    "center: {name} ({time_zone}, {minutes}-min intervals)":
        "centro: {name} ({time_zone}, intervalos de {minutes} min)",
    "horizon: {start} – {end} ({weeks} weeks)": "periodo: {start} – {end} (semanas: {weeks})",
    "agents: {count} ({kinds})": "agentes: {count} ({kinds})",
    "requests: {count}": "peticiones: {count}",
    "forecast intervals: {count}": "intervalos de previsión: {count}",
    "version {number}: {status}, {shifts} shifts, {at} UTC by {author}":
        "versión {number}: {status}, {shifts} turnos, {at} UTC por {author}",
    # presets (titles, sources and notes have their Spanish in scheduler/breaks/presets.py; break
    # names stay as they are: they are what the project's break rules get called)
    "{name} {minutes} min": "{name} {minutes} min",
    "{name} {minutes} min unpaid": "{name} {minutes} min sin retribuir",
    "; rest {hours} h": "; descanso entre turnos {hours} h",
    "    source: {source}": "    fuente: {source}",
    "    note: {note}": "    nota: {note}",
    # refusals
    "{option} must be more than 0 seconds, got {value}":
        "{option} debe ser un número de segundos mayor que 0 (has puesto {value})",
    "{option} must be a finite number of seconds, got {value}":
        "{option} debe ser un número finito de segundos (has puesto {value})",
    "--workers must be between 0 (every core) and {most}, got {value}":
        "--workers debe estar entre 0 (todos los núcleos) y {most} (has puesto {value})",
    "--seed must be between {least} and {most}, got {value}":
        "--seed debe estar entre {least} y {most} (has puesto {value})",
    "--explain must be 0 or more, got {value}": "--explain debe ser 0 o más (has puesto {value})",
    "The rules cannot all hold:": "Las reglas no pueden cumplirse todas a la vez:",
    "No roster: the hard rules cannot all hold.":
        "No hay cuadrante: las reglas obligatorias no pueden cumplirse todas a la vez.",
    "No roster: no roster was found in the time allowed; try a longer --time-limit.":
        "No hay cuadrante: no se encontró ninguno en el tiempo permitido; prueba con un --time-limit más largo.",
    "The project has no such roster version.": "El proyecto no tiene esa versión del cuadrante.",
    "The project has no roster yet.": "El proyecto aún no tiene cuadrante.",
    # --help (argparse's own words, "usage:", "options" …, are in scheduler/cli.py)
    "build a roster for a project": "crea un cuadrante para un proyecto",
    "project file (.turnos)": "archivo de proyecto (.turnos)",
    "write the roster workbook (.xlsx) here": "escribe aquí el libro del cuadrante (.xlsx)",
    "seconds to search (default 30)": "segundos de búsqueda (por defecto 30)",
    "search threads (default: all cores)": "hilos de búsqueda (por defecto: todos los núcleos)",
    "random seed (default 0)": "semilla aleatoria (por defecto 0)",
    "the same project, seed and workers give the same roster on any machine: the time limit counts units "
    "of work (about a second each) instead of seconds":
        "el mismo proyecto, la misma semilla y los mismos hilos dan el mismo cuadrante en cualquier máquina: "
        "el tiempo límite cuenta unidades de trabajo (de un segundo, más o menos, cada una) en lugar de segundos",
    "store the roster in the project as a new draft version":
        "guarda el cuadrante en el proyecto como una versión nueva en borrador",
    "list the N costliest compromises": "lista las N concesiones que más cuestan",
    "workbook language (default: the CLI's, TURNOS_LANGUAGE or the system's)":
        "idioma del libro (por defecto: el de turnos-cli, TURNOS_LANGUAGE o el del sistema)",
    "no progress lines": "sin líneas de progreso",
    "print the CP-SAT search log": "muestra el registro de búsqueda de CP-SAT",
    "apply a break-law preset for this run (see `turnos-cli presets`)":
        "aplica una norma legal de pausas solo en esta ejecución (consulta `turnos-cli presets`)",
    "seconds for placing breaks (default: the time limit, at most 30)":
        "segundos para colocar las pausas (por defecto: el tiempo límite, como mucho 30)",
    "list the break-law presets": "lista las normas legales de pausas",
    "show sources and notes": "muestra las fuentes y las notas",
    "check a roster version against every rule": "comprueba una versión del cuadrante frente a todas las reglas",
    "version number (default: the latest)": "número de versión (por defecto: la última)",
    "summarise a project file": "resume un archivo de proyecto",
})


def _print_progress(progress: Progress) -> None:
    if progress.objective is None:
        return
    gap = progress.gap
    gap_text = ("  " + tr("within {gap} of the best possible").format(gap=number(gap, ".1%"))
                if gap is not None else "")
    line = tr("{seconds} s  cost {cost}").format(seconds=number(progress.elapsed_seconds, "6.1f"),
                                                 cost=number(progress.objective, ",.0f"))
    print(f"  {line}{gap_text}", file=sys.stderr, flush=True)


def cmd_presets(args: argparse.Namespace) -> int:
    for item in PRESETS:
        rest = (tr("; rest {hours} h").format(hours=number(item.min_rest_minutes / 60, "g"))
                if item.min_rest_minutes else "")
        kinds = ", ".join(tr("{name} {minutes} min" if r.paid else "{name} {minutes} min unpaid")
                          .format(name=r.name, minutes=r.length_minutes) for r in item.rules)
        print(f"{item.key}: {tr(item.title)} — {kinds}{rest}")
        if args.verbose:
            print(tr("    source: {source}").format(source=tr(item.source)))
            if item.notes:
                print(tr("    note: {note}").format(note=tr(item.notes)))
    return 0


def _check_solve_options(args: argparse.Namespace) -> None:
    """Refuse, in the user's language, the values :class:`SolveParams` and CP-SAT would refuse in
    English (or with a traceback), and the ones that would silently do something else."""
    for option, value in (("--time-limit", args.time_limit), ("--break-time-limit", args.break_time_limit)):
        if value is None:
            continue
        if not value > 0:  # also NaN
            raise ValueError(tr("{option} must be more than 0 seconds, got {value}")
                             .format(option=option, value=f"{value:g}"))
        if math.isinf(value):
            raise ValueError(tr("{option} must be a finite number of seconds, got {value}")
                             .format(option=option, value=f"{value:g}"))
    if not 0 <= args.workers <= MOST_WORKERS:
        raise ValueError(tr("--workers must be between 0 (every core) and {most}, got {value}")
                         .format(most=MOST_WORKERS, value=args.workers))
    if not SEEDS[0] <= args.seed <= SEEDS[1]:
        raise ValueError(tr("--seed must be between {least} and {most}, got {value}")
                         .format(least=SEEDS[0], most=SEEDS[1], value=args.seed))
    if args.explain < 0:
        raise ValueError(tr("--explain must be 0 or more, got {value}").format(value=args.explain))


def cmd_solve(args: argparse.Namespace) -> int:
    _check_solve_options(args)
    project = load_project(args.project)
    if args.break_preset:
        project = apply_preset(project, args.break_preset)
    params = SolveParams(time_limit_seconds=args.time_limit, workers=args.workers, seed=args.seed,
                         log=args.log, reproducible=args.reproducible)
    limit = (tr("work limit {units} units, reproducible").format(units=number(args.time_limit, "g"))
             if args.reproducible else tr("time limit {seconds} s").format(seconds=number(args.time_limit, "g")))
    print(tr("Solving {name}: {agents} agents, {days} days from {start} ({limit})").format(
        name=project.site.name, agents=len(project.agents), days=project.horizon.days,
        start=project.horizon.start.isoformat(), limit=limit), file=sys.stderr)
    try:
        outcome = solve_project(project, params, progress=None if args.quiet else _print_progress,
                                break_time_limit=args.break_time_limit)
    except PlanningError as error:
        print(tr("The rules cannot all hold:"), file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    result = outcome.result
    if outcome.roster is None:
        print(tr("No roster: the hard rules cannot all hold." if result.status.value == "infeasible"
                 else "No roster: no roster was found in the time allowed; try a longer --time-limit."),
              file=sys.stderr)
        return 3
    # a roster means optimal or feasible (SolveStatus.has_roster)
    print(tr("status: optimal" if result.status is SolveStatus.OPTIMAL else "status: feasible"))
    print(tr("cost: {cost}").format(cost=number(result.objective, ",.0f")))
    if result.bound is not None:
        print(tr("best possible: {bound}").format(bound=number(result.bound, ",.0f")))
    if result.gap is not None:
        print(tr("gap: {gap}").format(gap=number(result.gap, ".2%")))
    print(tr("seconds: {seconds}").format(seconds=number(result.wall_seconds, ".1f")))
    print(tr("shifts: {count}").format(count=number(len(outcome.roster.shifts), ",")))
    # what the team lead and the approval workbook call short: required vs on the phone, breaks placed
    on_phone = coverage(project, outcome.roster)
    print(short_on_the_phone(on_phone))
    print(tr("over on the phone (breaks included): {hours} agent-hours").format(
        hours=number(on_phone.excess_agent_minutes / 60, ",.1f")))
    print(tr("shift planning, before breaks (agents on shift against the need plus a break allowance): "
             "short {short}, over {over} agent-hours").format(
        short=number(outcome.shortage_agent_minutes / 60, ",.1f"),
        over=number(outcome.excess_agent_minutes / 60, ",.1f")))
    for term, cost in sorted(penalty_totals(result.penalties).items(), key=lambda item: tr(item[0])):
        print(tr("penalty {term}: {cost}").format(term=tr(term), cost=number(cost, ",")))
    breaks = sum(len(s.breaks) for s in outcome.roster.shifts)
    print(tr("breaks: {count} placed in {seconds} s").format(count=number(breaks, ","),
                                                             seconds=number(outcome.break_seconds, ".1f")))
    if outcome.unplaced_breaks:
        print(tr("shifts whose breaks could not be placed: {count}").format(count=outcome.unplaced_breaks))
    print(tr("rule violations: {count}").format(count=len(outcome.violations)))
    for violation in outcome.violations[:20]:
        print(f"  - {violation.message}")
    if args.explain:
        worst = sorted(result.penalties, key=lambda p: -p.cost)[: args.explain]
        for penalty in worst:
            print(f"  · {describe_penalty(outcome.plan, penalty)}")
    # the comment shows in `versions`, the approval workbook's history and the window: it is written
    # in the language of the run (English: "turnos-cli solve (feasible)", as before)
    comment = tr("turnos-cli solve (optimal)" if result.status is SolveStatus.OPTIMAL
                 else "turnos-cli solve (feasible)")
    version = RosterVersion(project.next_version_number(), outcome.roster, author=getpass.getuser(),
                            comment=comment, horizon_start=project.horizon.start)
    if args.save:
        save_version(args.project, version)
        print(tr("saved as version {number} (draft) in {project}").format(number=version.number,
                                                                          project=args.project))
    if args.out:
        write_roster_workbook(project, outcome.roster, args.out, version, language=args.language or language())
        print(tr("wrote {path}").format(path=args.out))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from scheduler.validate import validate

    project = load_project(args.project)
    version = (project.latest_version() if args.version is None
               else next((v for v in project.versions if v.number == args.version), None))
    if version is None:
        print(tr("The project has no such roster version." if args.version is not None
                 else "The project has no roster yet."), file=sys.stderr)
        return 2
    violations = validate(project, version.roster)
    print(tr("version {number} ({status}): {count} rule violations").format(
        number=version.number, status=version_status_text(version.status), count=len(violations)))
    for violation in violations:
        print(f"  - {violation.message}")
    return 1 if violations else 0


def cmd_info(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    site, horizon = project.site, project.horizon
    print(tr("center: {name} ({time_zone}, {minutes}-min intervals)").format(
        name=site.name, time_zone=site.time_zone, minutes=site.interval_minutes))
    print(tr("horizon: {start} – {end} ({weeks} weeks)").format(
        start=horizon.start.isoformat(), end=horizon.end.isoformat(), weeks=horizon.weeks))
    kinds: dict[str, int] = {}
    for agent in project.agents:
        kinds[agent.contract.kind.value] = kinds.get(agent.contract.kind.value, 0) + 1
    print(tr("agents: {count} ({kinds})").format(
        count=len(project.agents), kinds=", ".join(f"{n} {tr(k)}" for k, n in sorted(kinds.items()))))
    print(tr("requests: {count}").format(count=len(project.requests)))
    print(tr("forecast intervals: {count}").format(count=len(project.forecast.intervals)))
    for version in sorted(project.versions, key=lambda v: v.number):
        print(tr("version {number}: {status}, {shifts} shifts, {at} UTC by {author}").format(
            number=version.number, status=version_status_text(version.status), shifts=len(version.roster.shifts),
            at=f"{version.created_at:%Y-%m-%d %H:%M}", author=version.author or "?"))
    return 0


def register(sub) -> None:
    # help texts are translated here, when turnos-cli builds its parser (the language is set by then)
    text = tr("build a roster for a project")
    solve = sub.add_parser("solve", help=text, description=text)
    solve.add_argument("project", type=Path, help=tr("project file (.turnos)"))
    solve.add_argument("--out", type=Path, help=tr("write the roster workbook (.xlsx) here"))
    solve.add_argument("--time-limit", type=float, default=30.0, help=tr("seconds to search (default 30)"))
    solve.add_argument("--workers", type=int, default=0, help=tr("search threads (default: all cores)"))
    solve.add_argument("--seed", type=int, default=0, help=tr("random seed (default 0)"))
    solve.add_argument("--reproducible", action="store_true",
                       help=tr("the same project, seed and workers give the same roster on any machine: the "
                               "time limit counts units of work (about a second each) instead of seconds"))
    solve.add_argument("--save", action="store_true",
                       help=tr("store the roster in the project as a new draft version"))
    solve.add_argument("--explain", type=int, default=0, metavar="N", help=tr("list the N costliest compromises"))
    solve.add_argument("--language", choices=("en", "es"), default=None,
                       help=tr("workbook language (default: the CLI's, TURNOS_LANGUAGE or the system's)"))
    solve.add_argument("--quiet", action="store_true", help=tr("no progress lines"))
    solve.add_argument("--log", action="store_true", help=tr("print the CP-SAT search log"))
    solve.add_argument("--break-preset", metavar="NAME",
                       help=tr("apply a break-law preset for this run (see `turnos-cli presets`)"))
    solve.add_argument("--break-time-limit", type=float, default=None,
                       help=tr("seconds for placing breaks (default: the time limit, at most 30)"))
    solve.set_defaults(func=cmd_solve)

    text = tr("list the break-law presets")
    presets = sub.add_parser("presets", help=text, description=text)
    presets.add_argument("-v", "--verbose", action="store_true", help=tr("show sources and notes"))
    presets.set_defaults(func=cmd_presets)

    text = tr("check a roster version against every rule")
    check = sub.add_parser("validate", help=text, description=text)
    check.add_argument("project", type=Path)
    check.add_argument("--version", type=int, default=None, help=tr("version number (default: the latest)"))
    check.set_defaults(func=cmd_validate)

    text = tr("summarise a project file")
    info = sub.add_parser("info", help=text, description=text)
    info.add_argument("project", type=Path)
    info.set_defaults(func=cmd_info)
