"""YAML syntax mistakes a desk officer makes: each gets one plain message with the place and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.content.labels import load_labels
from generator.data.yaml_source import parse_yaml
from generator.errors import InputError

ISSUER = "issuer:\n  ministry: {lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs}\n"


def problems(source: str) -> list[str]:
    """The messages of reading `source` as the meeting file `m.yaml`."""
    with pytest.raises(InputError) as caught:
        parse_yaml(source.encode("utf-8"), "m.yaml")
    return [str(p) for p in caught.value.problems]


CASES = {
    "colon in a text": (
        "meeting:\n  title:\n    lo: ກອງປະຊຸມ\n    en: Workshop: Digital Government\n",
        "m.yaml:4:17: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: en: \"Workshop: Digital Government\")"),
    "colon in a Lao text": (
        "meeting:\n  host: ກະຊວງ: ພາຍໃນ\n",
        "m.yaml:2:14: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: host: \"ກະຊວງ: ພາຍໃນ\")"),
    "colon in a list item": (
        "meeting:\n  purpose:\n    - Review: the work plan: 2021-2025\n",
        "m.yaml:3:28: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: - \"Review: the work plan: 2021-2025\")"),
    "colon in a member's field": (
        "delegation:\n  members:\n    - name: Mr A\n      position: Director: Planning\n",
        "m.yaml:4:25: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: position: \"Director: Planning\")"),
    "colon inside { }": (
        "meeting:\n  title: {lo: ກອງປະຊຸມ, en: Workshop: Digital}\n",
        "m.yaml:2:37: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: en: \"Workshop: Digital\")"),
    "colon with a quote in the text": (
        'meeting:\n  title: The "ACCSM" meeting: day 1\n',
        "m.yaml:2:29: the text contains ': ', which YAML reads as the start of another key "
        "(put the text in quotes: title: 'The \"ACCSM\" meeting: day 1')"),
    "unclosed double quote": (
        'meeting:\n  title: "Workshop on Digital Government\n  start: 2020-11-17\n  mode: online\n'
        '  host: "Thailand"\n',
        "m.yaml:2:10: the quote \" that begins this text is not closed on its line, so YAML reads on to "
        "the next \" on line 5 (close it at the end of the text: title: \"Workshop on Digital Government\")"),
    "unclosed single quote in Lao": (
        "meeting:\n  title:\n    lo: 'ກອງປະຊຸມ\n    en: Meeting\n  host: 'ໄທ'\n",
        "m.yaml:3:9: the quote ' that begins this text is not closed on its line, so YAML reads on to "
        "the next ' on line 5 (close it at the end of the text: lo: 'ກອງປະຊຸມ')"),
    "unclosed quote at the end of the file": (
        'meeting:\n  start: 2020-11-17\n  title: "Workshop\n',
        "m.yaml:3:10: the quote \" that begins this text is never closed (close it at the end of the "
        "text: title: \"Workshop\")"),
    "quote inside a quoted text": (
        'meeting:\n  title: "The "ACCSM" meeting"\n',
        "m.yaml:2:15: this \" ends the text in quotes, but more text follows it (put the whole text in "
        "quotes: title: 'The \"ACCSM\" meeting')"),
    "apostrophe inside single quotes": (
        "issuer:\n  ministry: 'Lao People's Ministry'\n",
        "m.yaml:2:24: this ' ends the text in quotes, but more text follows it (put the whole text in "
        "quotes: ministry: \"Lao People's Ministry\")"),
    "text after a quoted word": (
        'meeting:\n  title: "ACCSM" senior officials\n',
        "m.yaml:2:16: this \" ends the text in quotes, but more text follows it (put the whole text in "
        "quotes: title: '\"ACCSM\" senior officials')"),
    "text in quotes that goes on below": (
        'meeting:\n  title: "ACCSM"\n    senior officials\n',
        "m.yaml:3:5: this follows a text in quotes that ended on line 2 (put all of the text inside "
        "the quotes)"),
    "line indented more than the key above": (
        "meeting:\n  title: ACCSM\n    start: 2020-11-17\n",
        "m.yaml:3:5: this line is indented more than line 2, so YAML reads it as more of the text there "
        "(indent start: by 2 spaces, like title: on line 2; or put the whole text in quotes if it goes on)"),
    "member key indented more": (
        "delegation:\n  members:\n    - name: Mr A\n       gender: male\n",
        "m.yaml:4:8: this line is indented more than line 3, so YAML reads it as more of the text there "
        "(indent gender: by 6 spaces, like name: on line 3; or put the whole text in quotes if it goes on)"),
    "list item line indented more": (
        "meeting:\n  purpose:\n    - Review the plan\n      Adopt: it\n",
        "m.yaml:4:7: this line is indented more than line 3, so YAML reads it as more of the text there "
        "(start it with '- ' like line 3 if it is a new item; or put the whole text in quotes if it goes on)"),
    "key indented less than its neighbours": (
        "issuer:\n  ministry: Ministry of Home Affairs\n department: Planning\n",
        "m.yaml:3:2: department: is indented by 1 space, which lines up with no key above it "
        "(indent it by 2 spaces like ministry: on line 2, or by 0 spaces like issuer: on line 1)"),
    "language key indented less": (
        "issuer:\n  ministry:\n    lo: ກະຊວງພາຍໃນ\n   en: Ministry of Home Affairs\n",
        "m.yaml:4:4: en: is indented by 3 spaces, which lines up with no key above it "
        "(indent it by 4 spaces like lo: on line 3, or by 2 spaces like ministry: on line 2)"),
    "member key indented less": (
        "delegation:\n  members:\n    - name: Mr A\n     gender: male\n",
        "m.yaml:4:6: gender: is indented by 5 spaces, which lines up with no key above it "
        "(indent it by 6 spaces like name: on line 3, or by 2 spaces like members: on line 2)"),
    "key without its colon": (
        "meeting:\n  title ACCSM\n  start: 2020-11-17\n",
        "m.yaml:2:3: 'title ACCSM' has no ': ' after a key (write key: value, e.g. title: ACCSM)"),
    "key without the space after its colon": (
        "meeting:\n  title:ACCSM\n  start: 2020-11-17\n",
        "m.yaml:2:3: 'title:ACCSM' needs a space after the ':' (write title: ACCSM)"),
    "text wrapped onto a new line": (
        "meeting:\n  title:\n    en: Workshop on Effective\nE-training Methodology\n",
        "m.yaml:4:1: 'E-training Methodology' has no ': ' after a key (write key: value; or, if it goes on "
        "with the text of en: on line 3, indent it more than en:)"),
    "a text line in the heading comments": (
        "# Meeting file\nthe ACCSM meeting\nlanguage: lo\n",
        "m.yaml:2:1: 'the ACCSM meeting' has no ': ' after a key (write key: value, e.g. the: ACCSM meeting; "
        "or, if it is a comment like line 1, begin it with #)"),
    "list item without its dash": (
        "meeting:\n  purpose:\n    - Review the plan\n    Adopt the plan\n",
        "m.yaml:4:5: 'Adopt the plan' is not an item of the list above: write '- ' before it, like "
        "line 3 (- Adopt the plan)"),
    "list item indented less than the list": (
        "meeting:\n  purpose:\n    - Review the plan\n  - Adopt the plan\n",
        "m.yaml:4:3: this '- ' item is indented less than the items above it (indent it by 4 spaces, "
        "like line 3)"),
    "list under a key that has a value": (
        "outcomes: adopted\n- the work plan\n",
        "m.yaml:2:1: a '- ' item here, but outcomes: on line 1 already has a value (to give outcomes a "
        "list, leave nothing after outcomes: and put the '- ' lines below it)"),
    "key among list items": (
        "outcomes:\n  - the work plan\n  plans: x\n",
        "m.yaml:3:3: plans: stands among the '- ' items of a list (write '- ' before it to make it an "
        "item, or indent it like outcomes: on line 1 if it is not part of the list)"),
    "dash after a key": (
        "meeting:\n  title: - ACCSM\n",
        "m.yaml:2:10: a text cannot begin with '- ' on the line of its key (put the text in quotes: "
        "title: \"- ACCSM\", or put the list's '- ' lines below the key)"),
    "stray ]": (
        "outcomes: [the work plan]]\n",
        "m.yaml:1:26: this ] closes nothing (remove it, or put the text in quotes if ] is part of it)"),
    "[ not closed": (
        "outcomes: [the work plan\nplans: []\n",
        "m.yaml:1:11: the [ opened here is not closed on its line (close it with ], or put a text that "
        "begins with [ in quotes)"),
    "{ not closed": (
        "issuer:\n  ministry: {lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs\nmeeting: {}\n",
        "m.yaml:2:13: the { opened here is not closed on its line (close it with }, or put a text that "
        "begins with { in quotes)"),
    "text beginning with [": (
        "meeting:\n  title: [Draft] ACCSM report\n",
        "m.yaml:2:17: a text that begins with [ is read as a list that ends at ], and more text follows "
        "it (put the text in quotes: title: \"[Draft] ACCSM report\")"),
    "two commas": (
        "outcomes: [the work plan, , the report]\n",
        "m.yaml:1:27: a comma with nothing before it (remove it, or put the text in quotes if the comma "
        "is part of it)"),
    "@ at the start": (
        "meeting:\n  host: @ASEAN Secretariat\n",
        "m.yaml:2:9: a text cannot begin with @ (put the text in quotes: host: \"@ASEAN Secretariat\")"),
    "backtick at the start": (
        "meeting:\n  title: `Digital` government  # draft\n",
        "m.yaml:2:10: a text cannot begin with ` (put the text in quotes: title: \"`Digital` government\")"),
    "% at the start": (
        "outcomes:\n  - 100% of the plan\n  - %50 done\n",
        "m.yaml:3:5: a text cannot begin with % (put the text in quotes: - \"%50 done\")"),
    "* at the start": (
        "outcomes:\n  - *Adopted* the plan\n",
        "m.yaml:2:5: a text cannot begin with * (put the text in quotes: - \"*Adopted* the plan\")"),
    "an alias": (
        "meeting:\n  host: *Thailand\n",
        "m.yaml:2:9: a text cannot begin with * (put the text in quotes: host: \"*Thailand\")"),
    "& at the start": (
        "meeting:\n  host: & partners\n",
        "m.yaml:2:9: a text cannot begin with & (put the text in quotes: host: \"& partners\")"),
    "an anchor": (
        "meeting:\n  host: &Co Thailand\n",
        "m.yaml:2:9: a text cannot begin with & (put the text in quotes: host: \"&Co Thailand\")"),
    "a tag": (
        "meeting:\n  title: {lo: ກອງປະຊຸມ, en: !Important meeting}\n",
        "m.yaml:2:29: a text cannot begin with ! (put the text in quotes: en: \"!Important meeting\")"),
    "| with text after it": (
        "meeting:\n  venue: | Room 1\n",
        "m.yaml:2:10: a text cannot begin with | (put the text in quotes: venue: \"| Room 1\")"),
    "? at the start": (
        "meeting:\n  venue: ? to be decided\n",
        "m.yaml:2:10: a text cannot begin with ? (put the text in quotes: venue: \"? to be decided\")"),
    "backslash in double quotes": (
        'meeting:\n  venue: "D:\\rooms\\hall"\n',
        "m.yaml:2:19: a \\ inside \"...\" starts a special character, and this one is unknown (write \\\\ "
        "for a backslash, or use single quotes: venue: 'D:\\rooms\\hall')"),
    "a second document": (
        "language: lo\n---\nlanguage: en\n",
        "m.yaml:2:1: a second document begins here (--- starts one; a meeting file holds one meeting: "
        "remove the ---)"),
    "tab indentation": (
        "language: lo\nissuer:\n\tministry: x\n",
        "m.yaml:3:1: a tab character; YAML indents with spaces only (replace the tab with spaces)"),
    "anything else": (
        "%YAML 1.1\nlanguage: lo\n",
        "m.yaml:2:1: this line is not valid YAML (expected '<document start>', but found '<scalar>'; "
        "check it and the line above for a missing ': ' after a key, a missing quote or bracket, or "
        "wrong indentation)"),
}


@pytest.mark.parametrize("source, message", CASES.values(), ids=CASES.keys())
def test_syntax_mistake(source: str, message: str) -> None:
    assert problems(source) == [message]


def test_comma_cuts_a_text_inside_braces() -> None:
    source = ("delegation:\n  members:\n    - name: {lo: ທ່ານ ກ, en: Mr A}\n"
              "      position: {lo: ຫົວໜ້າກົມ, en: Director General, Department of Planning}\n")
    assert problems(source) == [
        "m.yaml:4:37: a comma ends a text inside { }, so 'Department of Planning' is read as a key "
        "(put the whole text in quotes: en: \"Director General, Department of Planning\")"]


def test_every_cut_text_is_reported_in_file_order() -> None:
    source = ISSUER + ("meeting:\n  title: {lo: ກອງປະຊຸມ, ສະໄໝທີ 20, ຄັ້ງທີ 1, en: Meeting}\n"
                       "  purpose:\n    - {lo: ທົດລອງ, en: To test, to try}\n")
    assert problems(source) == [
        "m.yaml:4:15: a comma ends a text inside { }, so 'ສະໄໝທີ 20' is read as a key "
        "(put the whole text in quotes: lo: \"ກອງປະຊຸມ, ສະໄໝທີ 20, ຄັ້ງທີ 1\")",
        "m.yaml:6:24: a comma ends a text inside { }, so 'to try' is read as a key "
        "(put the whole text in quotes: en: \"To test, to try\")"]


def test_text_without_a_key_inside_braces() -> None:
    assert problems("meeting:\n  title: {Workshop, en: Workshop}\n") == [
        "m.yaml:2:11: 'Workshop' inside { } has no key (write key: text, e.g. en: Workshop; put a text "
        "that contains ', ' in quotes)"]


def test_empty_value_after_a_colon_is_left_to_the_loader() -> None:
    node = parse_yaml("meeting:\n  title: {lo: ກອງປະຊຸມ, en: }\n".encode(), "m.yaml")
    assert node.value[0][0].value == "meeting"


def test_labels_file_gets_the_same_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    labels = templates / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("  en: The meeting\n", "  en: The meeting: facts\n"), encoding="utf-8")
    line = text[:text.index("  en: The meeting\n")].count("\n") + 1
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        load_labels(templates)
    assert str(caught.value) == (
        f"templates/labels.yaml:{line}:18: the text contains ': ', which YAML reads as the start of "
        "another key (put the text in quotes: en: \"The meeting: facts\")")


SEED_TEXT = (ROOT / "briefings" / "accsm-20.yaml").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.sampled_from(
    [":", ": ", '"', "'", "[", "]", "{", "}", ",", "- ", "\n", " ", "  ", "@", "&", "*", "!", "|", "#", "\\", ""])),
    min_size=1, max_size=4))
def test_any_edit_gives_a_located_message_or_parses(edits: list[tuple[int, str]]) -> None:
    text = SEED_TEXT
    for position, insert in edits:
        text = text[:position] + insert + text[position + (insert == ""):]
    try:
        parse_yaml(text.encode("utf-8"), "m.yaml")
    except InputError as err:
        lines = text.split("\n")
        for problem in err.problems:
            assert problem.location is not None, str(problem)
            assert 1 <= problem.location.line <= len(lines) + 1, str(problem)
            assert "(" in problem.message and problem.message.endswith(")"), str(problem)
