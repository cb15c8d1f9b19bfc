"""The project file: one SQLite database (``.turnos``) holding a whole :class:`Project`.

Layout (schema version 1), one table per domain object, real columns::

    meta               key/value: application ('turnos'), schema_version,
                       created_at, modified_at, forecast_interval_minutes
    site, horizon, labour_rules, staffing_params      one row each (id = 1)
    staffing_overrides goals per weekday / time-of-day window, in order
                       (weekdays as a JSON array, NULL = keep the site's value)
    agents             contract fields as columns, skills as a JSON array
    shift_templates, break_rules, requests, forecast_intervals
    roster_versions    number, status, created_at, author, comment, horizon_start
    roster_shifts      version_number, agent_id, day, start_utc, end_utc, template, locked
    roster_breaks      shift_id, kind, start_utc, end_utc, paid
    version_events     approval history: version_number, status, at, by, comment

Lists keep their order in a ``position`` column, so that
``load_project(path) == project`` after ``save_project(path, project)``.
Instants are ISO 8601 text in UTC, days ISO dates, forecast starts naive
local ISO text. The SQLite header carries ``PRAGMA application_id`` =
:data:`APPLICATION_ID` and ``PRAGMA user_version`` = :data:`SCHEMA_VERSION`.

Every public function opens the file, does its work in one transaction and
closes it, so between calls the ``.turnos`` file is complete on its own (the
last connection to close checkpoints and removes the ``-wal`` file).
Before anything is written, the file is checked without writing to it: a file
that is not a healthy Turnos project is refused with :class:`ProjectFileError`
and left byte-for-byte untouched.
"""

from __future__ import annotations

import dataclasses

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from scheduler.domain import (
    Agent,
    BreakAssignment,
    BreakRule,
    Contract,
    Forecast,
    ForecastInterval,
    Horizon,
    LabourRules,
    Project,
    Request,
    Roster,
    RosterVersion,
    ShiftAssignment,
    ShiftTemplate,
    Site,
    StaffingParams,
    VersionStatus,
)
from scheduler.domain.forecast import OVERRIDABLE, StaffingOverride
from scheduler.i18n import add_translations, tr

add_translations({
    "There is no roster version {number} in '{name}'.":
        "No hay ninguna versión del cuadrante {number} en '{name}'.",
    "Version {number} is approved and cannot change; edit it as a new draft.":
        "La versión {number} está aprobada y no puede cambiar; edítala como un borrador nuevo.",
    "'{name}' does not exist in {folder}. Check the folder and the file name, or create a new project.":
        "'{name}' no existe en {folder}. Comprueba la carpeta y el nombre del archivo, o crea un proyecto nuevo.",
    "'{name}' is a folder, not a Turnos project file. {advice}":
        "'{name}' es una carpeta, no un archivo de proyecto de Turnos. {advice}",
    "Open a .turnos file instead.": "Abre un archivo .turnos en su lugar.",
    "'{name}' could not be read ({reason}). Check that the file is not open in another program "
    "and that you may read it.":
        "No se ha podido leer '{name}' ({reason}). Comprueba que el archivo no está abierto en otro "
        "programa y que tienes permiso para leerlo.",
    "'{name}' is empty (0 bytes), so it holds no project. {advice}":
        "'{name}' está vacío (0 bytes), así que no contiene ningún proyecto. {advice}",
    "Open another .turnos file, or restore a backup copy.":
        "Abre otro archivo .turnos o restaura una copia de seguridad.",
    "it is not a SQLite database": "no es una base de datos SQLite",
    "it is a SQLite database of another application": "es una base de datos SQLite de otra aplicación",
    "the database check found: {problem}": "la comprobación de la base de datos encontró: {problem}",
    "its Turnos marker is missing": "le falta la marca de Turnos",
    "its schema version is unreadable": "no se puede leer su versión de esquema",
    "it holds data Turnos cannot read: {error}": "contiene datos que Turnos no puede leer: {error}",
    "the {table} are missing": "faltan los datos de {table}",
    "Turnos did not change it; save the project under another name.":
        "Turnos no lo ha modificado; guarda el proyecto con otro nombre.",
    "'{name}' is not a Turnos project file ({why}). {advice}":
        "'{name}' no es un archivo de proyecto de Turnos ({why}). {advice}",
    "Restore a backup copy of the project (for example a .bak file next to it).":
        "Restaura una copia de seguridad del proyecto (por ejemplo, un archivo .bak que esté a su lado).",
    "Turnos did not change it; save the project under another name and keep the damaged file for recovery.":
        "Turnos no lo ha modificado; guarda el proyecto con otro nombre y conserva el archivo dañado "
        "para recuperarlo.",
    "'{name}' is damaged ({detail}). {todo}": "'{name}' está dañado ({detail}). {todo}",
    "Update Turnos to open it.": "Actualiza Turnos para abrirlo.",
    "Update Turnos to save over it, or save the project under another name.":
        "Actualiza Turnos para guardar encima, o guarda el proyecto con otro nombre.",
    "'{name}' was saved by a newer version of Turnos (schema {version}; this version reads up to "
    "{supported}). {todo}":
        "'{name}' se guardó con una versión más reciente de Turnos (esquema {version}; esta versión "
        "lee hasta el {supported}). {todo}",
    "'{name}' is in use by another program (the file is locked). Close the other Turnos window or "
    "program and try again.":
        "'{name}' está en uso por otro programa (el archivo está bloqueado). Cierra la otra ventana de "
        "Turnos o el otro programa y vuelve a intentarlo.",
    "'{name}' could not be read ({reason}). Check that you may read the file and its folder, or "
    "restore a backup copy.":
        "No se ha podido leer '{name}' ({reason}). Comprueba que tienes permiso para leer el archivo y "
        "su carpeta, o restaura una copia de seguridad.",
    "'{name}' could not be saved ({reason}). Check that the folder is writable and the disk has "
    "free space; the file keeps its last saved content.":
        "No se ha podido guardar '{name}' ({reason}). Comprueba que se puede escribir en la carpeta y "
        "que queda espacio libre en el disco; el archivo conserva lo último que se guardó.",
    "'{name}' could not be read ({reason}). Check the folder, its permissions and free disk space.":
        "No se ha podido leer '{name}' ({reason}). Comprueba la carpeta, sus permisos y el espacio "
        "libre en el disco.",
    "'{name}' could not be saved ({reason}). Check the folder, its permissions and free disk space.":
        "No se ha podido guardar '{name}' ({reason}). Comprueba la carpeta, sus permisos y el espacio "
        "libre en el disco.",
    "The folder {folder} does not exist, so '{name}' cannot be created. Choose another folder.":
        "La carpeta {folder} no existe, así que no se puede crear '{name}'. Elige otra carpeta.",
    "'{name}' uses project schema {version}, which this version of Turnos cannot upgrade. Open it "
    "with the Turnos version that saved it and save it again, or restore a newer backup copy.":
        "'{name}' usa el esquema de proyecto {version}, que esta versión de Turnos no puede actualizar. "
        "Ábrelo con la versión de Turnos que lo guardó y vuelve a guardarlo, o restaura una copia de "
        "seguridad más reciente.",
    "'{name}' could not be upgraded from schema {version} ({reason}). The file is unchanged, and a "
    "copy of it is in '{backup}'.":
        "No se ha podido actualizar '{name}' desde el esquema {version} ({reason}). El archivo no ha "
        "cambiado y hay una copia en '{backup}'.",
})

__all__ = [
    "APPLICATION_ID",
    "EXTENSION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ProjectFileError",
    "VersionEvent",
    "load_project",
    "load_version_events",
    "save_forecast",
    "save_project",
    "save_version",
    "set_version_status",
]

EXTENSION = ".turnos"
#: ``PRAGMA application_id`` of every project file: "TRNS" in ASCII.
APPLICATION_ID = 0x54524E53
APPLICATION_MARKER = "turnos"
SCHEMA_VERSION = 1

Migration = Callable[[sqlite3.Connection], None]
#: ``MIGRATIONS[n]`` upgrades an open file from schema ``n`` to ``n + 1``. It
#: runs inside the caller's transaction and must not commit; the caller sets
#: ``user_version`` and ``meta.schema_version`` after each step.
MIGRATIONS: dict[int, Migration] = {}

StrPath = str | os.PathLike[str]

_SQLITE_MAGIC = b"SQLite format 3\x00"
_OPEN, _SAVE = "open", "save"


class ProjectFileError(Exception):
    """A project file cannot be opened or saved; the message is for a person."""

    def __init__(self, message: str, path: StrPath | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


@dataclass(frozen=True)
class VersionEvent:
    """One step in a roster version's approval history."""

    number: int
    status: VersionStatus
    at: datetime
    by: str = ""
    comment: str = ""


# -- schema --------------------------------------------------------------------

#: LabourRules fields after the night window (limits, soft weights): one column each,
#: added to older files with their default.
_LABOUR_LIMIT_COLUMNS = tuple((f.name, f.default) for f in dataclasses.fields(LabourRules)[5:])

_STAFFING_OVERRIDES_TABLE = """CREATE TABLE staffing_overrides (
        position INTEGER PRIMARY KEY, weekdays TEXT NOT NULL,
        start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL,
        service_level REAL, target_seconds REAL, asa_target_seconds REAL, shrinkage REAL,
        max_occupancy REAL, min_agents INTEGER, aht_seconds REAL, patience_seconds REAL)"""

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE site (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL, time_zone TEXT NOT NULL, interval_minutes INTEGER NOT NULL,
        country TEXT NOT NULL, region TEXT NOT NULL)""",
    """CREATE TABLE horizon (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        start_date TEXT NOT NULL, weeks INTEGER NOT NULL)""",
    """CREATE TABLE agents (
        id TEXT PRIMARY KEY, position INTEGER NOT NULL UNIQUE, name TEXT NOT NULL,
        contract_kind TEXT NOT NULL,
        min_days_per_week INTEGER NOT NULL, max_days_per_week INTEGER NOT NULL,
        weekly_min_minutes INTEGER NOT NULL, weekly_max_minutes INTEGER NOT NULL,
        earliest_start INTEGER NOT NULL, latest_start INTEGER NOT NULL,
        nights INTEGER NOT NULL CHECK (nights IN (0, 1)),
        skills TEXT NOT NULL, time_zone TEXT NOT NULL)""",
    """CREATE TABLE shift_templates (
        position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        length_minutes INTEGER NOT NULL, earliest_start INTEGER NOT NULL,
        latest_start INTEGER NOT NULL, start_step INTEGER NOT NULL)""",
    """CREATE TABLE labour_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        min_rest_minutes INTEGER NOT NULL, max_consecutive_days INTEGER NOT NULL,
        night_start INTEGER NOT NULL, night_end INTEGER NOT NULL,
        night_min_minutes INTEGER NOT NULL""" + "".join(
        f", {name} INTEGER NOT NULL DEFAULT {default}" for name, default in _LABOUR_LIMIT_COLUMNS) + ")",
    """CREATE TABLE break_rules (
        position INTEGER PRIMARY KEY, name TEXT NOT NULL, length_minutes INTEGER NOT NULL,
        paid INTEGER NOT NULL CHECK (paid IN (0, 1)), count INTEGER NOT NULL,
        every_minutes INTEGER NOT NULL, min_shift_minutes INTEGER NOT NULL,
        earliest_offset INTEGER NOT NULL, latest_offset INTEGER NOT NULL,
        latest_before_end INTEGER NOT NULL, min_gap_minutes INTEGER NOT NULL,
        max_gap_minutes INTEGER NOT NULL, min_work_before INTEGER NOT NULL,
        step_minutes INTEGER NOT NULL, max_shift_minutes INTEGER NOT NULL,
        around_mark_minutes INTEGER NOT NULL,
        major_fraction INTEGER NOT NULL CHECK (major_fraction IN (0, 1)),
        templates TEXT NOT NULL)""",
    """CREATE TABLE requests (
        position INTEGER PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents (id),
        day TEXT NOT NULL, kind TEXT NOT NULL, hard INTEGER NOT NULL CHECK (hard IN (0, 1)),
        priority INTEGER NOT NULL, note TEXT NOT NULL)""",
    """CREATE TABLE forecast_intervals (
        start_local TEXT PRIMARY KEY, calls REAL NOT NULL, aht_seconds REAL NOT NULL,
        required_agents INTEGER)""",
    """CREATE TABLE staffing_params (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        service_level REAL NOT NULL, target_seconds REAL NOT NULL, asa_target_seconds REAL,
        shrinkage REAL NOT NULL, max_occupancy REAL NOT NULL, min_agents INTEGER NOT NULL,
        patience_seconds REAL, aht_seconds REAL)""",
    _STAFFING_OVERRIDES_TABLE,
    """CREATE TABLE roster_versions (
        number INTEGER PRIMARY KEY, position INTEGER NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL,
        horizon_start TEXT)""",
    """CREATE TABLE roster_shifts (
        id INTEGER PRIMARY KEY,
        version_number INTEGER NOT NULL REFERENCES roster_versions (number) ON DELETE CASCADE,
        position INTEGER NOT NULL, agent_id TEXT NOT NULL, day TEXT NOT NULL,
        start_utc TEXT NOT NULL, end_utc TEXT NOT NULL, template TEXT NOT NULL,
        locked INTEGER NOT NULL CHECK (locked IN (0, 1)),
        UNIQUE (version_number, position))""",
    """CREATE TABLE roster_breaks (
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES roster_shifts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL, kind TEXT NOT NULL,
        start_utc TEXT NOT NULL, end_utc TEXT NOT NULL,
        paid INTEGER NOT NULL CHECK (paid IN (0, 1)),
        UNIQUE (shift_id, position))""",
    # No foreign key: the history outlives a save that rewrites roster_versions.
    """CREATE TABLE version_events (
        id INTEGER PRIMARY KEY, version_number INTEGER NOT NULL, status TEXT NOT NULL,
        at TEXT NOT NULL, by TEXT NOT NULL, comment TEXT NOT NULL)""",
    "CREATE INDEX requests_agent ON requests (agent_id)",
    "CREATE INDEX version_events_version ON version_events (version_number)",
)

#: Children before parents, so that foreign keys hold at every step.
_PROJECT_TABLES = (
    "roster_breaks", "roster_shifts", "roster_versions", "requests", "agents",
    "shift_templates", "break_rules", "forecast_intervals", "site", "horizon",
    "labour_rules", "staffing_params", "staffing_overrides",
)


# -- public API ----------------------------------------------------------------

def load_project(path: StrPath) -> Project:
    """Read the whole project from ``path``.

    Refuses, without changing the file, anything that is not a healthy Turnos
    project this version can read. A file of an older schema is first copied
    to ``<name>.v<old>.bak`` and then upgraded in place.
    """
    path = Path(path)
    version = _inspect(path, _OPEN)
    if version == SCHEMA_VERSION and not _writable(path):
        # A read-only folder or medium: read without touching anything.
        with _guard(path, _OPEN), closing(_connect_readonly(path)) as conn:
            with _transaction(conn, "BEGIN"):
                return _read_project(conn, path)
    with _project_connection(path, _OPEN, version) as conn:
        with _transaction(conn, "BEGIN"):
            return _read_project(conn, path)


def save_project(path: StrPath, project: Project, *, by: str = "") -> None:
    """Write the whole project to ``path`` in one transaction, replacing what was there.

    A missing file is created (atomically: built next to it, then renamed).
    An existing file that is not a Turnos project is refused and left as it was.
    An approved roster version kept in ``project`` must be exactly as stored
    (``ValueError`` otherwise); a version that is new or whose status changed
    gets an entry, attributed to ``by``, in the approval history.
    To replace a *different* project's file (Save As), delete the file first.
    """
    path = Path(path)
    if not path.exists():
        _create_project_file(path, project, by)
        return
    with _project_connection(path, _SAVE) as conn:
        with _transaction(conn):
            _write_project(conn, project, by)


def save_forecast(path: StrPath, forecast: Forecast) -> None:
    """Replace the project's forecast (and its interval length) in one transaction."""
    path = Path(path)
    with _project_connection(path, _SAVE) as conn:
        with _transaction(conn):
            conn.execute("DELETE FROM forecast_intervals")
            _write_meta(conn, {"forecast_interval_minutes": str(forecast.interval_minutes)})
            _write_forecast(conn, forecast)
            _touch(conn)


def save_version(path: StrPath, version: RosterVersion, *, by: str = "") -> None:
    """Add or replace one roster version, leaving the rest of the project alone.

    Like :meth:`Project.with_version`, the saved version becomes the last one.
    An approved version cannot change: saving a different roster (or status,
    author …) under its number raises ``ValueError``; saving it unchanged does
    nothing.
    """
    path = Path(path)
    with _project_connection(path, _SAVE) as conn:
        with _transaction(conn):
            old = _stored_statuses(conn).get(version.number)
            if old is VersionStatus.APPROVED:
                _refuse_approved_change(conn, version)
                return
            _delete_version(conn, version.number)
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM roster_versions").fetchone()[0]
            _write_version(conn, version, position)
            if old is not version.status:
                _add_event(conn, version.number, version.status, by,
                           version.comment if old is None else "")
            _touch(conn)


def set_version_status(path: StrPath, number: int, status: VersionStatus | str,
                       by: str = "", comment: str = "") -> None:
    """Move version ``number`` to ``status`` and record who did it and why.

    An approved version is final: moving it to another status raises
    ``ValueError`` (edit it as a new draft instead).
    """
    status = VersionStatus(status)
    path = Path(path)
    with _project_connection(path, _SAVE) as conn:
        with _transaction(conn):
            current = _stored_statuses(conn).get(number)
            if current is None:
                raise ValueError(tr("There is no roster version {number} in '{name}'.").format(
                    number=number, name=path.name))
            if current is VersionStatus.APPROVED and status is not VersionStatus.APPROVED:
                raise ValueError(_approved_message(number))
            conn.execute("UPDATE roster_versions SET status = ? WHERE number = ?",
                         (status.value, number))
            _add_event(conn, number, status, by, comment)
            _touch(conn)


def load_version_events(path: StrPath, number: int | None = None) -> list[VersionEvent]:
    """The approval history, oldest first; only version ``number``'s when given."""
    path = Path(path)
    with _project_connection(path, _OPEN) as conn:
        sql = "SELECT version_number, status, at, by, comment FROM version_events"
        params: tuple[int, ...] = ()
        if number is not None:
            sql += " WHERE version_number = ?"
            params = (number,)
        rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    return [VersionEvent(r["version_number"], VersionStatus(r["status"]),
                         datetime.fromisoformat(r["at"]), r["by"], r["comment"]) for r in rows]


_LOCKED_DAYS_OFF_TABLE = """CREATE TABLE IF NOT EXISTS roster_locked_days_off (
        version_number INTEGER NOT NULL, agent_id TEXT NOT NULL, day TEXT NOT NULL,
        PRIMARY KEY (version_number, agent_id, day))"""


def save_locked_days_off(path: StrPath, locked: dict[int, set[tuple[str, date]]]) -> None:
    """Store the days off the team lead locked, per roster version (one transaction).

    A roster has no row for a day off, so these live beside it; versions that
    no longer exist lose theirs.
    """
    path = Path(path)
    with _project_connection(path, _SAVE) as conn:
        with _transaction(conn):
            conn.execute(_LOCKED_DAYS_OFF_TABLE)
            conn.execute("DELETE FROM roster_locked_days_off")
            numbers = set(_stored_statuses(conn))
            conn.executemany(
                "INSERT INTO roster_locked_days_off (version_number, agent_id, day) VALUES (?, ?, ?)",
                sorted((number, agent_id, day.isoformat())
                       for number, cells in locked.items() if number in numbers
                       for agent_id, day in cells))


def load_locked_days_off(path: StrPath) -> dict[int, set[tuple[str, date]]]:
    """The locked days off per roster version (empty for files that never had any)."""
    path = Path(path)
    with _project_connection(path, _OPEN) as conn:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                              "AND name = 'roster_locked_days_off'").fetchone()
        rows = conn.execute("SELECT version_number, agent_id, day FROM roster_locked_days_off").fetchall() \
            if exists else []
    locked: dict[int, set[tuple[str, date]]] = {}
    for row in rows:
        locked.setdefault(row["version_number"], set()).add((row["agent_id"], date.fromisoformat(row["day"])))
    return locked


# -- checking a file without writing to it ---------------------------------------

def _inspect(path: Path, purpose: str) -> int:
    """Check that ``path`` is a healthy Turnos project this version can read.

    Returns its schema version. Never writes: the header is read as bytes
    and, for our own files only, SQLite opens it read-only (``immutable``
    when no ``-wal`` file exists, so no ``-wal``/``-shm`` files appear).
    """
    name = path.name
    if not path.exists():
        raise ProjectFileError(tr(
            "'{name}' does not exist in {folder}. Check the folder and the file "
            "name, or create a new project.").format(name=name, folder=path.parent), path)
    if path.is_dir():
        raise ProjectFileError(tr("'{name}' is a folder, not a Turnos project file. {advice}").format(
            name=name, advice=_advice(purpose, tr("Open a .turnos file instead."))), path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise ProjectFileError(tr(
            "'{name}' could not be read ({reason}). Check that the file "
            "is not open in another program and that you may read it.").format(
                name=name, reason=error.strerror or error), path) from error
    if not header:
        raise ProjectFileError(tr("'{name}' is empty (0 bytes), so it holds no project. {advice}").format(
            name=name, advice=_advice(purpose, tr("Open another .turnos file, or restore a backup copy."))),
            path)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _not_turnos(path, purpose, tr("it is not a SQLite database"))
    has_wal = _wal_path(path).exists()
    # Without a -wal file the header is current: a foreign database is refused
    # before SQLite even opens it.
    if not has_wal and int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise _not_turnos(path, purpose, tr("it is a SQLite database of another application"))

    try:
        with closing(_connect_readonly(path)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise _not_turnos(path, purpose, tr("it is a SQLite database of another application"))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _newer(path, purpose, version)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _damaged(path, purpose, tr("the database check found: {problem}").format(
                    problem=problems[0]))
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as error:
        raise _damaged(path, purpose, str(error)) from error
    if meta.get("application") != APPLICATION_MARKER:
        raise _damaged(path, purpose, tr("its Turnos marker is missing"))
    try:
        version = max(version, int(meta.get("schema_version", version)))
    except ValueError:
        raise _damaged(path, purpose, tr("its schema version is unreadable")) from None
    if version > SCHEMA_VERSION:
        raise _newer(path, purpose, version)
    return version


def _advice(purpose: str, when_opening: str) -> str:
    """What to do next; ``when_opening`` is already translated."""
    if purpose == _OPEN:
        return when_opening
    return tr("Turnos did not change it; save the project under another name.")


def _not_turnos(path: Path, purpose: str, why: str) -> ProjectFileError:
    """``why`` is already translated."""
    return ProjectFileError(tr("'{name}' is not a Turnos project file ({why}). {advice}").format(
        name=path.name, why=why, advice=_advice(purpose, tr("Open a .turnos file instead."))), path)


def _damaged(path: Path, purpose: str, detail: str) -> ProjectFileError:
    """``detail`` is already translated (or SQLite's own words)."""
    todo = tr("Restore a backup copy of the project (for example a .bak file next to it)."
              if purpose == _OPEN else
              "Turnos did not change it; save the project under another name and keep the "
              "damaged file for recovery.")
    return ProjectFileError(tr("'{name}' is damaged ({detail}). {todo}").format(
        name=path.name, detail=detail, todo=todo), path)


def _newer(path: Path, purpose: str, version: int) -> ProjectFileError:
    todo = tr("Update Turnos to open it." if purpose == _OPEN else
              "Update Turnos to save over it, or save the project under another name.")
    return ProjectFileError(tr(
        "'{name}' was saved by a newer version of Turnos (schema {version}; this "
        "version reads up to {supported}). {todo}").format(
            name=path.name, version=version, supported=SCHEMA_VERSION, todo=todo), path)


# -- connections and transactions ------------------------------------------------

def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    if not _wal_path(path).exists():
        # Nothing waits in a -wal file, so the main file is the whole truth and
        # SQLite need not create -wal/-shm files to read it.
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def _connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to a file already known to be ours (or new)."""
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL: a reader never blocks the writer (app and CLI on the same file) and
    # a crash mid-save leaves the last committed project. (WAL needs a local
    # disk; on a network share SQLite keeps the file in its old journal mode.)
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL rather than NORMAL: with WAL, NORMAL may lose the last committed
    # save on power loss. Saves are rare and small, so the extra fsync per
    # commit costs nothing a user would notice, and "Saved" means saved.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    """``BEGIN IMMEDIATE`` takes the write lock up front, so a save never fails halfway."""
    conn.execute(begin)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def _guard(path: Path, purpose: str) -> Iterator[None]:
    """Turn SQLite and OS errors into a message for a person."""
    try:
        yield
    except sqlite3.Error as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise ProjectFileError(tr(
                "'{name}' is in use by another program (the file is locked). Close "
                "the other Turnos window or program and try again.").format(name=path.name), path) from error
        if purpose == _OPEN:
            raise ProjectFileError(tr(
                "'{name}' could not be read ({reason}). Check that you may read the file "
                "and its folder, or restore a backup copy.").format(name=path.name, reason=text),
                path) from error
        raise ProjectFileError(tr(
            "'{name}' could not be saved ({reason}). Check that the folder is writable "
            "and the disk has free space; the file keeps its last saved content.").format(
                name=path.name, reason=text), path) from error
    except OSError as error:
        raise ProjectFileError(tr(
            "'{name}' could not be read ({reason}). Check the folder, its permissions and free "
            "disk space." if purpose == _OPEN else
            "'{name}' could not be saved ({reason}). Check the folder, its permissions and free "
            "disk space.").format(name=path.name, reason=error.strerror or error), path) from error


@contextmanager
def _project_connection(path: Path, purpose: str,
                        version: int | None = None) -> Iterator[sqlite3.Connection]:
    """Check ``path``, open it read-write and bring it to :data:`SCHEMA_VERSION`."""
    if version is None:
        version = _inspect(path, purpose)
    with _guard(path, purpose), closing(_connect(path)) as conn:
        if version < SCHEMA_VERSION:
            _migrate(conn, path, version)
        yield conn


def _create_project_file(path: Path, project: Project, by: str) -> None:
    if not path.parent.is_dir():
        raise ProjectFileError(tr(
            "The folder {folder} does not exist, so '{name}' cannot be created. "
            "Choose another folder.").format(folder=path.parent, name=path.name), path)
    with _guard(path, _SAVE):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
        os.close(handle)
        try:
            with closing(_connect(Path(temporary))) as conn:
                with _transaction(conn):
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    _set_schema_version(conn, SCHEMA_VERSION)
                    _write_meta(conn, {"application": APPLICATION_MARKER,
                                       "created_at": _now_text()})
                    _write_project(conn, project, by)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


# -- migrations ----------------------------------------------------------------

def _backup_path(path: Path, version: int) -> Path:
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    copy = 2
    while candidate.exists():  # never overwrite an earlier backup
        candidate = path.with_name(f"{path.name}.v{version} ({copy}).bak")
        copy += 1
    return candidate


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file to ``<name>.v<old>.bak``, then upgrade it in one transaction."""
    missing = [v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS]
    if missing:
        raise ProjectFileError(tr(
            "'{name}' uses project schema {version}, which this version of Turnos "
            "cannot upgrade. Open it with the Turnos version that saved it and save it "
            "again, or restore a newer backup copy.").format(name=path.name, version=version), path)
    backup = _backup_path(path, version)
    # SQLite's backup API copies a consistent snapshot, including anything
    # still waiting in the -wal file (a plain file copy could miss it).
    with closing(sqlite3.connect(backup)) as target:
        conn.backup(target)
    try:
        with _transaction(conn):
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
                _set_schema_version(conn, step + 1)
            _touch(conn)
    except Exception as error:
        raise ProjectFileError(tr(
            "'{name}' could not be upgraded from schema {version} ({reason}). The file "
            "is unchanged, and a copy of it is in '{backup}'.").format(
                name=path.name, version=version, reason=error, backup=backup.name), path) from error
    return backup


def _set_schema_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(version)}")
    _write_meta(conn, {"schema_version": str(version)})


# -- conversions -----------------------------------------------------------------

def _now_text() -> str:
    return datetime.now(timezone.utc).isoformat()


def _instant_text(value: datetime) -> str:
    """An aware instant as UTC ISO text (a naive one is kept as written)."""
    if value.tzinfo is None:
        return value.isoformat()
    return value.astimezone(timezone.utc).isoformat()


def _date_or_none(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# -- writing ---------------------------------------------------------------------

def _write_project(conn: sqlite3.Connection, project: Project, by: str) -> None:
    old_statuses = _stored_statuses(conn)
    for version in project.versions:
        if old_statuses.get(version.number) is VersionStatus.APPROVED:
            _refuse_approved_change(conn, version)
    _complete_pre_release_schema(conn)
    for table in _PROJECT_TABLES:
        conn.execute(f"DELETE FROM {table}")
    _write_meta(conn, {"forecast_interval_minutes": str(project.forecast.interval_minutes)})
    _write_site(conn, project.site)
    _write_horizon(conn, project.horizon)
    _write_agents(conn, project.agents)
    _write_shift_templates(conn, project.shift_templates)
    _write_labour_rules(conn, project.labour)
    _write_break_rules(conn, project.break_rules)
    _write_requests(conn, project.requests)
    _write_forecast(conn, project.forecast)
    _write_staffing(conn, project.staffing)
    for position, version in enumerate(project.versions):
        _write_version(conn, version, position)
        old = old_statuses.get(version.number)
        if old is not version.status:
            _add_event(conn, version.number, version.status, by,
                       version.comment if old is None else "")
    # History of versions no longer in the project would attach to a later
    # version given the same number.
    conn.execute("DELETE FROM version_events "
                 "WHERE version_number NOT IN (SELECT number FROM roster_versions)")
    _touch(conn)


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def _complete_pre_release_schema(conn: sqlite3.Connection) -> None:
    """Add what schema 1 gained before its first release to files made by earlier builds.

    Files written before staffing overrides existed lack the
    ``staffing_overrides`` table and ``staffing_params.aht_seconds``; they are
    read as "no overrides" and completed here, inside the saving transaction.
    """
    if not _has_column(conn, "staffing_params", "aht_seconds"):
        conn.execute("ALTER TABLE staffing_params ADD COLUMN aht_seconds REAL")
    for name, default in _LABOUR_LIMIT_COLUMNS:
        if not _has_column(conn, "labour_rules", name):
            conn.execute(f"ALTER TABLE labour_rules ADD COLUMN {name} INTEGER NOT NULL DEFAULT {default}")
    conn.execute(_STAFFING_OVERRIDES_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))


def _write_meta(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())


def _touch(conn: sqlite3.Connection) -> None:
    _write_meta(conn, {"modified_at": _now_text()})


def _write_site(conn: sqlite3.Connection, site: Site) -> None:
    conn.execute(
        "INSERT INTO site (id, name, time_zone, interval_minutes, country, region) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        (site.name, site.time_zone, site.interval_minutes, site.country, site.region))


def _write_horizon(conn: sqlite3.Connection, horizon: Horizon) -> None:
    conn.execute("INSERT INTO horizon (id, start_date, weeks) VALUES (1, ?, ?)",
                 (horizon.start.isoformat(), horizon.weeks))


def _write_agents(conn: sqlite3.Connection, agents: Sequence[Agent]) -> None:
    conn.executemany(
        "INSERT INTO agents (id, position, name, contract_kind, min_days_per_week, "
        "max_days_per_week, weekly_min_minutes, weekly_max_minutes, earliest_start, "
        "latest_start, nights, skills, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a.id, position, a.name, a.contract.kind.value, a.contract.min_days_per_week,
          a.contract.max_days_per_week, a.contract.weekly_min_minutes,
          a.contract.weekly_max_minutes, a.earliest_start, a.latest_start, int(a.nights),
          json.dumps(list(a.skills), ensure_ascii=False), a.time_zone)
         for position, a in enumerate(agents)])


def _write_shift_templates(conn: sqlite3.Connection, templates: Sequence[ShiftTemplate]) -> None:
    conn.executemany(
        "INSERT INTO shift_templates (position, name, length_minutes, earliest_start, "
        "latest_start, start_step) VALUES (?, ?, ?, ?, ?, ?)",
        [(position, t.name, t.length_minutes, t.earliest_start, t.latest_start, t.start_step)
         for position, t in enumerate(templates)])


def _write_labour_rules(conn: sqlite3.Connection, rules: LabourRules) -> None:
    extra = [name for name, _ in _LABOUR_LIMIT_COLUMNS]
    conn.execute(
        "INSERT INTO labour_rules (id, min_rest_minutes, max_consecutive_days, night_start, "
        "night_end, night_min_minutes" + "".join(f", {name}" for name in extra) + ") VALUES (1, ?, ?, ?, ?, ?"
        + ", ?" * len(extra) + ")",
        (rules.min_rest_minutes, rules.max_consecutive_days, rules.night_start,
         rules.night_end, rules.night_min_minutes) + tuple(getattr(rules, name) for name in extra))


def _write_break_rules(conn: sqlite3.Connection, rules: Sequence[BreakRule]) -> None:
    conn.executemany(
        "INSERT INTO break_rules (position, name, length_minutes, paid, count, every_minutes, "
        "min_shift_minutes, earliest_offset, latest_offset, latest_before_end, "
        "min_gap_minutes, max_gap_minutes, min_work_before, step_minutes, max_shift_minutes, "
        "around_mark_minutes, major_fraction, templates) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(position, r.name, r.length_minutes, int(r.paid), r.count, r.every_minutes,
          r.min_shift_minutes, r.earliest_offset, r.latest_offset, r.latest_before_end,
          r.min_gap_minutes, r.max_gap_minutes, r.min_work_before, r.step_minutes,
          r.max_shift_minutes, r.around_mark_minutes, int(r.major_fraction),
          json.dumps(list(r.templates), ensure_ascii=False))
         for position, r in enumerate(rules)])


def _write_requests(conn: sqlite3.Connection, requests: Sequence[Request]) -> None:
    conn.executemany(
        "INSERT INTO requests (position, agent_id, day, kind, hard, priority, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(position, r.agent_id, r.day.isoformat(), r.kind.value, int(r.hard), r.priority,
          r.note) for position, r in enumerate(requests)])


def _write_forecast(conn: sqlite3.Connection, forecast: Forecast) -> None:
    conn.executemany(
        "INSERT INTO forecast_intervals (start_local, calls, aht_seconds, required_agents) "
        "VALUES (?, ?, ?, ?)",
        [(i.start.isoformat(), i.calls, i.aht_seconds, i.required_agents)
         for i in forecast.intervals])


def _write_staffing(conn: sqlite3.Connection, params: StaffingParams) -> None:
    conn.execute(
        "INSERT INTO staffing_params (id, service_level, target_seconds, asa_target_seconds, "
        "shrinkage, max_occupancy, min_agents, patience_seconds, aht_seconds) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (params.service_level, params.target_seconds, params.asa_target_seconds,
         params.shrinkage, params.max_occupancy, params.min_agents, params.patience_seconds,
         params.aht_seconds))
    conn.executemany(
        f"INSERT INTO staffing_overrides (position, weekdays, start_minute, end_minute, "
        f"{', '.join(OVERRIDABLE)}) VALUES (?, ?, ?, ?{', ?' * len(OVERRIDABLE)})",
        [(position, json.dumps(list(o.weekdays)), o.start_minute, o.end_minute,
          *(getattr(o, name) for name in OVERRIDABLE))
         for position, o in enumerate(params.overrides)])


def _write_version(conn: sqlite3.Connection, version: RosterVersion, position: int) -> None:
    conn.execute(
        "INSERT INTO roster_versions (number, position, status, created_at, author, comment, "
        "horizon_start) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (version.number, position, version.status.value, _instant_text(version.created_at),
         version.author, version.comment,
         version.horizon_start.isoformat() if version.horizon_start else None))
    for shift_position, shift in enumerate(version.roster.shifts):
        shift_id = conn.execute(
            "INSERT INTO roster_shifts (version_number, position, agent_id, day, start_utc, "
            "end_utc, template, locked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (version.number, shift_position, shift.agent_id, shift.day.isoformat(),
             _instant_text(shift.start), _instant_text(shift.end), shift.template,
             int(shift.locked))).lastrowid
        conn.executemany(
            "INSERT INTO roster_breaks (shift_id, position, kind, start_utc, end_utc, paid) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(shift_id, break_position, b.kind, _instant_text(b.start), _instant_text(b.end),
              int(b.paid)) for break_position, b in enumerate(shift.breaks)])


def _delete_version(conn: sqlite3.Connection, number: int) -> None:
    # Shifts and breaks follow by ON DELETE CASCADE.
    conn.execute("DELETE FROM roster_versions WHERE number = ?", (number,))


def _add_event(conn: sqlite3.Connection, number: int, status: VersionStatus,
               by: str, comment: str) -> None:
    conn.execute(
        "INSERT INTO version_events (version_number, status, at, by, comment) "
        "VALUES (?, ?, ?, ?, ?)", (number, status.value, _now_text(), by, comment))


def _approved_message(number: int) -> str:
    return tr("Version {number} is approved and cannot change; edit it as a new draft.").format(number=number)


def _refuse_approved_change(conn: sqlite3.Connection, version: RosterVersion) -> None:
    stored = _read_versions(conn, version.number)
    if stored != [version]:
        raise ValueError(_approved_message(version.number))


def _stored_statuses(conn: sqlite3.Connection) -> dict[int, VersionStatus]:
    return {row["number"]: VersionStatus(row["status"])
            for row in conn.execute("SELECT number, status FROM roster_versions")}


# -- reading ---------------------------------------------------------------------

def _read_project(conn: sqlite3.Connection, path: Path) -> Project:
    """Build the Project; rows the domain rejects mean the file was damaged."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return Project(
            site=_read_site(conn),
            horizon=_read_horizon(conn),
            agents=_read_agents(conn),
            shift_templates=_read_shift_templates(conn),
            labour=_read_labour_rules(conn),
            break_rules=_read_break_rules(conn),
            requests=_read_requests(conn),
            forecast=_read_forecast(conn, int(meta["forecast_interval_minutes"])),
            staffing=_read_staffing(conn),
            versions=tuple(_read_versions(conn)),
        )
    except (ValueError, TypeError, KeyError, LookupError) as error:
        raise _damaged(path, _OPEN, tr("it holds data Turnos cannot read: {error}").format(error=error)) from error


def _one_row(conn: sqlite3.Connection, table: str) -> sqlite3.Row:
    row = conn.execute(f"SELECT * FROM {table} WHERE id = 1").fetchone()
    if row is None:
        raise LookupError(tr("the {table} are missing").format(table=table.replace('_', ' ')))
    return row


def _read_site(conn: sqlite3.Connection) -> Site:
    r = _one_row(conn, "site")
    return Site(r["name"], r["time_zone"], r["interval_minutes"], r["country"], r["region"])


def _read_horizon(conn: sqlite3.Connection) -> Horizon:
    r = _one_row(conn, "horizon")
    return Horizon(date.fromisoformat(r["start_date"]), r["weeks"])


def _read_agents(conn: sqlite3.Connection) -> tuple[Agent, ...]:
    return tuple(
        Agent(
            id=r["id"], name=r["name"],
            contract=Contract(r["contract_kind"], r["min_days_per_week"],
                              r["max_days_per_week"], r["weekly_min_minutes"],
                              r["weekly_max_minutes"]),
            earliest_start=r["earliest_start"], latest_start=r["latest_start"],
            nights=bool(r["nights"]), skills=tuple(json.loads(r["skills"])),
            time_zone=r["time_zone"])
        for r in conn.execute("SELECT * FROM agents ORDER BY position"))


def _read_shift_templates(conn: sqlite3.Connection) -> tuple[ShiftTemplate, ...]:
    return tuple(
        ShiftTemplate(r["name"], r["length_minutes"], r["earliest_start"], r["latest_start"],
                      r["start_step"])
        for r in conn.execute("SELECT * FROM shift_templates ORDER BY position"))


def _read_labour_rules(conn: sqlite3.Connection) -> LabourRules:
    r = _one_row(conn, "labour_rules")
    present = set(r.keys())
    extra = {name: r[name] for name, _ in _LABOUR_LIMIT_COLUMNS if name in present}
    return LabourRules(r["min_rest_minutes"], r["max_consecutive_days"], r["night_start"],
                       r["night_end"], r["night_min_minutes"], **extra)


def _read_break_rules(conn: sqlite3.Connection) -> tuple[BreakRule, ...]:
    return tuple(
        BreakRule(
            name=r["name"], length_minutes=r["length_minutes"], paid=bool(r["paid"]),
            count=r["count"], every_minutes=r["every_minutes"],
            min_shift_minutes=r["min_shift_minutes"], earliest_offset=r["earliest_offset"],
            latest_offset=r["latest_offset"], latest_before_end=r["latest_before_end"],
            min_gap_minutes=r["min_gap_minutes"], max_gap_minutes=r["max_gap_minutes"],
            min_work_before=r["min_work_before"], step_minutes=r["step_minutes"],
            max_shift_minutes=r["max_shift_minutes"], around_mark_minutes=r["around_mark_minutes"],
            major_fraction=bool(r["major_fraction"]), templates=tuple(json.loads(r["templates"])))
        for r in conn.execute("SELECT * FROM break_rules ORDER BY position"))


def _read_requests(conn: sqlite3.Connection) -> tuple[Request, ...]:
    return tuple(
        Request(r["agent_id"], date.fromisoformat(r["day"]), r["kind"], bool(r["hard"]),
                r["priority"], r["note"])
        for r in conn.execute("SELECT * FROM requests ORDER BY position"))


def _read_forecast(conn: sqlite3.Connection, interval_minutes: int) -> Forecast:
    return Forecast(interval_minutes, tuple(
        ForecastInterval(datetime.fromisoformat(r["start_local"]), r["calls"],
                         r["aht_seconds"], r["required_agents"])
        for r in conn.execute("SELECT * FROM forecast_intervals ORDER BY start_local")))


def _read_staffing(conn: sqlite3.Connection) -> StaffingParams:
    r = _one_row(conn, "staffing_params")
    overrides: tuple[StaffingOverride, ...] = ()
    # Files from before overrides existed (see _complete_pre_release_schema) have none.
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                    "AND name = 'staffing_overrides'").fetchone():
        overrides = tuple(
            StaffingOverride(tuple(json.loads(o["weekdays"])), o["start_minute"], o["end_minute"],
                             **{name: o[name] for name in OVERRIDABLE})
            for o in conn.execute("SELECT * FROM staffing_overrides ORDER BY position"))
    return StaffingParams(r["service_level"], r["target_seconds"], r["asa_target_seconds"],
                          r["shrinkage"], r["max_occupancy"], r["min_agents"],
                          r["patience_seconds"],
                          r["aht_seconds"] if "aht_seconds" in r.keys() else None,
                          overrides)


def _read_versions(conn: sqlite3.Connection, number: int | None = None) -> list[RosterVersion]:
    """All roster versions in project order, or just version ``number``."""
    where, params = ("WHERE v.number = ?", (number,)) if number is not None else ("", ())
    breaks: dict[int, list[BreakAssignment]] = {}
    for r in conn.execute(
            "SELECT b.* FROM roster_breaks b JOIN roster_shifts s ON s.id = b.shift_id "
            f"JOIN roster_versions v ON v.number = s.version_number {where} "
            "ORDER BY b.shift_id, b.position", params):
        breaks.setdefault(r["shift_id"], []).append(BreakAssignment(
            r["kind"], datetime.fromisoformat(r["start_utc"]),
            datetime.fromisoformat(r["end_utc"]), bool(r["paid"])))
    shifts: dict[int, list[ShiftAssignment]] = {}
    for r in conn.execute(
            "SELECT s.* FROM roster_shifts s JOIN roster_versions v "
            f"ON v.number = s.version_number {where} ORDER BY s.version_number, s.position",
            params):
        shifts.setdefault(r["version_number"], []).append(ShiftAssignment(
            r["agent_id"], date.fromisoformat(r["day"]), datetime.fromisoformat(r["start_utc"]),
            datetime.fromisoformat(r["end_utc"]), r["template"],
            tuple(breaks.get(r["id"], ())), bool(r["locked"])))
    return [
        RosterVersion(
            number=r["number"], roster=Roster(tuple(shifts.get(r["number"], ()))),
            status=r["status"], created_at=datetime.fromisoformat(r["created_at"]),
            author=r["author"], comment=r["comment"],
            horizon_start=_date_or_none(r["horizon_start"]))
        for r in conn.execute(f"SELECT * FROM roster_versions v {where} ORDER BY position",
                              params)]
