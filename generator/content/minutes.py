"""What the minutes show: times, chair and recorder, attendance, numbered agenda items, actions, signatures."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from generator.content.dates import format_date
from generator.content.labels import Labels
from generator.data.model import Action, AgendaItem, Language, Meeting, Member, Person, Text
from generator.data.stats import action_figures, attendance, is_overdue
from generator.errors import Problem, shown_path

AGENDA_NEEDED = "the minutes are written from it: add agenda: with one item per point discussed, each with a title"


class Texts(Protocol):
    """Picks shown texts in the edition's language (view._Texts) and collects the view's problems."""

    problems: list[Problem]

    def one(self, text: Text | None) -> str:
        """`text` in the edition's language; "" for None."""


def _hhmm(time: dt.time) -> str:
    return time.strftime("%H:%M")


def _times(start: dt.time | None, end: dt.time | None, lang: Language, labels: Labels) -> str:
    """`08:30–11:45 ໂມງ`, or only the opening or closing time, or "" when neither is given."""
    if start and end:
        return labels.fill("time_span", lang, start=_hhmm(start), end=_hhmm(end))
    if start:
        return labels.fill("time_from", lang, start=_hhmm(start))
    if end:
        return labels.fill("time_until", lang, end=_hhmm(end))
    return ""


def _person(person: Person | None, t: Texts) -> dict[str, str] | None:
    """Name, position and both on one line (`name, position`), for the facts and the signature block."""
    if person is None:
        return None
    name, position = t.one(person.name), t.one(person.position)
    return {"name": name, "position": position, "line": ", ".join(p for p in (name, position) if p)}


def _member_row(number: int, member: Member, t: Texts) -> dict[str, str]:
    return {"number": str(number), "name": t.one(member.name), "position": t.one(member.position),
            "role": t.one(member.role), "absence": t.one(member.absence)}


def _item(number: int, item: AgendaItem, lang: Language, labels: Labels, t: Texts) -> dict[str, Any]:
    title = t.one(item.title)
    return {
        "number": str(number),
        "title": title,
        "heading": labels.fill("agenda_item", lang, number=number, title=title),
        "presenter": t.one(item.presenter),
        "summary": [t.one(s) for s in item.summary],
        "decisions": [t.one(d) for d in item.decisions],
    }


def _action(number: int, action: Action, issued: dt.date, lang: Language, labels: Labels,
            t: Texts) -> dict[str, Any]:
    return {
        "number": str(number),
        "task": t.one(action.task),
        "item": labels.fill("action_item", lang, number=action.item) if action.item is not None else "",
        "owner": t.one(action.owner),
        "due": format_date(action.due, lang) if action.due is not None else "",
        "status": labels.fill(f"status_{action.status}", lang),
        "overdue": is_overdue(action, issued),
    }


def _agenda_problem(meeting: Meeting) -> Problem:
    """Minutes are written from the agenda: say where to add it."""
    given = meeting.locations.get("agenda")  # `agenda: []`
    where = given or meeting.locations.get("")  # else the top of the file's keys
    return Problem(f"{'empty' if given else 'missing'} ({AGENDA_NEEDED})", "agenda", where,
                   file=None if where else shown_path(meeting.source))


def minutes_view(meeting: Meeting, lang: Language, labels: Labels, t: Texts) -> dict[str, Any]:
    """The minutes' own sections; a meeting without agenda items is recorded as a problem in `t`."""
    if not meeting.agenda:
        t.problems.append(_agenda_problem(meeting))
    info = meeting.meeting
    d = meeting.delegation
    figures = attendance(d)
    issued = meeting.issue_date
    present = [m for m in d.members if m.present]
    absent = [m for m in d.members if not m.present]
    actions = action_figures(meeting)
    last_day = info.end or info.start
    return {
        "times": _times(info.start_time, info.end_time, lang, labels),
        "chair": _person(info.chair, t),
        "recorder": _person(info.recorder, t),
        "attendance": {
            "total": str(figures.total),
            "present": str(figures.present),
            "women_present": str(figures.women_present),
            "men_present": str(figures.men_present),
            "absent": str(figures.absent),
            "women_absent": str(figures.women_absent),
            "men_absent": str(figures.men_absent),
        },
        "present_members": [_member_row(i, m, t) for i, m in enumerate(present, start=1)],
        "present_positions": any(m.position is not None for m in present),
        "present_roles": any(m.role is not None for m in present),
        "absent_members": [_member_row(i, m, t) for i, m in enumerate(absent, start=1)],
        "units": [t.one(u) for u in d.units],
        "agenda": [_item(i, item, lang, labels, t) for i, item in enumerate(meeting.agenda, start=1)],
        "actions": [_action(i, a, issued, lang, labels, t) for i, a in enumerate(meeting.actions, start=1)],
        "action_figures": {
            "total": str(actions.total), "open": str(actions.open), "done": str(actions.done),
            "cancelled": str(actions.cancelled), "overdue": str(actions.overdue),
        },
        "overdue_note": (labels.fill("overdue_note", lang, date=format_date(issued, lang))
                         if actions.overdue else ""),
        "closing": (labels.fill("closing", lang, time=_hhmm(info.end_time), date=format_date(last_day, lang))
                    if info.end_time is not None else ""),
    }
