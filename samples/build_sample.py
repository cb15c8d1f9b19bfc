"""Rebuild the bundled sample: ``python samples/build_sample.py``.

Writes ``samples/demo.turnos`` (the ready project) and the spreadsheets the
same data would arrive in: ``agents.xlsx``, ``requests.xlsx`` and
``forecast.xlsx`` (Spanish headers, as a Spanish-speaking center sends them).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from scheduler.domain.clock import format_minute_of_day  # noqa: E402
from scheduler.generate import generate_center  # noqa: E402
from scheduler.store import save_project  # noqa: E402

CONTRACT_ES = {"full_time": "completo", "part_time": "parcial", "custom": "personalizado"}
KIND_ES = {
    "day_off": "libre", "vacation": "vacaciones", "unavailable": "no disponible",
    "prefer_morning": "prefiere mañana", "prefer_afternoon": "prefiere tarde", "prefer_night": "prefiere noche",
}


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = workbook.active if workbook.active.title == "Sheet" else workbook.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = max(12, len(str(column[0].value)) + 4)


def write_sources(project, folder: Path) -> None:
    agents = Workbook()
    _sheet(agents, "Agentes",
           ["ID", "Nombre", "Contrato", "Días mín", "Días máx", "Horas semana mín", "Horas semana máx",
            "Inicio más temprano", "Inicio más tardío", "Noches", "Habilidades"],
           [[a.id, a.name, CONTRACT_ES[a.contract.kind.value], a.contract.min_days_per_week,
             a.contract.max_days_per_week, a.contract.weekly_min_minutes / 60, a.contract.weekly_max_minutes / 60,
             format_minute_of_day(a.earliest_start), format_minute_of_day(a.latest_start),
             "sí" if a.nights else "no", ", ".join(a.skills)] for a in project.agents])
    agents.save(folder / "agents.xlsx")

    requests = Workbook()
    _sheet(requests, "Solicitudes", ["ID agente", "Fecha", "Tipo", "Aprobada", "Prioridad", "Nota"],
           [[r.agent_id, r.day, KIND_ES[r.kind.value], "sí" if r.hard else "no", r.priority, r.note]
            for r in project.requests])
    for cell in requests.active["B"][1:]:
        cell.number_format = "dd/mm/yyyy"
    requests.save(folder / "requests.xlsx")

    forecast = Workbook()
    _sheet(forecast, "Previsión", ["Fecha", "Intervalo", "Llamadas", "TMO (s)"],
           [[i.start.date(), i.start.strftime("%H:%M"), i.calls, i.aht_seconds]
            for i in project.forecast.intervals])
    for cell in forecast.active["A"][1:]:
        cell.number_format = "dd/mm/yyyy"
    forecast.save(folder / "forecast.xlsx")


def main() -> None:
    project = generate_center()
    target = HERE / "demo.turnos"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    save_project(target, project)
    write_sources(project, HERE)
    print(f"wrote {target} ({len(project.agents)} agents, {len(project.requests)} requests, "
          f"{len(project.forecast.intervals)} forecast intervals) and the source spreadsheets")


if __name__ == "__main__":
    main()
