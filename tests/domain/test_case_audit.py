"""Case audits' rules as worked examples (homeward/domain/case_audit.py; Dudley strategy
000_f860603ee99ef2b2.txt 'Quality and Audit': "The Dudley Centre for Professional Practice will
consistently review the quality of permanence planning"). The seed names no form, grades or
auditor role: those are marked (check) where they are defined."""

from __future__ import annotations

import datetime as dt

from homeward.domain import case_audit as rules

TODAY = dt.date(2026, 11, 24)
ALL_YES = {key: "yes" for key in rules.QUESTION_KEYS}


def action(text="Update the genogram", due=dt.date(2026, 12, 8), owner=True):
    return rules.PlannedAction(text, due, owner)


def test_a_good_audit_with_every_question_answered_needs_no_action() -> None:
    assert (
        rules.problems(audited_on=TODAY, grade="good", answers=ALL_YES, actions=[], today=TODAY)
        == {}
    )


def test_every_question_is_answered_and_the_grade_given() -> None:
    found = rules.problems(
        audited_on=TODAY, grade="", answers={"plan_on_time": "no"}, actions=[], today=TODAY
    )
    assert found["grade"] == "Select the grade"
    assert set(rules.QUESTION_KEYS) - {"plan_on_time"} <= set(found)
    assert "plan_on_time" not in found


def test_an_audit_is_not_dated_in_the_future() -> None:
    found = rules.problems(
        audited_on=dt.date(2026, 11, 25), grade="good", answers=ALL_YES, actions=[], today=TODAY
    )
    assert found == {"audited_on": "The date of the audit must be today or in the past"}


def test_requires_improvement_or_inadequate_needs_an_action() -> None:
    """A grade below good asks what must be done, by whom and by when (Homeward's rule, check)."""
    for grade in ("requires_improvement", "inadequate"):
        found = rules.problems(
            audited_on=TODAY, grade=grade, answers=ALL_YES, actions=[], today=TODAY
        )
        assert "needs at least one action" in found["actions"]
        assert (
            rules.problems(
                audited_on=TODAY, grade=grade, answers=ALL_YES, actions=[action()], today=TODAY
            )
            == {}
        )


def test_an_action_has_an_owner_and_is_not_due_before_the_audit() -> None:
    """Audited on Tuesday 24 November 2026: an action due on Monday 23rd is refused, one due on
    the day of the audit is fine."""
    found = rules.problems(
        audited_on=TODAY,
        grade="good",
        answers=ALL_YES,
        actions=[action(due=dt.date(2026, 11, 23))],
        today=TODAY,
    )
    assert found["actions"] == "An action cannot be due before the audit: Update the genogram"
    assert not rules.problems(
        audited_on=TODAY, grade="good", answers=ALL_YES, actions=[action(due=TODAY)], today=TODAY
    )
    found = rules.problems(
        audited_on=TODAY, grade="good", answers=ALL_YES, actions=[action(owner=False)], today=TODAY
    )
    assert found["actions"].startswith("Select who owns the action")


def test_each_question_and_council_cites_its_source() -> None:
    assert all(q.source for q in rules.QUESTIONS)
    assert rules.COUNCIL_SOURCES["dudley"] == "000_f860603ee99ef2b2.txt 'Quality and Audit'"
    assert "(check)" in rules.COUNCIL_SOURCES["durham"]
    assert "(check)" in rules.COUNCIL_SOURCES["devon"]
