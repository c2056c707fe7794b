"""Values still to fill in (`FILL IN`, as `generator next` will write them): one located problem each, anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from loading import MINIMAL, loaded, problems, with_lines
from generator.data.schema import PLACEHOLDER


def test_the_marker() -> None:
    assert PLACEHOLDER == "FILL IN"


@pytest.mark.parametrize("old, new, expected", [
    ("start: 2021-03-04", "start: FILL IN",
     "m.yaml:7:10: meeting.start: still to fill in (replace FILL IN with a date YYYY-MM-DD)"),
    ("start: 2021-03-04", 'start: "FILL IN"',
     "m.yaml:7:10: meeting.start: still to fill in (replace FILL IN with a date YYYY-MM-DD)"),
    ("title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}", "title: FILL IN",
     "m.yaml:6:10: meeting.title: still to fill in (replace FILL IN with a text)"),
    ("  mode: online", "  mode: FILL IN",
     "m.yaml:8:9: meeting.mode: still to fill in (replace FILL IN with one of online, in-person, hybrid)"),
    ("  purpose:\n    - {lo: ທົດລອງ, en: To test}", "  purpose: FILL IN",
     "m.yaml:9:12: meeting.purpose: still to fill in (replace FILL IN with a list of texts)"),
    ("    - {lo: ທົດລອງ, en: To test}", "    - FILL IN",
     "m.yaml:10:7: meeting.purpose[1]: still to fill in (replace FILL IN with a text)"),
    ("language: lo", "language: FILL IN",
     "m.yaml:2:11: language: still to fill in (replace FILL IN with one of lo, en)"),
    ("  ministry: {lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs}", "  ministry: {lo: ກະຊວງພາຍໃນ, en: FILL IN}",
     "m.yaml:4:34: issuer.ministry.en: still to fill in (replace FILL IN with a text)"),
])
def test_placeholder_is_one_located_problem(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems(tmp_path, with_lines({old: new})) == [expected]


def test_placeholder_for_a_whole_part(tmp_path: Path) -> None:
    source = MINIMAL.split("delegation:")[0] + "delegation: FILL IN\nnext_meeting: FILL IN\n"
    assert problems(tmp_path, source) == [
        "m.yaml:11:13: delegation: still to fill in (replace FILL IN with a mapping with total and women, "
        "or members)",
        "m.yaml:12:15: next_meeting: still to fill in (replace FILL IN with a mapping with keys number, host, "
        "period, notes)",
    ]


def test_placeholders_in_lists_of_mappings(tmp_path: Path) -> None:
    source = MINIMAL + "agenda:\n  - FILL IN\nactions: FILL IN\n"
    assert problems(tmp_path, source) == [
        "m.yaml:18:5: agenda[1]: still to fill in (replace FILL IN with a mapping with title)",
        "m.yaml:19:10: actions: still to fill in (replace FILL IN with a list of actions)",
    ]


def test_every_placeholder_is_reported(tmp_path: Path) -> None:
    source = with_lines({"start: 2021-03-04": "start: FILL IN", "  mode: online": "  mode: online\n  end: FILL IN",
                         "title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}": "title: {lo: FILL IN, en: FILL IN}"})
    assert problems(tmp_path, source) == [
        "m.yaml:6:15: meeting.title.lo: still to fill in (replace FILL IN with a text)",
        "m.yaml:6:28: meeting.title.en: still to fill in (replace FILL IN with a text)",
        "m.yaml:7:10: meeting.start: still to fill in (replace FILL IN with a date YYYY-MM-DD)",
        "m.yaml:9:8: meeting.end: still to fill in (replace FILL IN with a date YYYY-MM-DD)",
    ]


def test_a_placeholder_breaks_no_other_rule(tmp_path: Path) -> None:
    """The rules that need the value wait for it: no 'missing gender', no contradiction, no unknown agenda item."""
    block = ("delegation:\n  total: FILL IN\n  women: 1\n  members:\n    - name: ທ່ານ ກ\n      gender: FILL IN\n"
             "actions:\n  - {task: ກ, owner: ຂ, item: FILL IN}\n")
    assert problems(tmp_path, MINIMAL.split("delegation:")[0] + block) == [
        "m.yaml:12:10: delegation.total: still to fill in (replace FILL IN with a whole number)",
        "m.yaml:16:15: delegation.members[1].gender: still to fill in (replace FILL IN with one of female, male)",
        "m.yaml:18:31: actions[1].item: still to fill in (replace FILL IN with a whole number)",
    ]


def test_gender_placeholder_without_totals_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"      gender: male": "      gender: FILL IN"})) == [
        "m.yaml:14:15: delegation.members[1].gender: still to fill in (replace FILL IN with one of female, male)"]


@pytest.mark.parametrize("text", ["FILL IN the form", "Fill in", "fill in", "FILL  IN"])
def test_texts_that_only_look_like_it_are_texts(tmp_path: Path, text: str) -> None:
    meeting = loaded(tmp_path, with_lines({"en: Test meeting}": f"en: {text}}}"}))
    assert meeting.meeting.title.en == " ".join(text.split())
