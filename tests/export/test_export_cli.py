"""`turnos-cli submit / approve / reject / export / versions / verify` on a small project file."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.domain import Agent, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.store import load_project, load_version_events, save_project
from scheduler.versions import fingerprint, short_fingerprint
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)


def _project():
    return tiny_project([Agent("A1", "Ana", contract(2, min_days=0)), Agent("A2", "Bea", contract(2, min_days=0))],
                        interval=15)


def _roster(project, hours=((("A1", 0, 8)), ("A2", 1, 22))):
    tl = project.timeline
    return Roster(tuple(ShiftAssignment(a, MONDAY + timedelta(days=d), tl.wall_to_utc(MONDAY + timedelta(days=d), h * 60),
                                        tl.wall_to_utc(MONDAY + timedelta(days=d), h * 60 + 480), "8h")
                        for a, d, h in hours))


@pytest.fixture
def project_file(tmp_path):
    project = _project()
    path = tmp_path / "centro.turnos"
    save_project(path, project.with_version(RosterVersion(1, _roster(project), author="lead",
                                                          horizon_start=MONDAY)))
    return path


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_hr_export_of_a_draft_is_refused_with_a_clear_message(project_file, tmp_path, capsys):
    code, _, err = _run(capsys, "export", project_file, "--hr", "--version", 1, "--out", tmp_path / "hr.csv")
    assert code == 2
    assert "Version 1 is a draft; HR exports need an approved version. Submit and approve it first." in err
    assert "Traceback" not in err and not (tmp_path / "hr.csv").exists()
    code, _, err = _run(capsys, "export", project_file, "--hr", "--out", tmp_path / "hr.csv")
    assert code == 2 and "no approved roster version" in err


def test_submit_approve_then_every_export(project_file, tmp_path, capsys):
    expected = fingerprint(load_project(project_file).versions[0].roster)
    code, out, _ = _run(capsys, "submit", project_file, "--by", "Luis", "--comment", "semana 1")
    assert code == 0 and "version 1: submitted by Luis" in out and expected in out
    code, out, _ = _run(capsys, "approve", project_file, "--version", 1, "--by", "Marta")
    assert code == 0 and "approved" in out
    assert [e.status for e in load_version_events(project_file, 1)][-2:] == [VersionStatus.SUBMITTED,
                                                                             VersionStatus.APPROVED]

    code, out, _ = _run(capsys, "export", project_file, "--hr", "--out", tmp_path / "hr.csv", "--language", "es")
    assert code == 0 and f"fingerprint: {expected}" in out
    rows = list(csv.reader(io.StringIO((tmp_path / "hr.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:4] == ["A1", "Ana", "1", "8,00"] and rows[2][4] == "8,00"

    code, _, _ = _run(capsys, "export", project_file, "--hr", "--out", tmp_path / "hr.xlsx")
    assert code == 0 and load_workbook(tmp_path / "hr.xlsx").sheetnames[0] == "Hours"

    code, out, _ = _run(capsys, "export", project_file, "--ics", "--out", tmp_path / "cal.zip")
    assert code == 0 and "2 calendars" in out
    assert len(zipfile.ZipFile(tmp_path / "cal.zip").namelist()) == 2
    code, _, _ = _run(capsys, "export", project_file, "--ics", "--agent", "A2", "--out", tmp_path / "bea.ics")
    assert code == 0 and (tmp_path / "bea.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")

    code, out, _ = _run(capsys, "export", project_file, "--approval", "--out", tmp_path / "approval.xlsx",
                        "--language", "en", "--prepared-by", "Luis")
    assert code == 0 and "hard-rule violations: 0" in out
    summary = {r[0]: r[1] for r in load_workbook(tmp_path / "approval.xlsx")["Summary"].iter_rows(values_only=True)}
    assert summary["Status"] == "approved" and summary["Content fingerprint (SHA-256)"] == expected

    code, out, _ = _run(capsys, "verify", project_file, tmp_path / "approval.xlsx")
    assert code == 0 and "matches version 1 (approved)" in out

    code, out, _ = _run(capsys, "versions", project_file)
    assert code == 0 and "version 1: approved" in out and "Marta" in out and "semana 1" in out


def test_approved_version_cannot_be_rejected_and_reject_needs_a_comment(project_file, capsys):
    assert _run(capsys, "submit", project_file, "--by", "Luis")[0] == 0
    with pytest.raises(SystemExit):  # argparse: --comment is required
        main(["reject", str(project_file), "--by", "Marta"])
    capsys.readouterr()
    assert _run(capsys, "approve", project_file, "--by", "Marta")[0] == 0
    code, _, err = _run(capsys, "reject", project_file, "--by", "Marta", "--comment", "no")
    assert code == 2 and "approved and cannot change" in err


def test_approval_with_rule_violations_is_refused(tmp_path, capsys):
    project = _project()
    path = tmp_path / "bad.turnos"
    broken = _roster(project, (("A1", 0, 8), ("A1", 1, 8), ("A1", 2, 8)))
    save_project(path, project.with_version(RosterVersion(1, broken)))
    code, _, err = _run(capsys, "submit", path, "--by", "Luis")
    assert code == 0 and "2 hard-rule violations" in err
    code, _, err = _run(capsys, "approve", path, "--by", "Marta")
    assert code == 2 and "cannot be approved" in err and "works 3 days" in err


def test_verify_tells_when_a_file_matches_no_approved_version(project_file, tmp_path, capsys):
    assert _run(capsys, "export", project_file, "--approval", "--out", tmp_path / "a.xlsx")[0] == 0
    code, out, _ = _run(capsys, "verify", project_file, tmp_path / "a.xlsx")
    assert code == 1 and "matches version 1 (draft)" in out
    workbook = load_workbook(tmp_path / "a.xlsx")
    sheet = workbook["Schedule"]
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == "Shift":
            row[4].value = row[4].value + timedelta(hours=1)
            break
    workbook.save(tmp_path / "edited.xlsx")
    code, out, _ = _run(capsys, "verify", project_file, tmp_path / "edited.xlsx")
    assert code == 1 and "matches no roster version" in out
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    code, _, err = _run(capsys, "verify", project_file, tmp_path / "notes.xlsx")
    assert code == 2 and "notes.xlsx is not a workbook" in err and "Traceback" not in err


def test_export_to_a_locked_file_or_missing_folder_is_explained(project_file, tmp_path, capsys, monkeypatch):
    code, _, err = _run(capsys, "export", project_file, "--approval", "--out", tmp_path / "nope" / "a.xlsx")
    assert code == 2 and "does not exist" in err

    def locked(*_args):
        raise PermissionError("locked")

    monkeypatch.setattr("os.replace", locked)
    code, _, err = _run(capsys, "export", project_file, "--approval", "--out", tmp_path / "a.xlsx")
    assert code == 2 and "open in another program or read-only" in err and "Traceback" not in err


def test_all_calendars_need_a_zip(project_file, tmp_path, capsys):
    _run(capsys, "submit", project_file, "--by", "Luis")
    _run(capsys, "approve", project_file, "--by", "Marta")
    code, _, err = _run(capsys, "export", project_file, "--ics", "--out", tmp_path / "all.ics")
    assert code == 2 and "--agent" in err
    code, _, err = _run(capsys, "export", project_file, "--ics", "--agent", "ZZ", "--out", tmp_path / "z.ics")
    assert code == 2 and "no agent ZZ" in err


def test_workflow_and_exports_speak_spanish(project_file, tmp_path, capsys, monkeypatch):
    expected = fingerprint(load_project(project_file).versions[0].roster)
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    printed = []

    def run(*args) -> str:
        code, out, err = _run(capsys, *args)
        assert code == 0, err
        printed.append(out + err)
        return out

    out = run("submit", project_file, "--by", "Luis", "--comment", "semana 1")
    assert "versión 1: enviada por Luis" in out and f"huella: {expected}" in out
    assert "versión 1: aprobada por Marta" in run("approve", project_file, "--by", "Marta")

    # --language is the file's language; the messages follow TURNOS_LANGUAGE
    out = run("export", project_file, "--approval", "--out", tmp_path / "a.xlsx", "--language", "en")
    assert "libro de aprobación de la versión 1 (aprobada)" in out
    assert "incumplimientos de reglas obligatorias: 0" in out and "cobertura: " in out
    assert "horas para nóminas de la versión 1 (csv)" in run("export", project_file, "--hr",
                                                              "--out", tmp_path / "hr.csv")
    assert "2 calendarios, versión 1" in run("export", project_file, "--ics", "--out", tmp_path / "cal.zip")
    assert "calendario de A1, versión 1" in run("export", project_file, "--ics", "--agent", "A1",
                                                "--out", tmp_path / "ana.ics")

    out = run("verify", project_file, tmp_path / "a.xlsx")
    assert "a.xlsx: huella " in out and "coincide con la versión 1 (aprobada)" in out
    out = run("versions", project_file)
    assert f"versión 1: aprobada, 2 turnos, huella {short_fingerprint(expected)} ({expected})" in out
    history = [line for line in out.splitlines() if line.startswith("    ")]
    assert [line.split("UTC  ")[1].split()[0] for line in history][-2:] == ["enviada", "aprobada"]
    assert history[-2].index("Luis") == history[-1].index("Marta")  # the status column keeps its width

    everything = "".join(printed)
    for english in ("version ", "fingerprint", "approved", "submitted", " by ", "wrote", "matches",
                    "coverage", "requests:", "calendars", "calendar of"):
        assert english not in everything, english
