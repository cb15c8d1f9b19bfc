"""Phone calendars: valid RFC 5545 (CRLF, folding at 75 octets, UID, DTSTAMP, UTC times)."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from scheduler.domain import Agent, BreakAssignment, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.export.ics import agent_calendar, calendar_file_name, escape_text, fold_line, write_ics_zip
from scheduler.versions import WorkflowError
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)
NOW = datetime(2026, 12, 30, 12, 0, tzinfo=timezone.utc)


def _project():
    long_name = "Ñoño Güemes de la Peña y Fernández-Villaverde, Jr.; \"el largo\""
    return tiny_project([Agent("A1", long_name, contract(5, min_days=0)),
                         Agent("A2", "Bea", contract(5, min_days=0), time_zone="America/Mexico_City")],
                        interval=15)


def _roster(project):
    tl = project.timeline
    shifts = []
    for agent, day, minute in (("A1", MONDAY, 8 * 60), ("A1", MONDAY + timedelta(days=1), 22 * 60),
                               ("A2", MONDAY, 14 * 60)):
        start = tl.wall_to_utc(day, minute)
        shifts.append(ShiftAssignment(agent, day, start, start + timedelta(hours=8), "8h", breaks=(
            BreakAssignment("Pausa PVD, pantalla; ojo", start + timedelta(minutes=55), start + timedelta(minutes=60)),
            BreakAssignment("Comida", start + timedelta(minutes=240), start + timedelta(minutes=270), paid=False))))
    return Roster(tuple(shifts))


def _approved(project):
    return RosterVersion(4, _roster(project), status=VersionStatus.APPROVED)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def _events(text: str) -> list[dict[str, str]]:
    events, current = [], None
    for line in _unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def _check_rfc5545(text: str) -> None:
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare line feeds
    for line in raw.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    for event in _events(text):
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            assert key in event
        for key in ("DTSTAMP", "DTSTART", "DTEND"):
            datetime.strptime(event[key], "%Y%m%dT%H%M%SZ")


def test_calendar_is_valid_rfc5545_with_one_event_per_shift():
    project = _project()
    text = agent_calendar(project, _approved(project), "A1", now=NOW)
    _check_rfc5545(text)
    events = _events(text)
    assert len(events) == 2
    assert events[0]["DTSTART"] == "20270104T070000Z" and events[0]["DTEND"] == "20270104T150000Z"
    assert events[1]["DTSTART"] == "20270105T210000Z" and events[1]["DTEND"] == "20270106T050000Z"
    assert all(e["DTSTAMP"] == "20261230T120000Z" for e in events)
    assert len({e["UID"] for e in events}) == 2
    assert events[0]["SEQUENCE"] == "4"
    assert events[0]["SUMMARY"] == "Shift 08:00–16:00 (Europe/Madrid)"


def test_breaks_are_in_the_description_escaped():
    project = _project()
    description = _events(agent_calendar(project, _approved(project), "A1", now=NOW))[0]["DESCRIPTION"]
    assert "Pausa PVD\\, pantalla\\; ojo 08:55–09:00 (paid)" in description
    assert "Comida 12:00–12:30 (unpaid)" in description
    assert "\\n" in description


def test_agent_in_another_time_zone_sees_their_own_times():
    project = _project()
    event = _events(agent_calendar(project, _approved(project), "A2", now=NOW))[0]
    # 14:00 in Madrid (UTC+1) is 07:00 in Mexico City (UTC-6)
    assert event["DTSTART"] == "20270104T130000Z"
    assert event["SUMMARY"] == "Shift 07:00–15:00 (America/Mexico_City)"
    assert "Center time: 2027-01-04 14:00 – 2027-01-04 22:00 (Europe/Madrid)" in \
        event["DESCRIPTION"].replace("\\n", "\n")


def test_uid_stays_the_same_for_the_same_agent_and_day_across_versions():
    project = _project()
    first = _events(agent_calendar(project, _approved(project), "A1", now=NOW))
    later = _events(agent_calendar(project, replace(_approved(project), number=9), "A1", now=NOW))
    assert [e["UID"] for e in first] == [e["UID"] for e in later]
    assert later[0]["SEQUENCE"] == "9"


def test_folding_counts_octets_not_characters():
    line = "DESCRIPTION:" + "ñ" * 100
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_spanish_calendar_and_zip_with_one_file_per_agent(tmp_path):
    project = _project()
    target = tmp_path / "calendars.zip"
    names = write_ics_zip(project, _approved(project), target, language="es", now=NOW)
    assert names == ["A1-Nono-Guemes-de-la-Pena-y-Fernandez-Villaverde-Jr-el-largo.ics", "A2-Bea.ics"]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == names
        text = archive.read(names[1]).decode("utf-8")
    _check_rfc5545(text)
    assert _events(text)[0]["SUMMARY"] == "Turno 07:00–15:00 (America/Mexico_City)"
    assert calendar_file_name(Agent("X/1", "../..", contract(1))) == "X1.ics"


def test_calendars_need_an_approved_version(tmp_path):
    project = _project()
    draft = replace(_approved(project), status=VersionStatus.DRAFT)
    with pytest.raises(WorkflowError, match="Version 4 is a draft; phone calendars need an approved version"):
        agent_calendar(project, draft, "A1")
    with pytest.raises(WorkflowError):
        write_ics_zip(project, draft, tmp_path / "c.zip")
    assert not (tmp_path / "c.zip").exists()
