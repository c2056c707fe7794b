"""The first real meeting, briefings/accsm-20.yaml, carries the article's facts faithfully."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from conftest import DATA, ROOT, SEED, run_cli
from generator.lao import normalise
from generator.data.loader import load_meeting
from generator.data.model import Meeting, Text
from generator.data.stats import attendance, plan_summary

ARTICLE = DATA / "accsm-20-article.lo.txt"  # the ministry's article, byte for byte as published
TEXT_COUNT = 58  # every {lo, en} text in the seed (14 of them in the agenda)

# Lao texts in the seed that are not in the article, each with the reason it may be there.
NOT_IN_ARTICLE = {
    "ນະຄອນຫຼວງວຽງຈັນ": "issuer.place: the ministry's seat; the article gives no place of issue",
}

# The article's English names, with its typos corrected (E-Governmance, HRM and HR, governanc...).
PRIORITY_AREAS_EN = (
    "Enhancing workforce competencies and standards in the public sectors",
    "Building institutional capacities and inter-agency coordination",
    "Transformative leadership",
    "Strengthening ASEAN Resource Centres (ARCs)",
    "Public sector reform and modernization",
    "E-Governance",
    "Human resource management and development (HRM and HRD)",
    "Productivity in the public sector",
    "Good governance",
    "Public sector reform",
    "Local administration capacity building and cooperation",
    "Research and innovation",
)
PROPOSALS_EN = (
    "Digitalised Public Service Delivery",
    "Workshop on Effective E-training Methodology",
    "Civil Service Retrenchment Experience with the Plus Three Countries",
)


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    """The seed meeting, loaded as the generator loads it."""
    return load_meeting(SEED)


@pytest.fixture(scope="module")
def article() -> str:
    """The article's text, normalised like every loaded text."""
    return normalise(ARTICLE.read_text(encoding="utf-8"))


def _bilingual_mappings(value: object, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every {lo, en} mapping in raw YAML data, with its field path."""
    if isinstance(value, dict):
        if set(value) == {"lo", "en"}:
            return [(path, value)]
        return [m for k, v in value.items() for m in _bilingual_mappings(v, f"{path}.{k}".lstrip("."))]
    if isinstance(value, list):
        return [m for i, v in enumerate(value) for m in _bilingual_mappings(v, f"{path}[{i}]")]
    return []


def test_meeting_facts(meeting: Meeting) -> None:
    info = meeting.meeting
    assert meeting.id == "accsm-20"
    assert meeting.language == "lo"
    assert (info.start, info.end) == (dt.date(2020, 11, 17), dt.date(2020, 11, 18))
    assert info.mode == "online"
    assert info.number == 20
    assert info.host == Text("ປະເທດໄທ", "Thailand")
    assert info.series == Text("ຮ່ວມມືອາຊຽນກ່ຽວກັບວຽກງານລັດຖະກອນ",
                               "ASEAN Cooperation on Civil Service Matters (ACCSM)")
    assert info.title.lo is not None and info.title.lo.endswith("ຄັ້ງທີ 20")
    assert info.title.en is not None and info.title.en.startswith("20th ")
    assert info.venue is None
    assert len(info.purpose) == 3
    assert len(info.participants) == 1


def test_both_editions_are_built(meeting: Meeting) -> None:
    assert meeting.language == "lo"
    assert meeting.editions == ("lo", "en")


def test_no_actions_are_invented(meeting: Meeting) -> None:
    assert meeting.actions == ()  # the article states none


def test_no_times_chair_or_recorder_are_invented(meeting: Meeting) -> None:
    info = meeting.meeting
    assert (info.start_time, info.end_time, info.chair, info.recorder) == (None, None, None, None)


def test_the_agenda_is_the_articles(meeting: Meeting, article: str) -> None:
    agenda = meeting.agenda
    assert [item.title.en for item in agenda] == [
        "Report reviewing the monitoring and evaluation of the implementation of the ASEAN and ASEAN Plus "
        "Three work plan on civil service matters, 2016–2020",
        "Progress report on drafting, developing and adopting the ASEAN and ASEAN Plus Three work plan on "
        "civil service matters, 2021–2025",
        "Exchange of lessons on the roles, duties and responsibilities of civil servants in responding to "
        "the spread of COVID-19",
        "Plan and activities from Viet Nam for preparing to host the 21st meeting of the ASEAN Cooperation "
        "on Civil Service Matters in 2021–2022",
        "Official handover ceremony",
    ]
    # The article reports the two reports as considered and adopted, and Viet Nam's plan as adopted.
    assert [[d.en for d in item.decisions] for item in agenda] == [
        ["Considered and adopted"], ["Considered and adopted"], [],
        ["The meeting adopted the plan and activities"], []]
    assert [item.presenter.en if item.presenter else None for item in agenda] == [
        None, None, None, "Viet Nam", None]
    # Item 2 carries the plan's figures as the article gives them.
    assert [s.en for s in agenda[1].summary] == [
        "It comprises 12 priority areas",
        "It covers 80 activities that the ASEAN Member States and the Plus Three will implement together "
        "over the next 5 years",
        "Lao PDR proposed 3 activities for exchange with the Member States and ASEAN Plus Three"]
    # Items 1, 2, 4 and 5 in the order of the article's account of what the meeting did; item 3
    # is named among its aims, earlier in the article.
    positions = [article.find(item.title.lo or "") for item in agenda]
    assert -1 not in positions
    reported = [positions[i] for i in (0, 1, 3, 4)]
    assert reported == sorted(reported) and positions[2] < positions[0]


def test_issuer(meeting: Meeting) -> None:
    issuer = meeting.issuer
    assert issuer.ministry == Text("ກະຊວງພາຍໃນ", "Ministry of Home Affairs")
    assert issuer.place == Text("ນະຄອນຫຼວງວຽງຈັນ", "Vientiane Capital")
    assert issuer.date == dt.date(2020, 11, 20)
    assert issuer.reference is None and issuer.department is None


def test_attendance(meeting: Meeting) -> None:
    figures = attendance(meeting.delegation)
    assert (figures.total, figures.women, figures.men, figures.named) == (14, 5, 9, 2)
    assert (figures.present, figures.absent, figures.women_present, figures.men_present) == (14, 0, 5, 9)
    assert figures.women_share == pytest.approx(100 * 5 / 14)
    assert figures.units == 5


def test_named_members(meeting: Meeting) -> None:
    members = meeting.delegation.members
    assert [(m.name.lo, m.position.lo if m.position else None, m.role.lo if m.role else None)
            for m in members] == [
        ("ບຸນຈັນ ນິຍະວົງ", "ຫົວໜ້າກົມປະເມີນຜົນ ແລະ ພັດທະນາລັດຖະກອນ", "ເຈົ້າໜ້າທີ່ອາວຸໂສອາຊຽນ"),
        ("ສຸວັນນີ ລັດຕະນະວົງ", "ຫົວໜ້າກົມຄຸ້ມຄອງລັດຖະກອນ", "ຫົວໜ້າລັດຖະກອນອາຊຽນ ຝ່າຍ ສປປ ລາວ"),
    ]
    # The article gives no genders: the declared totals carry the figures. It names no one absent.
    assert [m.gender for m in members] == [None, None]
    assert [m.present for m in members] == [True, True]


def test_units_include_foreign_affairs(meeting: Meeting) -> None:
    assert Text("ກົມອາຊຽນ ຈາກກະຊວງການຕ່າງປະເທດ", "ASEAN Department, Ministry of Foreign Affairs") \
        in meeting.delegation.units


def test_plan_summary(meeting: Meeting) -> None:
    assert len(meeting.plans) == 1
    summary = plan_summary(meeting.plans[0])
    assert (summary.priority_areas, summary.activities, summary.proposals) == (12, 80, 3)
    assert (summary.first_year, summary.last_year, summary.years) == (2021, 2025, 5)


def test_priority_areas_english_is_corrected(meeting: Meeting) -> None:
    assert tuple(a.en for a in meeting.plans[0].priority_areas) == PRIORITY_AREAS_EN


def test_priority_areas_in_article_order(meeting: Meeting, article: str) -> None:
    positions = [article.find(a.lo or "") for a in meeting.plans[0].priority_areas]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_proposals(meeting: Meeting) -> None:
    proposals = meeting.plans[0].proposals
    assert tuple(p.en for p in proposals) == PROPOSALS_EN
    # The article types ຳ as ໍ + າ here; the loaded text has one spelling.
    assert "ຈຳນວນ" in (proposals[2].lo or "")


def test_next_meeting(meeting: Meeting) -> None:
    nxt = meeting.next_meeting
    assert nxt is not None
    assert nxt.number == 21
    assert nxt.host == Text("ສ ສ ຫວຽດນາມ", "Viet Nam")
    assert nxt.period == Text("2021-2022", "2021–2022")
    assert len(nxt.notes) == 1


def test_every_text_has_lao_and_english(meeting: Meeting) -> None:
    missing = [t.path or repr(t) for t in meeting.texts() if not (t.lo or "").strip() or not (t.en or "").strip()]
    assert missing == []
    assert len(meeting.texts()) == TEXT_COUNT


def test_lao_texts_come_from_the_article(meeting: Meeting, article: str) -> None:
    not_found = [t.lo for t in meeting.texts() if t.lo not in article and t.lo not in NOT_IN_ARTICLE]
    assert not_found == []


def test_allow_list_is_needed_and_used(meeting: Meeting, article: str) -> None:
    used = {t.lo for t in meeting.texts()}
    assert [lo for lo in NOT_IN_ARTICLE if lo in article or lo not in used] == []


def test_file_keeps_the_article_spelling() -> None:
    """Before normalisation too, every Lao text is the article's, character for character (spaces aside)."""
    raw = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    mappings = _bilingual_mappings(data)
    assert len(mappings) == TEXT_COUNT
    changed = [path for path, text in mappings
               if " ".join(text["lo"].split()) not in raw and text["lo"] not in NOT_IN_ARTICLE]
    assert changed == []


def test_every_figure_of_the_article_is_in_the_data(meeting: Meeting) -> None:
    info, plan = meeting.meeting, meeting.plans[0]
    summary = plan_summary(plan)
    assert meeting.next_meeting is not None and info.end is not None
    body = ARTICLE.read_text(encoding="utf-8")
    in_data = {m for t in meeting.texts() for m in re.findall(r"\d+", t.lo or "")}
    in_data |= {str(n) for n in (
        info.number, info.start.day, info.end.day, info.start.year,
        meeting.delegation.total, meeting.delegation.women,
        plan.start, plan.end, plan.activities, summary.priority_areas, summary.proposals, summary.years,
        meeting.next_meeting.number,
    )}
    assert set(re.findall(r"\d+", body)) - in_data == set()


@pytest.mark.cli  # needs generator.cli and everything `check` uses (templates, fonts, DOCX checker)
def test_cli_check_accepts_the_seed() -> None:
    result = run_cli("check", str(SEED.relative_to(ROOT)))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
