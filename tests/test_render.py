"""Rendering: the HTML subset the DOCX reader understands, escaping, and template error messages."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import lxml.html
import pytest

from conftest import ROOT, SEED
from generator.errors import InputError
from generator.data.loader import load_meeting
from generator.content.render import environment, render_html, render_origins
from generator.content.template_structure import structure_problems
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
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of templates/ in the current folder, so messages name it `templates/...`."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    monkeypatch.chdir(tmp_path)
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


def _structure(folder: Path) -> list[str]:
    return [str(p) for p in structure_problems(environment(folder), folder)]


def test_label_missing_from_the_catalogue(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "<h2>{{ labels.section_purpose }}", "<h2>{{ labels.copy_to }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:8: labels.copy_to is not in templates/labels.yaml "
        "(add it with lo: and en:)")


def test_undefined_field_says_what_the_template_may_use(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "<td>{{ meeting.title }}", "<td>{{ meeting.titel }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:39: meeting.titel is not defined (did you mean meeting.title? "
        "the template may use meeting.dates, meeting.host, meeting.mode, meeting.number, "
        "meeting.participants, meeting.purpose, meeting.series, meeting.series_number, meeting.title, "
        "meeting.venue)")


def test_undefined_name_says_what_the_template_may_use(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}", "{% if outcome %}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:7: outcome is not defined (did you mean outcomes? the template "
        "may use attendance, delegation, kind, labels, lang, letterhead, meeting, meta, next_meeting, "
        "outcomes, plans, running_header, stylesheet, subtitle, title)")


def test_undefined_field_of_a_loop_variable(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "<h3>{{ plan.title }}", "<h3>{{ plan.name }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:8: plan.name is not defined (the template may use "
        "plan.activities, plan.period, plan.priority_area_count, plan.priority_areas, plan.proposal_count, "
        "plan.proposals, plan.title, plan.years)")


def test_field_of_a_text(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "<td>{{ meeting.title }}", "<td>{{ meeting.title.short }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:39: meeting.title.short is not defined (meeting.title is a text, "
        "which has no field short)")


def test_undefined_in_the_base_template(templates: Path) -> None:
    line = _break(templates, "base.html.j2", "{{ letterhead.motto }}", "{{ letterhead.slogan }}")
    assert _error(templates) == (
        f"templates/base.html.j2:{line}:21: letterhead.slogan is not defined (the template may use "
        "letterhead.issuer, letterhead.motto, letterhead.nation, letterhead.place_date, letterhead.reference)")


def test_unclosed_if_is_reported_where_it_opens(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}\n", "{% if outcomes %}\n{% if outcomes %}\n")
    end = templates.joinpath("briefing.html.j2").read_text(encoding="utf-8").split("\n").index("{% endblock %}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:1: {{% if %}} is not closed before {{% endblock %}} on line "
        f"{end + 1} (add {{% endif %}} where the if should end)")


def test_unclosed_for_is_reported_where_it_opens(templates: Path) -> None:
    # An end tag closes the nearest open tag, so the outer for is the one left open.
    line = _break(templates, "briefing.html.j2", "{% for plan in plans %}\n",
                  "{% for plan in plans %}\n{% for area in plan.priority_areas %}\n")
    text = templates.joinpath("briefing.html.j2").read_text(encoding="utf-8")
    endif = text[:text.index("{% endfor %}\n</section>\n{% endif %}")].count("\n") + 2
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:1: {{% for %}} is not closed before {{% endif %}} on line "
        f"{endif + 1} (add {{% endfor %}} where the for should end)")


def test_unclosed_block_and_macro(templates: Path) -> None:
    opened = _break(templates, "briefing.html.j2", "{% macro ", "{% macro ")
    _break(templates, "briefing.html.j2", "{% endmacro %}", "")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{opened}:1: {{% macro %}} is not closed before the end of the file "
        "(add {% endmacro %} where the macro should end)")


def test_end_tag_without_its_opener(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}\n", "{% endif %}\n")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:1: {{% endif %}} closes no {{% if %}} (remove it, or add the "
        "{% if ... %} it should close)")


def test_unknown_tag(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}", "{% iff outcomes %}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:1: {{% iff %}} is not a template tag (did you mean {{% if %}}?)")


def test_else_outside_an_if(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{% if outcomes %}\n", "{% else %}\n")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}:1: {{% else %}} stands outside an {{% if %}} (move it inside one, "
        "or remove it)")


def test_other_syntax_error(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}", "{{ labels.section_purpose }")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}: template syntax: unexpected '}}' (check the {{{{ }}}} and "
        "{% %} on this line)")


def test_unknown_filter(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}", "{{ labels.section_purpose|uper }}")
    assert _error(templates) == f"templates/briefing.html.j2:{line}:30: |uper is not a filter (did you mean |upper?)"


def test_sandbox_refuses_internals(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}",
                  "{{ labels.section_purpose.__class__.__mro__ }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}: access to attribute '__class__' of 'str' object is unsafe "
        "(a template may only show the data and labels it is given)")


def test_failing_expression(templates: Path) -> None:
    line = _break(templates, "briefing.html.j2", "{{ labels.section_purpose }}", "{{ labels.section_purpose + 1 }}")
    assert _error(templates) == (
        f"templates/briefing.html.j2:{line}: this line of the template fails: can only concatenate str "
        "(not \"int\") to str (check the {{ }} and {% %} on this line)")


def test_missing_template(templates: Path) -> None:
    (templates / "briefing.html.j2").unlink()
    assert _error(templates) == (
        "templates/briefing.html.j2: the template is missing (every briefing is made from it; put the file back)")


def test_extends_a_template_that_is_not_there(templates: Path) -> None:
    _break(templates, "briefing.html.j2", '{% extends "base.html.j2" %}', '{% extends "bse.html.j2" %}')
    assert _error(templates) == (
        "templates/briefing.html.j2:1:13: the template 'bse.html.j2' is not in templates/ "
        "(did you mean 'base.html.j2'?)")


def test_extends_a_template_with_no_name_like_it(templates: Path) -> None:
    _break(templates, "briefing.html.j2", '{% extends "base.html.j2" %}', '{% extends "report.html.j2" %}')
    assert _error(templates) == (
        "templates/briefing.html.j2:1:13: the template 'report.html.j2' is not in templates/ "
        "(expected one of base.html.j2, briefing.html.j2, charts.html.j2, minutes.html.j2, tables.html.j2)")


def test_absolute_template_folder_outside_the_current_one(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    shutil.copytree(TEMPLATES, folder)
    line = _break(folder, "briefing.html.j2", "<h2>{{ labels.section_purpose }}", "<h2>{{ labels.copy_to }}")
    assert _error(folder) == (
        f"{folder}/briefing.html.j2:{line}:8: labels.copy_to is not in {folder}/labels.yaml "
        "(add it with lo: and en:)")


def test_text_after_the_last_block_is_an_error(templates: Path) -> None:
    path = templates / "briefing.html.j2"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "<p>Copy to: the Minister</p>\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert _structure(templates) == [
        f"templates/briefing.html.j2:{line}:1: this text is outside every {{% block %}}, so the document never "
        "shows it (move it inside {% block content %} ... {% endblock %})"]


def test_expression_and_statement_outside_the_blocks(templates: Path) -> None:
    path = templates / "briefing.html.j2"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{% block content %}", "  {{ title }}\n{% if plans %}x{% endif %}\n"
                                 "{% block content %}", 1), encoding="utf-8")
    line = text[:text.index("{% block content %}")].count("\n") + 1
    assert _structure(templates) == [
        f"templates/briefing.html.j2:{line}:3: this {{{{ ... }}}} is outside every {{% block %}}, so the "
        "document never shows it (move it inside {% block content %} ... {% endblock %})",
        f"templates/briefing.html.j2:{line + 1}:1: this {{% if %}} is outside every {{% block %}}, so the "
        "document never shows what it makes (move it inside {% block content %} ... {% endblock %})"]


def test_macros_comments_and_blank_lines_may_stand_outside(templates: Path) -> None:
    path = templates / "briefing.html.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\n{# a note #}\n{% set unused = 1 %}\n\n",
                    encoding="utf-8")
    assert _structure(templates) == []


def test_the_check_reports_a_template_that_does_not_parse(templates: Path) -> None:
    line = _break(templates, "base.html.j2", "{% endfor %}", "")
    assert _structure(templates)[0].startswith(f"templates/base.html.j2:{line - 2}:1: {{% for %}} is not closed")


def test_origins_name_the_template_line_behind_each_part(templates: Path) -> None:
    view = build_view(load_meeting(SEED), "lo")
    rendered = render_origins(view, "briefing", templates)
    assert rendered.text == render_html(view, "briefing", templates)
    lines = rendered.text.split("\n")

    def origin(snippet: str) -> tuple[str, int]:
        line = next(i for i, text in enumerate(lines, start=1) if snippet in text)
        file, number = rendered.place(line, lines[line - 1].index(snippet) + 1)
        return Path(file).name, number

    def source_line(name: str, snippet: str) -> int:
        text = (templates / name).read_text(encoding="utf-8")
        return text[:text.index(snippet)].count("\n") + 1

    assert origin('<p class="motto">') == ("base.html.j2", source_line("base.html.j2", '<p class="motto">'))
    assert origin('<ol>') == ("briefing.html.j2", source_line("briefing.html.j2", "<ol>"))
    # a macro's output is written by the line that calls it
    assert origin('<table class="priority-areas">') == (
        "briefing.html.j2", source_line("briefing.html.j2", "{{ bilingual(plan.priority_areas) }}"))
    assert origin('<p class="place-date">') == ("base.html.j2", source_line("base.html.j2", '<p class="place-date">'))
    assert origin('<h2>') == ("briefing.html.j2", source_line("briefing.html.j2", "<h2>"))


def test_a_template_saved_between_two_renders_is_read_again(templates: Path) -> None:
    """The environment is kept per folder (the preview's rebuilds): a saved template counts at once,
    an unchanged one is not compiled again."""
    view = build_view(load_meeting(SEED), "lo")
    assert environment(templates) is environment(templates)
    first = render_html(view, "briefing", templates)
    loader = environment(templates).loader
    with mock.patch.object(loader, "get_source", wraps=loader.get_source) as read:
        assert render_html(view, "briefing", templates) == first
        assert read.call_count == 0, "compiled once, kept"
    _break(templates, "briefing.html.j2", "<h2>{{ labels.section_purpose }}", "<h2>NEW {{ labels.section_purpose }}")
    assert "<h2>NEW " in render_html(view, "briefing", templates)


def test_structure_is_checked_again_only_for_a_saved_template(templates: Path) -> None:
    env = environment(templates)
    assert _structure(templates) == []
    with mock.patch.object(env, "parse", wraps=env.parse) as parse:
        assert _structure(templates) == []
        assert parse.call_count == 0, "unchanged templates are not parsed again"
        minutes = templates / "minutes.html.j2"
        minutes.write_text(minutes.read_text(encoding="utf-8") + "\nstray words\n", encoding="utf-8")
        problems = _structure(templates)
        assert parse.call_count == 1
    assert len(problems) == 1 and problems[0].startswith("templates/minutes.html.j2:")
    assert "this text is outside every {% block %}" in problems[0]
