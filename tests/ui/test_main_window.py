"""The window opens projects, refuses what is not one, and says which version is on screen."""

from __future__ import annotations

from ui.models.agents_model import AgentsModel


def test_window_opens_sample_and_lists_agents(window, sample_copy):
    assert window.open_project(sample_copy)
    page = window.agents_page
    assert page.model.rowCount() == 50
    assert "demo.turnos" in window.windowTitle()
    page.filter.setText("A001")
    assert page.proxy.rowCount() == 1


def test_refuses_a_non_project_without_traceback(window, tmp_path, dialogs):
    bogus = tmp_path / "list.turnos"
    bogus.write_text("not a project")
    assert not window.open_project(bogus)
    assert dialogs and "list.turnos" in dialogs[-1][2] and "Traceback" not in dialogs[-1][2]


def test_title_names_the_version_and_its_status(window, small_center):
    from scheduler.domain import Roster, RosterVersion

    window.open_project(small_center)
    window.document.add_version(RosterVersion(1, Roster(), author="test"))
    assert "version 1 (draft)" in window.windowTitle()


def test_first_run_opens_a_copy_of_the_sample_never_the_original(qapp, monkeypatch):
    from ui.actions import project_actions

    original = project_actions.bundled_sample().read_bytes()
    copy = project_actions.sample_copy()
    assert copy is not None and copy != project_actions.bundled_sample()
    assert copy.read_bytes() == original


def test_agents_model_passes_model_tester(qtmodeltester, sample_copy):
    from scheduler.store import load_project

    model = AgentsModel(load_project(sample_copy).agents)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "A001"
