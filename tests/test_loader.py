"""The loader: valid files give the model; each kind of bad input gives its exact message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from loading import MINIMAL, problems, with_lines
from generator.errors import InputError
from generator.data.loader import load_meeting
from generator.data.model import Text


def test_minimal_file_loads_with_normalised_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    meeting = load_meeting(DATA / "minimal.yaml")  # absolute, under the current folder
    assert meeting.id == "minimal"
    assert meeting.language == "lo"
    assert meeting.meeting.start == dt.date(2021, 3, 4)
    assert meeting.meeting.end is None
    assert meeting.meeting.purpose == (Text(lo="ທົດລອງ", en="To test"),)
    assert [m.gender for m in meeting.delegation.members] == ["male", "female"]
    assert str(meeting.location_of("meeting.start")) == "tests/data/minimal.yaml:7:10"
    assert str(meeting.location_of("delegation.members[2].name")).endswith(":15:13")


def test_language_defaults_to_lao(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(with_lines({"language: lo\n": ""}), encoding="utf-8")
    meeting = load_meeting(path)
    assert (meeting.language, meeting.editions, meeting.meeting.purpose[0].lo) == ("lo", ("lo",), "ທົດລອງ")


def test_model_is_immutable() -> None:
    meeting = load_meeting(DATA / "minimal.yaml")
    with pytest.raises(AttributeError):
        meeting.language = "en"  # type: ignore[misc]


def test_plain_strings_are_in_the_meeting_language(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(MINIMAL.replace("language: lo", "language: en").replace(
        "title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}", "title: Test   meeting"), encoding="utf-8")
    meeting = load_meeting(path)
    assert meeting.meeting.title == Text(en="Test meeting")


def test_decomposed_am_and_nfc_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text(with_lines({"title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}":
                                "title: {lo: \"ກິດຈະກ\u0ecd\u0eb2 ນ\u0ecd\u0ec9\u0eb2\", en: Test}"}),
                    encoding="utf-8")
    assert load_meeting(path).meeting.title.lo == "ກິດຈະກຳ ນ້ຳ"


# ---- one test per kind of bad input, each with its exact message -------------------------

def test_unknown_key_with_hint(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  mode: online": "  mode: online\n  titel: x"})) == [
        "m.yaml:9:3: meeting.titel: unknown key 'titel'; did you mean 'title'?"]


def test_unknown_key_without_hint(tmp_path: Path) -> None:
    assert problems(tmp_path, MINIMAL + "colour: red\n") == [
        "m.yaml:17:1: colour: unknown key 'colour' (expected one of language, editions, issuer, meeting, "
        "delegation, outcomes, plans, next_meeting, agenda, actions, distribution)"]


def test_duplicate_key(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  mode: online": "  mode: online\n  mode: hybrid"})) == [
        "m.yaml:9:3: meeting.mode: duplicate key (first given on line 8; keep one)"]


def test_missing_required_key(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  start: 2021-03-04\n": ""})) == [
        "m.yaml:6:3: meeting.start: missing (required: a date YYYY-MM-DD)"]


def test_wrong_type_number(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"delegation:\n": "delegation:\n  total: fourteen\n"})) == [
        "m.yaml:12:10: delegation.total: 'fourteen' is not a whole number (expected digits, e.g. 14)"]


def test_wrong_type_list(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  purpose:\n    - {lo: ທົດລອງ, en: To test}":
                                          "  purpose: ທົດລອງ"})) == [
        "m.yaml:9:12: meeting.purpose: expected a list (lines starting with '- '), got 'ທົດລອງ'"]


def test_wrong_type_text(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}":
                                          "title: [a, b]"})) == [
        "m.yaml:6:10: meeting.title: expected a text (a string, or lo: and en: lines), got a list"]


def test_unknown_language_in_text(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"en: Test meeting}": "fr: Réunion}"})) == [
        "m.yaml:6:31: meeting.title.fr: unknown key 'fr' (expected one of lo, en)"]


def test_empty_text(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"en: Test meeting}": "en: '  '}"})) == [
        "m.yaml:6:35: meeting.title.en: empty text (write the text, or remove the key)"]


def test_bad_choice_with_hint(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  mode: online": "  mode: onsite"})) == [
        "m.yaml:8:9: meeting.mode: 'onsite' is not one of online, in-person, hybrid; did you mean 'online'?"]


def test_bad_language(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"language: lo": "language: la"})) == [
        "m.yaml:2:11: language: 'la' is not one of lo, en; did you mean 'lo'?"]


def test_impossible_date(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"start: 2021-03-04": "start: 2021-02-30"})) == [
        "m.yaml:7:10: meeting.start: 2021-02-30 is not a real date (day is out of range for month; "
        "expected YYYY-MM-DD)"]


def test_date_in_wrong_form(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"start: 2021-03-04": "start: 04/03/2021"})) == [
        "m.yaml:7:10: meeting.start: '04/03/2021' is not a date (expected YYYY-MM-DD, e.g. 2020-11-17)"]


def test_end_before_start(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"  start: 2021-03-04": "  start: 2021-03-04\n  end: 2021-03-03"})) == [
        "m.yaml:8:8: meeting.end: 2021-03-03 is before meeting.start (2021-03-04)"]


def test_plan_years(tmp_path: Path) -> None:
    plan = ("plans:\n  - title: {lo: ແຜນ, en: Plan}\n    start: 2025\n    end: 2021\n"
            "    priority_areas: [{lo: ກ, en: A}]\n    activities: -3\n")
    assert problems(tmp_path, MINIMAL + plan) == [
        "m.yaml:20:10: plans[1].end: 2021 is before plans[1].start (2025)",
        "m.yaml:22:17: plans[1].activities: -3 is below 0 (expected a number from 0 up)",
    ]


def test_year_in_wrong_form(tmp_path: Path) -> None:
    plan = ("plans:\n  - title: {lo: ແຜນ, en: Plan}\n    start: 21\n    end: 2025\n"
            "    priority_areas: []\n")
    assert problems(tmp_path, MINIMAL + plan) == [
        "m.yaml:19:12: plans[1].start: '21' is not a year (expected four digits, e.g. 2021)"]


def test_next_meeting_number_not_after(tmp_path: Path) -> None:
    text = with_lines({"  mode: online": "  mode: online\n  number: 20"}) + "next_meeting:\n  number: 20\n"
    assert problems(tmp_path, text) == [
        "m.yaml:19:11: next_meeting.number: 20 is not after meeting.number (20)"]


def test_all_problems_reported_together_in_file_order(tmp_path: Path) -> None:
    text = with_lines({"  mode: online": "  mode: onlin", "start: 2021-03-04": "start: 2021-13-01",
                       "      gender: male": "      gender: man"})
    assert problems(tmp_path, text) == [
        "m.yaml:7:10: meeting.start: 2021-13-01 is not a real date (month must be in 1..12; "
        "expected YYYY-MM-DD)",
        "m.yaml:8:9: meeting.mode: 'onlin' is not one of online, in-person, hybrid; did you mean 'online'?",
        "m.yaml:14:15: delegation.members[1].gender: 'man' is not one of female, male; did you mean 'male'?",
    ]


# ---- attendance contradictions -----------------------------------------------------------

def delegation(block: str) -> str:
    """MINIMAL with its delegation replaced by `block`."""
    head = MINIMAL.split("delegation:")[0]
    return head + "delegation:\n" + block


def test_women_more_than_total(tmp_path: Path) -> None:
    assert problems(tmp_path, delegation("  total: 14\n  women: 15\n")) == [
        "m.yaml:13:10: delegation.women: 15 is more than delegation.total (14)"]


def test_more_named_than_total(tmp_path: Path) -> None:
    block = "  total: 1\n  women: 0\n  members:\n    - name: A\n    - name: B\n"
    assert problems(tmp_path, delegation(block)) == [
        "m.yaml:15:5: delegation.members: 2 members are named, more than delegation.total (1)"]


def test_named_women_more_than_women(tmp_path: Path) -> None:
    block = ("  total: 5\n  women: 1\n  members:\n    - {name: A, gender: female}\n"
             "    - {name: B, gender: female}\n")
    assert problems(tmp_path, delegation(block)) == [
        "m.yaml:13:10: delegation.women: 1 is fewer than the 2 members named with gender female"]


def test_named_men_more_than_men(tmp_path: Path) -> None:
    block = ("  total: 3\n  women: 2\n  members:\n    - {name: A, gender: male}\n"
             "    - {name: B, gender: male}\n")
    assert problems(tmp_path, delegation(block)) == [
        "m.yaml:15:5: delegation.members: 2 members are named with gender male, more than "
        "delegation.total − delegation.women (3 − 2 = 1)"]


def test_gender_needed_without_declared_women(tmp_path: Path) -> None:
    block = "  members:\n    - name: A\n"
    assert problems(tmp_path, delegation(block)) == [
        "m.yaml:13:7: delegation.members[1].gender: missing (needed to count women because "
        "delegation.women is not given; expected female or male)"]


def test_no_figures_at_all(tmp_path: Path) -> None:
    assert problems(tmp_path, delegation("  units: [ກົມ]\n")) == [
        "m.yaml:12:3: delegation: no figures (expected total and women, or a members list)"]


# ---- the file itself ---------------------------------------------------------------------

def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert problems(tmp_path, "language: lo\nissuer: {ministry: x\n") == [
        "m.yaml:2:9: the { opened here is not closed on its line (close it with }, or put a text that "
        "begins with { in quotes)"]


def test_tab_indentation(tmp_path: Path) -> None:
    assert problems(tmp_path, "language: lo\nissuer:\n\tministry: x\n") == [
        "m.yaml:3:1: a tab character; YAML indents with spaces only (replace the tab with spaces)"]


def test_empty_file(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == [
        "m.yaml: the file has no data (expected a meeting: language, issuer, meeting, delegation, ...)"]


def test_comment_only_file(tmp_path: Path) -> None:
    assert problems(tmp_path, "# nothing yet\n\n# still nothing\n") == [
        "m.yaml: the file has no data (expected a meeting: language, issuer, meeting, delegation, ...)"]


def test_list_at_top(tmp_path: Path) -> None:
    assert problems(tmp_path, "- language: lo\n") == [
        "m.yaml:1:1: the file holds a list (expected a mapping with keys language, issuer, meeting, "
        "delegation, ...)"]


def test_not_utf8(tmp_path: Path) -> None:
    source = MINIMAL.encode("utf-8").replace(b"Test meeting", b"Test r\xe9union")
    assert problems(tmp_path, source) == ["m.yaml:6:41: byte 0xe9 is not UTF-8 (save the file as UTF-8)"]


def test_control_character(tmp_path: Path) -> None:
    assert problems(tmp_path, with_lines({"en: Test meeting}": "en: Test\x07 meeting}"})) == [
        "m.yaml:6:39: control character U+0007 is not allowed in a meeting file "
        "(remove it; only printable text, tabs and line breaks)"]


@pytest.mark.parametrize("escape, code", [("\\a", "0007"), ("\\x9B", "009B"), ("\\uFFFF", "FFFF"),
                                          ("\\uD800", "D800"), ("\\x7F", "007F")])
def test_escaped_control_character(tmp_path: Path, escape: str, code: str) -> None:
    source = with_lines({"en: Test meeting}": f'en: "Test{escape} meeting"}}'})
    assert problems(tmp_path, source) == [
        f"m.yaml:6:35: meeting.title.en: character U+{code} is a control or non-character that a "
        "document cannot hold (remove it)"]


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    # 9 * 4**20 items if expanded; refused at the first anchor instead (aliases need one)
    assert problems(tmp_path, bomb) == [
        "m.yaml:1:4: a text cannot begin with & (put the text in quotes: a: \"&a [x, x, x, x, x, x, x, x, x]\")"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_meeting(tmp_path / "absent.yaml")
    assert str(caught.value) == f"{tmp_path / 'absent.yaml'}: cannot read the file (No such file or directory)"


def test_a_file_outside_the_current_folder_is_named_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    elsewhere = tmp_path / "x.yaml"
    elsewhere.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8").replace("2021-03-04", "2021-02-30"),
                         encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_meeting(elsewhere)
    assert str(caught.value).startswith(f"{elsewhere}:7:10: meeting.start: ")
