"""Bad domain data is refused with a message a team lead can act on."""

from datetime import date

import pytest

from scheduler.domain import Agent, Contract, Horizon, LabourRules, Project, Request, Site, ShiftTemplate
from scheduler.domain.requests import RequestKind


def test_unknown_time_zone_names_the_value():
    with pytest.raises(ValueError, match='"Europe/Madird" is not a known time zone'):
        Site("X", "Europe/Madird")


def test_agent_time_zone_is_checked_and_empty_means_the_centers():
    with pytest.raises(ValueError, match='Agent A1: "America/Bogotá" is not a known time zone'):
        Agent("A1", "Ana", time_zone="America/Bogotá")
    assert Agent("A1", "Ana", time_zone=" America/Bogota ").time_zone == "America/Bogota"
    assert Agent("A1", "Ana").time_zone == ""


def test_agent_window_reversed():
    with pytest.raises(ValueError, match="earliest start 16:00 is after latest start 08:00"):
        Agent("A1", "Ana", earliest_start=16 * 60, latest_start=8 * 60)


def test_duplicate_agent_id_is_refused():
    with pytest.raises(ValueError, match="Agent ID A1 is used twice"):
        Project(Site("X"), Horizon(date(2027, 1, 4)), agents=(Agent("A1", "Ana"), Agent("A1", "Luis")))


def test_request_for_unknown_agent_is_refused():
    with pytest.raises(ValueError, match="names agent Z9, who is not in the agent list"):
        Project(Site("X"), Horizon(date(2027, 1, 4)), agents=(Agent("A1", "Ana"),),
                requests=(Request("Z9", date(2027, 1, 5)),))


def test_vacation_is_always_hard():
    assert Request("A1", date(2027, 1, 5), RequestKind.VACATION, hard=False).hard


def test_contract_presets():
    full = Contract.full_time()
    assert (full.min_days_per_week, full.max_days_per_week) == (5, 5)
    assert full.weekly_min_minutes <= 2400 <= full.weekly_max_minutes
    part = Contract.part_time()
    assert (part.min_days_per_week, part.max_days_per_week) == (2, 3)


def test_night_shift_definition_follows_three_hours_in_window():
    rules = LabourRules()
    assert rules.is_night(22 * 60, 480)
    assert rules.is_night(20 * 60, 480)  # 22–04 inside
    assert not rules.is_night(15 * 60, 480)  # 22–23 only
    assert rules.is_night(0, 480)  # 00–06 inside


@pytest.mark.parametrize("kwargs, message", [
    (dict(length_minutes=20), "length must be 1–14 h"),
    (dict(start_step=7), "start step must be"),
    (dict(earliest_start=600, latest_start=300), "earliest start is after latest start"),
])
def test_template_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ShiftTemplate("T", **kwargs)
