"""Exports never leave half a file: a locked, read-only or impossible target gets a clear message.

Every exporter writes through :func:`scheduler.files.atomic_write`. As root
(CI) permission bits do not stop writes, so the refusals are made real in
other ways: the target is a folder, the folder does not exist, ``os.replace``
raises ``PermissionError`` as Windows does for a file open in Excel, the
folder refuses new files, and the disk "fills up" mid-write (a child process
with a small ``RLIMIT_FSIZE``). Each time the message names the file and says
what to do, the old file at the target is byte-for-byte unchanged and no
temporary file is left next to it.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler import files
from scheduler.domain import Agent, BreakAssignment, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.export.approval_workbook import write_approval_workbook
from scheduler.export.hr_export import write_hr_csv, write_hr_xlsx
from scheduler.export.ics import write_agent_ics, write_ics_zip
from scheduler.export.roster_workbook import write_roster_workbook
from scheduler.files import ExportError
from scheduler.commands.staffing import write_staffing_workbook
from scheduler.spreadsheets import write_availability_templates
from scheduler.staffing.report import staffing_report
from tests.factories import contract, tiny_project

REPO = Path(__file__).resolve().parents[2]
MONDAY = date(2027, 1, 4)
OLD = b"the report the team lead printed yesterday\n"


def _project():
    return tiny_project([Agent("A1", "Ana Núñez", contract(5, min_days=0)),
                         Agent("B2", "Bruno", contract(5, min_days=0), time_zone="America/Bogota")],
                        interval=15)


def _version(project) -> RosterVersion:
    timeline = project.timeline
    shifts = []
    for agent, offset, minute in (("A1", 0, 8 * 60), ("A1", 1, 22 * 60), ("B2", 2, 14 * 60)):
        day = MONDAY + timedelta(days=offset)
        start = timeline.wall_to_utc(day, minute)
        shifts.append(ShiftAssignment(agent, day, start, start + timedelta(hours=8), "8h", (
            BreakAssignment("comida", start + timedelta(hours=4), start + timedelta(hours=4, minutes=30),
                            paid=False),)))
    return RosterVersion(1, Roster(tuple(shifts)), VersionStatus.APPROVED)


PROJECT = _project()
VERSION = _version(PROJECT)

#: name -> (file name, write(path)); each writes one file at ``path``.
EXPORTERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "roster workbook": ("roster.xlsx", lambda p: write_roster_workbook(PROJECT, VERSION.roster, p, VERSION)),
    "approval workbook": ("approval.xlsx", lambda p: write_approval_workbook(PROJECT, VERSION, p)),
    "HR xlsx": ("hours.xlsx", lambda p: write_hr_xlsx(PROJECT, VERSION, p)),
    "HR csv": ("hours.csv", lambda p: write_hr_csv(PROJECT, VERSION, p, "es")),
    "agent ics": ("ana.ics", lambda p: write_agent_ics(PROJECT, VERSION, "A1", p)),
    "ics zip": ("calendars.zip", lambda p: write_ics_zip(PROJECT, VERSION, p)),
    "staffing workbook": ("staffing.xlsx", lambda p: write_staffing_workbook(staffing_report(PROJECT), p)),
}


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _assert_clean_refusal(error: ExportError, target: Path, *advice: str) -> None:
    message = str(error)
    assert target.name in message
    assert any(word in message for word in advice), message


@pytest.mark.parametrize("name", EXPORTERS)
def test_a_file_open_in_excel_is_left_as_it_was(name, tmp_path, monkeypatch):
    file_name, export = EXPORTERS[name]
    target = tmp_path / file_name
    target.write_bytes(OLD)

    def locked(src, dst):  # what Windows does while Excel holds the file open
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being "
                                            "used by another process", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export(target)
    _assert_clean_refusal(caught.value, target, "Close it")
    assert "open in another program" in str(caught.value)
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == [file_name]


@pytest.mark.parametrize("name", EXPORTERS)
def test_a_folder_with_the_target_name_is_refused_not_a_crash(name, tmp_path):
    file_name, export = EXPORTERS[name]
    target = tmp_path / file_name
    target.mkdir()
    (target / "keep.txt").write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        export(target)
    _assert_clean_refusal(caught.value, target, "Choose another")
    assert _listing(tmp_path) == [file_name]
    assert _listing(target) == ["keep.txt"]


@pytest.mark.parametrize("name", EXPORTERS)
def test_a_missing_folder_is_named(name, tmp_path):
    file_name, export = EXPORTERS[name]
    target = tmp_path / "Informes de marzo" / file_name
    with pytest.raises(ExportError) as caught:
        export(target)
    _assert_clean_refusal(caught.value, target, "choose another place")
    assert "Informes de marzo" in str(caught.value)
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("name", EXPORTERS)
def test_a_read_only_folder_is_explained(name, tmp_path, monkeypatch):
    # Root ignores permission bits, so the folder refuses the temporary file as it would for a user.
    file_name, export = EXPORTERS[name]
    target = tmp_path / file_name
    target.write_bytes(OLD)

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError) as caught:
        export(target)
    _assert_clean_refusal(caught.value, target, "read-only", "choose another")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == [file_name]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder_is_explained(tmp_path):
    target = tmp_path / "roster.xlsx"
    target.write_bytes(OLD)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="roster.xlsx"):
            EXPORTERS["roster workbook"][1](target)
        assert target.read_bytes() == OLD
        assert _listing(tmp_path) == ["roster.xlsx"]
    finally:
        tmp_path.chmod(0o755)


_FULL_DISK_CHILD = """
import json, resource, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.reliability.test_reliability_exports import EXPORTERS
from scheduler.files import ExportError
from scheduler.spreadsheets import write_availability_templates
from tests.reliability.test_reliability_exports import PROJECT
folder = Path(sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (100, resource.RLIM_INFINITY))
results = {}
jobs = dict((name, (folder / file_name, export)) for name, (file_name, export) in EXPORTERS.items())
jobs["availability templates"] = (folder / "plantillas", lambda p: write_availability_templates(PROJECT, p))
for name, (target, export) in jobs.items():
    try:
        export(target)
        results[name] = "written"
    except ExportError as error:
        results[name] = "ExportError: " + str(error)
    except BaseException as error:
        results[name] = "CRASH " + type(error).__name__ + ": " + str(error)
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
print(json.dumps(results))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_disk_that_fills_up_mid_write_leaves_the_old_files(tmp_path):
    for file_name, _export in EXPORTERS.values():
        (tmp_path / file_name).write_bytes(OLD)
    (tmp_path / "plantillas").mkdir()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", _FULL_DISK_CHILD, str(REPO), str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=str(REPO), timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    for name, outcome in results.items():
        assert outcome.startswith("ExportError: Cannot write"), (name, outcome)
        assert "disk space" in outcome, (name, outcome)
    for file_name, _export in EXPORTERS.values():
        assert (tmp_path / file_name).read_bytes() == OLD
    assert _listing(tmp_path) == sorted([*(f for f, _ in EXPORTERS.values()), "plantillas"])
    assert _listing(tmp_path / "plantillas") == []


def test_availability_templates_into_a_path_that_is_a_file(tmp_path):
    target = tmp_path / "plantillas.xlsx"
    target.write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        write_availability_templates(PROJECT, target)
    assert "plantillas.xlsx" in str(caught.value)
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["plantillas.xlsx"]


def test_availability_templates_leave_an_open_template_as_it_was(tmp_path, monkeypatch):
    first = write_availability_templates(PROJECT, tmp_path)
    before = {p.name: p.read_bytes() for p in first}
    calls = []

    def locked_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the second agent has their template open
            raise PermissionError(errno.EACCES, "in use", str(dst))
        os.rename(src, dst)

    monkeypatch.setattr(files.os, "replace", locked_second)
    with pytest.raises(ExportError) as caught:
        write_availability_templates(PROJECT, tmp_path)
    locked = Path(calls[1])
    assert locked.name in str(caught.value) and "Close it" in str(caught.value)
    assert locked.read_bytes() == before[locked.name]
    assert sorted(before) == _listing(tmp_path)
