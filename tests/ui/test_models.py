"""Every table the app shows is a proper Qt model (pytest-qt's model tester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from scheduler.store import load_project, load_version_events
from scheduler.validate import validate
from ui.models.agents_model import AgentsModel
from ui.models.forecast_model import ForecastModel, ForecastRow
from ui.models.issues_model import Issue, IssuesModel
from ui.models.requests_model import RequestsCalendarModel
from ui.models.roster_model import FAMILY_ROLE, RosterModel
from ui.models.templates_model import BreakRulesModel, ShiftTemplatesModel
from ui.models.versions_model import EventsModel, VersionsModel


def test_roster_model(qtmodeltester, solved_center):
    project = load_project(solved_center)
    roster = project.latest_version().roster
    model = RosterModel()
    model.set_roster(project, roster, validate(project, roster))
    qtmodeltester.check(model)
    assert model.rowCount() == len(project.agents) and model.columnCount() == 7
    shift = roster.shifts[0]
    index = model.index(model.row_of(shift.agent_id), model.column_of(shift.day))
    assert "–" in index.data() and index.data(FAMILY_ROLE) in ("morning", "afternoon", "night")
    model.update_roster(roster, ())
    qtmodeltester.check(model)


def test_requests_calendar_model(qtmodeltester, solved_center):
    project = load_project(solved_center)
    model = RequestsCalendarModel()
    model.set_project(project)
    qtmodeltester.check(model)
    request = project.requests[0]
    index = model.index(next(r for r in range(model.rowCount()) if model.agent_at(r).id == request.agent_id),
                        project.horizon.index(request.day))
    assert index.data() and index.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_list_models(qtmodeltester, solved_center):
    project = load_project(solved_center)
    version = project.latest_version()
    models = [
        AgentsModel(project.agents),
        ShiftTemplatesModel(project.shift_templates),
        BreakRulesModel(project.break_rules),
        VersionsModel(project.versions),
        EventsModel(load_version_events(solved_center)),
        ForecastModel([ForecastRow(i.start, i.calls, i.aht_seconds, 3, False) for i in project.forecast.intervals[:96]]),
        IssuesModel([Issue("rule", "Mon 04/01", "Ana", "rests 10 h", "A001", project.horizon.start),
                     Issue("short", "09:00–09:30", "", "short by 2")]),
    ]
    for model in models:
        qtmodeltester.check(model)
        assert model.rowCount() > 0
    assert version.number == 1
