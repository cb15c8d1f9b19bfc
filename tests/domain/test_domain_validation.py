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


@pytest.mark.parametrize("days, hours, message", [
    # the spreadsheet import refuses more than 80 h a week; the dialog and the file store agree
    ((5, 5), (40, 90), "≤ 80 h, got 40–90 h"),
    # no working day cannot make any hours, nor 3 days 45 h (no shift is longer than 14 h)
    ((0, 0), (40, 40), "At most 0 working days a week cannot make 40 h"),
    ((2, 3), (45, 45), "At most 3 working days a week cannot make 45 h: no shift is longer than 14 h"),
])
def test_contracts_no_roster_can_meet_are_refused(days, hours, message):
    from scheduler.domain import ContractKind

    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Contract(ContractKind.CUSTOM, *days, hours[0] * 60, hours[1] * 60)


def test_the_longest_contract_that_can_be_met_is_accepted():
    from scheduler.domain import ContractKind

    assert Contract(ContractKind.CUSTOM, 3, 3, 42 * 60, 80 * 60).weekly_max_minutes == 80 * 60


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


# -- refusals in the team lead's language ---------------------------------------------------------

@pytest.fixture
def spanish():
    from scheduler import i18n

    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_agent_refusal_reads_in_spanish_and_names_the_agent(spanish):
    with pytest.raises(ValueError) as refused:
        Agent("A7", "Ana", earliest_start=16 * 60, latest_start=8 * 60)
    assert str(refused.value) == "Agente A7: el inicio más temprano, 16:00, es posterior al más tardío, 08:00"
    with pytest.raises(ValueError) as refused:
        Agent("A7", "Ana", time_zone="America/Bogotá")
    assert str(refused.value).startswith('Agente A7: "America/Bogotá" no es una zona horaria conocida')


def test_labour_rules_refusal_reads_in_spanish_with_the_value(spanish):
    with pytest.raises(ValueError) as refused:
        LabourRules(max_nights_per_week=9)
    assert str(refused.value) == "El máximo de noches por semana debe estar entre 0 y 7; se indicó 9"
    # the phrase handed to the time-of-day check is translated too
    with pytest.raises(ValueError) as refused:
        LabourRules(night_start=24 * 60)
    assert str(refused.value) == ("El inicio de la franja nocturna debe ser una hora del día entre "
                                  "00:00 y 23:59; se indicó 1440")
    with pytest.raises(ValueError) as refused:
        LabourRules(fair_nights_weight=-5)
    assert str(refused.value) == "El peso del reparto justo de noches debe estar entre 0 y 100000; se indicó -5"


def test_every_labour_rule_weight_has_a_spanish_name():
    from scheduler.domain.rules import _WEIGHTS
    from scheduler.i18n import ES

    for name in _WEIGHTS:
        assert ES.get(name.replace("_", " "), "").startswith("peso "), name


def test_site_and_horizon_refusals_read_in_spanish_with_the_value(spanish):
    with pytest.raises(ValueError) as refused:
        Site("X", "Europe/Madird")
    assert str(refused.value).startswith('"Europe/Madird" no es una zona horaria conocida; usa un nombre como')
    with pytest.raises(ValueError) as refused:
        Horizon(date(2027, 1, 4), weeks=9)
    assert str(refused.value) == "Un cuadrante abarca de 1 a 6 semanas; se indicó 9"
    with pytest.raises(ValueError) as refused:
        Horizon(date(2027, 1, 4), weeks=1).index(date(2027, 2, 1))
    assert str(refused.value) == "2027-02-01 está fuera del periodo de planificación 2027-01-04 – 2027-01-10"


def test_project_refusal_reads_in_spanish_and_names_the_agent(spanish):
    with pytest.raises(ValueError) as refused:
        Project(Site("X"), Horizon(date(2027, 1, 4)), agents=(Agent("A1", "Ana"),),
                requests=(Request("Z9", date(2027, 1, 5)),))
    assert str(refused.value) == "Una petición del 2027-01-05 nombra al agente Z9, que no está en la lista de agentes"

