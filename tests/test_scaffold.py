"""`next`: the next meeting's file from the previous one; what carries over, the FILL IN placeholders `check`
reports one by one, the comments and key order kept, and nothing written on a problem."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from conftest import DATA, SEED, run_cli, snapshot
from generator.data.loader import load_meeting
from generator.data.reference import editor_value, json_schema
from generator.scaffold import _mentions, next_meeting_text

PREVIOUS = DATA / "next-previous.yaml"
EXPECTED = DATA / "next-expected.yaml"
_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def data(path: Path) -> Any:
    """The file's data as an editor reads it."""
    return editor_value(yaml.compose(path.read_text(encoding="utf-8")))


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, in order (Lao and our data never hold ' #')."""
    return [m.group(1) for m in map(_COMMENT.search, text.splitlines()) if m]


@pytest.fixture(scope="module")
def from_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`next` run on the seed, as a user runs it."""
    new = tmp_path_factory.mktemp("next") / "accsm-21.yaml"
    result = run_cli("next", str(SEED), str(new))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {new} (replace each FILL IN; check lists them)\n"
    return new


# ---- the whole file, for a small meeting with every kind of field ----------------------------

def test_the_next_file_is_exactly_what_a_desk_officer_would_make() -> None:
    assert next_meeting_text(load_meeting(PREVIOUS)) == EXPECTED.read_text(encoding="utf-8")


def test_check_reports_each_placeholder_once_with_its_place(tmp_path: Path) -> None:
    new = tmp_path / "m4.yaml"
    new.write_bytes(EXPECTED.read_bytes())
    result = run_cli("check", "m4.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "m4.yaml:16:14: issuer.reference: still to fill in (replace FILL IN with a text)",
        "m4.yaml:19:9: issuer.date: still to fill in (replace FILL IN with a date YYYY-MM-DD)",
        "m4.yaml:24:15: meeting.title.lo: still to fill in (replace FILL IN with a text)",
        "m4.yaml:24:28: meeting.title.en: still to fill in (replace FILL IN with a text)",
        "m4.yaml:28:10: meeting.start: still to fill in (replace FILL IN with a date YYYY-MM-DD)",
        "m4.yaml:31:15: meeting.start_time: still to fill in (replace FILL IN with a time HH:MM)",
        "m4.yaml:34:13: meeting.end_time: still to fill in (replace FILL IN with a time HH:MM)",
        "m4.yaml:38:12: meeting.purpose: still to fill in (replace FILL IN with a list of texts)",
        "m4.yaml:56:9: agenda: still to fill in (replace FILL IN with a list of agenda items)",
        "m4.yaml:59:10: actions: still to fill in (replace FILL IN with a list of actions)",
        "m4.yaml:62:15: next_meeting: still to fill in (replace FILL IN with a mapping with keys number, host, "
        "period, notes)",
    ]


def test_filled_in_it_builds(tmp_path: Path) -> None:
    """Replace every FILL IN as the comments say: the file is a valid meeting."""
    text = EXPECTED.read_text(encoding="utf-8")
    for old, new in {
        'reference: "FILL IN"': 'reference: "19/ກອຊ"', "date: FILL IN": "date: 2021-04-09",
        "{lo: FILL IN, en: FILL IN}": "{lo: ກອງປະຊຸມປະຈຳເດືອນ ຄັ້ງທີ 4, en: Monthly meeting No. 4}",
        "start: FILL IN": "start: 2021-04-08", 'start_time: "FILL IN"': 'start_time: "08:30"',
        'end_time: "FILL IN"': 'end_time: "11:00"', "purpose: FILL IN": "purpose: [{lo: ທົບທວນ, en: Review}]",
        "agenda: FILL IN": "agenda: [{title: {lo: ບົດລາຍງານ, en: Report}}]", "actions: FILL IN\n": "",
        "next_meeting: FILL IN\n": "",
    }.items():
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "m4.yaml").write_text(text, encoding="utf-8")
    meeting = load_meeting(tmp_path / "m4.yaml")
    assert meeting.meeting.number == 4 and [m.present for m in meeting.delegation.members] == [True] * 3


# ---- from the seed ---------------------------------------------------------------------------

def test_what_the_seed_carries_over(from_seed: Path) -> None:
    old, new = data(SEED), data(from_seed)
    for key in ("language", "editions", "distribution"):
        assert new.get(key) == old.get(key)
    assert {k: v for k, v in new["issuer"].items() if k != "date"} == \
        {k: v for k, v in old["issuer"].items() if k != "date"}
    for key in ("series", "mode", "participants"):
        assert new["meeting"][key] == old["meeting"][key]
    assert new["meeting"]["number"] == old["meeting"]["number"] + 1 == old["next_meeting"]["number"]
    assert new["meeting"]["host"] == old["next_meeting"]["host"]
    attendance = ("present", "absence")
    assert new["delegation"]["members"] == [{k: v for k, v in m.items() if k not in attendance}
                                            for m in old["delegation"]["members"]]
    assert new["delegation"]["units"] == old["delegation"]["units"]


def test_the_seed_placeholders_are_reported_by_check(from_seed: Path) -> None:
    result = run_cli("check", from_seed.name, cwd=from_seed.parent)
    assert result.returncode == 2
    lines = from_seed.read_text(encoding="utf-8").splitlines()
    expected = [("issuer.date", "a date YYYY-MM-DD"), ("meeting.title.lo", "a text"),
                ("meeting.title.en", "a text"), ("meeting.start", "a date YYYY-MM-DD"),
                ("meeting.end", "a date YYYY-MM-DD"), ("meeting.purpose", "a list of texts"),
                ("delegation.total", "a whole number"), ("delegation.women", "a whole number"),
                ("outcomes", "a list of texts"), ("plans", "a list of plans"),
                ("agenda", "a list of agenda items"), ("actions", "a list of actions"),
                ("next_meeting", "a mapping with keys number, host, period, notes")]
    seed = data(SEED)
    expected = [(p, w) for p, w in expected if p.split(".")[0] not in ("agenda", "actions") or p in seed]
    messages = result.stderr.splitlines()
    assert len(messages) == len(expected)
    for message, (path, what) in zip(messages, expected):
        where, rest = message.split(f": {path}: ")
        assert rest == f"still to fill in (replace FILL IN with {what})"
        _, line, column = where.split(":")
        assert lines[int(line) - 1][int(column) - 1:].startswith("FILL IN"), message


def test_the_seed_comments_are_kept_in_order(from_seed: Path) -> None:
    """Every comment of the seed is still there, in order, except those inside the parts that are new."""
    seed = SEED.read_text(encoding="utf-8")
    new = from_seed.read_text(encoding="utf-8")
    top = [(i, line.split(":")[0]) for i, line in enumerate(seed.splitlines()) if re.match(r"^\w+:", line)]
    replaced = {"outcomes", "plans", "agenda", "next_meeting"}
    spans = [(start, top[n + 1][0] if n + 1 < len(top) else 10**6)
             for n, (start, key) in enumerate(top) if key in replaced]
    kept = [c for i, line in enumerate(seed.splitlines()) for c in comments(line)
            if not any(a <= i < b for a, b in spans)]
    written_here = [c for c in comments(new) if c not in comments(seed)]
    assert [c for c in comments(new) if c not in written_here] == kept
    assert len(kept) > 20


def test_the_seed_key_order_is_kept(from_seed: Path) -> None:
    def keys(value: Any, path: str = "") -> list[str]:
        if isinstance(value, dict):
            return [p for k, v in value.items() for p in [f"{path}.{k}".lstrip("."), *keys(v, f"{path}.{k}")]]
        if isinstance(value, list):
            return [p for i, v in enumerate(value) for p in keys(v, f"{path}[{i}]")]
        return []
    new = keys(data(from_seed))
    old = [k for k in keys(data(SEED)) if k in new]
    assert new == old
    assert "meeting.number" in new and "delegation.members[0].role" in new


def test_the_schema_flags_exactly_the_placeholders(from_seed: Path) -> None:
    """An editor underlines each FILL IN and nothing else."""
    validator = Draft7Validator(json_schema())
    flagged = set()
    for error in validator.iter_errors(data(from_seed)):
        # Where it is refused: the deepest places among the reasons of every alternative (anyOf).
        leaves, reasons = [], [error]
        while reasons:
            e = reasons.pop()
            if e.context:
                reasons.extend(e.context)
            else:
                leaves.append(tuple(e.absolute_path))
        deepest = max(len(p) for p in leaves)
        flagged |= {".".join(map(str, p)) for p in leaves if len(p) == deepest}
    placeholders = set()

    def walk(value: Any, path: str) -> None:
        if value == "FILL IN":
            placeholders.add(path)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}".lstrip("."))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}.{i}")
    walk(data(from_seed), "")
    assert flagged == placeholders
    assert "meeting.start" in placeholders and "meeting.title.lo" in placeholders


# ---- what it refuses ---------------------------------------------------------------------------

def test_it_never_overwrites(tmp_path: Path) -> None:
    new = tmp_path / "accsm-21.yaml"
    new.write_text("mine\n", encoding="utf-8")
    result = run_cli("next", str(SEED), "accsm-21.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("accsm-21.yaml: already exists: not overwritten (choose another name, or remove "
                             "that file first)\n")
    assert snapshot(tmp_path) == {"accsm-21.yaml": b"mine\n"}


def test_a_broken_previous_file_gives_the_check_messages_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "m3.yaml"
    broken.write_text(PREVIOUS.read_text(encoding="utf-8").replace("gender: female", "gender: woman")
                      .replace("number: 3", "number: three"), encoding="utf-8")
    result = run_cli("next", "m3.yaml", "m4.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == run_cli("check", "m3.yaml", cwd=tmp_path).stderr == (
        "m3.yaml:11:11: meeting.number: 'three' is not a whole number (expected digits, e.g. 14)\n"
        "m3.yaml:27:15: delegation.members[2].gender: 'woman' is not one of female, male\n")
    assert sorted(snapshot(tmp_path)) == ["m3.yaml"]


def test_a_previous_file_still_to_fill_in_is_refused(tmp_path: Path) -> None:
    result = run_cli("next", str(EXPECTED), str(tmp_path / "m5.yaml"))
    assert result.returncode == 2
    assert "tests/data/next-expected.yaml:19:9: issuer.date: still to fill in (replace FILL IN with a date YYYY-MM-DD)\n" \
        in result.stderr
    assert not (tmp_path / "m5.yaml").exists()


def test_both_problems_at_once(tmp_path: Path) -> None:
    (tmp_path / "m4.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("next", "missing.yaml", "m4.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("m4.yaml: already exists: not overwritten (choose another name, or remove that "
                             "file first)\n"
                             "missing.yaml: cannot read the file (No such file or directory)\n")


def test_the_new_file_must_be_a_yaml_file(tmp_path: Path) -> None:
    result = run_cli("next", str(PREVIOUS), "accsm-21.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("accsm-21.txt: is not a .yaml file name (expected e.g. briefings/accsm-21.yaml: "
                             "the documents are named after it)\n")
    assert snapshot(tmp_path) == {}


def test_it_makes_the_folder(tmp_path: Path) -> None:
    result = run_cli("next", str(PREVIOUS), "new/folder/m4.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new/folder/m4.yaml").read_bytes() == EXPECTED.read_bytes()


# ---- smaller rules -----------------------------------------------------------------------------

def _next(tmp_path: Path, source: str) -> str:
    (tmp_path / "m.yaml").write_text(source, encoding="utf-8")
    return next_meeting_text(load_meeting(tmp_path / "m.yaml"))


MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def test_without_a_next_meeting_the_number_is_one_more_and_the_host_stays(tmp_path: Path) -> None:
    source = MINIMAL.replace("  mode: online\n", "  number: 7\n  mode: online\n  host: {lo: ລາວ, en: Laos}\n")
    text = _next(tmp_path, source)
    assert "  number: 8\n" in text and "  host: {lo: ລາວ, en: Laos}\n" in text


def test_a_number_from_the_next_meeting_is_added_in_its_place(tmp_path: Path) -> None:
    source = MINIMAL + "next_meeting:\n  number: 2\n  host: ໄທ   # announced\n"
    text = _next(tmp_path, source)
    assert "  title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}\n  number: 2\n  # Write the first day" in text
    assert "  mode: online\n  host: ໄທ\n  # Write what this meeting is for" in text


def test_the_venue_is_new_when_the_host_is(tmp_path: Path) -> None:
    source = MINIMAL.replace("  mode: online\n", "  mode: in-person\n  venue: ຫ້ອງ ກ\n") + \
        "next_meeting:\n  host: ໄທ\n"
    text = _next(tmp_path, source)
    assert ("  # Write where this meeting takes place (its host is new); the last venue was:\n"
            "  #   ຫ້ອງ ກ\n  venue: FILL IN\n") in text


def test_a_plain_title_with_the_number(tmp_path: Path) -> None:
    source = MINIMAL.replace("title: {lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}",
                             "title: ກອງປະຊຸມ ຄັ້ງທີ ໑໒\n  number: 12")
    text = _next(tmp_path, source)
    assert ("  # Write the title of meeting 13; meeting 12's was:\n  #   ກອງປະຊຸມ ຄັ້ງທີ ໑໒\n  title: FILL IN\n"
            "  number: 13\n") in text


@pytest.mark.parametrize("text, found", [
    ("20th ACCSM", True), ("ຄັ້ງທີ 20", True), ("ຄັ້ງທີ ໒໐", True), ("2020 meeting", False), ("120", False),
    ("No. 20.", True), ("201", False),
])
def test_mentions_the_number(text: str, found: bool) -> None:
    assert _mentions(text, 20) is found


def test_a_delegation_given_by_its_figures(tmp_path: Path) -> None:
    source = MINIMAL.split("delegation:")[0] + "delegation:\n  total: 9    # all of them\n  women: 4\n"
    text = _next(tmp_path, source)
    assert ("  # Write how many people the delegation has this time (the last had 9), or remove total and\n"
            "  # women to count the members listed.\n  total: FILL IN # all of them\n"
            "  # Write how many of them are women (the last had 4).\n  women: FILL IN\n") in text
