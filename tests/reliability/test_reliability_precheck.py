"""Rules that contradict each other are explained in words, naming the agent and the rule.

:func:`scheduler.precheck.find_impossibilities` finds, before any search, the
clashes a team lead can fix (each case below); ``solve_project`` refuses to
solve while there is one. Clashes it does not look for are still explained
— after the solve proves them infeasible — by the engine's conflict search.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scheduler.domain import Agent, Contract, ContractKind, LabourRules, Request, RequestKind, ShiftTemplate
from scheduler.precheck import find_impossibilities
from scheduler.solving import PlanningError, solve_project
from solver import SolveParams
from tests.factories import in_spanish, tiny_project

MONDAY = date(2027, 1, 4)
PARAMS = SolveParams(time_limit_seconds=10, workers=1, seed=1)


def _custom(min_days: int, max_days: int, min_hours: float, max_hours: float) -> Contract:
    return Contract(ContractKind.CUSTOM, min_days, max_days, round(min_hours * 60), round(max_hours * 60))


def _off(agent_id: str, *days: int, kind=RequestKind.DAY_OFF) -> list[Request]:
    return [Request(agent_id, MONDAY + timedelta(days=d), kind, hard=True) for d in days]


CLASHES = {
    "approved days off leave too few days": (
        dict(agents=[Agent("A1", "Ana María", _custom(5, 5, 0, 40))], requests=_off("A1", 0, 1, 2)),
        ["Ana María (A1), week of 2027-01-04", "needs 5 working days", "(Mon 04/01, Tue 05/01, Wed 06/01) leave 4",
         "Deny a day off"]),
    "approved days off leave too few hours": (
        dict(agents=[Agent("A1", "Ana", _custom(2, 5, 30, 40))], requests=_off("A1", 0, 1, 2, 3)),
        ["Ana (A1), week of 2027-01-04", "needs 30 h but 3 free days of at most 8 h allow 24 h"]),
    "start window no template starts in": (
        dict(agents=[Agent("A1", "Ana", earliest_start=5 * 60 + 10, latest_start=5 * 60 + 20)]),
        ["Ana (A1)", "no shift template starts inside their start window 05:10–05:20", "Widen the window"]),
    "no nights, but only night starts": (
        dict(agents=[Agent("A1", "Ana", earliest_start=22 * 60, latest_start=23 * 60, nights=False)]),
        ["Ana (A1) does not work nights", "22:00–23:00 is a night shift"]),
    "days off a week rule against the contract": (
        dict(agents=[Agent("A1", "Ana")], labour=LabourRules(min_days_off_per_week=3)),
        ["Ana (A1)", "needs 5 working days a week", "at least 3 days off a week leaves 4"]),
    "nights a week rule against night-only window": (
        dict(agents=[Agent("A1", "Ana", earliest_start=22 * 60, latest_start=23 * 60)],
             labour=LabourRules(max_nights_per_week=3)),
        ["Ana (A1)", "needs 5 days a week", "at most 3 nights a week"]),
    "rest between shifts longer than a day allows": (
        dict(agents=[Agent("A1", "Ana", earliest_start=8 * 60, latest_start=9 * 60)],
             labour=LabourRules(min_rest_minutes=18 * 60)),
        ["Ana (A1)", "18 h of rest between shifts leave no two working days in a row",
         "start window 08:00–09:00", "allow is 17 h)", "at most 4 working days",
         "the contract needs 5", "Shorten the rest"]),
    "seven days a week against days in a row": (
        dict(agents=[Agent("A1", "Ana", _custom(7, 7, 0, 56))], labour=LabourRules(max_consecutive_days=6)),
        ["Ana (A1)", "7 working days every week", "at most 6 days in a row"]),
}


@pytest.mark.parametrize("clash", CLASHES)
def test_a_clash_is_explained_before_solving_naming_agent_and_rule(clash):
    kwargs, phrases = CLASHES[clash]
    project = tiny_project(**kwargs)
    [problem] = find_impossibilities(project)
    for phrase in phrases:
        assert phrase in problem, problem
    with pytest.raises(PlanningError) as caught:
        solve_project(project, PARAMS)
    assert caught.value.problems == [problem]


def test_the_clashes_of_several_agents_are_all_listed():
    agents = [Agent("A1", "Ana", _custom(5, 5, 0, 40)), Agent("B2", "Bruno", earliest_start=310, latest_start=315),
              Agent("C3", "Carla")]
    problems = find_impossibilities(tiny_project(agents, requests=_off("A1", 0, 1, 2)))
    assert [p.split(")")[0] + ")" for p in problems] == ["Ana (A1)", "Bruno (B2)"]


@pytest.mark.parametrize("kwargs", [
    dict(agents=[Agent("A1", "Ana")], requests=_off("A1", 0, 1, 2, 3, kind=RequestKind.VACATION)),
    dict(agents=[Agent("A1", "Ana")], requests=_off("A1", 0, 1)),
    dict(agents=[Agent("A1", "Ana", earliest_start=22 * 60, latest_start=23 * 60)]),
    dict(agents=[Agent("A1", "Ana", _custom(3, 3, 20, 24))],
         templates=(ShiftTemplate("8h", 480, 0, 23 * 60, 60), ShiftTemplate("6h", 360, 6 * 60, 18 * 60, 60))),
])
def test_rules_that_can_all_hold_raise_no_false_alarm(kwargs):
    assert find_impossibilities(tiny_project(**kwargs)) == []


@pytest.mark.parametrize("contract, phrases", [
    # 3 days of at most 8 h cannot make 30 h
    (_custom(3, 3, 30, 30), ["Ana (A1)", "at least 30 h a week", "at most 3 working days", "(24 h)"]),
    # 5 shifts of 8 h cannot stay under 30 h
    (_custom(5, 5, 0, 30), ["Ana (A1)", "at least 5 working days", "at most 30 h", "(40 h)"]),
])
def test_contract_days_and_hours_that_cannot_meet_are_explained_before_solving(contract, phrases):
    project = tiny_project([Agent("A1", "Ana", contract)], required=0)
    [problem] = find_impossibilities(project)
    for phrase in phrases:
        assert phrase in problem, problem
    with pytest.raises(PlanningError):
        solve_project(project, PARAMS)


def test_clashes_and_workflow_refusals_read_in_the_chosen_language():
    """With Spanish chosen, a precheck clash and a workflow refusal are Spanish and still name who/which."""
    from dataclasses import replace

    from scheduler.domain import Roster, RosterVersion, VersionStatus
    from scheduler.versions import WorkflowError, check_transition, find_version

    project = tiny_project([Agent("A1", "Ana María", _custom(5, 5, 0, 40))], requests=_off("A1", 0, 1, 2))
    draft = RosterVersion(3, Roster(), status=VersionStatus.DRAFT)
    submitted = RosterVersion(4, Roster(), status=VersionStatus.SUBMITTED)

    def messages() -> list[str]:
        found = list(find_impossibilities(project))
        for version, target, comment in ((draft, "approved", ""), (submitted, "rejected", "  ")):
            with pytest.raises(WorkflowError) as refused:
                check_transition(version, target, project, comment)
            found.append(str(refused.value))
        with pytest.raises(WorkflowError) as refused:
            find_version(replace(project, versions=(draft,)), 7)
        found.append(str(refused.value))
        return found

    english = messages()
    spanish = in_spanish(messages)
    clash, approving, rejecting, unknown = spanish
    assert english[1] == "Version 3 is a draft; submit it before it can be approved."
    assert english[2].startswith("Say why version 4 is rejected")
    assert "Ana María (A1), semana del 2027-01-04" in clash and "días libres aprobados" in clash
    assert "(lun 04/01, mar 05/01, mié 06/01) dejan 4" in clash and "Deniega un día libre" in clash
    assert approving == "La versión 3 es un borrador; envíala antes de aprobarla."
    assert rejecting.startswith("Di por qué rechazas la versión 4")
    assert "versión 7" in unknown and "versiones 3" in unknown
    assert all(s != e for s, e in zip(spanish, english))
