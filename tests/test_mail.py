"""`mail`: the .eml draft as Python's email package and Debian's munpack read it; its refusals, notes and warning."""

from __future__ import annotations

import email
import email.policy
import shutil
import subprocess
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, SEED, require, run_cli, snapshot
from generator import cli, mail
from generator.build import build
from generator.content import view as document_view
from generator.content.render import render_text
from generator.data.loader import load_meeting
from generator.eml import draft_message
from generator.errors import InputError

DISTRIBUTION = """
distribution:
  to:
    - name: {lo: ທ່ານ ບຸນມີ ສີຫາລາດ, en: Mr Bounmy Sihalath}
      email: bounmy@example.gov.la
    - {email: asean.desk@example.gov.la}
  cc:
    - {name: {en: "Ms Manee, Director"}, email: manee@example.gov.la}
"""
LO_TITLE = ("ກອງປະຊຸມທາງໄກຮ່ວມມືອາຊຽນກ່ຽວກັບວຽກງານລັດຖະກອນ ລະດັບເຈົ້າໜ້າທີ່ອາວຸໂສ ແລະ ຫົວໜ້າລັດຖະກອນອາຊຽນ "
            "ຄັ້ງທີ 20")
EN_TITLE = ("20th Videoconference on ASEAN Cooperation on Civil Service Matters of Senior Officials and ASEAN Heads "
            "of Civil Service")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the seed plus a distribution as accsm-20.yaml and its two PDFs in out/."""
    root = tmp_path_factory.mktemp("mail")
    (root / "accsm-20.yaml").write_text(SEED.read_text(encoding="utf-8") + DISTRIBUTION, encoding="utf-8")
    for lang in ("lo", "en"):
        build([root / "accsm-20.yaml"], root / "out", ("pdf",), "briefing", lang)
    return root


@pytest.fixture
def work(folder: Path, tmp_path: Path) -> Path:
    """A copy of `folder` to change."""
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture(scope="module")
def drafted(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mail --all-editions` run as a user runs it, in a copy of `folder`."""
    root = tmp_path_factory.mktemp("drafted")
    shutil.copytree(folder, root, dirs_exist_ok=True)
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", "--all-editions", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote out/accsm-20-briefing.eml\nwrote out/accsm-20-briefing-en.eml\n"
    assert result.stderr == ""
    return root / "out"


def parsed(path: Path) -> EmailMessage:
    """The draft as Python's email package reads it."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def decoded(raw: str) -> str:
    """A header decoded by RFC 2047 alone. (The address parser of Python 3.11's email.headerregistry puts a
    space between adjacent encoded words of a display name, which RFC 2047 says to drop; mail programs drop it.)"""
    return str(make_header(decode_header(raw)))


# ---- headers ---------------------------------------------------------------------------------

def test_an_unsent_draft_without_sender_date_or_id(drafted: Path) -> None:
    for name in ("accsm-20-briefing.eml", "accsm-20-briefing-en.eml"):
        message = parsed(drafted / name)
        assert message["X-Unsent"] == "1"
        for header in ("From", "Sender", "Date", "Message-ID", "Bcc"):
            assert header not in message
        assert message.get_all("MIME-Version") == ["1.0"]
        assert message.get_content_type() == "multipart/mixed"
        raw = (drafted / name).read_bytes()
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert head.isascii() and b"\n" not in head.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_recipients_with_their_names_in_the_edition_language(drafted: Path) -> None:
    lo, en = parsed(drafted / "accsm-20-briefing.eml"), parsed(drafted / "accsm-20-briefing-en.eml")
    assert [a.addr_spec for a in lo["To"].addresses] == ["bounmy@example.gov.la", "asean.desk@example.gov.la"]
    assert decoded(_raw(drafted, "To")) == "ທ່ານ ບຸນມີ ສີຫາລາດ <bounmy@example.gov.la>, asean.desk@example.gov.la"
    assert "=?utf-8?b?" in _raw(drafted, "To")  # RFC 2047
    assert decoded(_raw(drafted, "Cc")) == '"Ms Manee, Director" <manee@example.gov.la>'  # no Lao name: English
    assert str(en["To"]) == "Mr Bounmy Sihalath <bounmy@example.gov.la>, asean.desk@example.gov.la"
    assert [a.display_name for a in en["Cc"].addresses] == ["Ms Manee, Director"]


def _raw(folder: Path, header: str, name: str = "accsm-20-briefing.eml") -> str:
    """The header's value as written in the file, unfolded."""
    head = (folder / name).read_bytes().split(b"\r\n\r\n", 1)[0].decode("ascii")
    for field in head.replace("\r\n ", " ").split("\r\n"):
        key, _, value = field.partition(": ")
        if key == header:
            return value
    raise KeyError(header)


def test_the_subject_is_the_title_of_the_pdf(drafted: Path) -> None:
    for suffix, title in (("", f"ບົດລາຍງານສະຫຼຸບ: {LO_TITLE}"), ("-en", f"Briefing Note: {EN_TITLE}")):
        subject = parsed(drafted / f"accsm-20-briefing{suffix}.eml")["Subject"]
        assert subject == title == decoded(_raw(drafted, "Subject", f"accsm-20-briefing{suffix}.eml"))
        assert PdfReader(drafted / f"accsm-20-briefing{suffix}.pdf").metadata.title == title


# ---- body ------------------------------------------------------------------------------------

LO_BODY = f"""ຮຽນ ທ່ານທີ່ນັບຖື,

ຂໍສົ່ງບົດລາຍງານສະຫຼຸບ ກ່ຽວກັບການເຂົ້າຮ່ວມ {LO_TITLE} ມາພ້ອມນີ້ (ໄຟລ໌ຄັດຕິດ accsm-20-briefing.pdf).

ຂໍ້ມູນສຳຄັນ:
- ວັນທີ: 17–18 ພະຈິກ 2020
- ຮູບແບບ: ກອງປະຊຸມທາງໄກ
- ເຈົ້າພາບ: ປະເທດໄທ
- ຄະນະຜູ້ແທນ: 14 ທ່ານ (ຍິງ 5 ທ່ານ, 35,7%)

ຈຶ່ງຮຽນມາເພື່ອຊາບ ແລະ ພິຈາລະນາ.

ດ້ວຍຄວາມນັບຖື,
ກະຊວງພາຍໃນ
"""
EN_BODY = f"""Dear colleagues,

Please find attached the briefing note on our participation in the {EN_TITLE} (accsm-20-briefing-en.pdf).

Key facts:
- Dates: 17–18 November 2020
- Format: Videoconference
- Host: Thailand
- Delegation: 14 (women: 5, 35.7%)

For your information and consideration.

With best regards,
Ministry of Home Affairs
"""


@pytest.mark.parametrize("name, lang, body", [("accsm-20-briefing.eml", "lo", LO_BODY),
                                              ("accsm-20-briefing-en.eml", "en", EN_BODY)])
def test_the_body_greets_gives_the_key_facts_and_closes(drafted: Path, name: str, lang: str, body: str) -> None:
    text = parsed(drafted / name).get_body(("plain",))
    assert text.get_content_type() == "text/plain" and text.get_content_charset() == "utf-8"
    assert text["Content-Language"] == lang
    assert text.get_content().replace("\r\n", "\n") == body


# ---- attachment ------------------------------------------------------------------------------

def test_the_pdf_is_attached_byte_for_byte_with_its_name(drafted: Path) -> None:
    for suffix in ("", "-en"):
        (attached,) = parsed(drafted / f"accsm-20-briefing{suffix}.eml").iter_attachments()
        assert attached.get_content_type() == "application/pdf"
        assert attached.get_filename() == f"accsm-20-briefing{suffix}.pdf"
        assert attached.get_param("name") == f"accsm-20-briefing{suffix}.pdf"
        assert attached.get_content() == (drafted / f"accsm-20-briefing{suffix}.pdf").read_bytes()
    raw = (drafted / "accsm-20-briefing.eml").read_bytes()
    assert b'Content-Type: application/pdf;\r\n name="accsm-20-briefing.pdf"\r\n' in raw
    assert b'Content-Disposition: attachment;\r\n filename="accsm-20-briefing.pdf"\r\n' in raw


def test_a_lao_file_name_is_given_in_rfc_2231_and_as_encoded_words_for_outlook() -> None:
    name = "ກອງປະຊຸມຮ່ວມມືອາຊຽນກ່ຽວກັບວຽກງານລັດຖະກອນ-briefing.pdf"
    raw = draft_message("ກ", [], [], "ກ\n", "lo", b"%PDF-1.7\n", name)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    (attached,) = message.iter_attachments()
    assert attached.get_filename() == name  # from filename*, RFC 2231
    start = raw.index(b"Content-Type: application/pdf")
    head = raw[start:raw.index(b"\r\n\r\n", start)].decode("ascii")  # the attachment's headers
    assert "filename*0*=utf-8''%E0%BA%81%E0%BA%AD" in head
    fallbacks = [line.split("=", 1)[1].rstrip(";") for line in head.replace("\r\n ", "\r\n").splitlines()
                 if line.startswith(("name=", "filename="))]
    assert len(fallbacks) == 2 and fallbacks[0] == fallbacks[1]
    assert decoded(fallbacks[0].strip('"')) == name  # what Outlook shows
    assert all(len(word) <= 75 for word in fallbacks[0].strip('"').split())
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_munpack_extracts_the_pdf_and_the_text(drafted: Path, tmp_path: Path) -> None:
    munpack = require("munpack", "reading the draft with Debian's mpack")
    shutil.copy(drafted / "accsm-20-briefing.eml", tmp_path)
    result = subprocess.run([munpack, "-f", "-t", "accsm-20-briefing.eml"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["part1 (text/plain)", "accsm-20-briefing.pdf (application/pdf)"]
    assert (tmp_path / "accsm-20-briefing.pdf").read_bytes() == (drafted / "accsm-20-briefing.pdf").read_bytes()
    assert (tmp_path / "part1").read_bytes().decode("utf-8").replace("\r\n", "\n") == LO_BODY


def test_the_same_input_gives_the_same_draft(drafted: Path, folder: Path, tmp_path: Path) -> None:
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    assert run_cli("mail", "accsm-20.yaml", "-o", "out", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out/accsm-20-briefing.eml").read_bytes() == (drafted / "accsm-20-briefing.eml").read_bytes()


# ---- refusals --------------------------------------------------------------------------------

def test_a_pdf_built_from_other_data_is_refused_and_nothing_is_written(work: Path) -> None:
    meeting = work / "accsm-20.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "# one more comment\n", encoding="utf-8")
    before = snapshot(work)
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", cwd=work)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("out/accsm-20-briefing.pdf: was built from other data than accsm-20.yaml holds now "
                             "(build it again first: python -m generator build accsm-20.yaml -o out)\n")
    assert snapshot(work) == before


def test_a_missing_pdf_is_refused_with_the_command_that_builds_it(work: Path) -> None:
    (work / "out/accsm-20-briefing-en.pdf").unlink()
    before = snapshot(work)
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", "--all-editions", cwd=work)
    assert result.returncode == 2
    assert result.stderr == ("out/accsm-20-briefing-en.pdf: not built yet (build it first: python -m generator "
                             "build accsm-20.yaml --lang en -o out)\n")
    assert snapshot(work) == before  # not even the Lao draft


def test_in_build_it_names_make_too(work: Path) -> None:
    (work / "out").rename(work / "build")
    (work / "build/accsm-20-briefing.pdf").unlink()
    result = run_cli("mail", "accsm-20.yaml", cwd=work)
    assert result.stderr == ("build/accsm-20-briefing.pdf: not built yet (build it first: make briefing, or "
                             "python -m generator build accsm-20.yaml)\n")


def test_a_pdf_that_carries_no_meeting_data_is_refused(work: Path) -> None:
    (work / "out/accsm-20-briefing.pdf").write_bytes(b"%PDF-1.7\nnot ours\n")
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", cwd=work)
    assert result.returncode == 2
    assert result.stderr == ("out/accsm-20-briefing.pdf: carries no meeting data to compare with accsm-20.yaml "
                             "(build it again first: python -m generator build accsm-20.yaml -o out)\n")
    assert not (work / "out/accsm-20-briefing.eml").exists()


def test_lang_and_all_editions_together_are_a_usage_error(work: Path) -> None:
    result = run_cli("mail", "accsm-20.yaml", "--lang", "en", "--all-editions", cwd=work)
    assert result.returncode == 2
    assert "argument --all-editions: not allowed with argument --lang" in result.stderr


def test_a_broken_meeting_file_gives_the_check_messages(work: Path) -> None:
    meeting = work / "accsm-20.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("women: 5", "women: 15"), encoding="utf-8")
    line = meeting.read_text(encoding="utf-8").splitlines().index("  women: 15") + 1
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", cwd=work)
    assert result.returncode == 2
    assert result.stderr == run_cli("check", "accsm-20.yaml", cwd=work).stderr == (
        f"accsm-20.yaml:{line}:10: delegation.women: 15 is more than delegation.total (14)\n")


def test_a_kind_without_its_mail_label_is_refused_by_name(work: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    labels = templates / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    start = text.index("mail_intro_briefing:")
    labels.write_text(text[:start] + text[text.index("mail_intro_minutes:"):], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        mail.compose(load_meeting(work / "accsm-20.yaml"), "briefing", "lo", work / "out", templates)
    assert [str(p) for p in caught.value.problems] == [
        f"{labels}: label 'mail_intro_briefing' is missing (the generator needs it; add mail_intro_briefing: "
        "{lo: ..., en: ...})"]


# ---- notes and warnings ----------------------------------------------------------------------

def test_without_a_distribution_a_draft_with_no_recipients(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "accsm-20.yaml")
    build([tmp_path / "accsm-20.yaml"], tmp_path / "out", ("pdf",))
    result = run_cli("mail", "accsm-20.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("wrote out/accsm-20-briefing.eml\n"
                             "out/accsm-20-briefing.eml: a draft without recipients (accsm-20.yaml has no "
                             "distribution; add them in the mail program, or give the file a distribution: with to: "
                             "and cc:)\n")
    message = parsed(tmp_path / "out/accsm-20-briefing.eml")
    assert "To" not in message and "Cc" not in message and message["X-Unsent"] == "1"


def test_a_large_attachment_is_written_with_a_warning(work: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    size = (work / "out/accsm-20-briefing.pdf").stat().st_size
    monkeypatch.chdir(work)
    monkeypatch.setattr(mail, "SIZE_WARNING", size - 1)
    assert cli.main(["mail", "accsm-20.yaml", "-o", "out"]) == 0
    out, err = capsys.readouterr()
    assert out == "wrote out/accsm-20-briefing.eml\n"
    assert err == (f"out/accsm-20-briefing.pdf: {size / 1024 / 1024:.1f} MB, more than the "
                   f"{(size - 1) / 1024 / 1024:g} MB many mail servers accept (the draft is written; share a link "
                   "instead if it bounces)\n")
    assert (work / "out/accsm-20-briefing.eml").is_file()
    assert mail.write_drafts([Path("accsm-20.yaml")], Path("out"), size_warning=size).warnings == []


def test_the_warning_is_for_more_than_10_mb() -> None:
    assert mail.SIZE_WARNING == 10 * 1024 * 1024


# ---- minutes -----------------------------------------------------------------------------------

def test_the_minutes_draft_gives_attendance_agenda_and_actions(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    if "minutes" not in document_view.KINDS:  # until the minutes land: the briefing's view under that name
        monkeypatch.setitem(document_view.KINDS, "minutes", document_view.KINDS["briefing"])
        with (templates / "labels.yaml").open("a", encoding="utf-8") as labels:
            labels.write("minutes:\n  lo: ບົດບັນທຶກກອງປະຊຸມ\n  en: Minutes\n")
    meeting = load_meeting(ROOT / "tests/data/next-previous.yaml")
    shown = mail.mail_view(meeting, "minutes", "en", "next-previous-minutes-en.pdf", templates)
    body = render_text(shown, mail.TEMPLATE, templates)
    assert shown["subject"].startswith("Minutes")
    assert ("- Delegation: 3 (women: 1, 33.3%)\n- Attendance: present: 2, absent: 1\n"
            "- Agenda: items: 1, decisions: 1\n"
            "- Follow-up actions: 1 (open: 1, done: 0, cancelled: 0, overdue: 0)\n") in body
    assert "- Venue: ASEAN Department meeting room\n" in body


# ---- the template ------------------------------------------------------------------------------

def test_a_mistake_in_the_mail_template_names_its_line(work: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    source = (templates / mail.TEMPLATE).read_text(encoding="utf-8")
    (templates / mail.TEMPLATE).write_text(source.replace("{{ labels.mail_facts }}", "{{ labels.mail_fact }}"),
                                           encoding="utf-8")
    line = source.splitlines().index("{{ labels.mail_facts }}") + 1
    with pytest.raises(InputError) as caught:
        mail.compose(load_meeting(work / "accsm-20.yaml"), "briefing", "lo", work / "out", templates)
    assert [str(p) for p in caught.value.problems] == [
        f"{templates}/mail.txt.j2:{line}:4: labels.mail_fact is not in {templates}/labels.yaml "
        "(add it with lo: and en:)"]


def test_the_text_template_is_not_held_to_the_html_subset(tmp_path: Path) -> None:
    from generator.docx.template_check import template_problems

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    with (templates / mail.TEMPLATE).open("a", encoding="utf-8") as template:
        template.write("Replies to <asean.desk@example.gov.la>, please.\n")
    assert template_problems(templates) == []
