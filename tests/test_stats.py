"""Attendance, action and plan figures are computed from the data by the rules of docs/format.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from generator.data.model import Action, Delegation, Issuer, Meeting, MeetingInfo, Member, Plan, Text
from generator.data.stats import (
    ActionFigures, action_figures, attendance, attendance_problems, is_overdue, plan_summary,
)


def member(gender: str | None) -> Member:
    """A named member with the given gender."""
    return Member(name=Text(lo="ທ່ານ"), gender=gender)


def test_computed_from_roster() -> None:
    figures = attendance(Delegation(members=(member("female"), member("male"), member("male")),
                                    units=(Text(lo="ກົມ"),)))
    assert (figures.total, figures.women, figures.men, figures.named, figures.units) == (3, 1, 2, 3, 1)
    assert figures.women_share == pytest.approx(100 / 3)


def test_declared_figures_win_over_a_partial_roster() -> None:
    figures = attendance(Delegation(total=14, women=5, members=(member(None), member(None))))
    assert (figures.total, figures.women, figures.men, figures.named) == (14, 5, 9, 2)
    assert round(figures.women_share, 1) == 35.7


def test_declared_total_with_counted_women() -> None:
    figures = attendance(Delegation(total=10, members=(member("female"), member("female"), member("male"))))
    assert (figures.total, figures.women, figures.men, figures.named_women, figures.named_men) == (10, 2, 8, 2, 1)


def test_consistent_delegations_have_no_problems() -> None:
    assert attendance_problems(Delegation(total=14, women=5, members=(member(None),))) == []
    assert attendance_problems(Delegation(total=3, women=1, members=(member("female"), member("male"),
                                                                     member("male")))) == []


def test_contradictions_name_the_numbers() -> None:
    assert attendance_problems(Delegation(total=2, women=3)) == [
        ("delegation.women", "3 is more than delegation.total (2)")]
    assert attendance_problems(Delegation(women=2, members=(member("female"),))) == [
        ("delegation.women", "2 is more than the number of named members (1)")]


def test_plan_summary_counts_and_years() -> None:
    plan = Plan(title=Text(lo="ແຜນ"), start=2021, end=2025,
                priority_areas=tuple(Text(lo=str(i)) for i in range(12)), activities=80,
                proposals=(Text(lo="ກ"), Text(lo="ຂ"), Text(lo="ຄ")))
    summary = plan_summary(plan)
    assert (summary.priority_areas, summary.activities, summary.proposals) == (12, 80, 3)
    assert (summary.first_year, summary.last_year, summary.years) == (2021, 2025, 5)


# ---- present and absent (minutes) --------------------------------------------------------

def absent(gender: str | None) -> Member:
    """A named member who did not attend."""
    return Member(name=Text(lo="ທ່ານ"), gender=gender, present=False)


def test_absent_members_count_in_the_figures_but_not_as_present() -> None:
    figures = attendance(Delegation(members=(member("female"), absent("female"), member("male"),
                                             member("male"), absent("male"))))
    assert (figures.total, figures.women, figures.men) == (5, 2, 3)
    assert (figures.present, figures.absent, figures.women_present, figures.men_present) == (3, 2, 1, 2)
    assert (figures.women_absent, figures.men_absent) == (1, 1)


def test_present_with_declared_figures_and_a_partial_roster() -> None:
    figures = attendance(Delegation(total=14, women=5, members=(member(None), absent("female"), absent("male"))))
    assert (figures.total, figures.women, figures.men, figures.named) == (14, 5, 9, 3)
    assert (figures.present, figures.absent, figures.women_present, figures.men_present) == (12, 2, 4, 8)
    assert (figures.women_absent, figures.men_absent) == (1, 1)


def test_everyone_present_by_default() -> None:
    figures = attendance(Delegation(total=3, women=1))
    assert (figures.present, figures.absent, figures.women_present, figures.men_present) == (3, 0, 1, 2)
    assert (figures.women_absent, figures.men_absent) == (0, 0)


def test_absent_member_needs_a_gender_when_figures_are_declared() -> None:
    assert attendance_problems(Delegation(total=14, women=5, members=(member(None), absent(None)))) == [
        ("delegation.members[2].gender", "missing (needed to count the women present, because the member is "
                                         "absent; expected female or male)")]


def test_member_positions_count_from_one() -> None:
    assert [path for path, _ in attendance_problems(Delegation(members=(member("male"), member(None))))] == [
        "delegation.members[2].gender"]


# ---- actions by status -------------------------------------------------------------------

ISSUED = dt.date(2021, 6, 15)


def action(status: str, due: dt.date | None) -> Action:
    """An action with the given status and due date."""
    return Action(task=Text(lo="ວຽກ"), owner=Text(lo="ກົມ"), status=status, due=due)


def meeting_with(*actions: Action) -> Meeting:
    """A meeting issued on ISSUED with `actions`."""
    return Meeting(id="m", source=Path("m.yaml"), language="lo", issuer=Issuer(ministry=Text(lo="ກະຊວງ"),
                                                                               date=ISSUED),
                   meeting=MeetingInfo(title=Text(lo="ກອງປະຊຸມ"), start=dt.date(2021, 6, 14), mode="online",
                                       purpose=()),
                   delegation=Delegation(total=1, women=0), actions=actions)


def test_actions_by_status_and_overdue() -> None:
    figures = action_figures(meeting_with(
        action("open", dt.date(2021, 6, 14)),   # overdue: due the day before the date of issue
        action("open", ISSUED),                 # due on the date of issue: not yet overdue
        action("open", None),                   # no due date: never overdue
        action("done", dt.date(2021, 1, 1)),    # done late: not overdue
        action("cancelled", dt.date(2021, 1, 1)),
        action("open", dt.date(2020, 12, 31)),  # overdue
    ))
    assert (figures.total, figures.open, figures.done, figures.cancelled, figures.overdue) == (6, 4, 1, 1, 2)


def test_overdue_is_measured_against_the_date_of_issue() -> None:
    late = action("open", dt.date(2021, 6, 14))
    assert is_overdue(late, ISSUED)
    assert not is_overdue(late, dt.date(2021, 6, 14))
    undated = replace(meeting_with(late), issuer=Issuer(ministry=Text(lo="ກະຊວງ")))
    assert undated.issue_date == dt.date(2021, 6, 14)  # the meeting's start: the action is due that day
    assert action_figures(undated).overdue == 0


def test_no_actions() -> None:
    assert action_figures(meeting_with()) == ActionFigures(total=0, open=0, done=0, cancelled=0, overdue=0)
