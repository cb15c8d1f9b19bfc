"""The desktop window opens the sample and shows its agents."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.main_window import MainWindow
from ui.models.agents_model import AgentsModel


def test_window_opens_sample_and_lists_agents(qtbot, sample_copy):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(sample_copy)
    assert window.agents_model.rowCount() == 50
    assert "demo.turnos" in window.windowTitle()
    window.agent_filter.setText("A001")
    assert window.agents_proxy.rowCount() == 1


def test_refuses_a_non_project_without_traceback(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bogus = tmp_path / "list.turnos"
    bogus.write_text("not a project")
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_project(bogus)
    assert shown and "list.turnos" in shown[0] and "Traceback" not in shown[0]


def test_agents_model_passes_model_tester(qtmodeltester, sample_copy):
    from scheduler.store import load_project

    model = AgentsModel(load_project(sample_copy).agents)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "A001"
