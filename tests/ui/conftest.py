"""GUI test fixtures: private settings and data folder, recorded dialogs, small centers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from scheduler.generate import generate_center
from scheduler.store import save_project


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory, qapp):
    """Each test gets empty settings and its own data folder; English to start with."""
    QStandardPaths.setTestModeEnabled(True)
    qapp.setOrganizationName("TurnosTests")
    qapp.setApplicationName("Turnos")
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    from ui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """Message boxes are recorded instead of blocking; questions answer yes."""
    from ui import notify

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(notify, "show", lambda parent, level, title, text: shown.append((level, title, text)))
    monkeypatch.setattr(notify, "ask", lambda parent, title, text: True)
    return shown


@pytest.fixture
def small_center(tmp_path: Path) -> Path:
    """12 agents, one week: solves in seconds."""
    path = tmp_path / "small.turnos"
    save_project(path, generate_center(12, weeks=1))
    return path


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    yield win
    win.worker.shutdown()


@pytest.fixture(scope="session")
def _solved_file(tmp_path_factory) -> Path:
    """A small center solved once for the whole session (without Qt), as version 1."""
    from scheduler.domain import RosterVersion
    from scheduler.solving import solve_project
    from scheduler.store import save_version
    from solver import SolveParams

    path = tmp_path_factory.mktemp("solved") / "solved.turnos"
    project = generate_center(12, weeks=1)
    save_project(path, project)
    outcome = solve_project(project, SolveParams(time_limit_seconds=6, seed=1))
    assert outcome.roster is not None, "the small center should solve in 6 s"
    save_version(path, RosterVersion(1, outcome.roster, author="tests", horizon_start=project.horizon.start))
    return path


@pytest.fixture
def solved_center(_solved_file: Path, tmp_path: Path) -> Path:
    """A private copy of the solved small center."""
    target = tmp_path / "solved.turnos"
    target.write_bytes(_solved_file.read_bytes())
    return target
