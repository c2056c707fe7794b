"""Property-based: random valid meetings always load and build; random broken ones always give exit 2 and a message."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsonschema import Draft7Validator

from conftest import run_cli
from generator.build import build
from generator.errors import InputError
from generator.data.loader import load_meeting
from generator.data.reference import editor_value, json_schema

LAO_WORDS = ["ກະຊວງ", "ພາຍໃນ", "ກອງປະຊຸມ", "ອາຊຽນ", "ລັດຖະກອນ", "ນ້ຳ", "ສຳເລັດ", "ກິດຈະກຳ", "ແຜນງານ"]
EN_WORDS = ["ASEAN", "civil", "service", "meeting", "plan", "<b>", "{{ 7*7 }}", "&amp;", "R&D"]

lao_text = st.lists(st.sampled_from(LAO_WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w))
en_text = st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w))
text = st.builds(lambda lo, en: {"lo": lo, "en": en}, lao_text, en_text)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
times = st.times().map(lambda t: t.strftime("%H:%M"))
emails = st.builds(lambda user, host: f"{user}@{host}.gov.la", st.text("abcxyz.", min_size=1, max_size=8)
                   .filter(lambda u: not u.startswith(".")), st.sampled_from(["moha", "mofa", "example"]))
SCHEMA = Draft7Validator(json_schema())


@st.composite
def members_(draw: st.DrawFn) -> dict:
    """A named member, present or absent (with or without a reason)."""
    member = {"name": draw(text), "gender": draw(st.sampled_from(["female", "male"]))}
    if not draw(st.booleans()):
        member["present"] = False
        if draw(st.booleans()):
            member["absence"] = draw(text)
    return member


@st.composite
def delegations(draw: st.DrawFn) -> dict:
    """A delegation consistent by the rules of docs/format.md, declared or counted."""
    members = draw(st.lists(members_(), max_size=6))
    women_named = sum(m["gender"] == "female" for m in members)
    if not members or draw(st.booleans()):
        total = len(members) + draw(st.integers(min_value=1 if not members else 0, max_value=30))
        women = women_named + draw(st.integers(0, total - len(members)))
        return {"total": total, "women": women, "members": members}
    return {"members": members, "units": draw(st.lists(text, max_size=3))}


@st.composite
def meetings(draw: st.DrawFn) -> dict:
    """A random meeting that docs/format.md says is valid."""
    start = draw(dates)
    first_year = draw(st.integers(2000, 2040))
    agenda = draw(st.lists(st.builds(lambda t, p, s: {"title": t, "presenter": p, "summary": s}, text, text,
                                     st.lists(text, max_size=2)), max_size=4))
    data = {
        "language": draw(st.sampled_from(["lo", "en"])),
        "editions": draw(st.sampled_from([["lo"], ["en"], ["lo", "en"], ["en", "lo"]])),
        "issuer": {"ministry": draw(text), "place": draw(text), "date": draw(dates)},
        "meeting": {"title": draw(text), "start": start,
                    "end": start + dt.timedelta(days=draw(st.integers(0, 5))),
                    "mode": draw(st.sampled_from(["online", "in-person", "hybrid"])),
                    "number": draw(st.integers(1, 50)), "purpose": draw(st.lists(text, max_size=4))},
        "delegation": draw(delegations()),
        "outcomes": draw(st.lists(text, max_size=4)),
        "plans": [{"title": draw(text), "start": first_year, "end": first_year + draw(st.integers(0, 9)),
                   "activities": draw(st.integers(0, 200)),
                   "priority_areas": draw(st.lists(text, max_size=14)),
                   "proposals": draw(st.lists(text, max_size=4))}],
        "agenda": agenda,
        "actions": draw(st.lists(st.builds(
            lambda t, o, d, s, i: {"task": t, "owner": o, "due": d, "status": s, **({"item": i} if i else {})},
            text, text, dates, st.sampled_from(["open", "done", "cancelled"]),
            st.integers(0, len(agenda))), max_size=4)),
        "distribution": {"to": [{"name": draw(text), "email": draw(emails)}]},
    }
    first, last = sorted(draw(st.lists(times, min_size=2, max_size=2)))
    data["meeting"].update(start_time=first, end_time=last,
                           chair={"name": draw(text), "position": draw(text)}, recorder={"name": draw(text)})
    return data


def write(tmp: Path, data: dict, name: str = "random.yaml") -> Path:
    """`data` as a YAML meeting file."""
    path = tmp / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings())
def test_valid_meetings_always_load(tmp_path: Path, data: dict) -> None:
    path = write(tmp_path, data)
    meeting = load_meeting(path)
    assert meeting.meeting.start == data["meeting"]["start"]
    assert len(meeting.plans[0].priority_areas) == len(data["plans"][0]["priority_areas"])
    assert [m.present for m in meeting.delegation.members] == [m.get("present", True)
                                                              for m in data["delegation"]["members"]]
    assert [e.message for e in SCHEMA.iter_errors(editor_value(yaml.compose(path.read_text("utf-8"))))] == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings(), lang=st.sampled_from(["lo", "en"]))
def test_valid_meetings_always_build(tmp_path: Path, data: dict, lang: str) -> None:
    out = tmp_path / f"out-{lang}"
    written = build([write(tmp_path, data)], out, ("pdf", "docx"), lang=lang).written  # type: ignore[arg-type]
    assert [p.suffix for p in written] == [".pdf", ".docx"]
    assert all(p.stat().st_size > 1000 for p in written)


BREAKAGES = {
    "unknown key": lambda d: d["meeting"].update({"tittle": "x"}),
    "women above total": lambda d: d["delegation"].update({"total": 3, "women": 4, "members": []}),
    "number as text": lambda d: d["meeting"].update({"number": "twenty"}),
    "impossible date": lambda d: d["meeting"].update({"start": "2021-02-30"}),
    "missing title": lambda d: d["meeting"].pop("title"),
    "end before start": lambda d: d["plans"][0].update({"start": 2030, "end": 2020}),
    "bad mode": lambda d: d["meeting"].update({"mode": "by post"}),
    "text as list": lambda d: d["issuer"].update({"ministry": ["a", "b"]}),
    "edition twice": lambda d: d.update({"editions": ["lo", "lo"]}),
    "time out of the day": lambda d: d["meeting"].update({"start_time": "25:00"}),
    "end time before start time": lambda d: d["meeting"].update(
        {"end": None, "start_time": "10:00", "end_time": "09:59"}),
    "absence of a member present": lambda d: d["delegation"].update(
        {"members": [{"name": "ກ", "gender": "male", "absence": "ບໍ່ສະບາຍ"}], "total": None, "women": None}),
    "action of no agenda item": lambda d: d.update(
        {"actions": [{"task": "ກ", "owner": "ຂ", "item": len(d["agenda"]) + 1}]}),
    "not an e-mail address": lambda d: d.update({"distribution": {"cc": [{"email": "name at moha"}]}}),
    "still to fill in": lambda d: d["issuer"].update({"date": "FILL IN"}),
}
# The breakages the schema sees too: the others are rules across values, which only the loader knows, and
# 2021-02-30, which has the form of a date.
SCHEMA_SEES = {"unknown key", "number as text", "missing title", "bad mode", "text as list",
               "edition twice", "time out of the day", "not an e-mail address", "still to fill in"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings(), breakage=st.sampled_from(sorted(BREAKAGES)))
def test_broken_meetings_always_give_a_located_message(tmp_path: Path, data: dict, breakage: str) -> None:
    BREAKAGES[breakage](data)
    path = write(tmp_path, data)
    try:
        load_meeting(path)
    except InputError as err:
        assert err.problems
        assert all(str(p).startswith(f"{path}:") and p.path and p.message for p in err.problems)
        assert len({p.path for p in err.problems}) == len(err.problems)  # one problem per field
    else:
        raise AssertionError(f"{breakage} was accepted")
    if breakage in SCHEMA_SEES:
        assert not SCHEMA.is_valid(editor_value(yaml.compose(path.read_text("utf-8")))), breakage


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings(), breakage=st.sampled_from(sorted(BREAKAGES)),
       junk=st.text(alphabet=string.ascii_letters, min_size=1, max_size=5))
def test_broken_meetings_exit_2_through_the_cli(tmp_path: Path, data: dict, breakage: str, junk: str) -> None:
    BREAKAGES[breakage](data)
    path = write(tmp_path, data, f"{junk}.yaml")
    result = run_cli("build", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:") and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
