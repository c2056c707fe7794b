"""Golden files: the rendered HTML and every part of the DOCX of the seed's briefing and of the minutes of
both examples, per edition, compared as text with tests/golden/; `make golden` (pytest --accept) rewrites
them from the current code."""

from __future__ import annotations

import difflib
import hashlib
import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.build import build, prepare
from generator.fonts import DEFAULT_FONT_SET, FONT_SETS, FONTS_DIR, obfuscate_font
from generator.paths import TEMPLATES_DIR
from conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"
LANGS = ("lo", "en")
KIND = "briefing"
EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"
DOCUMENTS = [(SEED, "briefing"), (SEED, "minutes"), (EXAMPLE, "minutes")]  # meeting file, kind
FONT = FONT_SETS[DEFAULT_FONT_SET]
ARTIFACTS = [(source, kind, lang, fmt) for source, kind in DOCUMENTS for lang in LANGS for fmt in ("html", "docx")]
ARTIFACT_IDS = [f"{source.stem}-{kind}-{lang}-{fmt}" for source, kind, lang, fmt in ARTIFACTS]
ACCEPT_HINT = "run `make golden` if the change is intended"
DIFF_LINES = 60
STYLESHEET_DIR = "file://TEMPLATES_DIR"  # stands for the machine's absolute templates folder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
Texts = dict[str, str]  # golden path relative to tests/golden/ -> expected content


def artifact_dir(source: Path, kind: str, lang: str, fmt: str) -> str:
    """Where one artifact's goldens live: `accsm-20-lo/briefing.html` or `.../minutes.docx/`."""
    return f"{source.stem}-{lang}/{kind}.{fmt}"


def html_texts(source: Path, kind: str, lang: str, templates_dir: Path) -> Texts:
    """The rendered HTML of the edition, with the stylesheet's absolute folder replaced by a marker."""
    (edition,) = prepare([source], kind, lang, FONT, templates_dir)
    html = edition.html.replace(templates_dir.resolve().as_uri(), STYLESHEET_DIR)
    return {artifact_dir(source, kind, lang, "html"): html}


def docx_texts(source: Path, kind: str, lang: str, templates_dir: Path, out_dir: Path) -> Texts:
    """One golden text per part of the DOCX that `build` writes: XML parts pretty-printed,
    binary parts as a SHA-256 record (fonts de-obfuscated first, named by their bundled file)."""
    (path,) = build([source], out_dir, formats=("docx",), kind=kind, lang=lang, font=FONT.key,
                   templates_dir=templates_dir).written
    base = artifact_dir(source, kind, lang, "docx")
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    texts: Texts = {}
    fonts = embedded_fonts(parts)
    for name, data in parts.items():
        # docProps/core.xml is compared whole, dates included: they are deterministic (the date
        # of issue in the data; `produce` unsets SOURCE_DATE_EPOCH, which would override it).
        if name.endswith((".xml", ".rels")):
            texts[f"{base}/{name}"] = pretty_xml(data)
        elif name in fonts:
            texts[f"{base}/{name}.sha256"] = font_record(name, *fonts[name])
        else:
            texts[f"{base}/{name}.sha256"] = f"{name}\nSHA-256: {hashlib.sha256(data).hexdigest()}\n"
    return texts


def pretty_xml(data: bytes) -> str:
    """The XML indented by two spaces, attributes in canonical order (no namespace first, then
    by namespace and local name); text content, namespace declarations and declaration kept."""
    tree = etree.parse(io.BytesIO(data))
    root = tree.getroot()
    for element in root.iter(etree.Element):
        ordered = sorted(element.attrib.items(), key=_attribute_key)
        element.attrib.clear()
        for name, value in ordered:
            element.set(name, value)
    etree.indent(root, space="  ")  # only touches whitespace between child elements
    info = tree.docinfo
    standalone = "" if info.standalone is None else f" standalone=\"{'yes' if info.standalone else 'no'}\""
    declaration = f'<?xml version="{info.xml_version}" encoding="{info.encoding}"{standalone}?>'
    return f"{declaration}\n{etree.tostring(root, encoding='unicode')}\n"


def _attribute_key(item: tuple[str, str]) -> tuple[str, str]:
    """Sort key of an attribute as C14N orders them: (namespace URI or "", local name)."""
    name = etree.QName(item[0])
    return name.namespace or "", name.localname


def embedded_fonts(parts: dict[str, bytes]) -> dict[str, tuple[str, str, bytes]]:
    """Font part name -> (family, embed slot, de-obfuscated bytes), read from word/fontTable.xml."""
    table = etree.fromstring(parts["word/fontTable.xml"])
    rels = etree.fromstring(parts["word/_rels/fontTable.xml.rels"])
    targets = {rel.get("Id"): "word/" + rel.get("Target") for rel in rels.iter(f"{{{PR}}}Relationship")}
    fonts = {}
    for font in table.iter(f"{{{W}}}font"):
        for embed in font:
            r_id = embed.get(f"{{{R}}}id")
            if r_id is None:
                continue
            part = targets[r_id]
            data = obfuscate_font(parts[part], embed.get(f"{{{W}}}fontKey"))
            fonts[part] = (font.get(f"{{{W}}}name"), etree.QName(embed).localname, data)
    return fonts


def bundled_fonts() -> dict[str, Path]:
    """SHA-256 -> font file, for every font bundled in fonts/."""
    return {hashlib.sha256(p.read_bytes()).hexdigest(): p
            for p in sorted(FONTS_DIR.iterdir()) if p.suffix in (".ttf", ".otf")}


def font_record(part: str, family: str, slot: str, data: bytes) -> str:
    """What the golden keeps of an embedded font instead of its bytes."""
    digest = hashlib.sha256(data).hexdigest()
    source = bundled_fonts().get(digest)
    shown = source.relative_to(ROOT).as_posix() if source else "none (matches no file in fonts/)"
    return (f"{part}: {family}, {slot} (obfuscated, ECMA-376 Part 1 §17.8.1)\n"
            f"SHA-256 after de-obfuscation: {digest}\nbundled file with these bytes: {shown}\n")


Artifact = tuple[Path, str, str, str]  # meeting file, kind, language, format


def produce(templates_dir: Path, out_root: Path) -> dict[Artifact, Texts]:
    """Every artifact's golden texts as the current code and `templates_dir` produce them."""
    with pytest.MonkeyPatch.context() as patch:
        # Goldens describe the default build; a SOURCE_DATE_EPOCH in the caller's shell must not leak in.
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return {(source, kind, lang, fmt): (
                    html_texts(source, kind, lang, templates_dir) if fmt == "html"
                    else docx_texts(source, kind, lang, templates_dir, out_root / f"{source.stem}-{kind}-{lang}"))
                for source, kind, lang, fmt in ARTIFACTS}


def golden_files() -> Iterator[str]:
    """Every file under tests/golden/, relative to it."""
    if GOLDEN.exists():
        yield from (p.relative_to(GOLDEN).as_posix() for p in sorted(GOLDEN.rglob("*")) if p.is_file())


def mismatch_report(produced: Texts) -> tuple[list[str], str]:
    """The golden files that differ from `produced` and their unified diff, cut to DIFF_LINES lines."""
    differing, lines = [], []
    for name, actual in sorted(produced.items()):
        path = GOLDEN / name
        expected = path.read_text(encoding="utf-8") if path.exists() else ""
        if expected != actual:
            differing.append(name)
            lines += difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                f"tests/golden/{name}" if path.exists() else "(no golden file)", "produced now")
    shown = [line if line.endswith("\n") else line + "\n" for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"... {len(lines) - DIFF_LINES} more diff lines\n")
    return differing, "".join(shown)


def write_golden(name: str, text: str) -> None:
    """Store one golden text, leaving an unchanged file untouched."""
    path = GOLDEN / name
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[Artifact, Texts]:
    """The golden texts of the real templates, built once for the module."""
    return produce(TEMPLATES_DIR, tmp_path_factory.mktemp("golden-build"))


@pytest.mark.parametrize("artifact", ARTIFACTS, ids=ARTIFACT_IDS)
def test_output_matches_golden(artifact: Artifact, produced, request: pytest.FixtureRequest) -> None:
    texts = produced[artifact]
    if request.config.getoption("--accept"):
        for name, text in texts.items():
            write_golden(name, text)
        return
    differing, diff = mismatch_report(texts)
    if differing:
        pytest.fail(f"{len(differing)} golden file(s) differ from what the code produces now: "
                    f"{', '.join(differing)}\n{diff}{ACCEPT_HINT}", pytrace=False)


def test_no_stale_golden_files(produced, request: pytest.FixtureRequest) -> None:
    expected = {name for texts in produced.values() for name in texts}
    stale = [name for name in golden_files() if name not in expected]
    if request.config.getoption("--accept"):
        for name in stale:
            (GOLDEN / name).unlink()
        for folder in sorted(GOLDEN.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return
    if stale:
        pytest.fail(f"golden files the code no longer produces: {', '.join(stale)}; "
                    f"{ACCEPT_HINT} (it removes them)", pytrace=False)


@pytest.mark.parametrize("lang", LANGS)
def test_embedded_fonts_are_the_bundled_files(lang: str, tmp_path: Path) -> None:
    (path,) = build([SEED], tmp_path, formats=("docx",), kind=KIND, lang=lang, font=FONT.key).written
    with zipfile.ZipFile(path) as package:
        fonts = embedded_fonts({name: package.read(name) for name in package.namelist()})
    bundled = bundled_fonts()
    embedded = {part: bundled.get(hashlib.sha256(data).hexdigest()) for part, (_, _, data) in fonts.items()}
    assert None not in embedded.values(), f"embedded fonts matching no bundled file: {embedded}"
    assert sorted(embedded.values()) == sorted(face.path for face in FONT.faces)


def test_a_changed_label_fails_with_its_diff(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--accept"):
        pytest.skip("compares with the goldens that --accept is rewriting")
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    labels = templates / "labels.yaml"
    old = yaml.safe_load(labels.read_text(encoding="utf-8"))["section_meeting"]["en"]
    source = labels.read_text(encoding="utf-8")
    assert source.count(f"  en: {old}\n") == 1
    labels.write_text(source.replace(f"  en: {old}\n", f"  en: {old} (edited)\n"), encoding="utf-8")

    results = {key: mismatch_report(texts) for key, texts in produce(templates, tmp_path / "out").items()}

    differing = sorted(name for names, _ in results.values() for name in names)
    assert differing == [f"{stem}-en/{kind}.{part}" for stem, kind in (
        (SEED.stem, "briefing"), (SEED.stem, "minutes"), (EXAMPLE.stem, "minutes"))
        for part in ("docx/word/document.xml", "html")]
    html_diff = results[(SEED, KIND, "en", "html")][1]
    assert f"-<h2>{old}</h2>\n" in html_diff
    assert f"+<h2>{old} (edited)</h2>\n" in html_diff
    assert f"{old} (edited)" in results[(SEED, KIND, "en", "docx")][1]
