"""Rendering: the HTML subset the DOCX reader understands, escaping, and template error messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, SEED
from generator.errors import InputError
from generator.data.loader import load_meeting
from generator.content.render import render_html
from generator.content.view import build_view

TEMPLATES = ROOT / "templates"

# The contract in the brief: element -> classes it may carry ("" = none).
ALLOWED = {
    "html": {""}, "head": {""}, "meta": {""}, "title": {""}, "link": {""}, "style": {""},
    "body": {""}, "header": {"running-header"}, "footer": {"running-footer"},
    "section": {"", "letterhead"}, "h1": {""}, "h2": {""}, "h3": {""},
    "p": {"", "nation", "motto", "issuer", "reference", "place-date", "subtitle", "note"},
    "ul": {""}, "ol": {""}, "li": {""},
    "table": {"", "facts", "priority-areas", "members", "figures"},
    "figure": {"chart"}, "figcaption": {""},
    "thead": {""}, "tbody": {""}, "tr": {""}, "th": {""}, "td": {""},
    "strong": {""}, "em": {""}, "br": {""}, "span": {"", "number", "page-number", "page-count"},
}


@pytest.fixture(scope="module", params=["lo", "en"])
def seed_html(request: pytest.FixtureRequest) -> str:
    return render_html(build_view(load_meeting(SEED), request.param), "briefing", TEMPLATES)


def test_only_the_html_subset_is_used(seed_html: str) -> None:
    root = lxml.html.document_fromstring(seed_html)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag in ALLOWED, element.tag
        assert element.get("class", "") in ALLOWED[element.tag], (element.tag, element.get("class"))


def test_document_structure(seed_html: str) -> None:
    assert seed_html.startswith("<!doctype html>\n<html lang=\"")
    root = lxml.html.document_fromstring(seed_html)
    lang = root.get("lang")
    assert root.findtext("head/title")
    assert {m.get("name") for m in root.iter("meta") if m.get("name")} == {"author", "description", "keywords"}
    letterhead = root.find("body/section[@class='letterhead']")
    assert [p.get("class") for p in letterhead] == ["nation", "motto", "issuer", "place-date"]
    bilingual = root.findall(".//table[@class='priority-areas']")
    assert len(bilingual) == 2  # priority areas and the delegation's proposals
    head = [th.text_content() for th in bilingual[0].findall("thead/tr/th")]
    # Each edition names the language columns in its own language.
    assert head == (["ລ/ດ", "ລາວ", "ອັງກິດ"] if lang == "lo" else ["No.", "Lao", "English"])
    assert len(bilingual[0].findall("tbody/tr")) == 12
    assert len(bilingual[1].findall("tbody/tr")) == 3


def test_figures_come_from_the_view() -> None:
    view = build_view(load_meeting(SEED), "en")
    view["attendance"] = {**view["attendance"], "women": "WOMEN-FIGURE"}
    html = render_html(view, "briefing", TEMPLATES)
    assert '<td>Women (persons)</td><td><span class="number">WOMEN-FIGURE</span></td>' in html


def test_texts_are_escaped() -> None:
    view = build_view(load_meeting(SEED), "en")
    view["meeting"] = {**view["meeting"], "title": '<script>x</script> & "y"'}
    html = render_html(view, "briefing", TEMPLATES)
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &#34;y&#34;" in html


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    return folder


def _break(folder: Path, name: str, old: str, new: str) -> int:
    """Replace `old` by `new` in template `name`; return the 1-based line of the change."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _error(folder: Path) -> str:
    with pytest.raises(InputError) as caught:
        render_html(build_view(load_meeting(SEED), "lo"), "briefing", folder)
    return str(caught.value)


def test_syntax_error_names_file_and_line(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}", "{% iff outcomes %}")
    assert _error(templates).startswith(
        f"{templates}/briefing.html.j2:{line}: template error: Encountered unknown tag 'iff'.")


def test_undefined_name_names_file_and_line(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}", "{{ labels.section_porpose }}")
    assert _error(templates) == (
        f"{templates}/briefing.html.j2:{line}: template error: "
        "'dict object' has no attribute 'section_porpose'")


def test_undefined_in_the_base_template(templates: Path) -> None:
    line = _break(templates, "base.html.j2", "{{ letterhead.motto }}", "{{ letterhead.slogan }}")
    assert _error(templates) == (
        f"{templates}/base.html.j2:{line}: template error: 'dict object' has no attribute 'slogan'")


def test_unknown_filter_names_file_and_line(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}", "{{ labels.section_purpose|shout }}")
    assert _error(templates) == f"{templates}/briefing.html.j2:{line}: template error: No filter named 'shout'."


def test_sandbox_refuses_internals(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}",
                  "{{ labels.section_purpose.__class__.__mro__ }}")
    assert _error(templates).startswith(f"{templates}/briefing.html.j2:{line}: template error: ")


def test_missing_template(templates: Path) -> None:
    (templates / "briefing.html.j2").unlink()
    assert _error(templates) == (
        f"{templates}/briefing.html.j2: template 'briefing.html.j2' not found (expected it in {templates})")
