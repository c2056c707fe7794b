"""Minutes: what the view computes (numbers, Lao dates, statuses, overdue, figures), the HTML, and `check --kind minutes`."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, SEED, run_cli
from generator.content.render import render_html
from generator.content.view import build_view
from generator.data.loader import load_meeting
from generator.data.stats import action_figures, attendance
from generator.errors import InputError
from loading import MINIMAL, write

EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"
TEMPLATES = ROOT / "templates"
AGENDA_NEEDED = ("(the minutes are written from it: add agenda: with one item per point discussed, "
                 "each with a title)")


@pytest.fixture(scope="module")
def example_lo() -> dict:
    return build_view(load_meeting(EXAMPLE), "lo", "minutes")


@pytest.fixture(scope="module")
def example_en() -> dict:
    return build_view(load_meeting(EXAMPLE), "en", "minutes")


def _html(view: dict) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_html(view, "minutes", TEMPLATES))


def _texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in root.xpath(xpath)]


# --- the view -----------------------------------------------------------------------------

def test_title_and_subtitle(example_lo: dict, example_en: dict) -> None:
    assert example_lo["title"] == "ບົດບັນທຶກກອງປະຊຸມ"
    assert example_en["title"] == "Minutes"
    assert example_en["subtitle"] == example_en["meeting"]["title"]
    assert example_en["meta"]["title"] == f"Minutes: {example_en['meeting']['title']}"


def test_times_chair_and_recorder(example_lo: dict, example_en: dict) -> None:
    assert example_lo["times"] == "08:30–11:30 ໂມງ"
    assert example_en["times"] == "08:30–11:30"
    assert example_en["chair"] == {
        "name": "Mr Bounmy Sihalath",
        "position": "Deputy Director General, Department of Civil Service Management",
        "line": "Mr Bounmy Sihalath, Deputy Director General, Department of Civil Service Management"}
    assert example_lo["recorder"]["line"] == "ທ່ານ ນາງ ດາລາ ສີສຸລາດ, ວິຊາການ ພະແນກຮ່ວມມືອາຊຽນ"
    assert example_lo["closing"] == "ກອງປະຊຸມໄດ້ປິດລົງໃນເວລາ 11:30 ໂມງ, ວັນທີ 4 ທັນວາ 2020."
    assert example_en["closing"] == "The meeting closed at 11:30 on 4 December 2020."


@pytest.mark.parametrize(("start", "end", "lo", "en"), [
    ('"08:30"', None, "ເລີ່ມ 08:30 ໂມງ", "from 08:30"),
    (None, '"16:00"', "ຮອດ 16:00 ໂມງ", "until 16:00"),
    (None, None, "", ""),
])
def test_a_meeting_with_only_some_times(tmp_path: Path, start: str | None, end: str | None,
                                        lo: str, en: str) -> None:
    lines = [f"  start_time: {start}" if start else "", f"  end_time: {end}" if end else ""]
    source = MINIMAL.replace("  mode: online\n", "  mode: online\n" + "".join(f"{x}\n" for x in lines if x))
    source += "agenda:\n  - title: {lo: ວາລະ, en: Item}\n"
    meeting = load_meeting(write(tmp_path, source))
    assert build_view(meeting, "lo", "minutes")["times"] == lo
    assert build_view(meeting, "en", "minutes")["times"] == en
    assert build_view(meeting, "en", "minutes")["closing"] == ("The meeting closed at 16:00 on 4 March 2021."
                                                             if end else "")


def test_attendance_figures_are_the_computed_ones(example_lo: dict) -> None:
    figures = attendance(load_meeting(EXAMPLE).delegation)
    assert (figures.total, figures.present, figures.women_present, figures.men_present, figures.absent) == \
        (6, 4, 2, 2, 2)
    assert example_lo["attendance"] == {"total": "6", "present": "4", "women_present": "2",
                                        "men_present": "2", "absent": "2", "women_absent": "1",
                                        "men_absent": "1"}


def test_present_and_absent_members_are_numbered_apart(example_en: dict) -> None:
    assert [(m["number"], m["name"]) for m in example_en["present_members"]] == [
        ("1", "Mr Bounmy Sihalath"), ("2", "Ms Manivanh Phommachanh"), ("3", "Mr Somphone Vongsa"),
        ("4", "Ms Dala Sisoulath")]
    assert [(m["number"], m["name"], m["absence"]) for m in example_en["absent_members"]] == [
        ("1", "Ms Khamphaeng Xayavong", "On mission in the provinces"),
        ("2", "Mr Vanxay Keomany", "On sick leave")]
    assert example_en["present_positions"] and example_en["present_roles"]


def test_agenda_items_are_numbered_with_their_heading(example_lo: dict, example_en: dict) -> None:
    assert [i["number"] for i in example_en["agenda"]] == ["1", "2", "3"]
    assert example_en["agenda"][0]["heading"] == "Item 1: Report on the 20th ACCSM"
    assert example_lo["agenda"][0]["heading"] == "ວາລະທີ 1: ລາຍງານຜົນກອງປະຊຸມ ACCSM ຄັ້ງທີ 20"
    assert example_en["agenda"][2] == {
        "number": "3", "title": "Preparations for the 21st ACCSM in Viet Nam",
        "heading": "Item 3: Preparations for the 21st ACCSM in Viet Nam",
        "presenter": "Mr Bounmy Sihalath", "summary": [], "decisions": ["Appoint a preparatory team"]}


def test_actions_have_lao_dates_status_labels_and_overdue_flags(example_lo: dict, example_en: dict) -> None:
    rows = [(a["number"], a["due"], a["status"], a["overdue"], a["item"]) for a in example_lo["actions"]]
    assert rows == [
        ("1", "8 ທັນວາ 2020", "ສຳເລັດແລ້ວ", False, "ວາລະທີ 1"),
        ("2", "11 ທັນວາ 2020", "ກຳລັງດຳເນີນ", True, "ວາລະທີ 1"),  # open, due before 15 December
        ("3", "29 ມັງກອນ 2021", "ກຳລັງດຳເນີນ", False, "ວາລະທີ 2"),
        ("4", "30 ທັນວາ 2020", "ຍົກເລີກ", False, "ວາລະທີ 2"),
        ("5", "26 ກຸມພາ 2021", "ກຳລັງດຳເນີນ", False, "ວາລະທີ 3"),
    ]
    assert [(a["due"], a["status"]) for a in example_en["actions"][:2]] == [
        ("8 December 2020", "Done"), ("11 December 2020", "Open")]
    assert example_en["actions"][0]["item"] == "item 1"


def test_action_figures_and_the_overdue_note(example_lo: dict, example_en: dict) -> None:
    figures = action_figures(load_meeting(EXAMPLE))
    assert (figures.total, figures.done, figures.open, figures.cancelled, figures.overdue) == (5, 1, 3, 1, 1)
    assert example_lo["action_figures"] == {"total": "5", "open": "3", "done": "1", "cancelled": "1",
                                            "overdue": "1"}
    assert example_en["overdue_note"] == "Overdue: open, and due before 15 December 2020."
    assert example_lo["overdue_note"] == "ກາຍກຳນົດ: ວຽກທີ່ຍັງບໍ່ສຳເລັດ ແລະ ມີກຳນົດເວລາກ່ອນວັນທີ 15 ທັນວາ 2020."


def test_the_seed_minutes_show_only_what_the_article_gives() -> None:
    view = build_view(load_meeting(SEED), "en", "minutes")
    assert (view["times"], view["chair"], view["recorder"], view["closing"]) == ("", None, None, "")
    assert view["actions"] == [] and view["overdue_note"] == ""
    assert view["attendance"] == {"total": "14", "present": "14", "women_present": "5", "men_present": "9",
                                  "absent": "0", "women_absent": "0", "men_absent": "0"}
    assert len(view["agenda"]) == 5 and view["absent_members"] == []


# --- the HTML -----------------------------------------------------------------------------

def test_the_minutes_html_has_every_part_in_order(example_en: dict) -> None:
    root = _html(example_en)
    assert _texts(root, "//h1") == ["Minutes"]
    assert _texts(root, "//h2") == ["The meeting", "Attendance", "Agenda", "Follow-up actions"]
    assert _texts(root, "//table[@class='facts']//th") == [
        "Title", "Dates", "Time", "Format", "Venue", "Chair", "Minutes taken by"]
    assert _texts(root, "//h3") == ["Present", "Absent", "Item 1: Report on the 20th ACCSM",
                                    "Item 2: The activities proposed by Lao PDR",
                                    "Item 3: Preparations for the 21st ACCSM in Viet Nam"]
    assert _texts(root, "//table[@class='actions']/thead//th") == ["No.", "Task", "Responsible", "Due", "Status"]
    body = root.xpath("//body")[0].text_content()
    order = [body.rfind(s) for s in ("Attendance", "Item 1:", "Follow-up actions", "The meeting closed at")]
    assert -1 not in order and order == sorted(order)
    assert root.xpath("//table[@class='signatures']/preceding::p[1]")[0].text_content().startswith(
        "The meeting closed at")


def test_overdue_actions_are_marked_with_a_class_and_a_word(example_en: dict) -> None:
    root = _html(example_en)
    rows = root.xpath("//table[@class='actions']/tbody/tr")
    marked = [i for i, row in enumerate(rows, start=1) if row.xpath(".//span[@class='overdue']")]
    assert marked == [2]
    assert _texts(rows[1], ".//span[@class='overdue']") == ["11 December 2020", "Overdue"]
    assert " ".join(rows[1].xpath("td")[-1].itertext()) == "Open Overdue"


def test_the_signature_block_names_chair_and_recorder(example_lo: dict) -> None:
    rows = _html(example_lo).xpath("//table[@class='signatures']//tr")
    assert [[" | ".join(td.itertext()) for td in row.xpath("td")] for row in rows] == [
        ["ຜູ້ບັນທຶກ", "ປະທານກອງປະຊຸມ"],
        ["ທ່ານ ນາງ ດາລາ ສີສຸລາດ | ວິຊາການ ພະແນກຮ່ວມມືອາຊຽນ",
         "ທ່ານ ບຸນມີ ສີຫາລາດ | ຮອງຫົວໜ້າກົມຄຸ້ມຄອງລັດຖະກອນ"]]


def test_without_chair_and_recorder_the_signature_block_leaves_room_for_both() -> None:
    root = _html(build_view(load_meeting(SEED), "lo", "minutes"))
    rows = root.xpath("//table[@class='signatures']//tr")
    assert [[td.text_content() for td in row.xpath("td")] for row in rows] == [
        ["ຜູ້ບັນທຶກ", "ປະທານກອງປະຊຸມ"], ["", ""]]
    assert root.xpath("//table[@class='actions']") == []  # the article states no actions


def test_the_minutes_use_the_stylesheet_that_imports_the_briefings() -> None:
    html = render_html(build_view(load_meeting(SEED), "lo", "minutes"), "minutes", TEMPLATES)
    assert re.search(r'<link rel="stylesheet" href="file://[^"]+/templates/minutes\.css">', html)
    assert '@import url("briefing.css");' in (TEMPLATES / "minutes.css").read_text(encoding="utf-8")


# --- check --kind minutes -----------------------------------------------------------------

@pytest.mark.cli
def test_check_refuses_minutes_without_an_agenda(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run_cli("check", "m.yaml", "--kind", "minutes", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"m.yaml:2:1: agenda: missing {AGENDA_NEEDED}\n"
    assert run_cli("check", "m.yaml", cwd=tmp_path).returncode == 0  # a briefing needs none


@pytest.mark.cli
def test_check_refuses_an_empty_agenda_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL + "agenda: []\n", encoding="utf-8")
    result = run_cli("check", "m.yaml", "--kind", "minutes", "--lang", "en", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"m.yaml:17:9: agenda: empty {AGENDA_NEEDED}\n")


@pytest.mark.cli
def test_build_of_minutes_without_agenda_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run_cli("build", "m.yaml", "--kind", "minutes", "-o", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"m.yaml:2:1: agenda: missing {AGENDA_NEEDED}\n")
    assert not (tmp_path / "out").exists()


def test_the_agenda_problem_comes_with_the_missing_translations(tmp_path: Path) -> None:
    source = MINIMAL.replace("{lo: ກອງປະຊຸມທົດລອງ, en: Test meeting}", "ກອງປະຊຸມທົດລອງ")
    with pytest.raises(InputError) as caught:
        build_view(load_meeting(write(tmp_path, source)), "en", "minutes")
    shown = [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems]
    assert shown == [
        "m.yaml:6:10: meeting.title: no English text (the en edition needs every text it shows in English; "
        "add en: ...)",
        f"m.yaml:2:1: agenda: missing {AGENDA_NEEDED}",
    ]


@pytest.mark.cli
def test_check_accepts_the_minutes_of_both_examples_in_both_editions() -> None:
    for lang in ("lo", "en"):
        result = run_cli("check", str(SEED.relative_to(ROOT)), str(EXAMPLE.relative_to(ROOT)),
                         "--kind", "minutes", "--lang", lang)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert result.stdout.splitlines() == [f"ok briefings/accsm-20.yaml (minutes, {lang})",
                                              f"ok briefings/example-internal-meeting.yaml (minutes, {lang})"]


def test_the_example_says_it_is_an_example() -> None:
    meeting = load_meeting(EXAMPLE)
    assert meeting.meeting.title.lo.endswith("(ຕົວຢ່າງ)") and meeting.meeting.title.en.endswith("(example)")
    assert EXAMPLE.read_text(encoding="utf-8").splitlines()[1].startswith("# EXAMPLE, NOT A REAL MEETING")
    assert meeting.editions == ("lo", "en")
