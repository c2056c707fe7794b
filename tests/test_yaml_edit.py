"""Round-trip editing (generator/data/yaml_edit.py): files come back byte for byte, and the comments between
keys stay where they were when a value is replaced, removed or added."""

from __future__ import annotations

import pytest

from conftest import DATA, SEED
from generator.data.yaml_edit import Document, detached, insert, remove, replace


@pytest.mark.parametrize("text", [
    SEED.read_text(encoding="utf-8"),
    (DATA / "minimal.yaml").read_text(encoding="utf-8"),
    "a:\n  b: 1\n  c:\n  - x\n  - y: 1\n    z: 2\nd: [1, 2]\n",  # lists not indented
    "a:\n    b: 1\n    c:\n        - x\n        - y: 1\n          z: 2\n",  # four spaces
    "a:\n    b: 1\n    c:\n    - x\n",
    "---\na: 1   # one\nb: 'two'\nc: \"3\"\n",
], ids=["seed", "minimal", "flat lists", "four spaces", "four spaces, flat lists", "document start and quotes"])
def test_a_file_comes_back_as_it_was(text: str) -> None:
    assert Document(text).text() == text


def test_replacing_a_list_keeps_the_comments_after_it() -> None:
    doc = Document("a:\n  - x   # about x\n  # about b\nb: 1\n")
    replace(doc.root, "a", "FILL IN")
    assert doc.text() == "a: FILL IN\n  # about b\nb: 1\n"


def test_replacing_a_list_ending_in_a_flow_item_keeps_the_comments_after_it() -> None:
    doc = Document("m:\n  a:\n    - {lo: x, en: y}\n  # about b\n  b: 1\n")
    replace(doc.root["m"], "a", "FILL IN")
    assert doc.text() == "m:\n  a: FILL IN\n  # about b\n  b: 1\n"


def test_a_scalar_becoming_a_mapping_moves_the_comments_after_it_below_the_mapping() -> None:
    doc = Document("a: x   # on the line\n\n# about b\nb: 1\n")
    source = Document("n:\n  lo: ກ\n  en: A\n  # belongs to n's next key\nz: 1\n").root
    replace(doc.root, "a", detached(source["n"]))
    assert doc.text() == "a:     # on the line\n  lo: ກ\n  en: A\n\n# about b\nb: 1\n"


def test_removing_the_last_key_hands_its_comments_to_the_key_before() -> None:
    doc = Document("- name: x\n  present: false   # ill\n  # the next one\n- name: y\n")
    remove(doc.root[0], "present")
    assert doc.text() == "- name: x\n  # the next one\n- name: y\n"


def test_inserting_after_a_key_takes_over_its_comments() -> None:
    doc = Document("m:\n  title: t\n  # before mode\n  mode: online\n")
    insert(doc.root["m"], "number", 4, ["title", "number", "mode"])
    assert doc.text() == "m:\n  title: t\n  number: 4\n  # before mode\n  mode: online\n"


def test_comment_at_the_top_stays_after_the_editor_line() -> None:
    doc = Document("# yaml-language-server: $schema=meeting.schema.json\n# mine\na: 1\n")
    doc.comment_at_top(["made by next"])
    assert doc.text() == "# yaml-language-server: $schema=meeting.schema.json\n# made by next\n\n# mine\na: 1\n"
