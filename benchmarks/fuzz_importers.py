"""Fuzz every importer with generated workbooks: no crash, no partial change.

    python benchmarks/fuzz_importers.py [--examples 10000] [--seed 1] [--keep DIR]

Seeded-random files (reproducible for a seed), shared equally by the four
importers: agents, requests, availability templates and the forecast. Each
file starts as a valid one and is spoiled by a few random mutations: cells
replaced by nasty values (text in numbers, formulas without a cached value,
Excel errors, decimal commas, dates in many styles or impossible ones, huge
and negative numbers, booleans, control characters, 5 000-character text),
rows deleted or duplicated, columns swapped, the header dropped, cells
merged, the sheet hidden behind a decoy, the 1904 date system, CSV in
another encoding and separator, and byte-level damage (truncated zip,
flipped bytes, an ``.xls`` or ``.ods`` under an ``.xlsx`` name).

For every file:

* the importer returns (or, for the forecast, raises its own
  ``ForecastImportError``): any other exception is a **crash**;
* every error names the file (and a message);
* when an error is reported, the import changes nothing: the project file is
  saved through the same path the app uses (``save_import``; for the
  forecast, nothing is applied) and its **bytes are compared** before/after;
* when the file is accepted, the result is saved to the project file and
  must load back equal (the domain accepts what the importer produced).

Prints one row per importer: examples, imported, rejected, crashes, seconds,
slowest example. Figures are recorded in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.utils.datetime import CALENDAR_MAC_1904  # noqa: E402

from scheduler.domain import (  # noqa: E402
    Agent,
    Contract,
    Forecast,
    ForecastInterval,
    Horizon,
    Project,
    Request,
    RequestKind,
    ShiftTemplate,
    Site,
    StaffingParams,
)
from scheduler.spreadsheets import (  # noqa: E402
    build_template_workbook,
    import_agents,
    import_availability,
    import_requests,
    save_import,
)
from scheduler.spreadsheets.availability_template import CODE_COL, FIRST_DAY_ROW, NOTE_COL  # noqa: E402
from scheduler.staffing.forecast_import import ForecastImportError, apply_forecast, read_forecast  # noqa: E402
from scheduler.store import load_project, save_project  # noqa: E402

MONDAY = date(2026, 11, 23)
IMPORTERS = ("agents", "requests", "availability", "forecast")


def make_project() -> Project:
    agents = tuple(Agent(f"A{i}", name, Contract.full_time() if i % 2 else Contract.part_time())
                   for i, name in enumerate(("Ana Núñez", "Bruno Díaz", "Carla Sáez", "Dmitri Ivanov",
                                             "Eva O'Neill"), start=1))
    requests = (Request("A1", MONDAY + timedelta(days=2), RequestKind.VACATION, True),
                Request("A2", MONDAY + timedelta(days=4), RequestKind.DAY_OFF, True, 5, "boda"),
                Request("A3", MONDAY + timedelta(days=1), RequestKind.PREFER_NIGHT))
    forecast = Forecast(60, tuple(ForecastInterval(datetime.combine(MONDAY, clock()) + timedelta(hours=h),
                                                   required_agents=1 + h % 3) for h in range(7 * 24)))
    return Project(Site("Centro Fuzz", "Europe/Madrid", 15, "ES", "MD"), Horizon(MONDAY, 1), agents,
                   (ShiftTemplate("8h", 480, 0, 23 * 60, 60),), requests=requests, forecast=forecast,
                   staffing=StaffingParams(min_agents=0))


# -- values and mutations -------------------------------------------------------------------------

NASTY_TEXT = ["", "   ", "libre", "LIBRE", " Líbre ", "vacaciones", "mañana", "tarde", "noche", "disponible",
              "no disponible", "day off", "sí", "no", "x", "TRUE", "25:00", "24:00", "08:30", "8h30", "7.5",
              "37,5", "1.234,5", "1,234.5", "-0", "1e308", "NaN", "inf", "31/02/2027", "2026-11-24",
              "24/11/2026", "24.11.26", "11/24/2026", "2026/11/25 08:00", "lunes", "Dom", "#N/A", "#DIV/0!",
              "=1+1", "=A1", "=HYPERLINK(\"x\")", "=SUM(A1:A3)", "+34 600", "@cmd", "A1", "A2", "A9", "a1 ",
              "Z" * 300, "ñ" * 5000, "\u200b", "Ana\nNúñez", "completo", "parcial", "custom", "Total",
              "08:00-08:30", "12 PM", "TMO", "Llamadas"]


def nasty_value(rng: random.Random):
    pick = rng.random()
    if pick < 0.45:
        return rng.choice(NASTY_TEXT)
    if pick < 0.55:
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(160, 0x2FFF), 9, 10]))
                       for _ in range(rng.randint(0, 40)))
    if pick < 0.7:
        return rng.choice([0, 1, -1, 2, 5, 7, 8, 9, 24, 41, 80, 81, 300, 10_000, 10_001, 2**31, -2**40,
                           45_000, 46_350, 2_958_466, 10**20])
    if pick < 0.8:
        return rng.choice([0.0, 0.5, 0.999, 1.5, -0.25, 1e-12, 3.14159, 1e300, 46_350.333])
    if pick < 0.85:
        return rng.choice([True, False])
    if pick < 0.9:
        return datetime(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28),
                        rng.choice([0, 0, 8, 23]), rng.choice([0, 15, 59]))
    if pick < 0.95:
        return MONDAY + timedelta(days=rng.randint(-10, 20))
    return clock(rng.randint(0, 23), rng.choice([0, 15, 30, 45, 59]))


def mutate_rows(rows: list[list], rng: random.Random) -> list[list]:
    rows = [list(r) for r in rows]
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8])):
        kind = rng.random()
        if kind < 0.6 and rows:
            r = rng.randrange(len(rows))
            width = max(len(rows[r]), 1)
            c = rng.randrange(width + 1)
            while len(rows[r]) <= c:
                rows[r].append(None)
            rows[r][c] = nasty_value(rng)
        elif kind < 0.7 and len(rows) > 1:
            del rows[rng.randrange(len(rows))]
        elif kind < 0.8 and rows:
            rows.insert(rng.randrange(len(rows) + 1), list(rng.choice(rows)))
        elif kind < 0.87 and rows and len(rows[0]) > 1:
            a, b = rng.sample(range(len(rows[0])), 2)
            for row in rows:
                if len(row) > max(a, b):
                    row[a], row[b] = row[b], row[a]
        elif kind < 0.92:
            rows.insert(0, [nasty_value(rng)])  # a title row above the header
        elif kind < 0.96 and rows:
            del rows[0]  # no header
        else:
            rows.append([None] * rng.randint(0, 3) + [nasty_value(rng)])
    return rows


def workbook_bytes(rows: list[list], title: str, rng: random.Random) -> bytes:
    workbook = Workbook()
    if rng.random() < 0.1:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append([_cell_safe(v) for v in row])
    if rng.random() < 0.08 and sheet.max_row > 1:
        r = rng.randint(1, sheet.max_row)
        c = rng.randint(1, max(1, sheet.max_column))
        sheet.merge_cells(start_row=r, start_column=c, end_row=min(sheet.max_row, r + rng.randint(0, 2)),
                          end_column=c + rng.randint(0, 1))
    if rng.random() < 0.06:
        decoy = workbook.create_sheet(title if rng.random() < 0.5 else "Datos", 0)
        decoy.append([nasty_value(rng) for _ in range(3)])
        decoy.sheet_state = "hidden"
        workbook.active = 1
    if rng.random() < 0.03:
        workbook.create_sheet("Vacía", 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_safe(value):
    """Text openpyxl refuses to store (control characters) is stored without them, as Excel would."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable() or ch in "\t\n")
    return value


def csv_bytes(rows: list[list], rng: random.Random) -> bytes:
    separator = rng.choice([";", ",", "\t"])
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16"])
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
            if separator in text or '"' in text or "\n" in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(separator.join(cells))
    text = "\r\n".join(lines) + "\r\n"
    return text.encode(encoding, errors="replace")


def damage(data: bytes, rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.3:
        return data[: rng.randrange(len(data))]
    if kind < 0.6:
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind < 0.75:
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(rng.randint(0, 4096))
    if kind < 0.9:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", "<office:document-content/>")
        return buffer.getvalue()
    return rng.randbytes(rng.randint(0, 2048))


# -- the four importers' valid files ------------------------------------------------------------------

def agent_rows(rng: random.Random) -> list[list]:
    header = ["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx",
              "Inicio más temprano", "Inicio más tardío", "Noches", "Habilidades"]
    rows = [header]
    for i, number in enumerate(rng.sample(range(1, 10), rng.randint(1, 8))):
        kind = rng.choice(["completo", "parcial", None])
        days = (5, 5) if kind != "parcial" else (2, 3)
        hours = ("39", 41) if kind != "parcial" else ("15,5", 25)
        rows.append([f"A{number}", f"Persona {i}", kind, rng.choice([None, days[0]]), rng.choice([None, days[1]]),
                     rng.choice([None, hours[0]]), rng.choice([None, hours[1]]),
                     rng.choice([None, "06:00", clock(7)]), rng.choice([None, "22:00"]),
                     rng.choice([None, "sí", "no"]), rng.choice([None, "es, en"])])
    return rows


def request_rows(rng: random.Random) -> list[list]:
    rows = [["ID agente", "Fecha", "Tipo", "Aprobada", "Prioridad", "Nota"]]
    for agent, offset in rng.sample([(a, d) for a in range(1, 6) for d in range(7)], rng.randint(1, 8)):
        day = MONDAY + timedelta(days=offset)
        rows.append([f"A{agent}", rng.choice([datetime.combine(day, clock()), day.strftime("%d/%m/%Y"),
                                                          day.isoformat()]),
                     rng.choice(["libre", "vacaciones", "no disponible", "mañana", "tarde", "noche", "disponible"]),
                     rng.choice([None, "sí", "no"]), rng.choice([None, 1, 3, 5]), rng.choice([None, "nota"])])
    return rows


def forecast_rows(rng: random.Random) -> list[list]:
    if rng.random() < 0.2:
        rows = [["Día semana", "Intervalo", "Llamadas", "TMO (s)"]]
        for d in ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")[: rng.randint(1, 7)]:
            for h in range(0, 24, rng.choice([4, 8, 12])):
                rows.append([d, f"{h:02d}:00", rng.randint(0, 90), 300])
        return rows
    rows = [["Fecha", "Intervalo", "Llamadas", "TMO (s)"]]
    step = rng.choice([15, 30, 60])
    first = datetime.combine(MONDAY + timedelta(days=rng.randint(0, 6)), clock(rng.randint(0, 20)))
    for k in range(rng.randint(1, 24)):
        moment = first + timedelta(minutes=step * k)
        rows.append([rng.choice([moment.replace(hour=0, minute=0), moment.strftime("%d/%m/%Y")]),
                     rng.choice([moment.time(), moment.strftime("%H:%M")]), rng.randint(0, 120),
                     rng.choice([280, "305,5", 312.5])])
    return rows


ROWS = {"agents": (agent_rows, "Agentes"), "requests": (request_rows, "Solicitudes"),
        "forecast": (forecast_rows, "Previsión")}


def table_file(importer: str, rng: random.Random) -> tuple[bytes, str]:
    make, title = ROWS[importer]
    rows = mutate_rows(make(rng), rng)
    pick = rng.random()
    if pick < 0.2:
        return csv_bytes(rows, rng), ".csv"
    data = workbook_bytes(rows, title, rng)
    if pick > 0.9:
        data = damage(data, rng)
    return data, ".xlsx"


class Templates:
    """The agents' templates, built once; each example fills and spoils a copy."""

    def __init__(self, project: Project) -> None:
        self.data = {}
        for agent in project.agents:
            for layout in ("agent", "grid"):
                workbook = build_template_workbook(project, [agent] if layout == "agent" else list(project.agents),
                                                   layout, "es")
                buffer = io.BytesIO()
                workbook.save(buffer)
                self.data[(agent.id, layout)] = buffer.getvalue()
        self.ids = [a.id for a in project.agents]
        self.days = project.horizon.days

    def file(self, rng: random.Random) -> tuple[bytes, str]:
        layout = "grid" if rng.random() < 0.25 else "agent"
        workbook = load_workbook(io.BytesIO(self.data[(rng.choice(self.ids), layout)]))
        sheet = workbook.worksheets[0]
        if layout == "agent":
            rows, columns = range(FIRST_DAY_ROW, FIRST_DAY_ROW + self.days), range(CODE_COL, NOTE_COL + 1)
        else:
            rows, columns = range(6, 6 + 3 * len(self.ids)), range(4, 4 + self.days)
        for _ in range(rng.randint(0, 8)):  # answers, valid or not
            cell = sheet.cell(rng.choice(rows), rng.choice(columns))
            if not type(cell).__name__ == "MergedCell":
                cell.value = _cell_safe(rng.choice(["libre", "tarde", "vacaciones", "disponible", 3, None])
                                        if rng.random() < 0.6 else nasty_value(rng))
        for _ in range(rng.choice([0, 0, 0, 1, 2])):  # vandalism anywhere
            cell = sheet.cell(rng.randint(1, max(rows) + 3), rng.randint(1, max(columns) + 2))
            if not type(cell).__name__ == "MergedCell":
                cell.value = _cell_safe(nasty_value(rng))
        extra = rng.random()
        if extra < 0.04:
            sheet.merge_cells(start_row=rows[0], start_column=columns[0], end_row=rows[0] + 1,
                              end_column=columns[0])
        elif extra < 0.07:
            del workbook[workbook.sheetnames[-1]]  # the hidden _turnos sheet
        elif extra < 0.09:
            sheet.title = "Renombrada"
        elif extra < 0.12:
            workbook.epoch = CALENDAR_MAC_1904
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
        if rng.random() < 0.05:
            data = damage(data, rng)
        return data, ".xlsx"


# -- running ----------------------------------------------------------------------------------------

@dataclass
class Tally:
    examples: int = 0
    imported: int = 0
    rejected: int = 0
    crashes: int = 0
    partial: int = 0  # errors reported but the project file changed
    seconds: float = 0.0
    slowest: float = 0.0
    failures: list[str] = field(default_factory=list)


class Fuzzer:
    def __init__(self, folder: Path, keep: Path | None) -> None:
        self.folder = folder
        self.keep = keep
        self.project = make_project()
        self.project_path = folder / "fuzz.turnos"
        save_project(self.project_path, self.project)
        self.original = self.project_path.read_bytes()
        self.templates = Templates(self.project)

    def restore(self) -> None:
        if self.project_path.read_bytes() != self.original:
            self.project_path.write_bytes(self.original)

    def one(self, importer: str, rng: random.Random, tally: Tally, number: int) -> None:
        data, suffix = self.templates.file(rng) if importer == "availability" else table_file(importer, rng)
        path = self.folder / f"{importer}-{number}{suffix}"
        path.write_bytes(data)
        began = time.perf_counter()
        try:
            problem = self.check(importer, path, tally)
        except Exception:  # noqa: BLE001 - that is what the fuzz looks for
            problem = "crash: " + traceback.format_exc(limit=6)
            tally.crashes += 1
        finally:
            spent = time.perf_counter() - began
            tally.seconds += spent
            tally.slowest = max(tally.slowest, spent)
            tally.examples += 1
            self.restore()
        if problem:
            tally.failures.append(f"{path.name}: {problem}")
            if self.keep:
                self.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, self.keep / path.name)
        path.unlink()

    def check(self, importer: str, path: Path, tally: Tally) -> str | None:
        before = self.project_path.read_bytes()
        if importer == "forecast":
            try:
                imported = read_forecast(path, self.project.horizon, "en")
            except ForecastImportError as error:
                tally.rejected += 1
                if not error.errors or any(e.file != path.name or not e.message for e in error.errors):
                    return f"error without file or message: {error}"
                return None
            apply_forecast(self.project_path, imported.forecast)
            tally.imported += 1
            if load_project(self.project_path).forecast != imported.forecast:
                return "the saved forecast differs from the imported one"
            return None
        function = {"agents": import_agents, "requests": import_requests, "availability": import_availability}
        report = function[importer](self.project, path, language="en")
        if report.errors:
            tally.rejected += 1
            problem = None
            if any(e.file != path.name or not e.message for e in report.errors):
                problem = "error without file or message: " + "; ".join(map(str, report.errors))
            if report.project != report.base:
                problem = "errors reported but the project changed"
            save_import(self.project_path, report)
            if self.project_path.read_bytes() != before:
                tally.partial += 1
                problem = "errors reported but the project file changed"
            return problem
        tally.imported += 1
        save_import(self.project_path, report)
        if load_project(self.project_path) != replace(report.project):
            return "the saved project differs from the imported one"
        return None


def table(tallies: dict[str, Tally]) -> str:
    header = ("importer", "examples", "imported", "rejected", "crashes", "partial changes", "seconds",
              "slowest (s)")
    lines = []
    total = Tally()
    for name, t in tallies.items():
        lines.append((name, t.examples, t.imported, t.rejected, t.crashes, t.partial, f"{t.seconds:.1f}",
                      f"{t.slowest:.2f}"))
        total.examples += t.examples
        total.imported += t.imported
        total.rejected += t.rejected
        total.crashes += t.crashes
        total.partial += t.partial
        total.seconds += t.seconds
        total.slowest = max(total.slowest, t.slowest)
    lines.append(("total", total.examples, total.imported, total.rejected, total.crashes, total.partial,
                  f"{total.seconds:.1f}", f"{total.slowest:.2f}"))
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for line in lines:
        out.append("| " + " | ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                                     for i, (v, w) in enumerate(zip(line, widths))) + " |")
    return "\n".join(out)


def run(examples: int, seed: int, keep: Path | None = None,
        progress: Callable[[str, int], None] | None = None) -> dict[str, Tally]:
    tallies = {name: Tally() for name in IMPORTERS}
    with tempfile.TemporaryDirectory(prefix="turnos-fuzz-") as folder:
        fuzzer = Fuzzer(Path(folder), keep)
        per = -(-examples // len(IMPORTERS))
        for index, importer in enumerate(IMPORTERS):
            rng = random.Random(f"{seed}-{importer}")
            for number in range(per):
                fuzzer.one(importer, rng, tallies[importer], number)
                if progress and number % 500 == 499:
                    progress(importer, number + 1)
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="files in total, shared by the importers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="copy failing files into this folder")
    args = parser.parse_args(argv)
    print(f"fuzzing 4 importers with {args.examples:,} generated files, seed {args.seed}", flush=True)
    tallies = run(args.examples, args.seed, args.keep,
                  lambda name, n: print(f"  {name}: {n} files", file=sys.stderr, flush=True))
    print(table(tallies))
    failures = [f for t in tallies.values() for f in t.failures]
    for failure in failures[:20]:
        print("FAIL", failure)
    if len(failures) > 20:
        print(f"… and {len(failures) - 20} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
