"""`turnos-cli solve`, `validate`, `info`: roster commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from scheduler.breaks.presets import PRESETS, apply_preset
from scheduler.domain import RosterVersion
from scheduler.explain import describe_penalty, penalty_totals
from scheduler.export.roster_workbook import write_roster_workbook
from scheduler.i18n import add_translations, tr
from scheduler.solving import PlanningError, solve_project
from scheduler.store import load_project, save_version
from solver import Progress, SolveParams

add_translations({
    "The rules cannot all hold:": "Las reglas no pueden cumplirse todas a la vez:",
    "No roster: the hard rules cannot all hold.":
        "No hay cuadrante: las reglas obligatorias no pueden cumplirse todas a la vez.",
    "No roster: no roster was found in the time allowed; try a longer --time-limit.":
        "No hay cuadrante: no se encontró ninguno en el tiempo permitido; prueba con un --time-limit más largo.",
    "The project has no such roster version.": "El proyecto no tiene esa versión del cuadrante.",
    "The project has no roster yet.": "El proyecto aún no tiene cuadrante.",
})

def _print_progress(progress: Progress) -> None:
    if progress.objective is None:
        return
    gap = progress.gap
    gap_text = f"  within {gap:.1%} of the best possible" if gap is not None else ""
    print(f"  {progress.elapsed_seconds:6.1f} s  cost {progress.objective:,.0f}{gap_text}",
          file=sys.stderr, flush=True)


def cmd_presets(args: argparse.Namespace) -> int:
    for item in PRESETS:
        rest = f"; rest {item.min_rest_minutes / 60:g} h" if item.min_rest_minutes else ""
        kinds = ", ".join(f"{r.name} {r.length_minutes} min{'' if r.paid else ' unpaid'}" for r in item.rules)
        print(f"{item.key}: {item.title} — {kinds}{rest}")
        if args.verbose:
            print(f"    source: {item.source}")
            if item.notes:
                print(f"    note: {item.notes}")
    return 0


def cmd_solve(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if args.break_preset:
        project = apply_preset(project, args.break_preset)
    params = SolveParams(time_limit_seconds=args.time_limit, workers=args.workers, seed=args.seed,
                         log=args.log, reproducible=args.reproducible)
    limit = (f"work limit {args.time_limit:g} units, reproducible" if args.reproducible
             else f"time limit {args.time_limit:g} s")
    print(f"Solving {project.site.name}: {len(project.agents)} agents, {project.horizon.days} days "
          f"from {project.horizon.start.isoformat()} ({limit})", file=sys.stderr)
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
    print(f"status: {result.status.value}")
    print(f"cost: {result.objective:,.0f}")
    print(f"best possible: {result.bound:,.0f}")
    if result.gap is not None:
        print(f"gap: {result.gap:.2%}")
    print(f"seconds: {result.wall_seconds:.1f}")
    print(f"shifts: {len(outcome.roster.shifts)}")
    print(f"short: {outcome.shortage_agent_minutes / 60:.1f} agent-hours")
    print(f"over: {outcome.excess_agent_minutes / 60:.1f} agent-hours")
    for term, cost in sorted(penalty_totals(result.penalties).items()):
        print(f"penalty {term}: {cost:,}")
    breaks = sum(len(s.breaks) for s in outcome.roster.shifts)
    print(f"breaks: {breaks} placed in {outcome.break_seconds:.1f} s")
    if outcome.unplaced_breaks:
        print(f"shifts whose breaks could not be placed: {outcome.unplaced_breaks}")
    print(f"rule violations: {len(outcome.violations)}")
    for violation in outcome.violations[:20]:
        print(f"  - {violation.message}")
    if args.explain:
        worst = sorted(result.penalties, key=lambda p: -p.cost)[: args.explain]
        for penalty in worst:
            print(f"  · {describe_penalty(outcome.plan, penalty)}")
    version = RosterVersion(project.next_version_number(), outcome.roster, author=getpass.getuser(),
                            comment=f"turnos-cli solve ({result.status.value})",
                            horizon_start=project.horizon.start)
    if args.save:
        save_version(args.project, version)
        print(f"saved as version {version.number} (draft) in {args.project}")
    if args.out:
        write_roster_workbook(project, outcome.roster, args.out, version, language=args.language)
        print(f"wrote {args.out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from scheduler.validate import validate

    project = load_project(args.project)
    version = (project.latest_version() if args.version is None
               else next((v for v in project.versions if v.number == args.version), None))
    if version is None:
        print(tr("The project has no such roster version." if args.version else "The project has no roster yet."),
              file=sys.stderr)
        return 2
    violations = validate(project, version.roster)
    print(f"version {version.number} ({version.status.value}): {len(violations)} rule violations")
    for violation in violations:
        print(f"  - {violation.message}")
    return 1 if violations else 0


def cmd_info(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    print(f"center: {project.site.name} ({project.site.time_zone}, {project.site.interval_minutes}-min intervals)")
    print(f"horizon: {project.horizon.start.isoformat()} – {project.horizon.end.isoformat()} "
          f"({project.horizon.weeks} weeks)")
    kinds: dict[str, int] = {}
    for agent in project.agents:
        kinds[agent.contract.kind.value] = kinds.get(agent.contract.kind.value, 0) + 1
    print(f"agents: {len(project.agents)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
    print(f"requests: {len(project.requests)}")
    print(f"forecast intervals: {len(project.forecast.intervals)}")
    for version in sorted(project.versions, key=lambda v: v.number):
        print(f"version {version.number}: {version.status.value}, {len(version.roster.shifts)} shifts, "
              f"{version.created_at:%Y-%m-%d %H:%M} UTC by {version.author or '?'}")
    return 0


def register(sub) -> None:
    solve = sub.add_parser("solve", help="build a roster for a project")
    solve.add_argument("project", type=Path, help="project file (.turnos)")
    solve.add_argument("--out", type=Path, help="write the roster workbook (.xlsx) here")
    solve.add_argument("--time-limit", type=float, default=30.0, help="seconds to search (default 30)")
    solve.add_argument("--workers", type=int, default=0, help="search threads (default: all cores)")
    solve.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    solve.add_argument("--reproducible", action="store_true",
                       help="the same project, seed and workers give the same roster on any machine: the "
                            "time limit counts units of work (about a second each) instead of seconds")
    solve.add_argument("--save", action="store_true", help="store the roster in the project as a new draft version")
    solve.add_argument("--explain", type=int, default=0, metavar="N", help="list the N costliest compromises")
    solve.add_argument("--language", choices=("en", "es"), default=None, help="workbook language")
    solve.add_argument("--quiet", action="store_true", help="no progress lines")
    solve.add_argument("--log", action="store_true", help="print the CP-SAT search log")
    solve.add_argument("--break-preset", metavar="NAME",
                       help="apply a break-law preset for this run (see `turnos-cli presets`)")
    solve.add_argument("--break-time-limit", type=float, default=None,
                       help="seconds for placing breaks (default: the time limit, at most 30)")
    solve.set_defaults(func=cmd_solve)

    presets = sub.add_parser("presets", help="list the break-law presets")
    presets.add_argument("-v", "--verbose", action="store_true", help="show sources and notes")
    presets.set_defaults(func=cmd_presets)

    check = sub.add_parser("validate", help="check a roster version against every rule")
    check.add_argument("project", type=Path)
    check.add_argument("--version", type=int, default=None, help="version number (default: the latest)")
    check.set_defaults(func=cmd_validate)

    info = sub.add_parser("info", help="summarise a project file")
    info.add_argument("project", type=Path)
    info.set_defaults(func=cmd_info)
