"""The fields for editions, minutes and the e-mail draft: what they load to, and each rule's exact message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loading import MINIMAL, loaded, problems, with_lines
from generator.data.model import Person, Recipient, Text

MEETING_END = "    - {lo: ທົດລອງ, en: To test}\n"  # the last line of MINIMAL's meeting block
MEMBER_B = "      gender: female\n"  # the last line of MINIMAL's second member


def meeting_with(lines: str) -> str:
    """MINIMAL with `lines` added to its meeting block."""
    return with_lines({MEETING_END: MEETING_END + lines})


def second_member_with(lines: str) -> str:
    """MINIMAL with `lines` added to its second member."""
    return with_lines({MEMBER_B: MEMBER_B + lines})


# ---- editions ----------------------------------------------------------------------------

def test_editions_default_to_the_language(tmp_path: Path) -> None:
    assert loaded(tmp_path, MINIMAL).editions == ("lo",)
    english = with_lines({"language: lo": "language: en"})
    assert loaded(tmp_path, english).editions == ("en",)


def test_editions_as_listed(tmp_path: Path) -> None:
    assert loaded(tmp_path, with_lines({"language: lo": "language: lo\neditions: [en, lo]"})).editions == ("en", "lo")


def test_edition_listed_twice(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"language: lo": "language: lo\neditions: [lo, en, lo]"})) == [
        "m.yaml:3:20: editions[3]: 'lo' is already listed as editions[1] (list each once)"]


def test_edition_not_a_language(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"language: lo": "language: lo\neditions:\n  - lo\n  - fr"})) == [
        "m.yaml:5:5: editions[2]: 'fr' is not one of lo, en"]


def test_no_edition(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"language: lo": "language: lo\neditions: []"})) == [
        "m.yaml:3:11: editions: empty list (expected a list of one or more editions: lo, en)"]


# ---- times, chair and recorder -----------------------------------------------------------

def test_times_chair_and_recorder_load(tmp_path: Path) -> None:
    info = loaded(tmp_path, meeting_with(
        '  start_time: "08:30"\n  end_time: 11:45\n'
        "  chair: {name: {lo: ທ່ານ ກ, en: Mr A}, position: {lo: ຫົວໜ້າກົມ, en: Director General}}\n"
        "  recorder:\n    name: ນາງ ຂ\n")).meeting
    assert (info.start_time, info.end_time) == (dt.time(8, 30), dt.time(11, 45))
    assert info.chair == Person(name=Text("ທ່ານ ກ", "Mr A"), position=Text("ຫົວໜ້າກົມ", "Director General"))
    assert info.recorder == Person(name=Text(lo="ນາງ ຂ"))


@pytest.mark.parametrize("written, message", [
    ('"8:30"', "'8:30' is not a time (expected HH:MM, e.g. \"08:30\")"),
    ("8.30", "'8.30' is not a time (expected HH:MM, e.g. \"08:30\")"),
    ('"24:00"', "24:00 is not a time of day (expected 00:00 to 23:59)"),
    ('"12:60"', "12:60 is not a time of day (expected 00:00 to 23:59)"),
])
def test_time_not_hh_mm(tmp_path: Path, written: str, message: str) -> None:
    assert problems(tmp_path, meeting_with(f"  start_time: {written}\n")) == [
        f"m.yaml:11:15: meeting.start_time: {message}"]


def test_end_time_before_start_time_on_a_one_day_meeting(tmp_path: Path) -> None:
    times = '  start_time: "09:30"\n  end_time: "08:00"\n'
    expected = ["m.yaml:12:13: meeting.end_time: 08:00 is before meeting.start_time (09:30) on a one-day meeting"]
    assert problems(tmp_path, meeting_with(times)) == expected
    assert problems(tmp_path, meeting_with("  end: 2021-03-04\n" + times)) == [
        expected[0].replace(":12:", ":13:")]


def test_times_of_a_meeting_of_several_days_are_free(tmp_path: Path) -> None:
    info = loaded(tmp_path, meeting_with('  end: 2021-03-05\n  start_time: "09:30"\n  end_time: "08:00"\n')).meeting
    assert (info.start_time, info.end_time) == (dt.time(9, 30), dt.time(8, 0))


def test_end_time_equal_to_start_time(tmp_path: Path) -> None:
    info = loaded(tmp_path, meeting_with('  start_time: "09:30"\n  end_time: "09:30"\n')).meeting
    assert info.start_time == info.end_time


def test_chair_without_name(tmp_path: Path) -> None:
    assert problems(tmp_path, meeting_with("  chair:\n    position: ຫົວໜ້າກົມ\n")) == [
        "m.yaml:12:5: meeting.chair.name: missing (required: a text)"]


def test_chair_as_a_plain_name(tmp_path: Path) -> None:
    assert problems(tmp_path, meeting_with("  chair: ທ່ານ ກ\n")) == [
        "m.yaml:11:10: meeting.chair: expected a mapping with keys name, position, got 'ທ່ານ ກ'"]


# ---- present and absent members ----------------------------------------------------------

def test_absent_member_with_reason(tmp_path: Path) -> None:
    members = loaded(tmp_path, second_member_with("      present: false\n      absence: ໄປລາຊະການ\n")
                     ).delegation.members
    assert [(m.present, m.absence) for m in members] == [(True, None), (False, Text(lo="ໄປລາຊະການ"))]


@pytest.mark.parametrize("written, message", [
    ("yes", "'yes' is not true or false (write true or false)"),
    ('"false"', "'false' is in quotes (write true or false without quotes)"),
    ("0", "'0' is not true or false (write true or false)"),
    ("tRUE", "'tRUE' is not true or false (write true or false)"),
])
def test_present_not_true_or_false(tmp_path: Path, written: str, message: str) -> None:
    assert problems(tmp_path, second_member_with(f"      present: {written}\n")) == [
        f"m.yaml:17:16: delegation.members[2].present: {message}"]


@pytest.mark.parametrize("written", ["False", "FALSE"])
def test_present_in_capitals(tmp_path: Path, written: str) -> None:
    assert loaded(tmp_path, second_member_with(f"      present: {written}\n")).delegation.members[1].present is False


@pytest.mark.parametrize("present", ["", "      present: true\n"])
def test_absence_of_a_member_who_is_present(tmp_path: Path, present: str) -> None:
    line = 17 + bool(present)
    assert problems(tmp_path, second_member_with(present + "      absence: ໄປລາຊະການ\n")) == [
        f"m.yaml:{line}:16: delegation.members[2].absence: given for a member who is present "
        "(add present: false, or remove absence)"]


def test_absent_member_without_gender_when_totals_are_declared(tmp_path: Path) -> None:
    block = ("delegation:\n  total: 10\n  women: 4\n  members:\n    - name: ທ່ານ ກ\n"
             "    - name: ທ່ານ ຂ\n      present: false\n")
    assert problems(tmp_path, MINIMAL.split("delegation:")[0] + block) == [
        "m.yaml:16:7: delegation.members[2].gender: missing (needed to count the women present, because the "
        "member is absent; expected female or male)"]


def test_wrong_present_does_not_also_refuse_the_absence(tmp_path: Path) -> None:
    assert problems(tmp_path, second_member_with("      present: no\n      absence: ໄປລາຊະການ\n")) == [
        "m.yaml:17:16: delegation.members[2].present: 'no' is not true or false (write true or false)"]


# ---- agenda and actions ------------------------------------------------------------------

AGENDA = ("agenda:\n  - title: {lo: ວາລະ 1, en: Item 1}\n    presenter: {lo: ປະເທດໄທ, en: Thailand}\n"
          "  - title: {lo: ວາລະ 2, en: Item 2}\n")


def actions(*lines: str) -> str:
    """An actions block with one action per line of extra keys."""
    return "actions:\n" + "".join(f"  - task: ກ\n    owner: ຂ\n{extra}" for extra in lines)


def test_agenda_presenter_and_actions_load(tmp_path: Path) -> None:
    meeting = loaded(tmp_path, MINIMAL + AGENDA + actions("    item: 2\n    status: done\n", ""))
    assert meeting.agenda[0].presenter == Text("ປະເທດໄທ", "Thailand")
    assert meeting.agenda[1].presenter is None
    assert [(a.item, a.status) for a in meeting.actions] == [(2, "done"), (None, "open")]


def test_status_not_a_status(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + actions("    status: finished\n")) == [
        "m.yaml:20:13: actions[1].status: 'finished' is not one of open, done, cancelled"]


def test_status_with_hint(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + actions("    status: cancled\n")) == [
        "m.yaml:20:13: actions[1].status: 'cancled' is not one of open, done, cancelled; did you mean 'cancelled'?"]


def test_item_that_names_no_agenda_item(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + AGENDA + actions("    item: 1\n", "    item: 3\n")) == [
        "m.yaml:27:11: actions[2].item: 3 names no agenda item (the agenda has 2 items; give a number from 1 to 2)"]


def test_item_with_a_one_item_agenda(tmp_path: Path) -> None:
    agenda = "agenda:\n  - title: ວາລະ\n"
    assert problems(tmp_path, MINIMAL + agenda + actions("    item: 2\n")) == [
        "m.yaml:22:11: actions[1].item: 2 names no agenda item (the agenda has 1 item; give 1)"]


def test_item_without_agenda(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + actions("    item: 1\n")) == [
        "m.yaml:20:11: actions[1].item: 1 names no agenda item (the file has no agenda; add the agenda, "
        "or remove item)"]


def test_item_counts_from_one(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + AGENDA + actions("    item: 0\n")) == [
        "m.yaml:24:11: actions[1].item: 0 is below 1 (expected a number from 1 up)"]


# ---- distribution ------------------------------------------------------------------------

def test_distribution_loads(tmp_path: Path) -> None:
    block = ("distribution:\n  to:\n    - {name: {lo: ທ່ານ ກ, en: Mr A}, email: a@example.gov.la}\n"
             "  cc:\n    - email: b.c@mofa.gov.la\n")
    distribution = loaded(tmp_path, MINIMAL + block).distribution
    assert distribution.to == (Recipient(email="a@example.gov.la", name=Text("ທ່ານ ກ", "Mr A")),)
    assert distribution.cc == (Recipient(email="b.c@mofa.gov.la"),)


def test_no_distribution_is_no_recipients(tmp_path: Path) -> None:
    assert loaded(tmp_path, MINIMAL).distribution.to == ()


@pytest.mark.parametrize("written, message", [
    ("a.example.gov.la", "'a.example.gov.la' is not an e-mail address (expected e.g. name@example.gov.la)"),
    ("a@example", "'a@example' is not an e-mail address (expected e.g. name@example.gov.la)"),
    ("a b@example.gov.la", "'a b@example.gov.la' is not an e-mail address (expected e.g. name@example.gov.la)"),
    ('"Mr A <a@example.gov.la>"', "'Mr A <a@example.gov.la>' is not an e-mail address (write only the address "
                                  "here, e.g. name@example.gov.la, and the person under name:)"),
])
def test_not_an_email_address(tmp_path: Path, written: str, message: str) -> None:
    assert problems(tmp_path, MINIMAL + f"distribution:\n  to:\n    - email: {written}\n") == [
        f"m.yaml:19:14: distribution.to[1].email: {message}"]


def test_recipient_without_address(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + "distribution:\n  cc:\n    - name: ທ່ານ ກ\n") == [
        "m.yaml:19:7: distribution.cc[1].email: missing (required: an e-mail address)"]


def test_address_given_twice(tmp_path: Path) -> None:
    block = "distribution:\n  to:\n    - email: a@example.gov.la\n  cc:\n    - email: A@Example.gov.la\n"
    assert problems(tmp_path, MINIMAL + block) == [
        "m.yaml:21:14: distribution.cc[1].email: A@Example.gov.la is already in distribution.to[1] "
        "(give each address once)"]


def test_unknown_recipient_key(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + "distribution:\n  to:\n    - mail: a@example.gov.la\n") == [
        "m.yaml:19:7: distribution.to[1].mail: unknown key 'mail'; did you mean 'email'?",
        "m.yaml:19:7: distribution.to[1].email: missing (required: an e-mail address)",
    ]


# ---- one problem per wrong field ---------------------------------------------------------

def test_wrong_gender_without_totals_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"      gender: male": "      gender: m"})) == [
        "m.yaml:14:15: delegation.members[1].gender: 'm' is not one of female, male"]


def test_wrong_total_gives_no_contradiction(tmp_path: Path) -> None:
    block = "delegation:\n  total: fourteen\n  women: 5\n  members:\n    - name: ທ່ານ ກ\n"
    assert problems(tmp_path, MINIMAL.split("delegation:")[0] + block) == [
        "m.yaml:12:10: delegation.total: 'fourteen' is not a whole number (expected digits, e.g. 14)"]


def test_unreadable_member_gives_no_contradiction(tmp_path: Path) -> None:
    block = "delegation:\n  total: 2\n  women: 1\n  members:\n    - name: ທ່ານ ກ\n    - ທ່ານ ຂ\n"
    assert problems(tmp_path, MINIMAL.split("delegation:")[0] + block) == [
        "m.yaml:16:7: delegation.members[2]: expected a mapping with keys name, gender, position, role, present, "
        "absence, got 'ທ່ານ ຂ'"]
