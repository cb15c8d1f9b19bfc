"""The roster out for approval: a workbook a manager can read, print and sign.

Sheets, in order (names in the workbook's language except ``Schedule``):

* **Summary** – center, period, version, status, key figures, hard-rule
  violations, approval history, prepared-by, the approval block to sign and the
  version's content fingerprint.
* **Roster** – agents × days, shift times coloured by family, totals, legend.
* **Coverage** – a line chart and a table per day, then required / on the
  phone / difference per interval (:mod:`scheduler.export.coverage`).
* **Requests** – every request, honoured or denied, and why.
* **Schedule** – the flat sheet of docs/schedule-sheet.md.
* **One sheet per day** – the floor plan: agents × slots, shift and breaks
  coloured, required vs on the phone per slot at the bottom.

Every value is written with :func:`~scheduler.export.cells.put`: text that
looks like a formula stays text.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.domain import Project, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.domain.requests import Request, RequestKind
from scheduler.export.cells import put
from scheduler.export.coverage import Coverage, ServiceForecast, coverage, predicted_service, shift_segments
from scheduler.export.roster_workbook import (
    DATE_FORMAT,
    GRID_BORDER,
    HEADER_FILL,
    SCHEDULE_SHEET,
    WEEKEND_FILL,
    StyleCache,
    period_text,
    setup_print,
    shift_family,
    shift_text,
    vacation_days,
    version_status_text,
    write_roster_grid,
    write_schedule_sheet,
)
from scheduler.files import atomic_write
from scheduler.i18n import add_translations, number, tr, weekday
from scheduler.versions import fingerprint, short_fingerprint

__all__ = [
    "DENIED",
    "HONOURED",
    "KeyFigures",
    "NOT_APPLICABLE",
    "RequestOutcome",
    "day_sheet_title",
    "key_figures",
    "request_outcomes",
    "sheet_titles",
    "write_approval_workbook",
]

HONOURED, DENIED, NOT_APPLICABLE = "honoured", "denied", "not applicable"

#: Floor plan colours: stronger than the grid's, so a printed page reads at a glance.
FLOOR_FILLS = {
    "morning": PatternFill("solid", fgColor="FFD966"),
    "afternoon": PatternFill("solid", fgColor="9DC3E6"),
    "night": PatternFill("solid", fgColor="B4A7D6"),
}
PAID_BREAK_FILL = PatternFill("solid", fgColor="F4B183")
UNPAID_BREAK_FILL = PatternFill("solid", fgColor="A6A6A6")
SHORT_FILL = PatternFill("solid", fgColor="F4CCCC")
OK_FILL = PatternFill("solid", fgColor="D9EAD3")
NA_FILL = PatternFill("solid", fgColor="EDEDED")
OUTCOME_FILLS = {HONOURED: OK_FILL, DENIED: SHORT_FILL, NOT_APPLICABLE: NA_FILL}
BOX = Side(style="medium", color="000000")
#: Number formats: Excel and LibreOffice show them with the reader's own marks ("1.234,50" in Spain).
NUMBER = "#,##0.00"
#: Counts: thousands marked ("2.688").
COUNT = "#,##0"
#: Agent-hours short, to the tenth like ``turnos-cli solve`` prints them.
TENTHS = "#,##0.0"
PERCENT = "0.0%"
#: Violations listed on the Summary sheet (all of them: turnos-cli validate).
_LISTED = 50

add_translations({
    "Summary": "Resumen",
    "Coverage": "Cobertura",
    "Requests": "Peticiones",
    "Roster for approval": "Cuadrante para aprobación",
    "Time zone": "Zona horaria",
    "Created": "Creado",
    "Prepared by": "Preparado por",
    "Prepared on": "Preparado el",
    "Key figures": "Cifras clave",
    "Agents": "Agentes",
    "Shifts": "Turnos",
    "Paid hours": "Horas pagadas",
    "on-phone agent-minutes within required / required agent-minutes":
        "minutos-agente al teléfono dentro de lo necesario / minutos-agente necesarios",
    "Intervals short": "Intervalos con falta de personal",
    "of {n} intervals": "de {n} intervalos",
    "Agent-hours short on the phone (breaks included)": "Horas-agente que faltan al teléfono (con las pausas)",
    "required agents minus agents on the phone (on shift and not on a break), over every interval":
        "agentes necesarios menos agentes al teléfono (en turno y fuera de pausa), en todos los intervalos",
    "Predicted service level (weighted by calls)": "Nivel de servicio previsto (ponderado por llamadas)",
    "target {level} in {seconds} s": "objetivo {level} en {seconds} s",
    "no calls forecast": "sin llamadas previstas",
    "Requests honoured": "Peticiones atendidas",
    "Requests denied": "Peticiones denegadas",
    "Requests not applicable": "Peticiones no aplicables",
    "Hard-rule violations": "Incumplimientos de reglas obligatorias",
    "approvable": "aprobable",
    "NOT approvable: fix the violations below first": "NO aprobable: corrige antes los incumplimientos de abajo",
    "Violations": "Incumplimientos",
    "Approval history": "Historial de aprobación",
    "Approval": "Aprobación",
    "Approved by": "Aprobado por",
    "Date": "Fecha",
    "Signature": "Firma",
    "Content fingerprint (SHA-256)": "Huella del contenido (SHA-256)",
    "Short form": "Forma corta",
    "Check a file against the project: turnos-cli verify PROJECT FILE.xlsx":
        "Para comprobar un fichero: turnos-cli verify PROYECTO FICHERO.xlsx",
    "Recorded in Turnos: {status} by {by} on {at}": "Registrado en Turnos: {status} por {by} el {at}",
    "Coverage by day": "Cobertura por día",
    "Day": "Día",
    "Required agent-hours": "Horas-agente necesarias",
    "Covered agent-hours": "Horas-agente cubiertas",
    "Predicted service level": "Nivel de servicio previsto",
    "Coverage by interval": "Cobertura por intervalo",
    "Interval": "Intervalo",
    "Required": "Necesarios",
    "On the phone": "Al teléfono",
    "Difference": "Diferencia",
    "On duty": "De servicio",
    "Calls": "Llamadas",
    "Required vs on the phone": "Necesarios frente a al teléfono",
    "On the phone: agent-minutes on shift and not on a break / interval length.":
        "Al teléfono: minutos-agente en turno y fuera de pausa / duración del intervalo.",
    "Request": "Petición",
    "Type": "Tipo",
    "Priority": "Prioridad",
    "Note": "Nota",
    "Outcome": "Resultado",
    "Reason": "Motivo",
    "hard": "obligatoria",
    "soft": "deseable",
    "day_off": "día libre",
    "vacation": "vacaciones",
    "unavailable": "no disponible",
    "prefer_morning": "prefiere mañana",
    "prefer_afternoon": "prefiere tarde",
    "prefer_night": "prefiere noche",
    HONOURED: "atendida",
    DENIED: "denegada",
    NOT_APPLICABLE: "no aplicable",
    "honoured": "atendida",
    "approved vacation": "vacaciones aprobadas",
    "approved day off": "día libre aprobado",
    "unavailable: not rostered": "no disponible: sin turno",
    "worked: cover needed": "trabaja: hace falta cobertura",
    "worked on an approved day off: breaks a hard rule":
        "trabaja en un día libre aprobado: incumple una regla obligatoria",
    "worked a {family} shift: cover needed": "trabaja un turno de {family}: hace falta cobertura",
    "day off: no shift to choose": "día libre: no hay turno que elegir",
    "outside the period": "fuera del periodo",
    "morning": "mañana",
    "afternoon": "tarde",
    "night": "noche",
    "Shift": "Turno",
    "Morning shift": "Turno de mañana",
    "Afternoon shift": "Turno de tarde",
    "Night shift": "Turno de noche",
    "Floor plan": "Plano de sala",
    "Paid break": "Pausa pagada",
    "Unpaid break": "Pausa no pagada",
    "(paid)": "(pagada)",
    "(unpaid)": "(no pagada)",
    "from the day before": "del día anterior",
})


# -- requests --------------------------------------------------------------------

@dataclass(frozen=True)
class RequestOutcome:
    """What the roster did with one request: ``status`` is HONOURED, DENIED or NOT_APPLICABLE.

    ``reason`` is an English key; show it with ``tr(reason).format(**args)``.
    """

    request: Request
    status: str
    reason: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self, language: str | None = None) -> str:
        args = {k: tr(v, language) for k, v in self.args}
        return tr(self.reason, language).format(**args)


_PREFERRED = {RequestKind.PREFER_MORNING: "morning", RequestKind.PREFER_AFTERNOON: "afternoon",
              RequestKind.PREFER_NIGHT: "night"}


def request_outcomes(project: Project, roster: Roster) -> list[RequestOutcome]:
    """Every request of the project, in date then agent order, with what the roster did."""
    shifts = {(s.agent_id, s.day): s for s in roster.shifts}
    order = {agent.id: i for i, agent in enumerate(project.agents)}
    out = []
    for request in sorted(project.requests, key=lambda r: (r.day, order.get(r.agent_id, 0))):
        shift = shifts.get((request.agent_id, request.day))
        if request.day not in project.horizon:
            out.append(RequestOutcome(request, NOT_APPLICABLE, "outside the period"))
        elif request.kind.is_day_off:
            if shift is None:
                reason = {RequestKind.VACATION: "approved vacation",
                          RequestKind.UNAVAILABLE: "unavailable: not rostered"}.get(
                    request.kind, "approved day off" if request.hard else "honoured")
                out.append(RequestOutcome(request, HONOURED, reason))
            else:
                reason = ("worked on an approved day off: breaks a hard rule" if request.hard
                          else "worked: cover needed")
                out.append(RequestOutcome(request, DENIED, reason))
        elif shift is None:
            out.append(RequestOutcome(request, NOT_APPLICABLE, "day off: no shift to choose"))
        else:
            family = shift_family(shift, project)
            if family == _PREFERRED[request.kind]:
                out.append(RequestOutcome(request, HONOURED, "honoured"))
            else:
                out.append(RequestOutcome(request, DENIED, "worked a {family} shift: cover needed",
                                          (("family", family),)))
    return out


# -- key figures -----------------------------------------------------------------

@dataclass(frozen=True)
class KeyFigures:
    """The figures on the Summary sheet."""

    agents: int
    shifts: int
    paid_minutes: int
    coverage: Coverage
    service: ServiceForecast
    outcomes: tuple[RequestOutcome, ...]
    violations: tuple  # of scheduler.validate.Violation
    fingerprint: str

    @property
    def coverage_ratio(self) -> float:
        return self.coverage.ratio

    @property
    def short_slots(self) -> int:
        return self.coverage.short_slots

    @property
    def service_level(self) -> float | None:
        return self.service.average

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def approvable(self) -> bool:
        return not self.violations


def key_figures(project: Project, roster: Roster) -> KeyFigures:
    from scheduler.validate import validate

    cov = coverage(project, roster)
    return KeyFigures(
        agents=len(project.agents),
        shifts=len(roster.shifts),
        paid_minutes=sum(s.paid_minutes for s in roster.shifts),
        coverage=cov,
        service=predicted_service(project, roster, cov),
        outcomes=tuple(request_outcomes(project, roster)),
        violations=tuple(validate(project, roster)),
        fingerprint=fingerprint(roster),
    )


# -- the workbook ----------------------------------------------------------------

def day_sheet_title(day: date, language: str | None = None) -> str:
    """``"Mon 04-01"`` / ``"lun 04-01"``: a valid, unique sheet name for a day of the horizon."""
    return f"{weekday(day.weekday(), language)} {day:%d-%m}"


def sheet_titles(project: Project, language: str | None = None) -> list[str]:
    """The sheet names of the approval workbook, in order."""
    return ([tr("Summary", language), tr("Roster", language), tr("Coverage", language),
             tr("Requests", language), SCHEDULE_SHEET]
            + [day_sheet_title(day, language) for day in project.horizon.dates()])


def write_approval_workbook(
    project: Project,
    version: RosterVersion,
    path: str | os.PathLike,
    *,
    language: str | None = None,
    prepared_by: str = "",
    events: tuple | list = (),
    now: datetime | None = None,
) -> KeyFigures:
    """Write the approval workbook for ``version`` to ``path`` (atomically); return its key figures.

    ``events`` is the version's approval history (``store.load_version_events``);
    ``prepared_by`` defaults to the version's author.
    """
    roster = version.roster
    figures = key_figures(project, roster)
    now = now or datetime.now(timezone.utc)
    titles = sheet_titles(project, language)
    workbook = Workbook()
    summary = workbook.active
    summary.title = titles[0]
    grid = workbook.create_sheet(titles[1])
    cover = workbook.create_sheet(titles[2])
    requests = workbook.create_sheet(titles[3])
    schedule = workbook.create_sheet(titles[4])

    _write_summary(summary, project, version, figures, language, prepared_by or version.author, events, now)
    write_roster_grid(grid, project, roster, version, language)
    _write_coverage(cover, project, version, figures, language)
    _write_requests(requests, project, version, figures.outcomes, language)
    write_schedule_sheet(schedule, project, roster)
    setup_print(schedule, project, version, language, title_rows=(1, 1))
    _write_floor_plans(workbook, project, version, figures.coverage, language)

    props = workbook.properties
    props.title = f"{tr('Roster for approval', language)} · {project.site.name} · {period_text(project)}"
    props.creator = "Turnos"
    props.subject = f"{tr('Version', language)} {version.number} ({version_status_text(version.status, language)})"
    props.keywords = f"sha256:{figures.fingerprint}"
    atomic_write(path, lambda tmp: workbook.save(tmp))
    return figures


def _label(sheet: Worksheet, row: int, text: str, value=None, fmt: str | None = None, note: str = ""):
    put(sheet, row, 1, text).font = Font(bold=True)
    cell = None
    if value is not None:
        cell = put(sheet, row, 2, value, fmt)
        cell.alignment = Alignment(horizontal="left")
    if note:
        put(sheet, row, 3, note).font = Font(italic=True, color="595959")
    return cell


def _write_summary(sheet: Worksheet, project: Project, version: RosterVersion, figures: KeyFigures,
                   language: str | None, prepared_by: str, events, now: datetime) -> None:
    t = lambda text: tr(text, language)  # noqa: E731
    put(sheet, 1, 1, t("Roster for approval")).font = Font(bold=True, size=16)
    put(sheet, 2, 1, project.site.name).font = Font(size=12)
    row = 4
    _label(sheet, row, t("Center"), project.site.name)
    _label(sheet, row + 1, t("Period"), period_text(project))
    _label(sheet, row + 2, t("Time zone"), project.site.time_zone)
    _label(sheet, row + 3, t("Version"), version.number)
    status = _label(sheet, row + 4, t("Status"), version_status_text(version.status, language))
    status.font = Font(bold=True)
    _label(sheet, row + 5, t("Created"), f"{version.created_at.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"
           + (f" · {version.author}" if version.author else ""))
    _label(sheet, row + 6, t("Prepared by"), prepared_by or "—")
    _label(sheet, row + 7, t("Prepared on"), f"{now.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC")

    row += 9
    put(sheet, row, 1, t("Key figures")).font = Font(bold=True, size=13)
    cov = figures.coverage
    staffing = project.staffing
    rows = [
        (t("Agents"), figures.agents, COUNT, ""),
        (t("Shifts"), figures.shifts, COUNT, ""),
        (t("Paid hours"), round(figures.paid_minutes / 60, 2), NUMBER, ""),
        (t("Coverage"), cov.ratio, PERCENT, t("on-phone agent-minutes within required / required agent-minutes")),
        (t("Intervals short"), cov.short_slots, COUNT,
         t("of {n} intervals").format(n=number(cov.n_slots, ",", language))),
        # the figure turnos-cli solve prints as "short on the phone (breaks included)"
        (t("Agent-hours short on the phone (breaks included)"), round(cov.short_agent_minutes / 60, 1), TENTHS,
         t("required agents minus agents on the phone (on shift and not on a break), over every interval")),
        (t("Predicted service level (weighted by calls)"),
         figures.service_level if figures.service_level is not None else t("no calls forecast"),
         PERCENT if figures.service_level is not None else None,
         t("target {level} in {seconds} s").format(level=number(staffing.service_level, ".0%", language),
                                                   seconds=number(staffing.target_seconds, "g", language))),
        (t("Requests honoured"), figures.count(HONOURED), COUNT, ""),
        (t("Requests denied"), figures.count(DENIED), COUNT, ""),
        (t("Requests not applicable"), figures.count(NOT_APPLICABLE), COUNT, ""),
    ]
    for k, (text, value, fmt, note) in enumerate(rows, start=1):
        _label(sheet, row + k, text, value, fmt, note)
    row += len(rows) + 1
    bad = len(figures.violations)
    cell = _label(sheet, row, t("Hard-rule violations"), bad)
    verdict = put(sheet, row, 3, t("approvable") if not bad else t("NOT approvable: fix the violations below first"))
    verdict.font = Font(bold=True, color="006100" if not bad else "9C0006")
    verdict.fill = cell.fill = OK_FILL if not bad else SHORT_FILL

    row += 2
    put(sheet, row, 1, t("Approval")).font = Font(bold=True, size=13)
    recorded = [e for e in events if e.status.value == "approved"]
    if recorded:
        row += 1
        put(sheet, row, 1, t("Recorded in Turnos: {status} by {by} on {at}").format(
            status=version_status_text(VersionStatus.APPROVED, language), by=recorded[-1].by or "?",
            at=f"{recorded[-1].at.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC")).font = Font(italic=True)
    for text, height in ((t("Approved by"), 30), (t("Date"), 30), (t("Signature"), 70)):
        row += 1
        put(sheet, row, 1, text).font = Font(bold=True)
        sheet.cell(row=row, column=1).alignment = Alignment(vertical="center")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        for c in (2, 3):
            sheet.cell(row=row, column=c).border = Border(left=BOX if c == 2 else None,
                                                          right=BOX if c == 3 else None, top=BOX, bottom=BOX)
        sheet.row_dimensions[row].height = height

    row += 2
    put(sheet, row, 1, t("Content fingerprint (SHA-256)")).font = Font(bold=True)
    put(sheet, row, 2, figures.fingerprint).font = Font(name="Courier New", size=8)
    put(sheet, row + 1, 1, t("Short form"))
    put(sheet, row + 1, 2, short_fingerprint(figures.fingerprint)).font = Font(name="Courier New", bold=True)
    put(sheet, row + 2, 1, t("Check a file against the project: turnos-cli verify PROJECT FILE.xlsx")).font = \
        Font(italic=True, size=9, color="595959")
    row += 2

    if events:
        row += 2
        put(sheet, row, 1, t("Approval history")).font = Font(bold=True)
        for event in events:
            row += 1
            text = (f"{event.at.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC · "
                    f"{version_status_text(event.status, language)}")
            if event.by:
                text += f" · {event.by}"
            put(sheet, row, 1, text)
            if event.comment:
                put(sheet, row, 2, event.comment)

    if figures.violations:
        row += 2
        put(sheet, row, 1, t("Violations")).font = Font(bold=True)
        for violation in figures.violations[:_LISTED]:
            row += 1
            put(sheet, row, 1, violation.message).alignment = Alignment(wrap_text=False)
        if bad > _LISTED:
            put(sheet, row + 1, 1, f"… +{bad - _LISTED}")
            row += 1

    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 44
    setup_print(sheet, project, version, language, landscape=False)


# -- coverage --------------------------------------------------------------------

def _slot_label(moment: datetime) -> str:
    return f"{moment:%d/%m %H:%M}"


def _write_coverage(sheet: Worksheet, project: Project, version: RosterVersion, figures: KeyFigures,
                    language: str | None) -> None:
    t = lambda text: tr(text, language)  # noqa: E731
    cov, service = figures.coverage, figures.service
    timeline = project.timeline
    slot = timeline.slot_minutes
    put(sheet, 1, 1, f"{t('Coverage')} · {project.site.name} · {period_text(project)}").font = \
        Font(bold=True, size=13)
    put(sheet, 2, 1, t("On the phone: agent-minutes on shift and not on a break / interval length.")).font = \
        Font(italic=True, size=9)
    chart_row = 3
    chart_rows = 20
    bold = Font(bold=True)

    # per day
    day_row = chart_row + chart_rows + 1
    put(sheet, day_row, 1, t("Coverage by day")).font = Font(bold=True, size=12)
    day_headers = (t("Day"), t("Date"), t("Required agent-hours"), t("Covered agent-hours"), t("Coverage"),
                   t("Intervals short"), t("Predicted service level"))
    for c, text in enumerate(day_headers, start=1):
        cell = put(sheet, day_row + 1, c, text)
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, GRID_BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for d, day in enumerate(project.horizon.dates()):
        lo = timeline.day_start(d) // slot
        hi = timeline.day_start(d + 1) // slot
        need = sum(cov.required[lo:hi]) * slot
        got = sum(min(p, r) for p, r in zip(cov.on_phone[lo:hi], cov.required[lo:hi])) * slot
        short = sum(1 for s in range(lo, hi) if cov.is_short(s))
        calls = sum(service.calls[lo:hi])
        level = (sum(c * (sl or 0.0) for c, sl in zip(service.calls[lo:hi], service.service_level[lo:hi])) / calls
                 if calls > 0 else None)
        r = day_row + 2 + d
        values = ((weekday(day.weekday(), language), None), (day, DATE_FORMAT), (round(need / 60, 2), NUMBER),
                  (round(got / 60, 2), NUMBER), (got / need if need else 1.0, PERCENT), (short, None),
                  (level, PERCENT))
        for c, (value, fmt) in enumerate(values, start=1):
            cell = put(sheet, r, c, value, fmt)
            cell.border = GRID_BORDER
            if day.weekday() >= 5:
                cell.fill = WEEKEND_FILL
        if short:
            sheet.cell(row=r, column=6).fill = SHORT_FILL

    # per interval
    head = day_row + 2 + project.horizon.days + 2
    put(sheet, head - 1, 1, t("Coverage by interval")).font = Font(bold=True, size=12)
    headers = (t("Interval"), t("Required"), t("On the phone"), t("Difference"), t("On duty"), t("Calls"),
               t("Predicted service level"))
    for c, text in enumerate(headers, start=1):
        cell = put(sheet, head, c, text)
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, GRID_BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    styles = StyleCache()
    for s in range(cov.n_slots):
        r = head + 1 + s
        put(sheet, r, 1, _slot_label(timeline.slot_local(s)))
        put(sheet, r, 2, cov.required[s])
        styles.apply(put(sheet, r, 3, cov.on_phone[s]), "number", number_format=NUMBER)
        diff = put(sheet, r, 4, cov.on_phone[s] - cov.required[s])
        if cov.is_short(s):
            styles.apply(diff, "short", number_format=NUMBER, fill=SHORT_FILL)
        else:
            styles.apply(diff, "number", number_format=NUMBER)
        styles.apply(put(sheet, r, 5, cov.on_duty[s]), "number", number_format=NUMBER)
        styles.apply(put(sheet, r, 6, round(service.calls[s], 3)), "number", number_format=NUMBER)
        styles.apply(put(sheet, r, 7, service.service_level[s]), "percent", number_format=PERCENT)
    last = head + cov.n_slots

    chart = LineChart()
    chart.title = t("Required vs on the phone")
    chart.y_axis.title = t("Agents")
    chart.height, chart.width = 9.5, 26
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=head, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=last))
    slots_per_day = max(1, 24 * 60 // slot)
    chart.x_axis.tickLblSkip = slots_per_day
    chart.x_axis.tickMarkSkip = slots_per_day
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    for series, colour in zip(chart.series, ("C00000", "2E75B6")):
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 12700  # 1 pt
        series.smooth = False
        series.marker.symbol = "none"
    sheet.add_chart(chart, f"A{chart_row}")

    widths = (16, 14, 14, 14, 14, 14, 16)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = None
    setup_print(sheet, project, version, language, title_rows=(head, head))


# -- requests --------------------------------------------------------------------

def _write_requests(sheet: Worksheet, project: Project, version: RosterVersion, outcomes, language) -> None:
    t = lambda text: tr(text, language)  # noqa: E731
    put(sheet, 1, 1, f"{t('Requests')} · {project.site.name} · {period_text(project)}").font = \
        Font(bold=True, size=13)
    headers = (t("Date"), t("Agent ID"), t("Agent"), t("Request"), t("Type"), t("Priority"), t("Note"),
               t("Outcome"), t("Reason"))
    for c, text in enumerate(headers, start=1):
        cell = put(sheet, 3, c, text)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, GRID_BORDER
    names = {agent.id: agent.name for agent in project.agents}
    for r, outcome in enumerate(outcomes, start=4):
        request = outcome.request
        values = ((request.day, DATE_FORMAT), (request.agent_id, None), (names.get(request.agent_id, ""), None),
                  (t(request.kind.value), None), (t("hard" if request.hard else "soft"), None),
                  (request.priority, None), (request.note, None), (t(outcome.status), None),
                  (outcome.text(language), None))
        for c, (value, fmt) in enumerate(values, start=1):
            put(sheet, r, c, value, fmt).border = GRID_BORDER
        sheet.cell(row=r, column=8).fill = OUTCOME_FILLS[outcome.status]
    for c, width in enumerate((12, 9, 28, 18, 12, 9, 24, 14, 46), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A4"
    if outcomes:
        sheet.auto_filter.ref = f"A3:I{3 + len(outcomes)}"
    setup_print(sheet, project, version, language, title_rows=(3, 3))


# -- floor plans -----------------------------------------------------------------

def _break_codes(roster: Roster) -> dict[str, str]:
    """A short, unique code per break kind for the floor plan cells (``Pausa PVD`` → ``P``)."""
    codes: dict[str, str] = {}
    for kind in sorted({b.kind for s in roster.shifts for b in s.breaks}):
        letters = "".join(ch for ch in kind if ch.isalnum()) or "B"
        for size in range(1, len(letters) + 1):
            code = letters[:size].upper()
            if code not in codes.values():
                break
        else:
            code = f"{letters[:1].upper()}{len(codes)}"
        codes[kind] = code
    return codes


def _write_floor_plans(workbook: Workbook, project: Project, version: RosterVersion, cov: Coverage,
                       language: str | None) -> None:
    """One sheet per day: agents × slots, coloured where they work, with required vs on the phone."""
    timeline = project.timeline
    slot = timeline.slot_minutes
    dates = project.horizon.dates()
    day_starts = [timeline.day_start(d) for d in range(len(dates) + 1)]
    codes = _break_codes(version.roster)
    vacations = vacation_days(project)

    # Each shift, as elapsed minutes, filed under every day it touches.
    touching: list[dict[str, list[tuple[ShiftAssignment, tuple[int, int], list]]]] = [
        defaultdict(list) for _ in dates]
    for shift in version.roster.shifts:
        (start, end), pauses = shift_segments(shift, timeline)
        for d in range(len(dates)):
            if start < day_starts[d + 1] and end > day_starts[d]:
                touching[d][shift.agent_id].append((shift, (start, end), pauses))

    slot_labels = [f"{timeline.slot_local(s):%H:%M}" for s in range(timeline.n_slots)]
    bold, small = Font(bold=True), Font(size=8)
    rotated = Alignment(text_rotation=90, horizontal="center")
    centre = Alignment(horizontal="center")
    first_col = 4
    order = {agent.id: i for i, agent in enumerate(project.agents)}
    names = {agent.id: agent.name for agent in project.agents}
    styles = StyleCache()
    t = lambda text: tr(text, language)  # noqa: E731

    for d, day in enumerate(dates):
        sheet = workbook.create_sheet(day_sheet_title(day, language))
        lo_slot, hi_slot = day_starts[d] // slot, -(-day_starts[d + 1] // slot)
        put(sheet, 1, 1, f"{t('Floor plan')} · {weekday(day.weekday(), language)} {day.isoformat()} · "
                         f"{project.site.name}").font = Font(bold=True, size=13)
        for c, text in enumerate((t("Agent ID"), t("Agent"), t("Shift")), start=1):
            cell = put(sheet, 3, c, text)
            cell.font, cell.fill = bold, HEADER_FILL
        for k, s in enumerate(range(lo_slot, hi_slot)):
            styles.apply(put(sheet, 3, first_col + k, slot_labels[s]), "slot-label", font=small,
                         alignment=rotated, fill=HEADER_FILL)
        sheet.row_dimensions[3].height = 30

        day_lo, day_hi = lo_slot * slot, hi_slot * slot
        working = sorted(touching[d].items(),
                         key=lambda item: (max(item[1][0][1][0], day_lo), order.get(item[0], len(order))))
        row = 3
        for agent_id, items in working:
            row += 1
            put(sheet, row, 1, agent_id)
            put(sheet, row, 2, names.get(agent_id, agent_id))
            texts = []
            for shift, (start, end), pauses in items:
                text = shift_text(shift, project)
                if shift.day != day:
                    text += f" ({t('from the day before')})"
                texts.append(text)
                fill = FLOOR_FILLS[shift_family(shift, project)]
                breaks_by_slot: dict[int, tuple[int, str, bool]] = {}
                for b_lo, b_hi, paid, kind in pauses:
                    for s in range(max(b_lo, day_lo) // slot, -(-min(b_hi, day_hi) // slot)):
                        minutes = min(b_hi, (s + 1) * slot) - max(b_lo, s * slot)
                        if minutes > breaks_by_slot.get(s, (0, "", True))[0]:
                            breaks_by_slot[s] = (minutes, kind, paid)
                family = shift_family(shift, project)
                for s in range(max(start, day_lo) // slot, -(-min(end, day_hi) // slot)):
                    cell = sheet.cell(row=row, column=first_col + s - lo_slot)
                    pause = breaks_by_slot.get(s)
                    if pause is None:
                        styles.apply(cell, family, fill=fill)
                    else:
                        cell.value = codes[pause[1]]
                        paid = pause[2]
                        styles.apply(cell, f"break-{paid}", fill=PAID_BREAK_FILL if paid else UNPAID_BREAK_FILL,
                                     font=small, alignment=centre)
            put(sheet, row, 3, ", ".join(texts))
        for agent in project.agents:
            if agent.id in touching[d]:
                continue
            row += 1
            put(sheet, row, 1, agent.id)
            put(sheet, row, 2, agent.name)
            put(sheet, row, 3, t("Vacation") if (agent.id, day) in vacations else t("Off")).font = \
                Font(italic=True, color="7F7F7F")

        row += 1
        labels = (t("Required"), t("On the phone"), t("Difference"))
        for j, text in enumerate(labels, start=1):
            cell = put(sheet, row + j, 3, text)
            cell.font, cell.fill = bold, HEADER_FILL
        for k, s in enumerate(range(lo_slot, hi_slot)):
            c = first_col + k
            styles.apply(put(sheet, row + 1, c, cov.required[s]), "required", font=small)
            styles.apply(put(sheet, row + 2, c, round(cov.on_phone[s], 2)), "on-phone", font=small,
                         number_format="0.0")
            short = cov.is_short(s)
            styles.apply(put(sheet, row + 3, c, round(cov.on_phone[s] - cov.required[s], 2)), f"diff-{short}",
                         font=small, number_format="0.0", fill=SHORT_FILL if short else OK_FILL)

        legend = row + 5
        swatches = [(FLOOR_FILLS[f], t(f"{f.capitalize()} shift")) for f in FLOOR_FILLS]
        swatches += [(PAID_BREAK_FILL, t("Paid break")), (UNPAID_BREAK_FILL, t("Unpaid break"))]
        for k, (fill, text) in enumerate(swatches):
            sheet.cell(row=legend + k, column=first_col).fill = fill
            put(sheet, legend + k, first_col + 1, text).font = small
        for k, (kind, code) in enumerate(codes.items()):
            put(sheet, legend + k, first_col + 12, f"{code} = {kind}").font = small

        sheet.freeze_panes = sheet.cell(row=4, column=first_col)
        sheet.column_dimensions["A"].width = 7
        sheet.column_dimensions["B"].width = 24
        sheet.column_dimensions["C"].width = 26
        for k in range(hi_slot - lo_slot):
            sheet.column_dimensions[get_column_letter(first_col + k)].width = 2.6
        setup_print(sheet, project, version, language, title_rows=(3, 3), fit_height=True)
        sheet.print_title_cols = "A:C"

