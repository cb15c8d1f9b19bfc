"""`turnos-cli export`, `submit`, `approve`, `reject`, `versions`, `verify`: approval and exports.

    turnos-cli export PROJECT (--approval|--hr|--ics) [--version N] --out PATH
                      [--language es|en] [--format xlsx|csv] [--agent ID] [--prepared-by NAME]
    turnos-cli submit PROJECT [--version N] --by NAME [--comment TEXT]
    turnos-cli approve PROJECT [--version N] --by NAME [--comment TEXT]
    turnos-cli reject PROJECT [--version N] --by NAME --comment TEXT
    turnos-cli versions PROJECT
    turnos-cli verify PROJECT FILE.xlsx

``--version`` defaults to the latest version, except for ``--hr`` and
``--ics``, which take the latest *approved* one. ``--language`` defaults to the
CLI's language (``TURNOS_LANGUAGE`` or the system locale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scheduler.domain import VersionStatus
from scheduler.export.roster_workbook import version_status_text
from scheduler.i18n import add_translations, language, number, tr

add_translations({
    # what the commands print (paths, version numbers, fingerprints and file formats stay as they are)
    "wrote {path}: approval workbook of version {number} ({status}) in {seconds} s":
        "se escribió {path}: libro de aprobación de la versión {number} ({status}) en {seconds} s",
    "coverage: {coverage}": "cobertura: {coverage}",
    # the same figure as `turnos-cli solve` and the workbook's Summary sheet
    "short on the phone (breaks included): {hours} agent-hours in {short} of {intervals} intervals":
        "faltan al teléfono (con las pausas): {hours} horas-agente en {short} de {intervals} intervalos",
    "predicted service level: {level}": "nivel de servicio previsto: {level}",
    "requests: {honoured} honoured, {denied} denied": "peticiones: {honoured} atendidas, {denied} denegadas",
    "hard-rule violations: {count}": "incumplimientos de reglas obligatorias: {count}",
    "wrote {path}: HR hours of version {number} ({format})":
        "se escribió {path}: horas para nóminas de la versión {number} ({format})",
    "wrote {path}: calendar of {agent}, version {number}":
        "se escribió {path}: calendario de {agent}, versión {number}",
    "wrote {path}: {count} calendars, version {number}": "se escribió {path}: {count} calendarios, versión {number}",
    "fingerprint: {fingerprint} ({short})": "huella: {fingerprint} ({short})",
    "version {number}: {status} by {by}": "versión {number}: {status} por {by}",
    "version {number}: {status}, {shifts} shifts, fingerprint {short} ({fingerprint})":
        "versión {number}: {status}, {shifts} turnos, huella {short} ({fingerprint})",
    "{file}: fingerprint {short} ({fingerprint})": "{file}: huella {short} ({fingerprint})",
    "matches no roster version of the project": "no coincide con ninguna versión del cuadrante del proyecto",
    "matches version {number} ({status})": "coincide con la versión {number} ({status})",
    # refusals and warnings
    "There is no agent {agent} in the project.": "No hay ningún agente {agent} en el proyecto.",
    "Calendars for every agent go into a .zip file (--out calendars.zip); for one agent's .ics add --agent ID.":
        "Los calendarios de todos los agentes van en un archivo .zip (--out calendarios.zip); para el .ics "
        "de un solo agente, añade --agent ID.",
    "{file} is not a workbook with a Schedule sheet Turnos can read ({error}).":
        "{file} no es un libro con una hoja Schedule que Turnos pueda leer ({error}).",
    "warning: {count} hard-rule violations; it cannot be approved until they are fixed":
        "aviso: {count} incumplimientos de reglas obligatorias; no se podrá aprobar hasta que se corrijan",
    "The project has no roster yet.": "El proyecto aún no tiene cuadrante.",
    # --help (argparse's own words, "usage:", "options" …, are in scheduler/cli.py)
    "write the approval workbook, the HR hours or phone calendars":
        "escribe el libro de aprobación, las horas para RR. HH. o los calendarios para el móvil",
    "project file (.turnos)": "archivo de proyecto (.turnos)",
    "the roster workbook to approve and sign (.xlsx)": "el libro del cuadrante para aprobar y firmar (.xlsx)",
    "hours per agent for payroll (.xlsx or .csv); approved only":
        "horas por agente para nóminas (.xlsx o .csv); solo versiones aprobadas",
    "phone calendars: a .zip with one .ics per agent, or one .ics with --agent; approved only":
        "calendarios para el móvil: un .zip con un .ics por agente, o un solo .ics con --agent; "
        "solo versiones aprobadas",
    "version number (default: the latest; for --hr/--ics the latest approved)":
        "número de versión (por defecto: la última; para --hr/--ics, la última aprobada)",
    "file to write": "archivo que se escribe",
    "language of the file (default: the CLI's, TURNOS_LANGUAGE or the system's)":
        "idioma del archivo (por defecto: el de turnos-cli, TURNOS_LANGUAGE o el del sistema)",
    "HR export format (default: from the --out suffix)":
        "formato de la exportación para RR. HH. (por defecto: según la extensión de --out)",
    "with --ics: only this agent's calendar (.ics)": "con --ics: solo el calendario de este agente (.ics)",
    "name on the approval workbook (default: the author)":
        "nombre que figura en el libro de aprobación (por defecto: el del autor)",
    "submit a draft roster version for approval": "envía a aprobar una versión del cuadrante en borrador",
    "approve a submitted version (refused with rule violations)":
        "aprueba una versión enviada (se rechaza si incumple alguna regla)",
    "reject a submitted version, saying why": "rechaza una versión enviada, diciendo por qué",
    "version number (default: the latest)": "número de versión (por defecto: la última)",
    "your name, recorded in the approval history": "tu nombre, que queda en el historial de aprobación",
    "why (required to reject)": "por qué (obligatorio para rechazar)",
    "optional note": "nota opcional",
    "list roster versions, fingerprints and approval history":
        "lista las versiones del cuadrante, sus huellas y el historial de aprobación",
    "check which roster version a workbook's Schedule sheet matches":
        "comprueba con qué versión del cuadrante coincide la hoja Schedule de un libro",
    "an approval, roster or HR workbook (.xlsx)": "un libro de aprobación, del cuadrante o de RR. HH. (.xlsx)",
})


def _language(args: argparse.Namespace) -> str:
    """The file's language: ``--language``, else the CLI's own."""
    return args.language or language()


def cmd_export(args: argparse.Namespace) -> int:
    from scheduler.store import load_project, load_version_events
    from scheduler.versions import find_version, fingerprint, short_fingerprint

    project = load_project(args.project)
    wants_approved = args.hr or args.ics
    version = find_version(project, args.version,
                           VersionStatus.APPROVED if wants_approved and args.version is None else None)
    events = load_version_events(args.project, version.number)
    language = _language(args)
    if args.approval:
        import time

        from scheduler.export.approval_workbook import DENIED, HONOURED, write_approval_workbook

        began = time.perf_counter()
        figures = write_approval_workbook(project, version, args.out, language=language,
                                          prepared_by=args.prepared_by or version.author, events=events)
        print(tr("wrote {path}: approval workbook of version {number} ({status}) in {seconds} s").format(
            path=args.out, number=version.number, status=version_status_text(version.status),
            seconds=number(time.perf_counter() - began, ".1f")))
        print(tr("coverage: {coverage}").format(coverage=number(figures.coverage_ratio, ".1%")))
        print(short_on_the_phone(figures.coverage))
        if figures.service_level is not None:
            print(tr("predicted service level: {level}").format(level=number(figures.service_level, ".1%")))
        print(tr("requests: {honoured} honoured, {denied} denied").format(
            honoured=figures.count(HONOURED), denied=figures.count(DENIED)))
        print(tr("hard-rule violations: {count}").format(count=len(figures.violations)))
        fp = figures.fingerprint
    elif args.hr:
        from scheduler.export.hr_export import write_hr_export

        fmt = write_hr_export(project, version, args.out, fmt=args.format, language=language, events=events)
        print(tr("wrote {path}: HR hours of version {number} ({format})").format(
            path=args.out, number=version.number, format=fmt))
        fp = fingerprint(version.roster)
    else:
        from scheduler.export.ics import write_agent_ics, write_ics_zip

        if args.agent:
            try:
                project.agent(args.agent)
            except KeyError:
                raise ValueError(tr("There is no agent {agent} in the project.").format(agent=args.agent)) from None
            write_agent_ics(project, version, args.agent, args.out, language=language)
            print(tr("wrote {path}: calendar of {agent}, version {number}").format(
                path=args.out, agent=args.agent, number=version.number))
        else:
            if args.out.suffix.lower() != ".zip":
                raise ValueError(tr("Calendars for every agent go into a .zip file (--out calendars.zip); "
                                    "for one agent's .ics add --agent ID."))
            names = write_ics_zip(project, version, args.out, language=language)
            print(tr("wrote {path}: {count} calendars, version {number}").format(
                path=args.out, count=len(names), number=version.number))
        fp = fingerprint(version.roster)
    print(tr("fingerprint: {fingerprint} ({short})").format(fingerprint=fp, short=short_fingerprint(fp)))
    return 0


def short_on_the_phone(cov) -> str:
    """The shortfall line of ``solve`` and ``export --approval``: the approval workbook's figure."""
    return tr("short on the phone (breaks included): {hours} agent-hours in {short} of {intervals} intervals").format(
        hours=number(cov.short_agent_minutes / 60, ",.1f"), short=number(cov.short_slots, ","),
        intervals=number(cov.n_slots, ","))


def _workflow(args: argparse.Namespace, step) -> int:
    from scheduler.versions import fingerprint, short_fingerprint

    version = step(args.project, args.version, by=args.by, comment=args.comment or "")
    fp = fingerprint(version.roster)
    print(tr("version {number}: {status} by {by}").format(
        number=version.number, status=version_status_text(version.status), by=args.by.strip()))
    print(tr("fingerprint: {fingerprint} ({short})").format(fingerprint=fp, short=short_fingerprint(fp)))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from scheduler.store import load_project
    from scheduler.validate import validate
    from scheduler.versions import find_version, submit

    code = _workflow(args, submit)
    project = load_project(args.project)
    violations = validate(project, find_version(project, args.version).roster)
    if violations:
        print(tr("warning: {count} hard-rule violations; it cannot be approved until they are fixed")
              .format(count=len(violations)), file=sys.stderr)
    return code


def cmd_approve(args: argparse.Namespace) -> int:
    from scheduler.versions import approve

    return _workflow(args, approve)


def cmd_reject(args: argparse.Namespace) -> int:
    from scheduler.versions import reject

    return _workflow(args, reject)


def cmd_versions(args: argparse.Namespace) -> int:
    from scheduler.store import load_project, load_version_events
    from scheduler.versions import fingerprint, short_fingerprint

    project = load_project(args.project)
    if not project.versions:
        print(tr("The project has no roster yet."))
        return 0
    events = load_version_events(args.project)
    for version in sorted(project.versions, key=lambda v: v.number):
        fp = fingerprint(version.roster)
        print(tr("version {number}: {status}, {shifts} shifts, fingerprint {short} ({fingerprint})").format(
            number=version.number, status=version_status_text(version.status), shifts=len(version.roster.shifts),
            short=short_fingerprint(fp), fingerprint=fp))
        for event in (e for e in events if e.number == version.number):
            comment = f" — {event.comment}" if event.comment else ""
            # the status column is 9 wide: "submitted" and "rechazada" are the longest words
            status = version_status_text(event.status)
            print(f"    {event.at:%Y-%m-%d %H:%M} UTC  {status:<9} {event.by or '?'}{comment}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute the fingerprint of a workbook's Schedule sheet and find the version it matches."""
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    from scheduler.export.roster_workbook import read_schedule
    from scheduler.store import load_project
    from scheduler.versions import fingerprint, short_fingerprint

    project = load_project(args.project)
    try:
        roster = read_schedule(args.file, project)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, TypeError) as error:
        raise ValueError(tr("{file} is not a workbook with a Schedule sheet Turnos can read ({error}).")
                         .format(file=args.file.name, error=error)) from None
    fp = fingerprint(roster)
    print(tr("{file}: fingerprint {short} ({fingerprint})").format(
        file=args.file.name, short=short_fingerprint(fp), fingerprint=fp))
    matches = [v for v in project.versions if fingerprint(v.roster) == fp]
    if not matches:
        print(tr("matches no roster version of the project"))
        return 1
    for version in matches:
        print(tr("matches version {number} ({status})").format(number=version.number,
                                                                status=version_status_text(version.status)))
    return 0 if any(v.status is VersionStatus.APPROVED for v in matches) else 1


def register(sub) -> None:
    # help texts are translated here, when turnos-cli builds its parser (the language is set by then)
    text = tr("write the approval workbook, the HR hours or phone calendars")
    export = sub.add_parser("export", help=text, description=text)
    export.add_argument("project", type=Path, help=tr("project file (.turnos)"))
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--approval", action="store_true", help=tr("the roster workbook to approve and sign (.xlsx)"))
    what.add_argument("--hr", action="store_true",
                      help=tr("hours per agent for payroll (.xlsx or .csv); approved only"))
    what.add_argument("--ics", action="store_true",
                      help=tr("phone calendars: a .zip with one .ics per agent, or one .ics with --agent; "
                              "approved only"))
    export.add_argument("--version", type=int, default=None,
                        help=tr("version number (default: the latest; for --hr/--ics the latest approved)"))
    export.add_argument("--out", type=Path, required=True, help=tr("file to write"))
    export.add_argument("--language", choices=("en", "es"), default=None,
                        help=tr("language of the file (default: the CLI's, TURNOS_LANGUAGE or the system's)"))
    export.add_argument("--format", choices=("xlsx", "csv"), default=None,
                        help=tr("HR export format (default: from the --out suffix)"))
    export.add_argument("--agent", default=None, help=tr("with --ics: only this agent's calendar (.ics)"))
    export.add_argument("--prepared-by", default="",
                        help=tr("name on the approval workbook (default: the author)"))
    export.set_defaults(func=cmd_export)

    for name, func, text in (("submit", cmd_submit, tr("submit a draft roster version for approval")),
                             ("approve", cmd_approve,
                              tr("approve a submitted version (refused with rule violations)")),
                             ("reject", cmd_reject, tr("reject a submitted version, saying why"))):
        step = sub.add_parser(name, help=text, description=text)
        step.add_argument("project", type=Path)
        step.add_argument("--version", type=int, default=None, help=tr("version number (default: the latest)"))
        step.add_argument("--by", required=True, help=tr("your name, recorded in the approval history"))
        step.add_argument("--comment", required=name == "reject", default="",
                          help=tr("why (required to reject)" if name == "reject" else "optional note"))
        step.set_defaults(func=func)

    text = tr("list roster versions, fingerprints and approval history")
    versions = sub.add_parser("versions", help=text, description=text)
    versions.add_argument("project", type=Path)
    versions.set_defaults(func=cmd_versions)

    text = tr("check which roster version a workbook's Schedule sheet matches")
    verify = sub.add_parser("verify", help=text, description=text)
    verify.add_argument("project", type=Path)
    verify.add_argument("file", type=Path, help=tr("an approval, roster or HR workbook (.xlsx)"))
    verify.set_defaults(func=cmd_verify)
