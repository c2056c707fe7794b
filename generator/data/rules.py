"""Rules across fields: what must hold between values that are each fine on their own."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.errors import Problem
from generator.data.fields import Nodes, Rule, Values
from generator.data.model import Delegation, MeetingInfo, NextMeeting, nearest_location
from generator.data.schema import NodeReader, join_path
from generator.data.stats import attendance_problems


def not_before(earlier: str, later: str) -> Rule:
    """`later` (a date or a year) is not before `earlier` in the same mapping."""

    def check(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
        start, end = values.get(earlier), values.get(later)
        if start is not None and end is not None and end < start:
            r.fail(nodes[later], join_path(path, later), f"{end} is before {join_path(path, earlier)} ({start})")

    return Rule(f"`{later}` is not before `{earlier}`.", check)


def _hhmm(time: dt.time) -> str:
    return time.strftime("%H:%M")


def _times_in_order(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    """On a one-day meeting the end time is not before the start time."""
    start, end = values.get("start_time"), values.get("end_time")
    if start is None or end is None or not end < start:
        return
    if "end" in nodes and values.get("end") != values.get("start"):
        return  # several days (or an end date that could not be read): any times are possible
    r.fail(nodes["end_time"], join_path(path, "end_time"),
           f"{_hhmm(end)} is before {join_path(path, 'start_time')} ({_hhmm(start)}) on a one-day meeting")


TIMES_IN_ORDER = Rule("On a one-day meeting (no `end`, or `end` the same day as `start`), `end_time` is not "
                      "before `start_time`.", _times_in_order)


def _absence_only_when_absent(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    if "absence" in values and values.get("present", True) and not r.has_problem(join_path(path, "present")):
        r.fail(nodes["absence"], join_path(path, "absence"),
               "given for a member who is present (add present: false, or remove absence)")


ABSENCE_ONLY_WHEN_ABSENT = Rule("`absence` is given only with `present: false`.", _absence_only_when_absent)


def _attendance(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    """The delegation's declared figures agree with its roster, once the figures and the roster could be read."""
    if any(r.has_problem(join_path(path, key)) for key in ("total", "women", "members")):
        return  # counts of a roster with unreadable members would contradict the figures for no reason
    members = values.get("members", ())
    written = nodes.get("members")
    if len(written.value if isinstance(written, yaml.SequenceNode) else ()) != len(members):
        return
    delegation = Delegation(total=values.get("total"), women=values.get("women"), members=members)
    for field_path, message in attendance_problems(delegation, path):
        r.add(Problem(message, field_path, nearest_location(r.locations, field_path)))


ATTENDANCE = Rule(
    "Without `total` and `women`, every member needs a `gender`: the figures are counted from the members. "
    "With them, they must agree with the members listed: no more members than `total`, no more with "
    "`gender: female` than `women`, no more with `gender: male` than `total − women`; and an absent member "
    "needs a `gender`, to count the women present.",
    _attendance,
)


def _next_number_after(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    meeting, nxt = values.get("meeting"), values.get("next_meeting")
    if (isinstance(meeting, MeetingInfo) and isinstance(nxt, NextMeeting) and meeting.number is not None
            and nxt.number is not None and nxt.number <= meeting.number):
        field_path = "next_meeting.number"
        r.add(Problem(f"{nxt.number} is not after meeting.number ({meeting.number})", field_path,
                      nearest_location(r.locations, field_path)))


NEXT_NUMBER_AFTER = Rule("`next_meeting.number` is after `meeting.number`.", _next_number_after)


def _items(nodes: Nodes, key: str, path: str) -> list[tuple[str, yaml.MappingNode]]:
    """(field path, mapping node) of every mapping in the list at `key`, numbered from 1."""
    node = nodes.get(key)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [(f"{join_path(path, key)}[{number}]", child) for number, child in enumerate(node.value, start=1)
            if isinstance(child, yaml.MappingNode)]


def _value_node(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node (the first, if the key is given twice)."""
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _action_items_exist(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    agenda = nodes.get("agenda")
    if agenda is not None and not isinstance(agenda, yaml.SequenceNode):
        return  # the agenda itself is wrong; its problem says so
    count = len(agenda.value) if agenda is not None else 0
    if count == 0:
        what = "the file has no agenda; add the agenda, or remove item"
    elif count == 1:
        what = "the agenda has 1 item; give 1"
    else:
        what = f"the agenda has {count} items; give a number from 1 to {count}"
    for action_path, action in _items(nodes, "actions", path):
        item_path = f"{action_path}.item"
        node = _value_node(action, "item")
        if node is None or not isinstance(node, yaml.ScalarNode) or r.has_problem(item_path) or \
                node.tag == "tag:yaml.org,2002:null":
            continue
        number = int(node.value.replace("_", ""))
        if number > count:
            r.fail(node, item_path, f"{number} names no agenda item ({what})")


ACTION_ITEMS_EXIST = Rule("An action's `item` is the number of one of the agenda items (the first is 1).",
                          _action_items_exist)


def _addresses_once(r: NodeReader, values: Values, nodes: Nodes, path: str) -> None:
    first: dict[str, str] = {}
    for key in ("to", "cc"):
        for recipient_path, recipient in _items(nodes, key, path):
            node = _value_node(recipient, "email")
            email_path = f"{recipient_path}.email"
            if node is None or r.has_problem(email_path) or not isinstance(node, yaml.ScalarNode):
                continue
            address = node.value.strip().lower()
            if address in first:
                r.fail(node, email_path, f"{node.value.strip()} is already in {first[address]} "
                                         "(give each address once)")
            else:
                first[address] = recipient_path


ADDRESSES_ONCE = Rule("Each address is given once, in `to` or in `cc`.", _addresses_once)
