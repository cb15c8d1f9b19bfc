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
    # counts: a text for one and one for more (Spanish agrees in number, English too where it shows)
    "wrote 1 template to {folder}": "se ha escrito 1 plantilla en {folder}",
    "wrote {count} templates to {folder}": "se han escrito {count} plantillas en {folder}",
    "applied 1 answer": "aplicada 1 respuesta",
    "applied {count} answers": "aplicadas {count} respuestas",
    "withdrew 1 earlier request": "retirada 1 petición anterior",
    "withdrew {count} earlier requests": "retiradas {count} peticiones anteriores",
    "1 added": "1 añadido",
    "{count} added": "{count} añadidos",
    "1 updated": "1 actualizado",
    "{count} updated": "{count} actualizados",
    "{count} unchanged": "{count} sin cambios",
    "removed 1 agent ({requests} of their requests): {agents}":
        "eliminado 1 agente ({requests} de sus peticiones): {agents}",
    "removed {count} agents ({requests} of their requests): {agents}":
        "eliminados {count} agentes ({requests} de sus peticiones): {agents}",
    "1 row": "1 fila",
    "{count} rows": "{count} filas",
    "1 request set": "1 petición puesta",
    "{count} requests set": "{count} peticiones puestas",
    "1 earlier request replaced": "1 petición anterior sustituida",
    "{count} earlier requests replaced": "{count} peticiones anteriores sustituidas",
    "{file}: {summary}": "{file}: {summary}",
    "{file}: not applied": "{file}: no aplicado",
    "warning: {text}": "aviso: {text}",
    "conflicts to decide:": "conflictos por decidir:",
    "saved to {project}": "guardado en {project}",
    "dry run: nothing saved": "prueba: no se ha guardado nada",
    "nothing to change": "nada que cambiar",
    # --help (argparse's own words, "usage:", "options" …, are in scheduler/cli.py)
    "write availability templates for the agents to fill in":
        "escribe plantillas de disponibilidad para que las rellenen los agentes",
    "project file (.turnos)": "archivo de proyecto (.turnos)",
    "folder for the templates (created if missing)": "carpeta para las plantillas (se crea si no existe)",
    "one workbook with a sheet per agent": "un libro con una hoja por agente",
    "one sheet: agents down, days across": "una sola hoja: agentes en filas, días en columnas",
    "template language": "idioma de las plantillas",
    "read filled availability templates": "lee plantillas de disponibilidad rellenas",
    "a template or a folder of them": "una plantilla o una carpeta de plantillas",
    "report only; do not save": "solo informa; no guarda nada",
    "language of the messages": "idioma de los mensajes",
    "read the agent list (.xlsx or .csv)": "lee la lista de agentes (.xlsx o .csv)",
    "the file is the whole list: remove agents it does not name (and their requests)":
        "el archivo es la lista completa: elimina los agentes que no aparecen en él (y sus peticiones)",
    "read a list of requests (.xlsx or .csv)": "lee una lista de peticiones (.xlsx o .csv)",
})


def _summary(file: str, parts: list[str], language: str | None) -> str:
    """``file: part, part, part`` (each part already counted and translated)."""
    return tr("{file}: {summary}", language).format(file=file, summary=", ".join(parts))


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


def _print_problems(report: ImportReport, language: str | None) -> None:
    """Warnings (columns ignored …), then per file that was not applied its errors."""
    for warning in report.warnings:
        print(tr("warning: {text}", language).format(text=warning))
    for file in report.files_with_errors():
        print(tr("{file}: not applied", language).format(file=file))
        _print_errors(report, file)


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
    print(tr("wrote 1 template to {folder}" if len(written) == 1 else "wrote {count} templates to {folder}",
             args.language).format(count=len(written), folder=args.out))
    return 0


def cmd_import_availability(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_availability(project, args.source, language=language)
    for item in report.applied:
        parts = [tr("applied 1 answer" if item.count == 1 else "applied {count} answers", language)
                 .format(count=item.count)]
        withdrawn = len(item.withdrawn)
        if withdrawn:
            parts.append(tr("withdrew 1 earlier request" if withdrawn == 1 else "withdrew {count} earlier requests",
                            language).format(count=withdrawn))
        print(_summary(item.file, parts, language))
    _print_problems(report, language)
    return _finish(args, report, language)


def cmd_import_agents(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_agents(project, args.file, remove_missing=args.replace, language=language)
    for item in report.applied:
        added, updated, unchanged = len(item.added), len(item.updated), len(item.unchanged)
        print(_summary(item.file, [
            tr("1 added" if added == 1 else "{count} added", language).format(count=added),
            tr("1 updated" if updated == 1 else "{count} updated", language).format(count=updated),
            tr("{count} unchanged", language).format(count=unchanged)], language))
        if item.removed:
            removed = len(item.removed)
            print(tr("removed 1 agent ({requests} of their requests): {agents}" if removed == 1
                     else "removed {count} agents ({requests} of their requests): {agents}", language).format(
                count=removed, requests=item.removed_requests, agents=", ".join(item.removed)))
    _print_problems(report, language)
    return _finish(args, report, language)


def cmd_import_requests(args: argparse.Namespace) -> int:
    language = args.language
    project = load_project(args.project)
    report = import_requests(project, args.file, language=language)
    for item in report.applied:
        added, removed = len(item.added), len(item.removed)
        print(_summary(item.file, [
            tr("1 row" if item.rows == 1 else "{count} rows", language).format(count=item.rows),
            tr("1 request set" if added == 1 else "{count} requests set", language).format(count=added),
            tr("1 earlier request replaced" if removed == 1 else "{count} earlier requests replaced", language)
            .format(count=removed)], language))
    _print_problems(report, language)
    return _finish(args, report, language)


def register(sub) -> None:
    # help texts are translated here, when turnos-cli builds its parser (the language is set by then)
    text = tr("write availability templates for the agents to fill in")
    templates = sub.add_parser("templates", help=text, description=text)
    templates.add_argument("project", type=Path, help=tr("project file (.turnos)"))
    templates.add_argument("--out", type=Path, required=True,
                           help=tr("folder for the templates (created if missing)"))
    shape = templates.add_mutually_exclusive_group()
    shape.add_argument("--team", action="store_true", help=tr("one workbook with a sheet per agent"))
    shape.add_argument("--grid", action="store_true", help=tr("one sheet: agents down, days across"))
    templates.add_argument("--language", choices=("en", "es"), default=None, help=tr("template language"))
    templates.set_defaults(func=cmd_templates)

    text = tr("read filled availability templates")
    availability = sub.add_parser("import-availability", help=text, description=text)
    availability.add_argument("project", type=Path)
    availability.add_argument("source", type=Path, metavar="FILE_OR_FOLDER",
                              help=tr("a template or a folder of them"))
    availability.add_argument("--dry-run", action="store_true", help=tr("report only; do not save"))
    availability.add_argument("--language", choices=("en", "es"), default=None,
                              help=tr("language of the messages"))
    availability.set_defaults(func=cmd_import_availability)

    text = tr("read the agent list (.xlsx or .csv)")
    agents = sub.add_parser("import-agents", help=text, description=text)
    agents.add_argument("project", type=Path)
    agents.add_argument("file", type=Path)
    agents.add_argument("--replace", action="store_true",
                        help=tr("the file is the whole list: remove agents it does not name (and their requests)"))
    agents.add_argument("--dry-run", action="store_true", help=tr("report only; do not save"))
    agents.add_argument("--language", choices=("en", "es"), default=None, help=tr("language of the messages"))
    agents.set_defaults(func=cmd_import_agents)

    text = tr("read a list of requests (.xlsx or .csv)")
    requests = sub.add_parser("import-requests", help=text, description=text)
    requests.add_argument("project", type=Path)
    requests.add_argument("file", type=Path)
    requests.add_argument("--dry-run", action="store_true", help=tr("report only; do not save"))
    requests.add_argument("--language", choices=("en", "es"), default=None, help=tr("language of the messages"))
    requests.set_defaults(func=cmd_import_requests)
