"""`turnos-cli staffing`, `import-forecast`, `erlang`: staffing from forecast call volume."""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import replace
from pathlib import Path

from scheduler.domain import Forecast, StaffingParams
from scheduler.i18n import add_translations, language as current_language, number, tr
from scheduler.staffing.forecast_import import ForecastImportError, apply_forecast, read_forecast

PROJECT_SUFFIX = ".turnos"
FORECAST_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")

add_translations({
    "Intervals": "Intervalos",
    "Days": "Días",
    "Date": "Fecha",
    "Start": "Inicio",
    "Calls": "Llamadas",
    "AHT (s)": "TMO (s)",
    "Load (erlangs)": "Carga (erlangs)",
    "Agents needed on the phone": "Agentes necesarios al teléfono",
    "Required agents": "Agentes requeridos",
    "Predicted SL": "NS previsto",
    "Predicted ASA (s)": "TME previsto (s)",
    "Predicted occupancy": "Ocupación prevista",
    "Predicted abandon": "Abandono previsto",
    "Goal met": "Objetivo cumplido",
    "On duty": "De servicio",
    "Available (no breaks)": "Disponibles (sin pausas)",
    "On the phone": "Al teléfono",
    "Roster SL": "NS del cuadrante",
    "Roster ASA (s)": "TME del cuadrante (s)",
    "Roster occupancy": "Ocupación del cuadrante",
    "Roster abandon": "Abandono del cuadrante",
    "Peak required": "Pico requerido",
    "Required agent-hours": "Horas-agente necesarias",
    "Scheduled agent-hours": "Horas-agente programadas",
    "Intervals below target": "Intervalos bajo objetivo",
    "yes": "sí",
    "no": "no",
    "date": "fecha",
    "calls": "llamadas",
    "peak": "pico",
    "agent-h": "h-agente",
    "SL": "NS",
    "roster SL": "NS cuadrante",
    "below": "bajo obj.",
    "sched. h": "h progr.",
    "Staffing for {name}: {days} days, {step}-minute intervals":
        "Dotación de {name}: {days} días, intervalos de {step} minutos",
    "with roster version {number}": "con la versión {number} del cuadrante",
    "wrote {path}": "se escribió {path}",
    "warning: {text}": "aviso: {text}",
    "Nothing was imported:": "No se importó nada:",
    "forecast: {count} intervals of {step} min, {first} – {last}, {calls} calls":
        "previsión: {count} intervalos de {step} min, {first} – {last}, {calls} llamadas",
    "forecast: 1 interval of {step} min, {first} – {last}, {calls} calls":
        "previsión: 1 intervalo de {step} min, {first} – {last}, {calls} llamadas",
    "saved in {path}": "guardado en {path}",
    "dry run: the project was not changed": "prueba: el proyecto no se modificó",
    # refusals
    '"{text}" is not a service level goal; write it as 80/20 (80 % of calls answered within 20 s)':
        '"{text}" no es un objetivo de nivel de servicio; escríbelo como 80/20 (el 80 % de las llamadas '
        'atendidas en 20 s)',
    '"{text}": the percentage must be between 0 and 100 and the seconds more than 0':
        '"{text}": el porcentaje debe estar entre 0 y 100 y los segundos ser más de 0',
    '"{text}" is not a percentage (e.g. 30)': '"{text}" no es un porcentaje (p. ej. 30)',
    '"{text}" is not a percentage between 0 and 100': '"{text}" no es un porcentaje entre 0 y 100',
    '"{text}" is not a number of seconds': '"{text}" no es un número de segundos',
    '"{text}": give a number of seconds above 0': '"{text}": escribe un número de segundos mayor que 0',
    "The project has no roster version {number} (it has {numbers})":
        "El proyecto no tiene la versión {number} del cuadrante (tiene {numbers})",
    "The project has no roster version {number} (it has none yet)":
        "El proyecto no tiene la versión {number} del cuadrante (aún no tiene ninguna)",
    "--interval is for a forecast file; this project plans in {minutes}-minute intervals":
        "--interval es para un archivo de previsión; este proyecto planifica en intervalos de {minutes} minutos",
    "--version needs a project file (.turnos); a forecast file has no rosters":
        "--version necesita un archivo de proyecto (.turnos); un archivo de previsión no tiene cuadrantes",
    "'{name}' is neither a project (.turnos) nor a forecast (.xlsx, .csv)":
        "'{name}' no es ni un proyecto (.turnos) ni una previsión (.xlsx, .csv)",
    # --help (argparse's own words, "usage:", "options" …, are in scheduler/cli.py); argparse formats
    # these with %, so a percent sign is "%%" in both languages
    "agents needed per interval and the predicted service level":
        "agentes necesarios por intervalo y el nivel de servicio previsto",
    "Agents needed per interval from a project's forecast (or a forecast file), with the predicted service "
    "level; --version adds a roster's predictions.":
        "Agentes necesarios por intervalo según la previsión de un proyecto (o un archivo de previsión), con el "
        "nivel de servicio previsto; --version añade lo que se prevé con un cuadrante.",
    "project (.turnos) or forecast file (.xlsx, .csv)": "proyecto (.turnos) o archivo de previsión (.xlsx, .csv)",
    "service level goal: P %% of calls answered within T s (e.g. 80/20)":
        "objetivo de nivel de servicio: el P %% de las llamadas atendidas en T s (p. ej. 80/20)",
    "average speed of answer goal in seconds (replaces the SL goal)":
        "objetivo de ASA (tiempo medio de respuesta) en segundos (sustituye al objetivo de nivel de servicio)",
    "shrinkage in %%": "merma en %%",
    "maximum occupancy in %%": "ocupación máxima en %%",
    "mean caller patience in seconds (Erlang A, with abandons)":
        "paciencia media de quien llama, en segundos (Erlang A, con abandonos)",
    "report interval in minutes for a forecast file (default: the forecast's)":
        "intervalo del informe en minutos para un archivo de previsión (por defecto: el de la previsión)",
    "write the per-interval table (.xlsx) here": "escribe aquí la tabla por intervalo (.xlsx)",
    "predict the service level of roster version N": "prevé el nivel de servicio de la versión N del cuadrante",
    "output language (default: the CLI's, TURNOS_LANGUAGE or the system's)":
        "idioma de la salida (por defecto: el de turnos-cli, TURNOS_LANGUAGE o el del sistema)",
    "replace a project's forecast with a spreadsheet's":
        "sustituye la previsión de un proyecto por la de una hoja de cálculo",
    "Read a forecast (.xlsx or .csv) and store it in the project; nothing is changed unless the whole file "
    "is valid.":
        "Lee una previsión (.xlsx o .csv) y la guarda en el proyecto; no se cambia nada a menos que todo el "
        "archivo sea válido.",
    "project file (.turnos)": "archivo de proyecto (.turnos)",
    "forecast file (.xlsx or .csv)": "archivo de previsión (.xlsx o .csv)",
    "check the file without saving it": "comprueba el archivo sin guardarlo",
    "message language": "idioma de los mensajes",
    "agents one interval needs (Erlang C, or Erlang A with --patience)":
        "agentes que necesita un intervalo (Erlang C, o Erlang A con --patience)",
    "calls offered in the interval": "llamadas ofrecidas en el intervalo",
    "interval length in minutes (default 30)": "duración del intervalo en minutos (por defecto 30)",
    "average handling time in seconds": "tiempo medio de operación (TMO) en segundos",
    "service level goal (default 80/20)": "objetivo de nivel de servicio (por defecto 80/20)",
    "ASA goal in seconds (alone, or together with an explicit --sl)":
        "objetivo de ASA en segundos (solo, o junto con un --sl explícito)",
    "mean caller patience in seconds (Erlang A)": "paciencia media de quien llama, en segundos (Erlang A)",
})


# --------------------------------------------------------------------------- argument types


def service_goal(text: str) -> tuple[float, float]:
    """``"80/20"`` -> (0.80, 20.0): percent of calls answered within seconds."""
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*/\s*(\d+(?:[.,]\d+)?)\s*s?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(tr('"{text}" is not a service level goal; write it as 80/20 '
                                            "(80 % of calls answered within 20 s)").format(text=text))
    level = float(match[1].replace(",", ".")) / 100
    seconds = float(match[2].replace(",", "."))
    if not 0 < level < 1 or seconds <= 0:
        raise argparse.ArgumentTypeError(tr('"{text}": the percentage must be between 0 and 100 and the '
                                            "seconds more than 0").format(text=text))
    return level, seconds


def percent(text: str) -> float:
    """``"30"`` or ``"30%"`` -> 0.30."""
    try:
        value = float(text.strip().rstrip("%").replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(tr('"{text}" is not a percentage (e.g. 30)').format(text=text)) from None
    if not 0 <= value <= 100 or math.isnan(value):
        raise argparse.ArgumentTypeError(tr('"{text}" is not a percentage between 0 and 100').format(text=text))
    return value / 100


def seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(tr('"{text}" is not a number of seconds').format(text=text)) from None
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(tr('"{text}": give a number of seconds above 0').format(text=text))
    return value


def _goal_changes(args: argparse.Namespace) -> dict:
    changes: dict = {}
    if args.sl is not None:
        changes["service_level"], changes["target_seconds"] = args.sl
    if args.asa is not None:
        changes["asa_target_seconds"] = args.asa
    if args.shrinkage is not None:
        changes["shrinkage"] = args.shrinkage
    if args.max_occupancy is not None:
        changes["max_occupancy"] = args.max_occupancy
    if args.patience is not None:
        changes["patience_seconds"] = args.patience
    return changes


def _print_import_errors(error: ForecastImportError, language: str | None) -> None:
    print(tr("Nothing was imported:", language), file=sys.stderr)
    for item in error.errors:
        print(f"  - {item}", file=sys.stderr)


# --------------------------------------------------------------------------- staffing


def cmd_staffing(args: argparse.Namespace) -> int:
    from scheduler.staffing.report import forecast_report, staffing_report

    language = args.language or current_language()
    source: Path = args.source
    suffix = source.suffix.lower()
    if suffix == PROJECT_SUFFIX:
        from scheduler.store import load_project

        project = load_project(source)
        project = replace(project, staffing=replace(project.staffing, **_goal_changes(args)))
        roster = None
        if args.version is not None:
            version = next((v for v in project.versions if v.number == args.version), None)
            if version is None:
                numbers = ", ".join(str(v.number) for v in sorted(project.versions, key=lambda v: v.number))
                raise ValueError(tr("The project has no roster version {number} (it has {numbers})" if numbers
                                    else "The project has no roster version {number} (it has none yet)", language)
                                 .format(number=args.version, numbers=numbers))
            roster = version.roster
        if args.interval is not None and args.interval != project.site.interval_minutes:
            raise ValueError(tr("--interval is for a forecast file; this project plans in {minutes}-minute "
                                "intervals", language).format(minutes=project.site.interval_minutes))
        report = staffing_report(project, roster)
        title = tr("Staffing for {name}: {days} days, {step}-minute intervals", language).format(
            name=project.site.name, days=project.horizon.days, step=report.slot_minutes)
        if roster is not None:
            title += ", " + tr("with roster version {number}", language).format(number=args.version)
    elif suffix in FORECAST_SUFFIXES:
        if args.version is not None:
            raise ValueError(tr("--version needs a project file (.turnos); a forecast file has no rosters",
                                language))
        try:
            imported = read_forecast(source, None, language)
        except ForecastImportError as error:
            _print_import_errors(error, language)
            return 2
        for text in imported.warnings:
            print(tr("warning: {text}", language).format(text=text), file=sys.stderr)
        params = StaffingParams(**_goal_changes(args))
        report = forecast_report(imported.forecast, params, args.interval)
        title = tr("Staffing for {name}: {days} days, {step}-minute intervals", language).format(
            name=source.name, days=len(report.days()), step=report.slot_minutes)
    else:
        raise ValueError(tr("'{name}' is neither a project (.turnos) nor a forecast (.xlsx, .csv)", language)
                         .format(name=source.name))
    print(title)
    _print_days(report, language)
    if args.out:
        write_staffing_workbook(report, args.out, language)
        print(tr("wrote {path}", language).format(path=args.out))
    return 0


def _print_days(report, language: str | None) -> None:
    """One line per day; every figure with the language's marks ("1.281", "229,5", "87,4 %")."""
    roster = report.has_roster
    headers = [tr("date", language), tr("calls", language), tr("peak", language),
               tr("agent-h", language), tr("SL", language)]
    if roster:
        headers += [tr("sched. h", language), tr("roster SL", language)]
    headers.append(tr("below", language))
    # at least the header's width; "100.0%" / "100,0 %" fits in 7
    widths = [10, 9, 5, 8, 7] + ([8, 10] if roster else []) + [6]
    widths = [max(w, len(h)) for w, h in zip(widths, headers)]
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths))))

    def figure(value: float, spec: str) -> str:
        return number(value, spec, language)

    for day in report.days():
        cells = [day.day.isoformat(), figure(day.calls, ",.0f"), figure(day.peak_required, ","),
                 figure(day.required_agent_hours, ",.1f"), figure(day.service_level, ".1%")]
        if roster:
            cells += [figure(day.scheduled_agent_hours, ",.1f"), figure(day.roster_service_level, ".1%")]
        cells.append(figure(day.intervals_below_target, ","))
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))))


def write_staffing_workbook(report, path, language: str | None = None) -> None:
    """The per-interval table and the day summary, as values (no formulas), written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from scheduler.export.cells import put
    from scheduler.files import atomic_write

    def finite(value: float | None) -> float | None:
        return None if value is None or math.isinf(value) or math.isnan(value) else value

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = tr("Intervals", language)
    roster = report.has_roster
    headers = ["Date", "Start", "Calls", "AHT (s)", "Load (erlangs)", "Agents needed on the phone",
               "Required agents", "Predicted SL", "Predicted ASA (s)", "Predicted occupancy",
               "Predicted abandon"]
    if roster:
        headers += ["On duty", "Available (no breaks)", "On the phone", "Roster SL", "Roster ASA (s)",
                    "Roster occupancy", "Roster abandon"]
    headers.append("Goal met")
    for column, text in enumerate(headers, start=1):
        put(sheet, 1, column, tr(text, language)).font = Font(bold=True)
    pct, dec, one = "0.0%", "0.00", "0.0"
    yes, no = tr("yes", language), tr("no", language)
    for r, row in enumerate(report.rows(), start=2):
        start = row.start.replace(tzinfo=None)
        values = [(start.date(), "yyyy-mm-dd"), (start.time(), "hh:mm"), (row.calls, one),
                  (row.aht_seconds, "0"), (row.load_erlangs, dec), (row.agents_needed_on_phone, None),
                  (row.required, None), (row.service_level, pct), (finite(row.asa_seconds), one),
                  (row.occupancy, pct), (row.abandon_rate, pct)]
        if roster:
            values += [(row.on_duty, dec), (row.available, dec), (row.on_phone, dec),
                       (row.roster_service_level, pct), (finite(row.roster_asa_seconds), one),
                       (row.roster_occupancy, pct), (row.roster_abandon_rate, pct)]
        values.append((yes if row.meets_goal else no, None))
        for column, (value, number_format) in enumerate(values, start=1):
            put(sheet, r, column, value, number_format)
    sheet.freeze_panes = "C2"

    days = workbook.create_sheet(tr("Days", language))
    headers = ["Date", "Calls", "Peak required", "Required agent-hours", "Predicted SL"]
    if roster:
        headers += ["Scheduled agent-hours", "Roster SL"]
    headers.append("Intervals below target")
    for column, text in enumerate(headers, start=1):
        put(days, 1, column, tr(text, language)).font = Font(bold=True)
    for r, day in enumerate(report.days(), start=2):
        values = [(day.day, "yyyy-mm-dd"), (day.calls, one), (day.peak_required, None),
                  (day.required_agent_hours, one), (day.service_level, pct)]
        if roster:
            values += [(day.scheduled_agent_hours, one), (day.roster_service_level, pct)]
        values.append((day.intervals_below_target, None))
        for column, (value, number_format) in enumerate(values, start=1):
            put(days, r, column, value, number_format)
    days.freeze_panes = "B2"
    for ws in (sheet, days):
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = max(11, len(str(column[0].value)) + 2)
    atomic_write(path, lambda tmp: workbook.save(tmp))


# --------------------------------------------------------------------------- import-forecast


def cmd_import_forecast(args: argparse.Namespace) -> int:
    from scheduler.store import load_project

    language = args.language
    project = load_project(args.project)
    try:
        imported = read_forecast(args.file, project.horizon, language)
    except ForecastImportError as error:
        _print_import_errors(error, language)
        return 1  # a problem in the imported file, as for the other imports (2: bad usage, no project)
    for text in imported.warnings:
        print(tr("warning: {text}", language).format(text=text), file=sys.stderr)
    print(_describe(imported.forecast, language))
    if args.dry_run:
        print(tr("dry run: the project was not changed", language))
        return 0
    apply_forecast(args.project, imported.forecast)
    print(tr("saved in {path}", language).format(path=args.project))
    return 0


def _describe(forecast: Forecast, language: str | None) -> str:
    items = forecast.intervals
    return tr("forecast: 1 interval of {step} min, {first} – {last}, {calls} calls" if len(items) == 1
              else "forecast: {count} intervals of {step} min, {first} – {last}, {calls} calls", language).format(
        count=len(items), step=forecast.interval_minutes,
        first=items[0].start.date().isoformat(), last=items[-1].start.date().isoformat(),
        calls=number(sum(i.calls for i in items), ",.0f", language))


# --------------------------------------------------------------------------- erlang


def cmd_erlang(args: argparse.Namespace) -> int:
    from scheduler.staffing.erlang import required_agents

    level, target = args.sl
    result = required_agents(
        args.calls, args.interval * 60, args.aht,
        sl_target=None if args.asa is not None and not args.sl_given else level,
        target_s=target, asa_target_s=args.asa, max_occupancy=args.max_occupancy,
        shrinkage=args.shrinkage or 0.0, patience_s=args.patience,
    )
    print(f"agents: {result.agents_raw}")
    if args.shrinkage is not None:
        print(f"agents_with_shrinkage: {result.agents_required}")
    print(f"service_level: {result.service_level:.1%}")
    print(f"asa_seconds: {result.asa_s:.1f}")
    print(f"occupancy: {result.occupancy:.1%}")
    if result.abandon_rate is not None:
        print(f"abandon_rate: {result.abandon_rate:.1%}")
    return 0


class _SlGoal(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)
        namespace.sl_given = True


def register(sub) -> None:
    # help texts are translated here, when turnos-cli builds its parser (the language is set by then);
    # argparse formats them with %, hence "%%" for a percent sign, in Spanish too
    staffing = sub.add_parser(
        "staffing", help=tr("agents needed per interval and the predicted service level"),
        description=tr("Agents needed per interval from a project's forecast (or a forecast file), "
                       "with the predicted service level; --version adds a roster's predictions."))
    staffing.add_argument("source", type=Path, help=tr("project (.turnos) or forecast file (.xlsx, .csv)"))
    staffing.add_argument("--sl", type=service_goal, default=None, metavar="P/T",
                          help=tr("service level goal: P %% of calls answered within T s (e.g. 80/20)"))
    staffing.add_argument("--asa", type=seconds, default=None, metavar="S",
                          help=tr("average speed of answer goal in seconds (replaces the SL goal)"))
    staffing.add_argument("--shrinkage", type=percent, default=None, metavar="PCT", help=tr("shrinkage in %%"))
    staffing.add_argument("--max-occupancy", type=percent, default=None, metavar="PCT",
                          help=tr("maximum occupancy in %%"))
    staffing.add_argument("--patience", type=seconds, default=None, metavar="S",
                          help=tr("mean caller patience in seconds (Erlang A, with abandons)"))
    staffing.add_argument("--interval", type=int, choices=(15, 30, 60), default=None,
                          help=tr("report interval in minutes for a forecast file (default: the forecast's)"))
    staffing.add_argument("--out", type=Path, help=tr("write the per-interval table (.xlsx) here"))
    staffing.add_argument("--version", type=int, default=None, metavar="N",
                          help=tr("predict the service level of roster version N"))
    staffing.add_argument("--language", choices=("en", "es"), default=None,
                          help=tr("output language (default: the CLI's, TURNOS_LANGUAGE or the system's)"))
    staffing.set_defaults(func=cmd_staffing)

    imp = sub.add_parser("import-forecast", help=tr("replace a project's forecast with a spreadsheet's"),
                         description=tr("Read a forecast (.xlsx or .csv) and store it in the project; "
                                        "nothing is changed unless the whole file is valid."))
    imp.add_argument("project", type=Path, help=tr("project file (.turnos)"))
    imp.add_argument("file", type=Path, help=tr("forecast file (.xlsx or .csv)"))
    imp.add_argument("--dry-run", action="store_true", help=tr("check the file without saving it"))
    imp.add_argument("--language", choices=("en", "es"), default=None, help=tr("message language"))
    imp.set_defaults(func=cmd_import_forecast)

    text = tr("agents one interval needs (Erlang C, or Erlang A with --patience)")
    erlang = sub.add_parser("erlang", help=text, description=text)
    erlang.add_argument("--calls", type=float, required=True, help=tr("calls offered in the interval"))
    erlang.add_argument("--interval", type=int, default=30, help=tr("interval length in minutes (default 30)"))
    erlang.add_argument("--aht", type=seconds, required=True, help=tr("average handling time in seconds"))
    erlang.add_argument("--sl", type=service_goal, default=(0.8, 20.0), action=_SlGoal, metavar="P/T",
                        help=tr("service level goal (default 80/20)"))
    erlang.add_argument("--asa", type=seconds, default=None, metavar="S",
                        help=tr("ASA goal in seconds (alone, or together with an explicit --sl)"))
    erlang.add_argument("--shrinkage", type=percent, default=None, metavar="PCT", help=tr("shrinkage in %%"))
    erlang.add_argument("--max-occupancy", type=percent, default=None, metavar="PCT",
                        help=tr("maximum occupancy in %%"))
    erlang.add_argument("--patience", type=seconds, default=None, metavar="S",
                        help=tr("mean caller patience in seconds (Erlang A)"))
    erlang.set_defaults(func=cmd_erlang, sl_given=False)
