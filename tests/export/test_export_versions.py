"""Approval workflow: draft → submitted → approved/rejected; approved is final; fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from scheduler.domain import Agent, BreakAssignment, Roster, RosterVersion, ShiftAssignment, VersionStatus
from scheduler.store import load_project, load_version_events, save_project, save_version, set_version_status
from scheduler.versions import (
    FINGERPRINT_FORMAT,
    TRANSITIONS,
    WorkflowError,
    approve,
    canonical_schedule,
    check_transition,
    edit_copy,
    find_version,
    fingerprint,
    reject,
    require_approved,
    short_fingerprint,
    submit,
)
from tests.factories import contract, tiny_project

MONDAY = date(2027, 1, 4)


def _project():
    return tiny_project([Agent("A1", "Ana", contract(2, min_days=0)), Agent("A2", "Bea", contract(2, min_days=0))])


def _shift(project, agent, day, hour, breaks=()):
    tl = project.timeline
    start = tl.wall_to_utc(day, hour * 60)
    return ShiftAssignment(agent, day, start, tl.wall_to_utc(day, hour * 60 + 480), "8h", breaks=tuple(
        BreakAssignment(kind, start + timedelta(minutes=a), start + timedelta(minutes=b), paid)
        for kind, a, b, paid in breaks))


def _valid_roster(project, breaks=True):
    """Valid for every rule; the breaks are checked by the break rules' own tests, so the
    workflow tests use ``breaks=False`` (the project defines no break rules)."""
    pauses = [("PVD", 60, 65, True), ("Lunch", 240, 270, False)] if breaks else []
    return Roster((_shift(project, "A1", MONDAY, 8, pauses), _shift(project, "A2", MONDAY + timedelta(days=1), 22)))


def _broken_roster(project):
    # three shifts in one week for a contract of at most two days
    return Roster(tuple(_shift(project, "A1", MONDAY + timedelta(days=d), 8) for d in (0, 1, 2)))


@pytest.fixture
def path(tmp_path):
    project = _project()
    target = tmp_path / "p.turnos"
    save_project(target, project.with_version(RosterVersion(1, _valid_roster(project, breaks=False), author="lead",
                                                            horizon_start=MONDAY)))
    return target


# -- fingerprint -------------------------------------------------------------------

def test_fingerprint_is_stable_and_independent_of_shift_order():
    project = _project()
    roster = _valid_roster(project)
    again = Roster(tuple(reversed(roster.shifts)))
    assert fingerprint(roster) == fingerprint(again) == fingerprint(_valid_roster(project))
    assert len(fingerprint(roster)) == 64
    assert short_fingerprint(fingerprint(roster)) == " ".join(
        fingerprint(roster)[i:i + 4] for i in (0, 4, 8))


def test_fingerprint_changes_when_a_shift_or_a_break_changes():
    project = _project()
    roster = _valid_roster(project)
    base = fingerprint(roster)
    first, second = roster.shifts
    moved = replace(first, start=first.start + timedelta(minutes=1))
    assert fingerprint(Roster((moved, second))) != base
    other_agent = replace(first, agent_id="A2")
    assert fingerprint(Roster((other_agent, second))) != base
    unpaid = replace(first, breaks=(replace(first.breaks[0], paid=False), first.breaks[1]))
    assert fingerprint(Roster((unpaid, second))) != base
    no_breaks = replace(first, breaks=())
    assert fingerprint(Roster((no_breaks, second))) != base
    # templates and locks do not change who works when
    assert fingerprint(Roster((replace(first, template="other", locked=True), second))) == base


def test_canonical_schedule_is_utc_json_lines():
    project = _project()
    text = canonical_schedule(_valid_roster(project)).decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == FINGERPRINT_FORMAT and lines[-1] == ""
    first = json.loads(lines[1])
    assert first[:4] == ["A1", "2027-01-04", "2027-01-04T07:00:00Z", "2027-01-04T15:00:00Z"]
    assert first[4] == [["Lunch", "2027-01-04T11:00:00Z", "2027-01-04T11:30:00Z", False],
                        ["PVD", "2027-01-04T08:00:00Z", "2027-01-04T08:05:00Z", True]]


# -- workflow ----------------------------------------------------------------------

def test_transitions_are_documented_and_final_states_have_none():
    assert TRANSITIONS[VersionStatus.DRAFT] == {VersionStatus.SUBMITTED}
    assert TRANSITIONS[VersionStatus.SUBMITTED] == {VersionStatus.APPROVED, VersionStatus.REJECTED}
    assert not TRANSITIONS[VersionStatus.APPROVED] and not TRANSITIONS[VersionStatus.REJECTED]


def test_submit_then_approve_records_who_when_and_why(path):
    submitted = submit(path, by="Luis", comment="first week")
    assert submitted.status is VersionStatus.SUBMITTED
    approved = approve(path, 1, by="Marta", comment="ok")
    assert approved.status is VersionStatus.APPROVED
    assert load_project(path).versions[0].status is VersionStatus.APPROVED
    events = load_version_events(path, 1)
    assert [(e.status, e.by, e.comment) for e in events][-2:] == [
        (VersionStatus.SUBMITTED, "Luis", "first week"), (VersionStatus.APPROVED, "Marta", "ok")]
    assert all(e.at.tzinfo is not None for e in events)


def test_a_draft_cannot_be_approved_directly(path):
    with pytest.raises(WorkflowError, match="Version 1 is a draft; submit it"):
        approve(path, by="Marta")
    assert load_project(path).versions[0].status is VersionStatus.DRAFT


def test_approval_is_refused_while_rules_are_broken_and_the_message_lists_them(tmp_path):
    project = _project()
    target = tmp_path / "bad.turnos"
    save_project(target, project.with_version(RosterVersion(1, _broken_roster(project))))
    submit(target, by="Luis")
    with pytest.raises(WorkflowError) as caught:
        approve(target, by="Marta")
    message = str(caught.value)
    assert "cannot be approved: it breaks 2 hard rules" in message
    assert "Ana (A1) works 3 days in the week of 2027-01-04" in message
    assert load_project(target).versions[0].status is VersionStatus.SUBMITTED


def test_an_approved_version_cannot_change(path):
    submit(path, by="Luis")
    approve(path, by="Marta")
    with pytest.raises(WorkflowError, match="approved and cannot change"):
        submit(path, by="Luis")
    with pytest.raises(WorkflowError, match="approved and cannot change"):
        reject(path, by="Marta", comment="changed my mind")
    with pytest.raises(ValueError, match="approved"):
        set_version_status(path, 1, VersionStatus.DRAFT, by="x")
    version = load_project(path).versions[0]
    moved = Roster((replace(version.roster.shifts[0], start=version.roster.shifts[0].start + timedelta(hours=1)),)
                   + version.roster.shifts[1:])
    with pytest.raises(ValueError, match="approved"):
        save_version(path, replace(version, roster=moved))
    assert fingerprint(load_project(path).versions[0].roster) == fingerprint(version.roster)


def test_editing_an_approved_version_makes_a_new_draft_with_the_next_number(path):
    submit(path, by="Luis")
    approve(path, by="Marta")
    before = fingerprint(load_project(path).versions[0].roster)
    copy = edit_copy(path, 1, by="Luis")
    assert copy.number == 2 and copy.status is VersionStatus.DRAFT
    project = load_project(path)
    assert [(v.number, v.status) for v in sorted(project.versions, key=lambda v: v.number)] == [
        (1, VersionStatus.APPROVED), (2, VersionStatus.DRAFT)]
    assert fingerprint(find_version(project, 2).roster) == before == fingerprint(find_version(project, 1).roster)


def test_reject_needs_a_comment_and_a_rejected_version_stays_as_reviewed(path):
    submit(path, by="Luis")
    with pytest.raises(WorkflowError, match="Say why"):
        reject(path, by="Marta", comment="  ")
    rejected = reject(path, by="Marta", comment="too many nights for Bea")
    assert rejected.status is VersionStatus.REJECTED
    with pytest.raises(WorkflowError, match="rejected and stays as reviewed"):
        submit(path, by="Luis")
    assert load_version_events(path, 1)[-1].comment == "too many nights for Bea"
    assert edit_copy(path, 1, by="Luis").number == 2


def test_a_name_is_required(path):
    with pytest.raises(WorkflowError, match="--by"):
        submit(path, by=" ")


def test_unknown_version_and_empty_project_are_explained(path, tmp_path):
    with pytest.raises(WorkflowError, match="no roster version 7; the project has versions 1"):
        submit(path, 7, by="Luis")
    empty = tmp_path / "empty.turnos"
    save_project(empty, _project())
    with pytest.raises(WorkflowError, match="no roster yet"):
        submit(empty, by="Luis")


def test_hr_needs_an_approved_version_with_a_clear_message():
    project = _project()
    draft = RosterVersion(2, _valid_roster(project))
    with pytest.raises(WorkflowError) as caught:
        require_approved(draft)
    assert str(caught.value) == ("Version 2 is a draft; HR exports need an approved version. "
                                 "Submit and approve it first.")
    with pytest.raises(WorkflowError, match="submitted; HR exports need an approved version. Approve it first"):
        require_approved(replace(draft, status=VersionStatus.SUBMITTED))
    with pytest.raises(WorkflowError, match="borrador"):
        require_approved(draft, language="es")
    require_approved(replace(draft, status=VersionStatus.APPROVED))


def test_check_transition_without_a_store():
    project = _project()
    version = RosterVersion(1, _broken_roster(project), status=VersionStatus.SUBMITTED)
    with pytest.raises(WorkflowError, match="cannot be approved"):
        check_transition(version, VersionStatus.APPROVED, project)
    check_transition(replace(version, roster=_valid_roster(project, breaks=False)), "approved", project)
