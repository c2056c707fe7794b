"""The view: every shown text in the edition's language, figures from stats, dates, labels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEED
from generator.errors import InputError
from generator.content.labels import load_labels
from generator.data.loader import load_meeting
from generator.data.stats import attendance, plan_summary
from generator.content.view import build_view

UNTRANSLATED = DATA / "view-untranslated.yaml"


@pytest.fixture(scope="module")
def seed_lo() -> dict:
    return build_view(load_meeting(SEED), "lo")


def test_seed_attendance_figures_are_the_computed_ones(seed_lo: dict) -> None:
    figures = attendance(load_meeting(SEED).delegation)
    assert (figures.total, figures.women, figures.men) == (14, 5, 9)
    assert seed_lo["attendance"] == {
        "total": "14", "women": "5", "men": "9", "women_share": "35,7%",
        "named": str(figures.named), "units": str(figures.units),
    }


def test_english_share_uses_a_decimal_point() -> None:
    assert build_view(load_meeting(SEED), "en")["attendance"]["women_share"] == "35.7%"


def test_seed_plan_summary(seed_lo: dict) -> None:
    meeting = load_meeting(SEED)
    summary = plan_summary(meeting.plans[0])
    plan = seed_lo["plans"][0]
    assert (plan["period"], plan["years"]) == ("2021–2025", "5 ປີ")
    assert (plan["priority_area_count"], plan["activities"], plan["proposal_count"]) == ("12", "80", "3")
    assert len(plan["priority_areas"]) == summary.priority_areas
    assert plan["priority_areas"][0]["number"] == "1"
    assert set(plan["priority_areas"][0]) == {"number", "lo", "en"}
    assert all(row["lo"] and row["en"] for row in plan["priority_areas"] + plan["proposals"])


def test_seed_heading_and_dates(seed_lo: dict) -> None:
    head = seed_lo["letterhead"]
    assert head["nation"] == "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ"
    assert head["motto"] == "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"
    assert head["issuer"] == ["ກະຊວງພາຍໃນ"]
    assert head["place_date"] == "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ 20 ພະຈິກ 2020"
    assert seed_lo["meeting"]["dates"] == "17–18 ພະຈິກ 2020"
    assert seed_lo["meta"]["author"] == "ກະຊວງພາຍໃນ"


def test_english_heading() -> None:
    view = build_view(load_meeting(SEED), "en")
    assert view["letterhead"]["nation"] == "Lao People's Democratic Republic"
    assert view["letterhead"]["motto"] == "Peace Independence Democracy Unity Prosperity"
    assert view["letterhead"]["place_date"] == "Vientiane Capital, 20 November 2020"
    assert view["meeting"]["dates"] == "17–18 November 2020"
    assert view["labels"]["section_purpose"] == "Purpose of the meeting"


def test_issue_date_defaults_to_the_meeting_start_without_an_end() -> None:
    view = build_view(load_meeting(DATA / "minimal.yaml"), "lo")
    assert view["letterhead"]["place_date"] == "ວັນທີ 4 ມີນາ 2021"
    assert view["letterhead"]["reference"] == ""


def test_issue_date_defaults_to_the_meeting_end(tmp_path: Path) -> None:
    text = UNTRANSLATED.read_text(encoding="utf-8").replace("      - ການຄົ້ນຄ້ວາ\n", "")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    view = build_view(load_meeting(tmp_path / "m.yaml"), "lo")
    head = view["letterhead"]
    assert head["place_date"] == "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ 2 ທັນວາ 2020"
    assert head["reference"] == "ເລກທີ 123/ພນ"
    assert head["issuer"] == ["ກະຊວງພາຍໃນ", "ກົມອາຊຽນ"]
    assert view["meeting"]["dates"] == "30 ພະຈິກ – 2 ທັນວາ 2020"
    assert view["meeting"]["series_number"] == "ຊຸດທົດລອງ, ຄັ້ງທີ 3"
    assert view["meeting"]["mode"] == "ພົບປະໂດຍກົງ ແລະ ທາງໄກ"
    assert view["attendance"]["women_share"] == "40%"
    assert view["running_header"] == "ກະຊວງພາຍໃນ · ຊຸດທົດລອງ ຄັ້ງທີ 3"


def test_every_missing_english_text_is_listed_in_one_error() -> None:
    with pytest.raises(InputError) as caught:
        build_view(load_meeting(UNTRANSLATED), "en")
    f = "tests/data/view-untranslated.yaml"  # named relative to the current folder (the repository)
    assert str(caught.value).splitlines() == [
        f"{f}:18:7: meeting.purpose[2]: no English text (the en edition needs every text it "
        "shows in English; add en: ...)",
        f"{f}:25:17: delegation.members[1].position: no English text (the en edition needs "
        "every text it shows in English; add en: ...)",
        f"{f}:34:9: plans[1].priority_areas[2]: no English text (the en edition shows it in "
        "Lao and English; add en: ...)",
    ]


def test_the_lao_edition_needs_both_languages_in_bilingual_tables() -> None:
    with pytest.raises(InputError) as caught:
        build_view(load_meeting(UNTRANSLATED), "lo")
    assert str(caught.value) == (
        "tests/data/view-untranslated.yaml:34:9: plans[1].priority_areas[2]: no English text "
        "(the lo edition shows it in Lao and English; add en: ...)")


def test_unknown_kind() -> None:
    with pytest.raises(InputError) as caught:
        build_view(load_meeting(SEED), "lo", "memo")
    assert str(caught.value) == "--kind: unknown document kind 'memo' (expected briefing, minutes)"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    return folder


def _edit_labels(folder: Path, old: str, new: str) -> None:
    path = folder / "labels.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_label_without_english_is_an_error_at_load(templates: Path) -> None:
    _edit_labels(templates, "  en: Purpose of the meeting\n", "")
    with pytest.raises(InputError) as caught:
        load_labels(templates)
    line = (templates / "labels.yaml").read_text(encoding="utf-8").splitlines().index("section_purpose:") + 1
    assert str(caught.value) == (
        f"{templates}/labels.yaml:{line + 1}:3: section_purpose: no English text "
        "(every label needs lo: and en:)")


def test_label_the_generator_needs_is_required(templates: Path) -> None:
    _edit_labels(templates, "motto:\n", "slogan:\n")
    with pytest.raises(InputError) as caught:
        build_view(load_meeting(SEED), "lo", templates_dir=templates)
    assert str(caught.value) == (
        f"{templates}/labels.yaml: label 'motto' is missing (the generator needs it; "
        "add motto: {lo: ..., en: ...})")


def test_label_placeholders_must_agree(templates: Path) -> None:
    _edit_labels(templates, '  en: "No. {reference}"', '  en: "No. {ref}"')
    with pytest.raises(InputError) as caught:
        load_labels(templates)
    assert str(caught.value).endswith(
        "reference: the lo and en texts use different placeholders ({reference} and {ref}; "
        "expected the same)")


def _label_problems(templates: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(templates.parent)
    with pytest.raises(InputError) as caught:
        load_labels(templates)
    return [str(p) for p in caught.value.problems]


def _line_of(templates: Path, text: str) -> int:
    return (templates / "labels.yaml").read_text(encoding="utf-8").splitlines().index(text) + 1


def test_label_with_a_language_twice(templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit_labels(templates, "  en: Title\n", "  en: Title\n  en: Heading\n")
    line = _line_of(templates, "  en: Heading")
    assert _label_problems(templates, monkeypatch) == [
        f"templates/labels.yaml:{line}:3: title.en: duplicate key (keep one)"]


def test_label_that_is_not_a_text(templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit_labels(templates, "  en: Title\n", "  en: 2021\n")
    line = _line_of(templates, "  en: 2021")
    assert _label_problems(templates, monkeypatch) == [
        f"templates/labels.yaml:{line}:7: title.en: expected a text (write the label's words after the colon, "
        "in quotes when they begin with a digit or contain ': ')"]


def test_label_given_twice(templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = templates / "labels.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "title:\n  lo: ຫົວເລື່ອງ\n  en: Heading\n",
                    encoding="utf-8")
    first = _line_of(templates, "title:")
    last = len(path.read_text(encoding="utf-8").splitlines()) - 2
    assert _label_problems(templates, monkeypatch) == [
        f"templates/labels.yaml:{last}:1: title: duplicate label (first given on line {first}; keep one)"]


@pytest.mark.parametrize("typed, lo, en", [
    ("215/ກພນ", "ເລກທີ 215/ກພນ", "No. 215/ກພນ"),
    ("ເລກທີ 215/ກພນ", "ເລກທີ 215/ກພນ", "No. 215/ກພນ"),
    ("ເລກທີ່ 215/ກພນ", "ເລກທີ 215/ກພນ", "No. 215/ກພນ"),
    ("ເລກທີ215/ກພນ", "ເລກທີ 215/ກພນ", "No. 215/ກພນ"),
    ("No. 215/MoHA", "ເລກທີ 215/MoHA", "No. 215/MoHA"),
    ("no: 215", "ເລກທີ 215", "No. 215"),
    ("Nov-215", "ເລກທີ Nov-215", "No. Nov-215"),
    ("ເລກທີ", "ເລກທີ", "No."),  # the word alone, a number to be written in by hand
])
def test_reference_word_is_printed_once(tmp_path: Path, typed: str, lo: str, en: str) -> None:
    source = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace(
        "  ministry: {lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs}\n",
        f'  ministry: {{lo: ກະຊວງພາຍໃນ, en: Ministry of Home Affairs}}\n  reference: "{typed}"\n')
    path = tmp_path / "m.yaml"
    path.write_text(source, encoding="utf-8")
    meeting = load_meeting(path)
    assert build_view(meeting, "lo")["letterhead"]["reference"] == lo
    assert build_view(meeting, "en")["letterhead"]["reference"] == en
