"""Files in and out: agent lists, availability templates, and every export of a version."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QPlainTextEdit

from scheduler.domain import VersionStatus

REPO = Path(__file__).resolve().parents[2]


def _accept_reviews(monkeypatch):
    from ui.dialogs.import_report_dialog import ImportReportDialog

    monkeypatch.setattr(ImportReportDialog, "exec", lambda self: 1)


def test_import_agents_from_a_spreadsheet(qtbot, window, small_center, monkeypatch):
    _accept_reviews(monkeypatch)
    window.open_project(small_center)
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        assert window.agents_page.import_agents(REPO / "samples" / "agents.xlsx")
    assert len(window.document.project.agents) == 50
    window.actions.undo.trigger()
    assert len(window.document.project.agents) == 12


def test_the_import_review_shows_the_columns_it_ignored(qtbot, small_center, tmp_path):
    from openpyxl import Workbook

    from scheduler.spreadsheets import import_agents
    from scheduler.store import load_project
    from ui.dialogs.import_report_dialog import ImportReportDialog

    path = tmp_path / "agentes.xlsx"
    workbook = Workbook()
    workbook.active.append(["ID", "Nombre", "Horas semanales"])
    workbook.active.append(["N1", "Nueva Persona", 37.5])
    workbook.save(path)
    report = import_agents(load_project(small_center), path, language="en")
    dialog = ImportReportDialog("Import agents", report)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "Worth a look" in text and "Horas semanales" in text and "C1" in text


def test_availability_templates_round_trip(qtbot, window, small_center, tmp_path, dialogs, monkeypatch):
    _accept_reviews(monkeypatch)
    window.open_project(small_center)
    folder = tmp_path / "templates"
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        assert window.requests_page.write_templates(folder)
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 12
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        assert window.requests_page.import_availability(folder)
    assert not [d for d in dialogs if d[0] == "error"], dialogs


def test_exports_of_an_approved_version(qtbot, window, solved_center, tmp_path, dialogs):
    window.open_project(solved_center)
    # HR files need an approved version: refused in words while it is a draft
    with qtbot.waitSignal(window.worker.finished, timeout=30_000):
        window.export(tmp_path / "hr.xlsx", "hr")
    assert dialogs and "approved" in dialogs[-1][2] and "Traceback" not in dialogs[-1][2]
    assert window.decide(VersionStatus.SUBMITTED, "Lead", "")
    assert window.decide(VersionStatus.APPROVED, "Lead", "ok")
    for kind, name in (("approval", "approval.xlsx"), ("hr", "hr.xlsx"), ("ics", "calendars.zip"),
                       ("roster", "roster.xlsx")):
        with qtbot.waitSignal(window.worker.finished, timeout=60_000):
            assert window.export(tmp_path / name, kind)
        assert (tmp_path / name).stat().st_size > 0, kind
    book = load_workbook(tmp_path / "approval.xlsx", read_only=True)
    assert len(book.sheetnames) >= 5
    book.close()
    with zipfile.ZipFile(tmp_path / "calendars.zip") as archive:
        assert len(archive.namelist()) == 12
