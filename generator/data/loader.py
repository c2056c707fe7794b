"""Loading a meeting file: YAML in, a validated, normalised, immutable Meeting out, or every problem at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import InputError, Problem
from generator.data.model import (
    GENDERS, LANGUAGES, MODES, Action, AgendaItem, Delegation, Issuer, Language, Meeting,
    MeetingInfo, Member, NextMeeting, Plan, nearest_location,
)
from generator.data.schema import Invalid, NodeReader
from generator.data.stats import attendance_problems
from generator.data.yaml_source import parse_yaml, read_bytes

_TOP_REQUIRED = {
    "issuer": "a mapping with at least ministry",
    "meeting": "a mapping with title, start, mode and purpose",
    "delegation": "a mapping with total and women, or members",
}
_TOP_OPTIONAL = ("language", "outcomes", "plans", "next_meeting", "agenda", "actions")


def load_meeting(path: Path) -> Meeting:
    """The meeting in `path`; raises InputError listing every problem with file, line, column and field."""
    shown = str(path)
    data = read_bytes(path, shown)
    root = parse_yaml(data, shown)
    language = _language(root, shown)
    r = NodeReader(shown, language)
    try:
        fields = r.mapping(root, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    except Invalid:
        raise InputError(_in_file_order(r.problems)) from None
    if "language" in fields:
        r.locations["language"] = r.where(fields["language"])
    issuer = _part(r, fields, "issuer", _issuer)
    meeting = _part(r, fields, "meeting", _meeting_info)
    delegation = _part(r, fields, "delegation", _delegation)
    result = dict(
        outcomes=r.items(fields, "outcomes", "", r.text),
        plans=r.items(fields, "plans", "", lambda n, p: _plan(r, n, p)),
        next_meeting=r.optional(fields, "next_meeting", "", lambda n, p: _next_meeting(r, n, p)),
        agenda=r.items(fields, "agenda", "", lambda n, p: _agenda_item(r, n, p)),
        actions=r.items(fields, "actions", "", lambda n, p: _action(r, n, p)),
    )
    _check(r, meeting, delegation, result)
    if r.problems or issuer is None or meeting is None or delegation is None:
        raise InputError(_in_file_order(r.problems))  # a part is None only after its problem was recorded
    return Meeting(
        id=path.stem, source=path, language=language, issuer=issuer, meeting=meeting,
        delegation=delegation, locations=r.locations, source_bytes=data, **result,
    )


def _language(root: yaml.MappingNode, shown: str) -> Language:
    """The meeting's main language, read first because plain-string texts are in it."""
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "language":
            probe = NodeReader(shown, "lo")
            try:
                return probe.choice(value, "language", LANGUAGES)  # type: ignore[return-value]
            except Invalid:
                raise InputError(probe.problems) from None
    return "lo"


def _part(r: NodeReader, fields: dict[str, yaml.Node], key: str, read):  # type: ignore[no-untyped-def]
    """A required top-level part, or None when it is missing or broken (problems recorded)."""
    if key not in fields:
        return None
    try:
        return read(r, fields[key], key)
    except Invalid:
        return None


def _required(r: NodeReader, fields: dict[str, yaml.Node], key: str, path: str, read):  # type: ignore[no-untyped-def]
    """A required key's value; raises Invalid when missing (already reported) or broken."""
    if key not in fields:
        raise Invalid(path)
    return read(fields[key], f"{path}.{key}")


def _issuer(r: NodeReader, node: yaml.Node, path: str) -> Issuer:
    """The issuer block."""
    f = r.mapping(node, path, {"ministry": "a text"}, ("department", "reference", "place", "date"))
    ministry = _required(r, f, "ministry", path, r.text)
    return Issuer(
        ministry=ministry,
        department=r.optional(f, "department", path, r.text),
        reference=r.optional(f, "reference", path, r.string),
        place=r.optional(f, "place", path, r.text),
        date=r.optional(f, "date", path, r.date),
    )


def _meeting_info(r: NodeReader, node: yaml.Node, path: str) -> MeetingInfo:
    """The meeting block; checks that the end is not before the start."""
    f = r.mapping(
        node, path,
        {"title": "a text", "start": "a date YYYY-MM-DD", "mode": "online, in-person or hybrid",
         "purpose": "a list of texts"},
        ("number", "series", "end", "host", "venue", "participants"),
    )
    title = r.optional(f, "title", path, r.text)
    start = r.optional(f, "start", path, r.date)
    mode = r.optional(f, "mode", path, lambda n, p: r.choice(n, p, MODES))
    purpose = r.optional(f, "purpose", path, lambda n, p: r.sequence(n, p, r.text))
    end = r.optional(f, "end", path, r.date)
    if not _in_order(r, f, path, start, end):
        end = None
    info = dict(
        number=r.optional(f, "number", path, lambda n, p: r.integer(n, p, 1)),
        series=r.optional(f, "series", path, r.text),
        host=r.optional(f, "host", path, r.text),
        venue=r.optional(f, "venue", path, r.text),
        participants=r.items(f, "participants", path, r.text),
    )
    if title is None or start is None or mode is None or purpose is None:
        raise Invalid(path)
    return MeetingInfo(title=title, start=start, mode=mode, purpose=purpose, end=end, **info)


def _in_order(r: NodeReader, f: dict[str, yaml.Node], path: str, start: object, end: object) -> bool:
    """False, with the problem recorded at `end`, when both are known and the end is before the start."""
    if start is None or end is None or not end < start:  # type: ignore[operator]
        return True
    r.fail(f["end"], f"{path}.end", f"{end} is before {path}.start ({start})")
    return False


def _member(r: NodeReader, node: yaml.Node, path: str) -> Member:
    """One named delegation member."""
    f = r.mapping(node, path, {"name": "a text"}, ("gender", "position", "role"))
    name = _required(r, f, "name", path, r.text)
    return Member(
        name=name,
        gender=r.optional(f, "gender", path, lambda n, p: r.choice(n, p, GENDERS)),
        position=r.optional(f, "position", path, r.text),
        role=r.optional(f, "role", path, r.text),
    )


def _delegation(r: NodeReader, node: yaml.Node, path: str) -> Delegation:
    """The delegation block (figures are checked against the roster in `_check`)."""
    f = r.mapping(node, path, {}, ("total", "women", "members", "units"))
    return Delegation(
        total=r.optional(f, "total", path, lambda n, p: r.integer(n, p, 1)),
        women=r.optional(f, "women", path, r.integer),
        members=r.items(f, "members", path, lambda n, p: _member(r, n, p)),
        units=r.items(f, "units", path, r.text),
    )


def _plan(r: NodeReader, node: yaml.Node, path: str) -> Plan:
    """One work plan; checks that it does not end before it starts."""
    f = r.mapping(
        node, path,
        {"title": "a text", "start": "a year, e.g. 2021", "end": "a year, e.g. 2025",
         "priority_areas": "a list of texts"},
        ("activities", "proposals"),
    )
    title = r.optional(f, "title", path, r.text)
    start = r.optional(f, "start", path, r.year)
    end = r.optional(f, "end", path, r.year)
    areas = r.optional(f, "priority_areas", path, lambda n, p: r.sequence(n, p, r.text))
    activities = r.optional(f, "activities", path, r.integer)
    proposals = r.items(f, "proposals", path, r.text)
    if not _in_order(r, f, path, start, end):
        raise Invalid(path)
    if title is None or start is None or end is None or areas is None:
        raise Invalid(path)
    return Plan(title=title, start=start, end=end, priority_areas=areas, activities=activities,
                proposals=proposals)


def _next_meeting(r: NodeReader, node: yaml.Node, path: str) -> NextMeeting:
    """What was said about the next meeting."""
    f = r.mapping(node, path, {}, ("number", "host", "period", "notes"))
    return NextMeeting(
        number=r.optional(f, "number", path, lambda n, p: r.integer(n, p, 1)),
        host=r.optional(f, "host", path, r.text),
        period=r.optional(f, "period", path, r.text),
        notes=r.items(f, "notes", path, r.text),
    )


def _agenda_item(r: NodeReader, node: yaml.Node, path: str) -> AgendaItem:
    """One agenda item."""
    f = r.mapping(node, path, {"title": "a text"}, ("summary", "decisions"))
    title = _required(r, f, "title", path, r.text)
    return AgendaItem(title=title, summary=r.items(f, "summary", path, r.text),
                      decisions=r.items(f, "decisions", path, r.text))


def _action(r: NodeReader, node: yaml.Node, path: str) -> Action:
    """One follow-up action."""
    f = r.mapping(node, path, {"task": "a text", "owner": "a text"}, ("due",))
    task = r.optional(f, "task", path, r.text)
    owner = r.optional(f, "owner", path, r.text)
    due = r.optional(f, "due", path, r.date)
    if task is None or owner is None:
        raise Invalid(path)
    return Action(task=task, owner=owner, due=due)


def _check(r: NodeReader, meeting: MeetingInfo | None, delegation: Delegation | None,
           parts: dict[str, object]) -> None:
    """Rules across fields: attendance figures against the roster, the next meeting's number."""
    if delegation is not None:
        for path, message in attendance_problems(delegation):
            r.problems.append(Problem(message, path, nearest_location(r.locations, path)))
    nxt = parts.get("next_meeting")
    if (isinstance(nxt, NextMeeting) and meeting is not None and nxt.number is not None
            and meeting.number is not None and nxt.number <= meeting.number):
        r.problems.append(Problem(
            f"{nxt.number} is not after meeting.number ({meeting.number})",
            "next_meeting.number", nearest_location(r.locations, "next_meeting.number"),
        ))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by line and column, as a reader goes through the file."""
    return sorted(problems, key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0))
