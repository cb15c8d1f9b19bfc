"""The project file: damage is refused without touching the file; a crash loses at most the last save.

Complements tests/store/test_store.py (text files, empty, random bytes,
truncated, foreign database, newer schema, upgrade with backup) with:
a valid SQLite header over garbage pages, each single page destroyed, a
``-wal`` file left by a crash (recovered; ignored when garbage; read on
read-only media), an older file whose last save still waits in its ``-wal``
(the backup copy holds it), missing tables and values the domain refuses,
and a save that fails half-way (rolled back; a new file never appears half
written).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.kill_during_save import state
from scheduler import store
from scheduler.store import ProjectFileError, load_project, save_project, save_version

PROJECT = state(1, 12)
CHANGED = replace(PROJECT, site=replace(PROJECT.site, name="Centro tras el corte"))


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.turnos"
    save_project(path, PROJECT)
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _refused(path: Path, action, *phrases: str) -> str:
    before = path.read_bytes(), path.stat().st_mtime_ns
    siblings = _listing(path.parent)
    with pytest.raises(ProjectFileError) as caught:
        action(path)
    message = str(caught.value)
    assert f"'{path.name}'" in message
    for phrase in phrases:
        assert phrase in message, message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert _listing(path.parent) == siblings
    return message


def _save(path: Path) -> None:
    save_project(path, CHANGED)


def _page_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


# -- damage ---------------------------------------------------------------------------

def test_a_valid_header_over_garbage_pages_is_refused_as_damaged(project_file: Path) -> None:
    data = project_file.read_bytes()
    path = project_file.with_name("garbage.turnos")
    path.write_bytes(data[:100] + random.Random(3).randbytes(len(data) - 100))
    _refused(path, load_project, "is damaged", "Restore a backup copy")
    _refused(path, _save, "is damaged", "Turnos did not change it")
    _refused(path, lambda p: save_version(p, PROJECT.versions[0]), "is damaged")


def test_every_destroyed_page_is_refused_never_loaded_or_crashing(project_file: Path) -> None:
    data = project_file.read_bytes()
    size = _page_size(data)
    rng = random.Random(11)
    path = project_file.with_name("page.turnos")
    for page in range(len(data) // size):
        damaged = bytearray(data)
        damaged[page * size:(page + 1) * size] = rng.randbytes(size) if page % 2 else bytes(size)
        path.write_bytes(bytes(damaged))
        message = _refused(path, load_project)
        assert "damaged" in message or "not a Turnos project" in message or "not a SQLite" in message
        path.unlink()


def test_a_missing_table_is_refused_with_the_file_untouched(project_file: Path) -> None:
    with closing(sqlite3.connect(project_file)) as conn:
        conn.execute("DROP TABLE requests")
        conn.commit()
    _refused(project_file, load_project, "could not be read", "no such table: requests",
             "restore a backup copy")


def test_values_the_domain_refuses_are_reported_as_damage(project_file: Path) -> None:
    with closing(sqlite3.connect(project_file)) as conn:
        conn.execute("UPDATE labour_rules SET max_consecutive_days = 99")
        conn.commit()
    _refused(project_file, load_project, "is damaged", "Maximum consecutive working days must be 1–14")


# -- a -wal file left by a crash ------------------------------------------------------------

_CRASHING_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")  # the commit stays in the -wal file
conn.execute("UPDATE site SET name = ?", (sys.argv[2],))
print("committed", flush=True)
time.sleep(60)
"""


def _crash_after_commit(path: Path, site_name: str) -> None:
    """A writer commits (into the -wal file) and is killed before it checkpoints or closes."""
    proc = subprocess.Popen([sys.executable, "-c", _CRASHING_WRITER, str(path), site_name],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "committed"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert path.with_name(path.name + "-wal").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_commit_left_in_the_wal_by_a_crash_is_recovered(project_file: Path) -> None:
    _crash_after_commit(project_file, "Centro tras el corte")
    assert load_project(project_file) == CHANGED
    assert _listing(project_file.parent) == ["plan.turnos"]  # checkpointed, -wal/-shm removed
    save_version(project_file, replace(PROJECT.versions[0], number=7))
    assert load_project(project_file) == CHANGED.with_version(replace(PROJECT.versions[0], number=7))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_wal_left_on_read_only_media_is_read_without_writing(project_file: Path, monkeypatch) -> None:
    _crash_after_commit(project_file, "Centro tras el corte")
    monkeypatch.setattr(store, "_writable", lambda path: False)
    files = {p.name: p.read_bytes() for p in project_file.parent.iterdir() if p.name != "plan.turnos-shm"}
    assert load_project(project_file) == CHANGED
    assert {p.name: p.read_bytes() for p in project_file.parent.iterdir()
            if p.name != "plan.turnos-shm"} == files


def test_a_garbage_wal_file_is_ignored_and_the_last_checkpoint_loads(project_file: Path) -> None:
    wal = project_file.with_name("plan.turnos-wal")
    wal.write_bytes(random.Random(5).randbytes(20_000))
    assert load_project(project_file) == PROJECT
    _save(project_file)
    assert load_project(project_file) == CHANGED


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_older_file_with_its_last_save_in_the_wal_is_backed_up_whole(project_file: Path,
                                                                        monkeypatch) -> None:
    _crash_after_commit(project_file, "Centro tras el corte")

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE agents ADD COLUMN badge TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: add_column})
    assert load_project(project_file) == CHANGED
    backup = project_file.with_name("plan.turnos.v1.bak")
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.undo()
    assert load_project(backup) == CHANGED  # the backup has the commit that waited in the -wal


# -- a save that fails half-way ---------------------------------------------------------------

def test_a_save_failing_half_way_leaves_the_previous_project(project_file: Path, monkeypatch) -> None:
    before = project_file.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_forecast", fail)  # agents already rewritten by then
    with pytest.raises(ProjectFileError, match="could not be saved .*free disk space"):
        _save(project_file)
    monkeypatch.undo()
    assert load_project(project_file) == PROJECT
    assert _listing(project_file.parent) == ["plan.turnos"]
    assert project_file.read_bytes() == before


def test_a_new_project_file_never_appears_half_written(tmp_path: Path, monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_forecast", fail)
    target = tmp_path / "nuevo.turnos"
    with pytest.raises(ProjectFileError, match="'nuevo.turnos' could not be saved"):
        save_project(target, PROJECT)
    assert _listing(tmp_path) == []


def test_an_interrupted_version_save_keeps_the_other_versions(project_file: Path, monkeypatch) -> None:
    original = store._write_version

    def interrupted(conn, version, position):
        original(conn, version, position)  # the new rows are in, the transaction is not committed
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_write_version", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_version(project_file, replace(PROJECT.versions[0], comment="a medio guardar"))
    monkeypatch.undo()
    assert load_project(project_file) == PROJECT


# -- another program holding the file -------------------------------------------------------------

def test_a_file_another_program_is_writing_is_read_but_not_overwritten(project_file: Path, monkeypatch) -> None:
    holder = sqlite3.connect(project_file, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # e.g. the CLI in the middle of its own save
        holder.execute("UPDATE site SET name = 'a medio guardar'")
        assert load_project(project_file) == PROJECT  # WAL: readers never wait for a writer
        connect = sqlite3.connect
        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **{**k, "timeout": 0.2}))
        with pytest.raises(ProjectFileError, match="'plan.turnos' is in use by another program .*try again"):
            _save(project_file)
        monkeypatch.undo()
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert load_project(project_file) == PROJECT
    _save(project_file)  # once the other program is done, saving works
    assert load_project(project_file) == CHANGED
