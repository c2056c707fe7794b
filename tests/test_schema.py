"""briefings/meeting.schema.json and the key reference of docs/format.md: generated from the loader's tables, up to
date, accepting every meeting file and refusing what the loader refuses."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match

from conftest import ROOT
from loading import write
from generator.data import reference
from generator.data.format import TABLES
from generator.data.loader import load_meeting
from generator.data.reference import (
    DOCS_FILE, SCHEMA_FILE, docs_text, editor_value, field_schema, json_schema, key_reference, schema_text,
)
from generator.data.schema import NodeReader

MEETING_FILES = sorted((ROOT / "briefings").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=meeting.schema.json"
VALIDATOR = Draft7Validator(json_schema())


def as_editor_sees(path: Path) -> Any:
    """The file's data as the YAML language server reads it."""
    return editor_value(yaml.compose(path.read_text(encoding="utf-8")))


def refusal(instance: Any) -> tuple[list[str | int], str]:
    """Where the schema's most relevant error is, and which keyword refused it (the innermost one)."""
    error: ValidationError | None = best_match(VALIDATOR.iter_errors(instance))
    assert error is not None, "the schema accepted it"
    while error.context:
        error = best_match(error.context)
    return list(error.absolute_path), str(error.validator)


# ---- generated, never edited ----------------------------------------------------------------

def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "briefings/meeting.schema.json is not what the tables say: run make schema"


def test_docs_key_reference_is_up_to_date() -> None:
    current = DOCS_FILE.read_text(encoding="utf-8")
    assert key_reference() in current, "the key reference in docs/format.md is stale: run make schema"
    assert docs_text(current) == current


def test_check_mode_reports_stale_files_and_make_schema_mends_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    schema, docs = tmp_path / "briefings" / "meeting.schema.json", tmp_path / "docs" / "format.md"
    for copy_, original in ((schema, SCHEMA_FILE), (docs, DOCS_FILE)):
        copy_.parent.mkdir()
        copy_.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(reference, "ROOT", tmp_path)
    monkeypatch.setattr(reference, "SCHEMA_FILE", schema)
    monkeypatch.setattr(reference, "DOCS_FILE", docs)
    assert reference.main(["--check"]) == 0
    schema.write_text(schema.read_text(encoding="utf-8").replace('"lo"', '"la"'), encoding="utf-8")
    docs.write_text(docs.read_text(encoding="utf-8").replace("| `title` |", "| `titel` |"), encoding="utf-8")
    assert reference.main(["--check"]) == 1
    assert capsys.readouterr().err == ("briefings/meeting.schema.json is out of date (run make schema)\n"
                                       "docs/format.md is out of date (run make schema)\n")
    assert reference.main([]) == 0
    assert schema.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")
    assert docs.read_text(encoding="utf-8") == DOCS_FILE.read_text(encoding="utf-8")


def test_docs_without_a_generated_section_are_refused() -> None:
    with pytest.raises(ValueError, match="docs/format.md has no generated section"):
        docs_text("# Writing a meeting file\n")


def test_the_schema_is_a_draft_7_schema() -> None:
    Draft7Validator.check_schema(json_schema())
    assert json_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


# ---- every meeting file ----------------------------------------------------------------------

def test_there_are_meeting_files() -> None:
    assert MEETING_FILES


@pytest.mark.parametrize("path", MEETING_FILES, ids=lambda p: p.name)
def test_meeting_file_names_the_schema_on_its_first_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("path", MEETING_FILES, ids=lambda p: p.name)
def test_meeting_file_is_valid_by_the_schema(path: Path) -> None:
    assert [e.message for e in VALIDATOR.iter_errors(as_editor_sees(path))] == []


def _docs_examples() -> list[str]:
    text = DOCS_FILE.read_text(encoding="utf-8")
    return [block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if block.startswith(MODELINE)]


def test_the_example_in_the_docs_loads_and_is_valid(tmp_path: Path) -> None:
    examples = _docs_examples()
    assert len(examples) == 1
    meeting = load_meeting(write(tmp_path, examples[0]))
    assert meeting.editions == ("lo", "en") and meeting.actions[0].item == 1
    assert list(VALIDATOR.iter_errors(editor_value(yaml.compose(examples[0])))) == []


@pytest.mark.parametrize("field", [f for t in TABLES for f in t.fields if f.example is not None],
                         ids=lambda f: f.key)
def test_every_example_of_the_key_reference_loads_and_is_valid(field: Any) -> None:
    node = yaml.compose(field.example)
    reader = NodeReader("example", "lo")
    field.kind.read(reader, node, field.key)
    assert reader.problems == []
    schema = {**field_schema(field), "definitions": json_schema()["definitions"]}
    assert [e.message for e in Draft7Validator(schema).iter_errors(editor_value(node))] == []


def test_every_key_is_in_the_docs() -> None:
    docs = DOCS_FILE.read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### {table.title}\n" in docs
        for f in table.fields:
            assert f"| `{f.key}` |" in docs


# ---- what the schema refuses, like the loader ----------------------------------------------

SEED = as_editor_sees(ROOT / "briefings" / "accsm-20.yaml")

REFUSALS = {
    "unknown key at the top": (lambda d: d.update(colour="red"), ([], "additionalProperties")),
    "unknown key in a mapping": (lambda d: d["meeting"].update(titel="x"), (["meeting"], "additionalProperties")),
    "unknown key of a member": (lambda d: d["delegation"]["members"][0].update(gendr="male"),
                                (["delegation", "members", 0], "additionalProperties")),
    "unknown language of a text": (lambda d: d["meeting"].update(host={"lo": "ໄທ", "fr": "Thaïlande"}),
                                   (["meeting", "host"], "additionalProperties")),
    "number as a word": (lambda d: d["delegation"].update(total="fourteen"), (["delegation", "total"], "type")),
    "text as a list": (lambda d: d["issuer"].update(ministry=["a", "b"]), (["issuer", "ministry"], "type")),
    "list as a text": (lambda d: d["meeting"].update(purpose="ທົດລອງ"), (["meeting", "purpose"], "type")),
    "yes for a boolean": (lambda d: d["delegation"]["members"][0].update(present="yes"),
                          (["delegation", "members", 0, "present"], "type")),
    "bad mode": (lambda d: d["meeting"].update(mode="onsite"), (["meeting", "mode"], "enum")),
    "bad gender": (lambda d: d["delegation"]["members"][0].update(gender="m"),
                   (["delegation", "members", 0, "gender"], "enum")),
    "bad status": (lambda d: d.update(actions=[{"task": "ກ", "owner": "ຂ", "status": "finished"}]),
                   (["actions", 0, "status"], "enum")),
    "bad edition": (lambda d: d.update(editions=["lo", "fr"]), (["editions", 1], "enum")),
    "edition twice": (lambda d: d.update(editions=["lo", "lo"]), (["editions"], "uniqueItems")),
    "no edition": (lambda d: d.update(editions=[]), (["editions"], "minItems")),
    "date in another form": (lambda d: d["meeting"].update(start="17/11/2020"), (["meeting", "start"], "pattern")),
    "time out of the day": (lambda d: d["meeting"].update(start_time="24:00"), (["meeting", "start_time"], "pattern")),
    "not an e-mail address": (lambda d: d.update(distribution={"to": [{"email": "a@example"}]}),
                              (["distribution", "to", 0, "email"], "pattern")),
    "missing required key": (lambda d: d["meeting"].pop("start"), (["meeting"], "required")),
    "number below its minimum": (lambda d: d["meeting"].update(number=0), (["meeting", "number"], "minimum")),
    "text still to fill in": (lambda d: d["meeting"].update(title="FILL IN"), (["meeting", "title"], "pattern")),
    "date still to fill in": (lambda d: d["meeting"].update(start="FILL IN"), (["meeting", "start"], "pattern")),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_schema_refuses(case: str) -> None:
    change, expected = REFUSALS[case]
    data = copy.deepcopy(SEED)
    change(data)
    assert refusal(data) == expected


def test_optional_keys_may_be_left_empty() -> None:
    data = copy.deepcopy(SEED)
    data["issuer"]["reference"] = None
    data["meeting"]["venue"] = None
    assert list(VALIDATOR.iter_errors(data)) == []


@pytest.mark.parametrize("written, value", [
    ("a: 2020-11-17", "2020-11-17"), ('a: "08:30"', "08:30"), ("a: 08:30", "08:30"), ("a: 14", 14),
    ("a: true", True), ("a: yes", "yes"), ("a: ~", None), ("a:", None), ("a: '14'", "14"), ("a: 1.5", 1.5),
    ("a: 0x1F", 31),
])
def test_editor_value_reads_yaml_1_2(written: str, value: Any) -> None:
    assert editor_value(yaml.compose(written)) == {"a": value}


# ---- the repository stands on its own --------------------------------------------------------

def test_nothing_refers_to_the_shared_folder() -> None:
    outside = "../" + "shared"
    files = [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("generator/**/*.py"),
             *ROOT.glob("tests/*.py"), *ROOT.glob("briefings/*"), *ROOT.glob("templates/*"), ROOT / "Makefile"]
    assert [str(p.relative_to(ROOT)) for p in files if outside in p.read_text(encoding="utf-8")] == []


def test_every_link_inside_the_docs_has_its_heading() -> None:
    docs = DOCS_FILE.read_text(encoding="utf-8")
    anchors = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
               for h in re.findall(r"^#+ (.+)$", docs, re.M)}
    targets = set(re.findall(r"\]\(#([^)]+)\)", docs))
    assert targets and targets - anchors == set()
