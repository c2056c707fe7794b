"""Property-based: random valid meetings always load and build; random broken ones always give exit 2 and a message."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from generator.build import build
from generator.errors import InputError
from generator.data.loader import load_meeting

LAO_WORDS = ["ກະຊວງ", "ພາຍໃນ", "ກອງປະຊຸມ", "ອາຊຽນ", "ລັດຖະກອນ", "ນ້ຳ", "ສຳເລັດ", "ກິດຈະກຳ", "ແຜນງານ"]
EN_WORDS = ["ASEAN", "civil", "service", "meeting", "plan", "<b>", "{{ 7*7 }}", "&amp;", "R&D"]

lao_text = st.lists(st.sampled_from(LAO_WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w))
en_text = st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w))
text = st.builds(lambda lo, en: {"lo": lo, "en": en}, lao_text, en_text)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def delegations(draw: st.DrawFn) -> dict:
    """A delegation consistent by SPEC's rules, declared or counted."""
    members = draw(st.lists(st.builds(lambda n, g: {"name": n, "gender": g}, text,
                                      st.sampled_from(["female", "male"])), max_size=6))
    women_named = sum(m["gender"] == "female" for m in members)
    if not members or draw(st.booleans()):
        total = len(members) + draw(st.integers(min_value=1 if not members else 0, max_value=30))
        women = women_named + draw(st.integers(0, total - len(members)))
        return {"total": total, "women": women, "members": members}
    return {"members": members, "units": draw(st.lists(text, max_size=3))}


@st.composite
def meetings(draw: st.DrawFn) -> dict:
    """A random meeting that SPEC says is valid."""
    start = draw(dates)
    first_year = draw(st.integers(2000, 2040))
    data = {
        "language": draw(st.sampled_from(["lo", "en"])),
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
    }
    return data


def write(tmp: Path, data: dict, name: str = "random.yaml") -> Path:
    """`data` as a YAML meeting file."""
    path = tmp / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings())
def test_valid_meetings_always_load(tmp_path: Path, data: dict) -> None:
    meeting = load_meeting(write(tmp_path, data))
    assert meeting.meeting.start == data["meeting"]["start"]
    assert len(meeting.plans[0].priority_areas) == len(data["plans"][0]["priority_areas"])


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
}


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
    else:
        raise AssertionError(f"{breakage} was accepted")


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
