"""Phone calendars: one iCalendar (RFC 5545) file per agent with their shifts.

* Each shift is a ``VEVENT``; its breaks are listed in the description.
* ``DTSTART``/``DTEND`` are UTC (``…Z``): every calendar app shows them in the
  phone's own time zone, so no ``VTIMEZONE`` is needed. The summary and the
  description give the times in the agent's zone (``Agent.time_zone``) or, if
  the agent has none, the center's, and name that zone.
* ``UID`` is stable for an agent and a day (``SEQUENCE`` is the version
  number), so importing a newer approved version updates the same events.
* Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
  character); text is escaped (``\\\\``, ``\\;``, ``\\,``, ``\\n``).

Only approved versions are exported: agents should never carry a draft in
their pocket.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import zipfile
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from scheduler.domain import Agent, Project, RosterVersion, ShiftAssignment
from scheduler.export.roster_workbook import version_status_text
from scheduler.files import atomic_write
from scheduler.i18n import add_translations, tr
from scheduler.versions import fingerprint, require_approved

__all__ = ["agent_calendar", "calendar_file_name", "escape_text", "fold_line", "write_agent_ics", "write_ics_zip"]

UTC = timezone.utc
PRODID = "-//Turnos//Turnos roster//EN"

add_translations({
    "Shift": "Turno",
    "Shift {start}–{end} ({zone})": "Turno {start}–{end} ({zone})",
    "Center": "Centro",
    "Center time": "Hora del centro",
    "Breaks": "Pausas",
    "paid": "pagada",
    "unpaid": "no pagada",
    "No breaks placed": "Sin pausas asignadas",
    "Roster version {number} ({status})": "Cuadrante versión {number} ({status})",
    "Fingerprint": "Huella",
    "Turnos · {center} · {agent}": "Turnos · {center} · {agent}",
})


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping (section 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (section 3.1), never splitting a UTF-8 character."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _zone_for(agent: Agent, project: Project) -> ZoneInfo:
    # ``Agent`` refuses unknown zones; an empty one means the center's.
    return ZoneInfo(agent.time_zone) if agent.time_zone else project.site.zone


def _uid(project: Project, shift: ShiftAssignment) -> str:
    key = "\x1f".join((project.site.name, shift.agent_id, shift.day.isoformat()))
    return f"{shift.day:%Y%m%d}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}@turnos"


def _event(project: Project, version: RosterVersion, agent: Agent, shift: ShiftAssignment,
           stamp: str, print_fingerprint: str, language: str | None) -> list[str]:
    t = lambda text: tr(text, language)  # noqa: E731
    zone = _zone_for(agent, project)
    start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
    summary = t("Shift {start}–{end} ({zone})").format(start=f"{start:%H:%M}", end=f"{end:%H:%M}",
                                                       zone=zone.key)
    lines = [f"{t('Center')}: {project.site.name}",
             f"{t('Shift')}: {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} ({zone.key})"]
    if zone.key != project.site.zone.key:
        site = project.site.zone
        lines.append(f"{t('Center time')}: {shift.start.astimezone(site):%Y-%m-%d %H:%M} – "
                     f"{shift.end.astimezone(site):%Y-%m-%d %H:%M} ({site.key})")
    if shift.breaks:
        lines.append(f"{t('Breaks')}:")
        for pause in shift.breaks:
            lines.append(f"- {pause.kind} {pause.start.astimezone(zone):%H:%M}–{pause.end.astimezone(zone):%H:%M} "
                         f"({t('paid') if pause.paid else t('unpaid')})")
    else:
        lines.append(t("No breaks placed"))
    status = version_status_text(version.status, language)
    lines.append(t("Roster version {number} ({status})").format(number=version.number, status=status))
    lines.append(f"{t('Fingerprint')}: {print_fingerprint}")
    return [
        "BEGIN:VEVENT",
        f"UID:{_uid(project, shift)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_stamp(shift.start)}",
        f"DTEND:{_stamp(shift.end)}",
        f"SEQUENCE:{version.number}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(chr(10).join(lines))}",
        f"LOCATION:{escape_text(project.site.name)}",
        "TRANSP:OPAQUE",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def agent_calendar(project: Project, version: RosterVersion, agent_id: str, *, language: str | None = None,
                   now: datetime | None = None) -> str:
    """One agent's calendar as iCalendar text (CRLF line ends); refused unless ``version`` is approved."""
    require_approved(version, "phone calendars", language)
    agent = project.agent(agent_id)
    stamp = _stamp(now or datetime.now(UTC))
    print_fingerprint = fingerprint(version.roster)[:12]
    name = tr("Turnos · {center} · {agent}", language).format(center=project.site.name, agent=agent.name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{_zone_for(agent, project).key}",
    ]
    for shift in version.roster.by_agent().get(agent_id, []):
        lines += _event(project, version, agent, shift, stamp, print_fingerprint, language)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def calendar_file_name(agent: Agent) -> str:
    """``A001-Javier-Perez-Ortega.ics``: ASCII, safe on every file system."""
    plain = unicodedata.normalize("NFKD", f"{agent.id} {agent.name}").encode("ascii", "ignore").decode()
    words = ["".join(ch for ch in word if ch.isalnum() or ch in "_-") for word in plain.split()]
    stem = "-".join(w for w in words if w) or "agent"
    return f"{stem[:80]}.ics"


def write_agent_ics(project: Project, version: RosterVersion, agent_id: str, path: str | os.PathLike, *,
                    language: str | None = None, now: datetime | None = None) -> None:
    text = agent_calendar(project, version, agent_id, language=language, now=now)
    atomic_write(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def write_ics_zip(project: Project, version: RosterVersion, path: str | os.PathLike, *,
                  language: str | None = None, now: datetime | None = None) -> list[str]:
    """A zip with one ``.ics`` per agent of the project; returns the file names in it."""
    require_approved(version, "phone calendars", language)
    now = now or datetime.now(UTC)
    names: list[str] = []
    files: list[tuple[str, bytes]] = []
    for agent in project.agents:
        name = calendar_file_name(agent)
        if name in names:
            name = f"{name[:-4]}-{len(names)}.ics"
        names.append(name)
        files.append((name, agent_calendar(project, version, agent.id, language=language,
                                           now=now).encode("utf-8")))

    def write(tmp) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files:
                archive.writestr(name, data)

    atomic_write(path, write)
    return names
