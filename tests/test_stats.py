"""Attendance and plan figures are computed from the data by SPEC's rules."""

from __future__ import annotations

import pytest

from generator.data.model import Delegation, Member, Plan, Text
from generator.data.stats import attendance, attendance_problems, plan_summary


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
