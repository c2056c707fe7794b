"""Figures computed from the data: attendance, actions and work plans, and the rules that figures and roster agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.data.model import Action, Delegation, Meeting, Plan


@dataclass(frozen=True)
class Attendance:
    """The delegation's figures: declared where given, otherwise counted from the roster.

    Absent members count in total, women and men; present and absent say who attended (for minutes).
    """

    total: int
    women: int
    men: int
    women_share: float  # percent of total, 0 when total is 0
    named: int
    named_women: int
    named_men: int
    units: int
    present: int
    absent: int
    women_present: int
    men_present: int
    women_absent: int
    men_absent: int


@dataclass(frozen=True)
class ActionFigures:
    """Follow-up actions by status; overdue ones are open and due before the date of issue."""

    total: int
    open: int
    done: int
    cancelled: int
    overdue: int


@dataclass(frozen=True)
class PlanSummary:
    """What a work plan amounts to: counts and the years it covers."""

    priority_areas: int
    activities: int | None
    proposals: int
    first_year: int
    last_year: int
    years: int


def _named(d: Delegation) -> tuple[int, int, int]:
    """Named members: all, female, male."""
    women = sum(1 for m in d.members if m.gender == "female")
    men = sum(1 for m in d.members if m.gender == "male")
    return len(d.members), women, men


def attendance(d: Delegation) -> Attendance:
    """Figures by the rules of docs/format.md: declared total/women win, else counts of the roster.

    Assumes a consistent delegation (see `attendance_problems`).
    """
    named, named_women, named_men = _named(d)
    total = d.total if d.total is not None else named
    women = d.women if d.women is not None else named_women
    share = 100.0 * women / total if total else 0.0
    absent = [m for m in d.members if not m.present]
    absent_women = sum(1 for m in absent if m.gender == "female")
    return Attendance(
        total=total,
        women=women,
        men=total - women,
        women_share=share,
        named=named,
        named_women=named_women,
        named_men=named_men,
        units=len(d.units),
        present=total - len(absent),
        absent=len(absent),
        women_present=women - absent_women,
        men_present=total - women - (len(absent) - absent_women),
        women_absent=absent_women,
        men_absent=len(absent) - absent_women,
    )


def attendance_problems(d: Delegation, prefix: str = "delegation") -> list[tuple[str, str]]:
    """Every contradiction between declared figures and the roster, as (field path, message) pairs."""
    problems: list[tuple[str, str]] = []
    named, named_women, named_men = _named(d)
    for number, member in enumerate(d.members, start=1):
        if member.gender is not None:
            continue
        if d.women is None:
            why = f"to count women because {prefix}.women is not given"
        elif not member.present:
            why = "to count the women present, because the member is absent"
        else:
            continue
        problems.append((f"{prefix}.members[{number}].gender", f"missing (needed {why}; expected female or male)"))
    if d.total is None and not d.members:
        problems.append((prefix, "no figures (expected total and women, or a members list)"))
        return problems
    total = d.total if d.total is not None else named
    if d.total is not None and named > d.total:
        problems.append((
            f"{prefix}.members",
            f"{_members(named)} {'is' if named == 1 else 'are'} named, more than {prefix}.total ({d.total})",
        ))
    if d.women is not None:
        if d.women > total:
            whose = f"{prefix}.total" if d.total is not None else "the number of named members"
            problems.append((f"{prefix}.women", f"{d.women} is more than {whose} ({total})"))
        if named_women > d.women:
            problems.append((
                f"{prefix}.women",
                f"{d.women} is fewer than the {_members(named_women)} named with gender female",
            ))
        elif d.women <= total and named_men > total - d.women:
            problems.append((
                f"{prefix}.members",
                f"{_members(named_men)} {'is' if named_men == 1 else 'are'} named with gender male, more than "
                f"{prefix}.total − {prefix}.women ({total} − {d.women} = {total - d.women})",
            ))
    return problems


def _members(n: int) -> str:
    """'1 member', '2 members'."""
    return f"{n} member" if n == 1 else f"{n} members"


def is_overdue(action: Action, issued: dt.date) -> bool:
    """True for an open action whose due date is before the date of issue `issued`."""
    return action.status == "open" and action.due is not None and action.due < issued


def action_figures(meeting: Meeting) -> ActionFigures:
    """The meeting's actions counted by status, and the overdue ones as of `Meeting.issue_date`."""
    actions = meeting.actions
    return ActionFigures(
        total=len(actions),
        open=sum(1 for a in actions if a.status == "open"),
        done=sum(1 for a in actions if a.status == "done"),
        cancelled=sum(1 for a in actions if a.status == "cancelled"),
        overdue=sum(1 for a in actions if is_overdue(a, meeting.issue_date)),
    )


def plan_summary(p: Plan) -> PlanSummary:
    """Counts of a plan and the years it covers, both ends included."""
    return PlanSummary(
        priority_areas=len(p.priority_areas),
        activities=p.activities,
        proposals=len(p.proposals),
        first_year=p.start,
        last_year=p.end,
        years=p.end - p.start + 1,
    )
