"""Figures computed from the data: attendance and work-plan summaries, and their consistency rules."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.model import Delegation, Plan


@dataclass(frozen=True)
class Attendance:
    """The delegation's figures: declared where given, otherwise counted from the roster."""

    total: int
    women: int
    men: int
    women_share: float  # percent of total, 0 when total is 0
    named: int
    named_women: int
    named_men: int
    units: int


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
    """Figures by SPEC's rules: declared total/women win, else counts of the roster; assumes a consistent delegation."""
    named, named_women, named_men = _named(d)
    total = d.total if d.total is not None else named
    women = d.women if d.women is not None else named_women
    share = 100.0 * women / total if total else 0.0
    return Attendance(
        total=total,
        women=women,
        men=total - women,
        women_share=share,
        named=named,
        named_women=named_women,
        named_men=named_men,
        units=len(d.units),
    )


def attendance_problems(d: Delegation, prefix: str = "delegation") -> list[tuple[str, str]]:
    """Every contradiction between declared figures and the roster, as (field path, message) pairs."""
    problems: list[tuple[str, str]] = []
    named, named_women, named_men = _named(d)
    if d.women is None:
        for i, member in enumerate(d.members):
            if member.gender is None:
                problems.append((
                    f"{prefix}.members[{i}].gender",
                    f"missing (needed to count women because {prefix}.women is not given; "
                    "expected female or male)",
                ))
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
