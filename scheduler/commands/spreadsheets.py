"""`turnos-cli templates`, `import-availability`, `import-agents`, `import-requests`."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from scheduler.i18n import add_translations, tr
from scheduler.spreadsheets import (
    ImportReport,
    import_agents,
    import_availability,
    import_requests,
    save_import,
    write_availability_templates,
)
from scheduler.store import load_project

add_translations({
    "wrote {count} template(s) to {folder}": "se han escrito {count} plantilla(s) en {folder}",
    "{file}: applied {count} answers": "{file}: aplicadas {count} respuestas",
    "{file}: applied {count} answers, withdrew {withdrawn} earlier requests":
        "{file}: aplicadas {count} respuestas, retiradas {withdrawn} peticiones anteriores",
    "{file}: not applied": "{file}: no aplicado",
    "conflicts to decide:": "conflictos por decidir:",
    "saved to {project}": "guardado en {project}",
    "dry run: nothing saved": "prueba: no se ha guardado nada",
    "nothing to change": "nada que cambiar",
    "{file}: {added} added, {updated} updated, {unchanged} unchanged":
        "{file}: {added} añadidos, {updated} actualizados, {unchanged} sin cambios",
    "removed {count} agents ({requests} of their requests): {agents}":
        "eliminados {count} agentes ({requests} de sus peticiones): {agents}",
    "{file}: {rows} rows, {added} requests set, {removed} earlier requests replaced":
        "{file}: {rows} filas, {added} peticiones puestas, {removed} peticiones anteriores sustituidas",
})


def _finish(args: argparse.Namespace, report: ImportReport, language: str | None) -> int:
    if report.conflicts:
        print(tr("conflicts to decide:", language))
        for conflict in report.conflicts:
            print(f"  - {conflict.message}")
    if args.dry_run:
        print(tr("dry run: nothing saved", language))
    elif save_import(args.project, report, by=getpass.getuser()):
        print(tr("saved to {project}", language).format(project=args.project))
    else:
        print(tr("nothing to change", language))
    return 1 if report.errors else 0


def _print_errors(report: ImportReport, file: str | None = None) -> None:
    for error in report.errors:
        if file is None or error.file == file:
            print(f"  - {error}")


def cmd_templates(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    layout = "grid" if args.grid else "team" if args.team else "agent"
    written = write_availability_templates(project, args.out, layout=layout, language=args.language)
    for path in written:
        print(path)
    print(tr("wrote {count} template(s) to {folder}", args.language).format(count=len(written), folder=args.out))
    return 0


def cmd_import_availability(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_availability(project, args.source, language=language)
    for item in report.applied:
        key = ("{file}: applied {count} answers, withdrew {withdrawn} earlier requests" if item.withdrawn
               else "{file}: applied {count} answers")
        print(tr(key, language).format(file=item.file, count=item.count, withdrawn=len(item.withdrawn)))
    for file in report.files_with_errors():
        print(tr("{file}: not applied", language).format(file=file))
        _print_errors(report, file)
    return _finish(args, report, language)


def cmd_import_agents(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_agents(project, args.file, remove_missing=args.replace, language=language)
    for item in report.applied:
        print(tr("{file}: {added} added, {updated} updated, {unchanged} unchanged", language).format(
            file=item.file, added=len(item.added), updated=len(item.updated), unchanged=len(item.unchanged)))
        if item.removed:
            print(tr("removed {count} agents ({requests} of their requests): {agents}", language).format(
                count=len(item.removed), requests=item.removed_requests, agents=", ".join(item.removed)))
    for file in report.files_with_errors():
        print(tr("{file}: not applied", language).format(file=file))
        _print_errors(report, file)
    return _finish(args, report, language)


def cmd_import_requests(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_requests(project, args.file, language=language)
    for item in report.applied:
        print(tr("{file}: {rows} rows, {added} requests set, {removed} earlier requests replaced", language)
              .format(file=item.file, rows=item.rows, added=len(item.added), removed=len(item.removed)))
    for file in report.files_with_errors():
        print(tr("{file}: not applied", language).format(file=file))
        _print_errors(report, file)
    return _finish(args, report, language)


def register(sub) -> None:
    templates = sub.add_parser("templates", help="write availability templates for the agents to fill in")
    templates.add_argument("project", type=Path, help="project file (.turnos)")
    templates.add_argument("--out", type=Path, required=True, help="folder for the templates (created if missing)")
    shape = templates.add_mutually_exclusive_group()
    shape.add_argument("--team", action="store_true", help="one workbook with a sheet per agent")
    shape.add_argument("--grid", action="store_true", help="one sheet: agents down, days across")
    templates.add_argument("--language", choices=("en", "es"), default=None, help="template language")
    templates.set_defaults(func=cmd_templates)

    availability = sub.add_parser("import-availability", help="read filled availability templates")
    availability.add_argument("project", type=Path)
    availability.add_argument("source", type=Path, metavar="FILE_OR_FOLDER", help="a template or a folder of them")
    availability.add_argument("--dry-run", action="store_true", help="report only; do not save")
    availability.add_argument("--language", choices=("en", "es"), default=None, help="language of the messages")
    availability.set_defaults(func=cmd_import_availability)

    agents = sub.add_parser("import-agents", help="read the agent list (.xlsx or .csv)")
    agents.add_argument("project", type=Path)
    agents.add_argument("file", type=Path)
    agents.add_argument("--replace", action="store_true",
                        help="the file is the whole list: remove agents it does not name (and their requests)")
    agents.add_argument("--dry-run", action="store_true", help="report only; do not save")
    agents.add_argument("--language", choices=("en", "es"), default=None, help="language of the messages")
    agents.set_defaults(func=cmd_import_agents)

    requests = sub.add_parser("import-requests", help="read a list of requests (.xlsx or .csv)")
    requests.add_argument("project", type=Path)
    requests.add_argument("file", type=Path)
    requests.add_argument("--dry-run", action="store_true", help="report only; do not save")
    requests.add_argument("--language", choices=("en", "es"), default=None, help="language of the messages")
    requests.set_defaults(func=cmd_import_requests)
