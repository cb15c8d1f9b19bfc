"""The .turnos project file: exact round trips, refusals that leave files alone, upgrades."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scheduler import store
from scheduler.domain import (
    Agent,
    BreakAssignment,
    BreakRule,
    Contract,
    ContractKind,
    Forecast,
    ForecastInterval,
    Horizon,
    LabourRules,
    Project,
    Request,
    RequestKind,
    Roster,
    RosterVersion,
    ShiftAssignment,
    ShiftTemplate,
    Site,
    StaffingParams,
    VersionStatus,
)
from scheduler.domain.forecast import StaffingOverride
from scheduler.store import ProjectFileError, load_project, save_project

MADRID = ZoneInfo("Europe/Madrid")
START = date(2025, 3, 24)  # the week clocks go forward in Madrid (30 March)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MADRID)


def shift(agent_id: str, day: date, hour: int, hours: int = 8, *, locked: bool = False,
          with_breaks: bool = True) -> ShiftAssignment:
    start = local(day, hour)
    breaks = ()
    if with_breaks:
        breaks = (
            BreakAssignment("lunch", start + timedelta(hours=4), start + timedelta(hours=4, minutes=30),
                            paid=False),
            BreakAssignment("screen", start + timedelta(hours=1), start + timedelta(hours=1, minutes=5)),
        )
    return ShiftAssignment(agent_id, day, start, start + timedelta(hours=hours), "8h" if hours == 8 else "6h",
                           breaks, locked)


def rich_project() -> Project:
    agents = (
        Agent("A1", "Ana García", Contract.full_time(), skills=("es", "en"), time_zone="Europe/Madrid"),
        Agent("B2", "Bruno Díaz", Contract.part_time(2, 3), earliest_start=8 * 60,
              latest_start=14 * 60, nights=False, skills=("es",)),
        Agent("C3", "Carla, la nueva", Contract(ContractKind.CUSTOM, 3, 4, 20 * 60, 30 * 60),
              skills=("es, fr", "billing")),
        Agent("D4", "Dmitri", Contract.part_time(1, 2), time_zone="Europe/Lisbon"),
    )
    requests = tuple(
        Request("A1" if i % 2 else "B2", START + timedelta(days=i), kind, hard=i % 3 == 0,
                priority=1 + i % 5, note=f"nota {kind.value} ñ")
        for i, kind in enumerate(RequestKind)
    )
    forecast = Forecast(30, (
        ForecastInterval(datetime(2025, 3, 24, 8, 0), 120.5, 280.0),
        ForecastInterval(datetime(2025, 3, 24, 8, 30), 0.0, 300.0, required_agents=0),
        ForecastInterval(datetime(2025, 3, 24, 9, 0), 150.25, 312.5, required_agents=7),
        ForecastInterval(datetime(2025, 3, 30, 2, 0), 3.0, 240.0),  # a wall time DST skips
    ))
    v1 = RosterVersion(
        1, Roster((shift("A1", START, 8), shift("B2", START, 9, 6, locked=True),
                   shift("C3", START + timedelta(days=5), 22))),  # crosses the DST night
        VersionStatus.APPROVED, datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc),
        "lead", "first cut", START)
    v2 = RosterVersion(
        2, Roster((shift("A1", START, 14), shift("D4", START + timedelta(days=1), 6, with_breaks=False))),
        VersionStatus.DRAFT, datetime(2025, 3, 2, 10, 0, tzinfo=MADRID), "", "", None)
    return Project(
        site=Site("Madrid Norte", "Europe/Madrid", 15, "ES", "MD"),
        horizon=Horizon(START, 2),
        agents=agents,
        shift_templates=(ShiftTemplate("8h"), ShiftTemplate("6h", 6 * 60, 7 * 60, 16 * 60, 30)),
        labour=LabourRules(11 * 60, 5, 23 * 60, 7 * 60, 2 * 60, max_nights_per_week=3,
                           max_consecutive_nights=2, max_consecutive_nights_weight=40,
                           min_days_off_per_week=2, max_weekends=2, stable_start_weight=25,
                           fair_nights_weight=15, fairness_history_weeks=8),
        break_rules=(
            BreakRule("lunch", 30, paid=False, min_shift_minutes=6 * 60, earliest_offset=180,
                      latest_offset=300, latest_before_end=60),
            BreakRule("screen", 5, every_minutes=60, min_gap_minutes=30, max_gap_minutes=90,
                      min_work_before=45, step_minutes=1),
        ),
        requests=requests,
        forecast=forecast,
        staffing=StaffingParams(0.9, 15.0, 30.0, 0.25, 0.8, 3, 90.0, overrides=(
            StaffingOverride(start_minute=22 * 60, end_minute=6 * 60, min_agents=2),  # wraps midnight
            StaffingOverride((5, 6), 9 * 60, 14 * 60, service_level=0.7, shrinkage=0.35,
                             aht_seconds=330.0, patience_seconds=45.0),
        )),
        versions=(v2, v1),  # not in number order: order is kept as is
    )


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.turnos"
    save_project(path, rich_project())
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def sqlite_pragma(path: Path, name: str):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


# -- round trips -------------------------------------------------------------------

def test_a_saved_project_loads_back_equal(project_file: Path) -> None:
    loaded = load_project(project_file)
    assert loaded == rich_project()
    assert [b.paid for b in loaded.versions[1].roster.shifts[0].breaks] == [True, False]
    assert loaded.agents[2].skills == ("es, fr", "billing")


def test_a_minimal_project_round_trips(tmp_path: Path) -> None:
    project = Project(Site("Lima", "America/Lima"), Horizon(date(2025, 1, 6), 1))
    save_project(tmp_path / "min.turnos", project)
    assert load_project(tmp_path / "min.turnos") == project


def test_saving_again_replaces_the_whole_content(project_file: Path) -> None:
    first = rich_project()
    second = replace(first, agents=first.agents[:1], requests=(), break_rules=(),
                     forecast=Forecast(), versions=first.versions[1:],
                     site=replace(first.site, name="Sevilla"))
    save_project(project_file, second)
    assert load_project(project_file) == second
    with closing(sqlite3.connect(project_file)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM agents").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM roster_shifts").fetchone()[0] == 3
        assert conn.execute("SELECT COUNT(*) FROM forecast_intervals").fetchone()[0] == 0


def test_the_file_is_a_tagged_wal_database_with_normalised_tables(project_file: Path) -> None:
    assert sqlite_pragma(project_file, "journal_mode") == "wal"
    assert sqlite_pragma(project_file, "application_id") == store.APPLICATION_ID
    assert sqlite_pragma(project_file, "user_version") == store.SCHEMA_VERSION
    with closing(sqlite3.connect(project_file)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        start = conn.execute("SELECT start_utc FROM roster_shifts ORDER BY start_utc").fetchone()[0]
    assert tables >= {"meta", "site", "horizon", "agents", "shift_templates", "labour_rules",
                      "break_rules", "requests", "forecast_intervals", "staffing_params",
                      "roster_versions", "roster_shifts", "roster_breaks", "version_events"}
    assert meta["application"] == "turnos" and meta["schema_version"] == "1"
    assert start == "2025-03-24T07:00:00+00:00"  # 08:00 Madrid, stored in UTC
    # Closed cleanly: the project is one self-contained file.
    assert not Path(f"{project_file}-wal").exists()


def test_saving_keeps_the_creation_time(project_file: Path) -> None:
    def meta() -> dict[str, str]:
        with closing(sqlite3.connect(project_file)) as conn:
            return dict(conn.execute("SELECT key, value FROM meta"))
    before = meta()
    save_project(project_file, rich_project())
    after = meta()
    assert after["created_at"] == before["created_at"]
    assert after["modified_at"] >= before["modified_at"]


# -- refusals: a clear message and the file left exactly as it was --------------------

def assert_refused(path: Path, *phrases: str, action=load_project) -> None:
    before = snapshot(path)
    siblings = sorted(path.parent.iterdir())
    with pytest.raises(ProjectFileError) as caught:
        action(path)
    message = str(caught.value)
    assert f"'{path.name}'" in message
    for phrase in phrases:
        assert phrase in message
    assert snapshot(path) == before
    assert sorted(path.parent.iterdir()) == siblings  # no -wal/-shm/-journal files either


def save_rich(path: Path) -> None:
    save_project(path, rich_project())


def test_a_text_file_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "notes.turnos"
    path.write_text("Turnos de marzo: Ana mañana, Bruno tarde\n", encoding="utf-8")
    assert_refused(path, "'notes.turnos' is not a Turnos project file (it is not a SQLite "
                         "database). Open a .turnos file instead.")
    assert_refused(path, "not a SQLite database", "Turnos did not change it; save the project "
                         "under another name.", action=save_rich)


def test_an_empty_file_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "empty.turnos"
    path.touch()
    assert_refused(path, "'empty.turnos' is empty (0 bytes)", "restore a backup copy")
    assert_refused(path, "is empty", "Turnos did not change it", action=save_rich)


def test_random_bytes_are_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "noise.turnos"
    path.write_bytes(random.Random(7).randbytes(8192))
    assert_refused(path, "is not a Turnos project file (it is not a SQLite database)",
                   "Open a .turnos file instead.")


def test_a_truncated_project_is_reported_damaged(project_file: Path) -> None:
    data = project_file.read_bytes()
    path = project_file.with_name("half.turnos")
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, "'half.turnos' is damaged (", "Restore a backup copy of the project")
    assert_refused(path, "is damaged", "Turnos did not change it", action=save_rich)


def test_another_applications_database_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "contacts.turnos"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ana', '600 000 000')")
        conn.commit()
    assert_refused(path, "'contacts.turnos' is not a Turnos project file (it is a SQLite "
                         "database of another application). Open a .turnos file instead.")
    assert_refused(path, "another application", "save the project under another name",
                   action=save_rich)


def test_a_project_from_a_newer_turnos_is_not_opened(project_file: Path) -> None:
    with closing(sqlite3.connect(project_file)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        conn.commit()
    assert_refused(project_file, "'plan.turnos' was saved by a newer version of Turnos (schema "
                                 "99; this version reads up to 1). Update Turnos to open it.")
    assert_refused(project_file, "newer version of Turnos", "Update Turnos to save over it",
                   action=save_rich)
    assert_refused(project_file, "newer version", action=lambda p: store.save_version(
        p, RosterVersion(9, Roster())))


def test_a_missing_file_is_named_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "gone.turnos"
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == (
        f"'gone.turnos' does not exist in {tmp_path}. Check the folder and the file name, "
        "or create a new project.")
    assert caught.value.path == path
    assert not path.exists()


def test_saving_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="does not exist, so 'x.turnos' cannot be created"):
        save_rich(tmp_path / "nowhere" / "x.turnos")


def test_refusals_speak_spanish_when_the_team_lead_chose_it(project_file: Path, tmp_path: Path) -> None:
    from scheduler import i18n

    notes = tmp_path / "notes.turnos"
    notes.write_text("Turnos de marzo: Ana mañana, Bruno tarde\n", encoding="utf-8")
    approved = rich_project().versions[1]
    changed = replace(approved, roster=Roster(approved.roster.shifts[:1]))
    i18n.set_language("es")
    try:
        assert_refused(notes, "'notes.turnos' no es un archivo de proyecto de Turnos (no es una base "
                              "de datos SQLite). Abre un archivo .turnos en su lugar.")
        assert_refused(notes, "no es una base de datos SQLite", "Turnos no lo ha modificado; guarda el "
                              "proyecto con otro nombre.", action=save_rich)
        with pytest.raises(ValueError) as caught:
            store.save_version(project_file, changed)
        assert str(caught.value) == ("La versión 1 está aprobada y no puede cambiar; edítala como un "
                                     "borrador nuevo.")
        with pytest.raises(ValueError) as caught:
            store.set_version_status(project_file, 7, VersionStatus.APPROVED, "lead")
        assert str(caught.value) == "No hay ninguna versión del cuadrante 7 en 'plan.turnos'."
    finally:
        i18n.set_language("en")
    with pytest.raises(ProjectFileError) as caught:
        load_project(notes)
    assert str(caught.value).startswith("'notes.turnos' is not a Turnos project file")


# -- migrations --------------------------------------------------------------------

def test_an_older_project_is_backed_up_then_upgraded(project_file: Path, monkeypatch) -> None:
    def add_cost_centres(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE cost_centres (code TEXT PRIMARY KEY)")
        conn.execute("ALTER TABLE agents ADD COLUMN cost_centre TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: add_cost_centres})

    assert load_project(project_file) == rich_project()

    backup = project_file.with_name("plan.turnos.v1.bak")
    assert backup.exists()
    assert sqlite_pragma(backup, "user_version") == 1
    assert sqlite_pragma(project_file, "user_version") == 2
    with closing(sqlite3.connect(project_file)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
        assert "cost_centre" in [r[1] for r in conn.execute("PRAGMA table_info(agents)")]
    monkeypatch.undo()
    # The backup is the old project, readable by the old version.
    assert load_project(backup) == rich_project()


def test_a_failed_upgrade_leaves_the_file_as_it_was(project_file: Path, monkeypatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk gremlins")

    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: broken})
    with pytest.raises(ProjectFileError) as caught:
        load_project(project_file)
    assert str(caught.value) == (
        "'plan.turnos' could not be upgraded from schema 1 (disk gremlins). The file is "
        "unchanged, and a copy of it is in 'plan.turnos.v1.bak'.")
    assert sqlite_pragma(project_file, "user_version") == 1
    with closing(sqlite3.connect(project_file)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done'"
                            ).fetchone()[0] == 0


def test_a_schema_without_an_upgrade_path_is_refused(project_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {1: lambda conn: None})
    with pytest.raises(ProjectFileError, match="uses project schema 1, which this version of "
                                               "Turnos cannot upgrade"):
        load_project(project_file)


# -- roster versions ---------------------------------------------------------------

def test_a_new_version_is_saved_without_rewriting_the_project(project_file: Path) -> None:
    project = rich_project()
    v3 = RosterVersion(3, Roster((shift("A1", START + timedelta(days=2), 7),)), author="solver",
                       comment="solved in 12 s", horizon_start=START)
    store.save_version(project_file, v3, by="solver")
    assert load_project(project_file) == project.with_version(v3)
    events = store.load_version_events(project_file, 3)
    assert [(e.number, e.status, e.by, e.comment) for e in events] == [
        (3, VersionStatus.DRAFT, "solver", "solved in 12 s")]


def test_a_draft_can_be_replaced(project_file: Path) -> None:
    project = rich_project()
    edited = replace(project.versions[0], roster=Roster((shift("B2", START, 10, 6),)))
    store.save_version(project_file, edited)
    assert load_project(project_file) == project.with_version(edited)


def test_an_approved_version_cannot_be_overwritten(project_file: Path) -> None:
    approved = rich_project().versions[1]
    changed = replace(approved, roster=Roster(approved.roster.shifts[:1]))
    before = snapshot(project_file)
    with pytest.raises(ValueError, match=r"^Version 1 is approved and cannot change; edit it as "
                                         r"a new draft\.$"):
        store.save_version(project_file, changed)
    with pytest.raises(ValueError, match="Version 1 is approved and cannot change"):
        save_project(project_file, rich_project().with_version(changed))
    with pytest.raises(ValueError, match="Version 1 is approved and cannot change"):
        store.set_version_status(project_file, 1, VersionStatus.DRAFT, "lead")
    assert load_project(project_file) == rich_project()
    assert snapshot(project_file)[0] == before[0]
    store.save_version(project_file, approved)  # unchanged: allowed, nothing happens
    assert load_project(project_file) == rich_project()


def test_status_changes_are_recorded_in_the_history(project_file: Path) -> None:
    store.set_version_status(project_file, 2, VersionStatus.SUBMITTED, "ana", "ready for review")
    store.set_version_status(project_file, 2, "approved", "jefa", "ok")
    project = load_project(project_file)
    assert project.versions[0].status is VersionStatus.APPROVED
    history = store.load_version_events(project_file, 2)
    assert [(e.status, e.by, e.comment) for e in history][-2:] == [
        (VersionStatus.SUBMITTED, "ana", "ready for review"),
        (VersionStatus.APPROVED, "jefa", "ok"),
    ]
    assert all(e.at.tzinfo is not None for e in history)
    with pytest.raises(ValueError, match="There is no roster version 7 in 'plan.turnos'"):
        store.set_version_status(project_file, 7, VersionStatus.APPROVED, "jefa")


def test_saving_the_project_keeps_and_extends_the_history(project_file: Path) -> None:
    store.set_version_status(project_file, 2, VersionStatus.SUBMITTED, "ana", "please check")
    project = load_project(project_file)
    approved = replace(project.versions[0], status=VersionStatus.APPROVED)
    save_project(project_file, project.with_version(approved), by="jefa")
    history = [(e.status, e.by) for e in store.load_version_events(project_file, 2)]
    assert history[-2:] == [(VersionStatus.SUBMITTED, "ana"), (VersionStatus.APPROVED, "jefa")]
    # Dropping a version drops its history, so a future version 2 starts clean.
    save_project(project_file, replace(project, versions=project.versions[1:]))
    assert store.load_version_events(project_file, 2) == []


def test_a_project_on_read_only_media_loads_without_writing(project_file: Path,
                                                           monkeypatch) -> None:
    # Permission bits do not stop root (CI), so pretend the folder is read-only.
    monkeypatch.setattr(store, "_writable", lambda path: False)
    before = snapshot(project_file)
    assert load_project(project_file) == rich_project()
    assert snapshot(project_file) == before
    assert sorted(p.name for p in project_file.parent.iterdir()) == ["plan.turnos"]


def test_locked_days_off_round_trip_per_version(tmp_path):
    from datetime import date

    from scheduler.generate import generate_center
    from scheduler.store import load_locked_days_off, save_locked_days_off

    path = tmp_path / "p.turnos"
    project = generate_center(4, weeks=1)
    project = project.with_version(RosterVersion(1, Roster()))
    save_project(path, project)
    assert load_locked_days_off(path) == {}
    locks = {1: {("A001", date(2027, 1, 5))}, 9: {("A002", date(2027, 1, 6))}}  # version 9 does not exist
    save_locked_days_off(path, locks)
    assert load_locked_days_off(path) == {1: {("A001", date(2027, 1, 5))}}
    save_project(path, project)  # rewriting the project keeps them
    assert load_locked_days_off(path) == {1: {("A001", date(2027, 1, 5))}}
