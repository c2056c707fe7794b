"""PDF and DOCX carry the same content: every data text the briefing and the minutes show is in both, as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli
from generator.data.loader import load_meeting
from generator.data.model import Meeting
from readers import docx_paragraphs, pdf_text, squash

NOT_IN_BRIEFING = ("agenda", "actions", "meeting.chair", "meeting.recorder")  # minutes only
BILINGUAL = ("plans[",)  # priority areas and proposals are shown in both languages
EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"
NOT_IN_MINUTES = ("meeting.purpose", "outcomes", "plans", "next_meeting", "distribution")


@pytest.fixture(scope="module", params=["lo", "en"])
def edition(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The seed built in one language: (lang, output folder)."""
    out = tmp_path_factory.mktemp(f"same-{request.param}")
    result = run_cli("build", str(SEED), "-o", str(out), "--lang", request.param)
    assert result.returncode == 0, result.stderr
    return request.param, out


def shown_texts(lang: str) -> list[str]:
    """The data texts the briefing shows in `lang` (both languages where it is bilingual)."""
    texts = []
    for text in load_meeting(SEED).texts():
        if text.path.startswith(NOT_IN_BRIEFING):
            continue
        if text.path.startswith(BILINGUAL) and not text.path.endswith(".title"):
            texts.extend(text.variants())
        else:
            texts.append(text.get(lang))  # type: ignore[arg-type]
    return texts


def test_every_data_text_is_in_the_pdf_and_the_docx(edition: tuple[str, Path]) -> None:
    lang, out = edition
    suffix = "" if lang == "lo" else "-en"
    pdf = squash(pdf_text(out / f"accsm-20-briefing{suffix}.pdf"))
    docx = "\n".join(docx_paragraphs(out / f"accsm-20-briefing{suffix}.docx"))
    texts = shown_texts(lang)
    assert len(texts) > 40
    missing_pdf = [t for t in texts if squash(t) not in pdf]
    missing_docx = [t for t in texts if t not in docx]
    assert (missing_pdf, missing_docx) == ([], [])


def test_the_figures_are_the_same_in_both(edition: tuple[str, Path]) -> None:
    lang, out = edition
    suffix = "" if lang == "lo" else "-en"
    pdf = squash(pdf_text(out / f"accsm-20-briefing{suffix}.pdf"))
    docx = squash("".join(docx_paragraphs(out / f"accsm-20-briefing{suffix}.docx")))
    share = "35,7%" if lang == "lo" else "35.7%"
    for figure in ("14", "5", "9", share, "80", "12", "2021–2025"):
        assert figure in pdf and figure in docx, figure


def test_the_chart_is_the_same_in_both(edition: tuple[str, Path]) -> None:
    """The PDF draws "series value" at each bar; the DOCX chart caches the same series, values
    and categories, and the caption stands above it in both."""
    import zipfile

    from lxml import etree

    lang, out = edition
    suffix = "" if lang == "lo" else "-en"
    pdf = squash(pdf_text(out / f"accsm-20-briefing{suffix}.pdf"))
    with zipfile.ZipFile(out / f"accsm-20-briefing{suffix}.docx") as package:
        chart = etree.fromstring(package.read("word/charts/chart1.xml"))
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    series = list(chart.iter(f"{c}ser"))
    assert len(series) == 2
    for ser in series:
        name = ser.find(f"{c}tx").findtext(f".//{c}v")
        for category, value in zip((v.text for v in ser.find(f"{c}cat").iter(f"{c}v")),
                                   (v.text for v in ser.find(f"{c}val").iter(f"{c}v"))):
            assert squash(category) in pdf
            assert squash(f"{name} {value}") in pdf, (name, value)
    docx = "\n".join(docx_paragraphs(out / f"accsm-20-briefing{suffix}.docx"))
    caption = {"lo": "ຍິງ ແລະ ຊາຍ ໃນຄະນະຜູ້ແທນ (ທ່ານ)", "en": "Women and men in the delegation (persons)"}[lang]
    assert caption in docx and squash(caption) in pdf


# --- minutes ------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=[(SEED, "lo"), (SEED, "en"), (EXAMPLE, "lo"), (EXAMPLE, "en")],
                ids=["seed-lo", "seed-en", "example-lo", "example-en"])
def minutes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """The minutes of a meeting file in one language: (lang, PDF, DOCX)."""
    source, lang = request.param
    out = tmp_path_factory.mktemp(f"minutes-{lang}")
    result = run_cli("build", str(source), "-o", str(out), "--kind", "minutes", "--lang", lang)
    assert result.returncode == 0, result.stderr
    suffix = "" if lang == "lo" else "-en"
    return lang, out / f"{source.stem}-minutes{suffix}.pdf", out / f"{source.stem}-minutes{suffix}.docx"


def minutes_texts(meeting: Meeting, lang: str) -> list[str]:
    """The data texts the minutes show in `lang`: absent members with name and reason only."""
    absent = [f"delegation.members[{i}]" for i, m in enumerate(meeting.delegation.members, start=1)
              if not m.present]
    return [text.get(lang) for text in meeting.texts()  # type: ignore[misc]
            if not text.path.startswith(NOT_IN_MINUTES)
            and not any(text.path in (f"{m}.position", f"{m}.role") for m in absent)]


def test_every_data_text_of_the_minutes_is_in_the_pdf_and_the_docx(minutes: tuple[str, Path, Path]) -> None:
    lang, pdf_path, docx_path = minutes
    meeting = load_meeting(ROOT / "briefings" / f"{pdf_path.stem.split('-minutes')[0]}.yaml")
    pdf = squash(pdf_text(pdf_path))
    docx = "\n".join(docx_paragraphs(docx_path))
    texts = minutes_texts(meeting, lang)
    assert len(texts) > 25
    missing_pdf = [t for t in texts if squash(t) not in pdf]
    missing_docx = [t for t in texts if t not in docx]
    assert (missing_pdf, missing_docx) == ([], [])


def test_the_minutes_figures_dates_and_marks_are_the_same_in_both(minutes: tuple[str, Path, Path]) -> None:
    lang, pdf_path, docx_path = minutes
    pdf = squash(pdf_text(pdf_path))
    docx = squash("".join(docx_paragraphs(docx_path)))
    title = "ບົດບັນທຶກກອງປະຊຸມ" if lang == "lo" else "Minutes"
    shown = [title, "ປະທານກອງປະຊຸມ" if lang == "lo" else "Chair"]
    if pdf_path.stem.startswith("example"):
        shown += (["08:30–11:30ໂມງ", "11ທັນວາ2020", "ກາຍກຳນົດ", "29ມັງກອນ2021", "ກອງປະຊຸມໄດ້ປິດລົງໃນເວລາ11:30ໂມງ"]
                  if lang == "lo" else
                  ["08:30–11:30", "11December2020", "Overdue", "29January2021", "Themeetingclosedat11:30"])
    for figure in shown:
        assert figure in pdf and figure in docx, figure
    assert pdf.count(title) == docx.count(title)
