"""HR hours: approved versions only; night, weekend and holiday hours split at midnight, real time."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from scheduler.domain import Agent, BreakAssignment, Roster, RosterVersion, ShiftAssignment, Site, VersionStatus
from scheduler.export.hr_export import (
    HR_COLUMNS,
    AgentHours,
    hr_csv_text,
    hr_hours,
    hr_rows,
    public_holidays,
    write_hr_csv,
    write_hr_export,
    write_hr_xlsx,
)
from scheduler.export.roster_workbook import SCHEDULE_SHEET
from scheduler.files import ExportError
from scheduler.versions import WorkflowError, fingerprint
from tests.factories import contract, tiny_project


def _project(start: date, region: str = "AN", agents=None):
    project = tiny_project(agents or [Agent("A1", "Ana", contract(5, min_days=0)),
                                      Agent("A2", "Bea", contract(5, min_days=0))], start=start)
    return replace(project, site=Site("Centro Sevilla", "Europe/Madrid", 60, "ES", region))


def _shift(project, agent, day, start_min, length, breaks=()):
    tl = project.timeline
    start = tl.wall_to_utc(day, start_min)
    end = tl.wall_to_utc(day, start_min + length)
    return ShiftAssignment(agent, day, start, end, "8h", breaks=tuple(
        BreakAssignment(kind, tl.wall_to_utc(day, a), tl.wall_to_utc(day, b), paid) for kind, a, b, paid in breaks))


def _approved(roster):
    return RosterVersion(3, roster, status=VersionStatus.APPROVED)


def _one(project, shift) -> AgentHours:
    return next(h for h in hr_hours(project, Roster((shift,))) if h.agent_id == shift.agent_id)


def test_christmas_eve_night_counts_six_holiday_hours_after_midnight():
    project = _project(date(2026, 12, 21))
    hours = _one(project, _shift(project, "A1", date(2026, 12, 24), 22 * 60, 480))
    assert hours == AgentHours("A1", "Ana", shifts=1, paid_minutes=480, night_minutes=480, weekend_minutes=0,
                               holiday_minutes=360, unpaid_break_minutes=0)


def test_unpaid_break_after_midnight_is_taken_out_of_paid_night_and_holiday_hours():
    project = _project(date(2026, 12, 21))
    # paid 5-minute pause 23:00 on the 24th, unpaid 30 minutes 02:00–02:30 on the 25th
    shift = _shift(project, "A1", date(2026, 12, 24), 22 * 60, 480,
                   [("PVD", 23 * 60, 23 * 60 + 5, True), ("Comida", 26 * 60, 26 * 60 + 30, False)])
    hours = _one(project, shift)
    assert (hours.paid_minutes, hours.night_minutes, hours.holiday_minutes, hours.unpaid_break_minutes) == (
        450, 450, 330, 30)
    row = hr_rows([hours])[0]
    assert row == ("A1", "Ana", 1, 7.5, 7.5, 0.0, 5.5, 30)


def test_spring_forward_night_is_seven_real_hours_all_night_and_weekend():
    project = _project(date(2026, 3, 23))
    hours = _one(project, _shift(project, "A1", date(2026, 3, 28), 22 * 60, 480))
    assert (hours.paid_minutes, hours.night_minutes, hours.weekend_minutes, hours.holiday_minutes) == (
        420, 420, 420, 0)


def test_fall_back_night_is_nine_real_hours():
    project = _project(date(2026, 10, 19))
    hours = _one(project, _shift(project, "A1", date(2026, 10, 24), 22 * 60, 480))
    assert (hours.paid_minutes, hours.night_minutes, hours.weekend_minutes) == (540, 540, 540)


def test_weekend_hours_are_split_at_midnight():
    project = _project(date(2027, 1, 11))
    friday_night = _one(project, _shift(project, "A1", date(2027, 1, 15), 22 * 60, 480))
    sunday_night = _one(project, _shift(project, "A1", date(2027, 1, 17), 22 * 60, 480))
    saturday_day = _one(project, _shift(project, "A1", date(2027, 1, 16), 8 * 60, 480))
    assert friday_night.weekend_minutes == 360 and sunday_night.weekend_minutes == 120
    assert saturday_day.weekend_minutes == 480 and saturday_day.night_minutes == 0


def test_evening_shift_has_night_hours_only_inside_the_window():
    project = _project(date(2027, 1, 11))
    hours = _one(project, _shift(project, "A1", date(2027, 1, 12), 16 * 60, 480))  # 16:00–24:00
    assert hours.night_minutes == 120
    early = _one(project, _shift(project, "A1", date(2027, 1, 12), 5 * 60, 480))  # 05:00–13:00
    assert early.night_minutes == 60


def test_regional_holiday_counts_only_in_its_region():
    # 28 February 2026 is Andalusia Day (a Saturday)
    andalusia = _project(date(2026, 2, 23), region="AN")
    madrid = _project(date(2026, 2, 23), region="MD")
    assert date(2026, 2, 28) in public_holidays(andalusia, date(2026, 2, 23), date(2026, 3, 1))
    assert date(2026, 2, 28) not in public_holidays(madrid, date(2026, 2, 23), date(2026, 3, 1))
    shift = _shift(andalusia, "A1", date(2026, 2, 28), 8 * 60, 480)
    assert _one(andalusia, shift).holiday_minutes == 480
    assert _one(madrid, shift).holiday_minutes == 0


def test_unknown_country_is_explained():
    project = replace(_project(date(2027, 1, 4)), site=Site("X", "Europe/Madrid", 60, "XX", ""))
    with pytest.raises(ValueError, match="Public holidays for XX are not known"):
        public_holidays(project, date(2027, 1, 4), date(2027, 1, 10))


def test_hr_export_is_refused_for_a_draft(tmp_path):
    project = _project(date(2027, 1, 4))
    draft = RosterVersion(2, Roster((_shift(project, "A1", date(2027, 1, 6), 8 * 60, 480),)))
    target = tmp_path / "hr.csv"
    for write in (write_hr_csv, write_hr_xlsx):
        with pytest.raises(WorkflowError) as caught:
            write(project, draft, target)
        assert str(caught.value) == ("Version 2 is a draft; HR exports need an approved version. "
                                     "Submit and approve it first.")
    assert not target.exists()


def test_csv_in_spanish_has_bom_semicolons_decimal_commas_and_every_agent(tmp_path):
    project = _project(date(2027, 1, 4), agents=[Agent("A1", "Ana", contract(5, min_days=0)),
                                                 Agent("A2", "=HYPERLINK(\"http://x\")", contract(5, min_days=0))])
    roster = Roster((_shift(project, "A1", date(2027, 1, 6), 8 * 60, 480,
                            [("Comida", 12 * 60, 12 * 60 + 20, False)]),))  # Epiphany
    target = tmp_path / "hr.csv"
    write_hr_export(project, _approved(roster), target, language="es")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["ID agente", "Agente", "Turnos", "Horas pagadas", "Horas nocturnas",
                       "Horas en fin de semana", "Horas en festivo", "Minutos de pausa no pagada"]
    assert rows[1] == ["A1", "Ana", "1", "7,67", "0,00", "0,00", "7,67", "20"]
    assert rows[2] == ["A2", "'=HYPERLINK(\"http://x\")", "0", "0,00", "0,00", "0,00", "0,00", "0"]


def test_csv_in_english_uses_commas_and_points():
    project = _project(date(2027, 1, 4))
    text = hr_csv_text(project, _approved(Roster((_shift(project, "A1", date(2027, 1, 4), 22 * 60, 480),))), "en")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(HR_COLUMNS)
    assert rows[1] == ["A1", "Ana", "1", "8.00", "8.00", "0.00", "0.00", "0"]


def test_xlsx_has_hours_schedule_and_about_with_the_fingerprint(tmp_path):
    from scheduler.store import VersionEvent

    project = _project(date(2026, 12, 21))
    roster = Roster((_shift(project, "A1", date(2026, 12, 24), 22 * 60, 480),
                     _shift(project, "A2", date(2026, 12, 26), 8 * 60, 480)))
    event = VersionEvent(3, VersionStatus.APPROVED, datetime(2026, 12, 1, 9, 0).astimezone(), "Marta", "")
    target = tmp_path / "hr.xlsx"
    write_hr_export(project, _approved(roster), target, language="en", events=[event])
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Hours", SCHEDULE_SHEET, "About"]
    rows = list(workbook["Hours"].iter_rows(values_only=True))
    assert rows[0] == HR_COLUMNS
    assert rows[1:] == hr_rows(hr_hours(project, roster))
    assert rows[1] == ("A1", "Ana", 1, 8.0, 8.0, 0.0, 6.0, 0)
    assert rows[2] == ("A2", "Bea", 1, 8.0, 0.0, 8.0, 0.0, 0)  # 26 December 2026: a Saturday, no holiday in Andalusia
    about = {r[0]: r[1] for r in workbook["About"].iter_rows(values_only=True)}
    assert about["Content fingerprint (SHA-256)"] == fingerprint(roster)
    assert about["Approved by"] == "Marta"
    assert "2026-12-25" in about["Public holidays"]


def test_unknown_format_and_locked_file_are_explained(tmp_path, monkeypatch):
    project = _project(date(2027, 1, 4))
    version = _approved(Roster(()))
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        write_hr_export(project, version, tmp_path / "hr.pdf")

    def locked(*_args):
        raise PermissionError("locked")

    monkeypatch.setattr("os.replace", locked)
    with pytest.raises(ExportError, match="open in another program or read-only"):
        write_hr_export(project, version, tmp_path / "hr.csv")
    assert list(tmp_path.iterdir()) == []


def test_refused_exports_speak_spanish_and_name_the_file(tmp_path):
    from scheduler import i18n

    project = _project(date(2027, 1, 4))
    version = _approved(Roster(()))
    target = tmp_path / "missing" / "horas.xlsx"
    i18n.set_language("es")
    try:
        with pytest.raises(ExportError) as caught:
            write_hr_export(project, version, target)
        assert str(caught.value) == (f"La carpeta {target.parent} no existe; elige otro lugar para "
                                     "guardar horas.xlsx.")
        with pytest.raises(ValueError) as refused:
            write_hr_export(project, version, tmp_path / "horas.pdf")
        assert str(refused.value) == ("Las exportaciones para RR. HH. son .xlsx o .csv, no .pdf; "
                                      "elige --format xlsx o csv.")
    finally:
        i18n.set_language("en")
    with pytest.raises(ExportError, match=r"^The folder .* does not exist; choose another place to save "
                                          r"horas\.xlsx\.$"):
        write_hr_export(project, version, target)
    assert list(tmp_path.iterdir()) == []
