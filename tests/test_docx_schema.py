"""Every XML part of the DOCX we write is valid against the ECMA-376 transitional schemas, as Word
requires (it rejects a package as "unreadable content" for an element out of schema order or a
bad attribute value; LibreOffice is lenient, so tests/test_docx_libreoffice.py cannot see this).
That includes DrawingML: the chart part (c:chartSpace), the theme, and the inline drawing in
document.xml down to the c:chart reference in its a:graphicData, which dml-main.xsd checks
strictly against the chart schema.

The schemas and where they come from: tests/data/ooxml-schemas/README.md. Before validating, a
part goes through the Markup Compatibility step every consumer applies (ECMA-376 Part 3): content
in namespaces the part declares mc:Ignorable is dropped. w:rPr and w:trPr are a choice in the
transitional schema, so their order is checked separately, against the declaration order in
wml.xsd, which is the order Word writes and ECMA-376 1st edition required.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build
from generator.docx import write_docx
from generator.fonts import FONT_SETS
from conftest import DATA, ROOT, SEED

SCHEMAS = DATA / "ooxml-schemas"
SAMPLE = DATA / "docx_sample.html"
LANGS = ("lo", "en")

XSD = "http://www.w3.org/2001/XMLSchema"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
S = "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
THEME = "application/vnd.openxmlformats-officedocument.theme+xml"

# Content type of a part -> the root element its schema requires.
ROOTS = {
    WML + "document.main+xml": f"{{{W}}}document",
    WML + "styles+xml": f"{{{W}}}styles",
    WML + "numbering+xml": f"{{{W}}}numbering",
    WML + "settings+xml": f"{{{W}}}settings",
    WML + "webSettings+xml": f"{{{W}}}webSettings",
    WML + "fontTable+xml": f"{{{W}}}fonts",
    WML + "header+xml": f"{{{W}}}hdr",
    WML + "footer+xml": f"{{{W}}}ftr",
    "application/vnd.openxmlformats-package.core-properties+xml": f"{{{CP}}}coreProperties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": f"{{{EP}}}Properties",
    "application/vnd.openxmlformats-package.relationships+xml": f"{{{PR}}}Relationships",
    CHART: f"{{{C}}}chartSpace",
    THEME: f"{{{A}}}theme",
}
CONTENT_TYPES_PART = "[Content_Types].xml"
# Parts that are not XML. A chart's workbook is checked by tests/test_docx_chart.py (it opens,
# and its cells hold the chart's cached values where the chart's formulas point). Any other part
# without a schema fails the test.
BINARY = {"application/vnd.openxmlformats-officedocument.obfuscatedFont",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

# Imports that point outside the folder or at the schema we stand in for (see the README).
REDIRECTS = {
    "shared-math.xsd": "stub-shared-math.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}
# One schema importing every namespace a part's root can be in; xml.xsd first, because wml.xsd
# imports the xml: namespace without a location.
DRIVER = f"""<xsd:schema xmlns:xsd="{XSD}" targetNamespace="urn:lao-briefing:schema-driver">
  <xsd:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xsd:import namespace="{W}" schemaLocation="wml.xsd"/>
  <xsd:import namespace="{CT}" schemaLocation="opc-contentTypes.xsd"/>
  <xsd:import namespace="{PR}" schemaLocation="opc-relationships.xsd"/>
  <xsd:import namespace="{CP}" schemaLocation="opc-coreProperties.xsd"/>
  <xsd:import namespace="{EP}" schemaLocation="shared-documentPropertiesExtended.xsd"/>
  <xsd:import namespace="{A}" schemaLocation="dml-main.xsd"/>
  <xsd:import namespace="{C}" schemaLocation="dml-chart.xsd"/>
</xsd:schema>"""


class _Redirect(etree.Resolver):
    """Loads the imports listed in REDIRECTS from the schema folder; nothing from the network."""

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        for source, target in REDIRECTS.items():
            if url == source or url.endswith("/" + source):
                return self.resolve_filename(str(SCHEMAS / target), context)
        return None


@cache
def schema() -> etree.XMLSchema:
    """The compiled schema set (compiling wml.xsd and DrawingML takes about two seconds)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Redirect())
    driver = etree.fromstring(DRIVER.encode(), parser, base_url=str(SCHEMAS / "driver.xsd"))
    return etree.XMLSchema(driver)


@cache
def declared_order(group: str) -> tuple[str, ...]:
    """Clark names of the elements of wml.xsd's group or complex type `group`, in declaration order."""
    wml = etree.parse(str(SCHEMAS / "wml.xsd"))
    (node,) = wml.xpath("/xsd:schema/xsd:*[@name=$name]", name=group, namespaces={"xsd": XSD})
    names = node.xpath(".//xsd:element/@name", namespaces={"xsd": XSD})
    return tuple(f"{{{W}}}{name}" for name in names)


# Elements whose children the transitional schema lets come in any order, and the group giving
# the order Word writes.
ORDERED_CHOICES = {f"{{{W}}}rPr": "EG_RPrBase", f"{{{W}}}trPr": "CT_TrPrBase"}


def apply_markup_compatibility(root: etree._Element) -> list[str]:
    """Drop what the part marks mc:Ignorable (ECMA-376 Part 3 §10.1), in place; returns problems
    the step itself finds (mc:AlternateContent, an ignorable prefix that is not declared)."""
    problems: list[str] = []
    ignorable_attr = f"{{{MC}}}Ignorable"
    ignored: set[str] = set()
    for element in root.iter():
        value = element.get(ignorable_attr)
        if value is None:
            continue
        for prefix in value.split():
            if prefix not in element.nsmap:
                problems.append(f"{element.sourceline}: mc:Ignorable names the undeclared prefix {prefix!r}")
            else:
                ignored.add(element.nsmap[prefix])
        del element.attrib[ignorable_attr]
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace == MC:
            problems.append(f"{element.sourceline}: {etree.QName(element).localname} is not handled here")
        elif etree.QName(element).namespace in ignored:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignored:
                del element.attrib[name]
    return problems


def order_problems(root: etree._Element) -> list[str]:
    """Children of w:rPr and w:trPr that come after a sibling Word writes after them."""
    problems = []
    for tag, group in ORDERED_CHOICES.items():
        order = declared_order(group)
        for parent in root.iter(tag):
            seen = [child for child in parent if child.tag in order]
            for before, after in zip(seen, seen[1:]):
                if order.index(before.tag) > order.index(after.tag):
                    problems.append(f"{after.sourceline}: {_short(after.tag)} comes after "
                                    f"{_short(before.tag)} in {_short(tag)}; the schema's order is "
                                    f"{_short(after.tag)} first")
    return problems


def _short(clark: str) -> str:
    """`w:sz` for the Clark name of a WordprocessingML tag."""
    return "w:" + etree.QName(clark).localname if clark.startswith(f"{{{W}}}") else clark


def part_problems(name: str, content_type: str | None, data: bytes) -> list[str]:
    """Every schema error of one part, each as `PART:LINE: message`; [] when the part is valid."""
    root = etree.fromstring(data)
    if name == CONTENT_TYPES_PART:
        expected = f"{{{CT}}}Types"
    elif content_type in ROOTS:
        expected = ROOTS[content_type]
    else:
        return [f"{name}: no schema for content type {content_type}"]
    problems = [f"{name}:{p}" for p in apply_markup_compatibility(root)]
    if root.tag != expected:
        problems.append(f"{name}: root element is {root.tag}, expected {expected}")
    checker = schema()
    if not checker.validate(etree.ElementTree(root)):
        problems += [f"{name}:{e.line}: {e.message}" for e in checker.error_log]
    problems += [f"{name}:{p}" for p in order_problems(root)]
    return problems


def content_types(package: zipfile.ZipFile) -> dict[str, str]:
    """Part name (no leading slash) -> content type, from [Content_Types].xml."""
    types = etree.fromstring(package.read(CONTENT_TYPES_PART))
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType")
                 for o in types.iter(f"{{{CT}}}Override")}
    return {name: overrides.get(name, defaults.get(name.rsplit(".", 1)[-1]))
            for name in package.namelist()}


def package_problems(path: Path) -> Iterator[str]:
    """Schema errors of every XML part of the DOCX at `path`."""
    with zipfile.ZipFile(path) as package:
        types = content_types(package)
        for name in package.namelist():
            content_type = types[name]
            if content_type in BINARY:
                continue
            yield from part_problems(name, content_type, package.read(name))

EXAMPLE = ROOT / "briefings" / "example-internal-meeting.yaml"


def _docx_files(root: Path) -> list[Path]:
    """The .docx files under `root`."""
    return sorted(root.rglob("*.docx"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's briefing and the example's minutes in each language with each font set, and the DOCX sample."""
    out = tmp_path_factory.mktemp("schema")
    built: dict[str, Path] = {}
    for key in sorted(FONT_SETS):
        for lang in LANGS:
            folder = out / f"{key}-{lang}"
            build([SEED], folder, ("docx",), lang=lang, font=key)
            (path,) = _docx_files(folder)
            built[f"seed {lang} {key}"] = path
            # The minutes bring their own parts of the subset: the overdue style, the signature block.
            minutes = out / f"minutes-{key}-{lang}"
            build([EXAMPLE], minutes, ("docx",), kind="minutes", lang=lang, font=key)
            (built[f"example minutes {lang} {key}"],) = _docx_files(minutes)
        sample = out / f"sample-{key}.docx"
        write_docx(SAMPLE.read_text(encoding="utf-8"), FONT_SETS[key], sample)
        built[f"sample {key}"] = sample
    return built


def test_schema_set_compiles() -> None:
    """The vendored schemas compile with lxml and declare the WordprocessingML and chart roots we
    write, with their content models (not stand-ins that accept anything)."""
    checker = schema()
    assert checker.validate(etree.fromstring(f'<w:fonts xmlns:w="{W}"/>'.encode()))
    assert declared_order("EG_RPrBase")[:6] == tuple(
        f"{{{W}}}{n}" for n in ("rStyle", "rFonts", "b", "bCs", "i", "iCs"))
    bars = ('<c:barChart>{}<c:axId val="1"/><c:axId val="2"/></c:barChart>')
    chart = (f'<c:chartSpace xmlns:c="{C}"><c:chart><c:plotArea>{bars}</c:plotArea></c:chart>'
             '</c:chartSpace>')
    assert checker.validate(etree.fromstring(chart.format('<c:barDir val="bar"/>').encode()))
    assert not checker.validate(etree.fromstring(chart.format("").encode()))  # c:barDir required
    assert not checker.validate(etree.fromstring(f'<wp:inline xmlns:wp="{WP}"/>'.encode()))


def test_every_xml_part_is_schema_valid(documents: dict[str, Path]) -> None:
    """document, styles, numbering, settings, fontTable, headers, footers, webSettings, core and
    app properties, [Content_Types].xml and every .rels part: no schema error in any build."""
    report = [f"{label}: {problem}" for label, path in documents.items()
              for problem in package_problems(path)]
    assert report == [], "\n".join(report)


def test_every_part_is_checked(documents: dict[str, Path]) -> None:
    """Each package has exactly the parts we expect to validate: nothing slips past unchecked."""
    for label, path in documents.items():
        with zipfile.ZipFile(path) as package:
            types = content_types(package)
        roots = {types[n] for n in types if n != CONTENT_TYPES_PART} - BINARY
        assert roots <= set(ROOTS), label
        for required in ("document.main+xml", "styles+xml", "numbering+xml", "settings+xml",
                         "fontTable+xml", "header+xml", "footer+xml", "webSettings+xml"):
            assert WML + required in roots, (label, required)
        assert THEME in roots, label
        if label.startswith("seed"):  # the attendance chart
            assert [n for n in types if types[n] == CHART] == ["word/charts/chart1.xml"], label


def _seed_part(documents: dict[str, Path], name: str) -> etree._Element:
    """The parsed part `name` of the Lao seed DOCX (Phetsarath set)."""
    with zipfile.ZipFile(documents["seed lo phetsarath"]) as package:
        return etree.fromstring(package.read(name))


def test_a_misordered_chart_element_is_reported(documents: dict[str, Path]) -> None:
    """The chart part is checked against dml-chart.xsd: c:gapWidth moved before the series."""
    root = _seed_part(documents, "word/charts/chart1.xml")
    bars = root.find(f"{{{C}}}chart/{{{C}}}plotArea/{{{C}}}barChart")
    gap = bars.find(f"{{{C}}}gapWidth")
    bars.remove(gap)
    bars.find(f"{{{C}}}ser").addprevious(gap)
    (problem,) = part_problems("word/charts/chart1.xml", CHART, etree.tostring(root))
    assert problem.startswith("word/charts/chart1.xml:1: Element '{%s}ser': This element is not "
                              "expected. Expected is one of ( {%s}overlap," % (C, C))


def test_a_bad_chart_colour_is_reported(documents: dict[str, Path]) -> None:
    """DrawingML inside the chart is checked too: a:srgbClr must be six hex digits."""
    root = _seed_part(documents, "word/charts/chart1.xml")
    next(root.iter(f"{{{A}}}srgbClr")).set("val", "red")
    (problem,) = part_problems("word/charts/chart1.xml", CHART, etree.tostring(root))
    assert problem.endswith("Element '{%s}srgbClr', attribute 'val': 'red' is not a valid value of "
                            "the atomic type '{%s}ST_HexColorRGB'." % (A, S))


def test_the_inline_drawing_is_checked(documents: dict[str, Path]) -> None:
    """wp:inline follows dml-wordprocessingDrawing.xsd: without wp:docPr it is reported."""
    root = _seed_part(documents, "word/document.xml")
    inline = next(root.iter(f"{{{WP}}}inline"))
    inline.remove(inline.find(f"{{{WP}}}docPr"))
    (problem,) = part_problems("word/document.xml", WML + "document.main+xml", etree.tostring(root))
    assert problem.endswith("Element '{%s}cNvGraphicFramePr': This element is not expected. "
                            "Expected is ( {%s}docPr )." % (WP, WP))


def test_the_chart_reference_in_the_drawing_is_checked(documents: dict[str, Path]) -> None:
    """a:graphicData's content is validated strictly: c:chart without r:id, or an element no
    schema declares, is reported."""
    root = _seed_part(documents, "word/document.xml")
    reference = next(root.iter(f"{{{C}}}chart"))
    del reference.attrib[f"{{{R}}}id"]
    (problem,) = part_problems("word/document.xml", WML + "document.main+xml", etree.tostring(root))
    assert problem.endswith("Element '{%s}chart': The attribute '{%s}id' is required but missing."
                            % (C, R))
    reference.tag = f"{{{C}}}chrt"
    (problem,) = part_problems("word/document.xml", WML + "document.main+xml", etree.tostring(root))
    assert problem.endswith("Element '{%s}chrt': No matching global element declaration "
                            "available, but demanded by the strict wildcard." % C)


def test_a_misordered_paragraph_property_is_reported(documents: dict[str, Path]) -> None:
    """The check can fail: w:jc moved before w:pStyle gives the part name, line and lxml's message."""
    with zipfile.ZipFile(documents["seed lo phetsarath"]) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    pPr = next(p for p in root.iter(f"{{{W}}}pPr") if p.find(f"{{{W}}}pStyle") is not None)
    pPr.insert(0, etree.Element(f"{{{W}}}jc", {f"{{{W}}}val": "center"}))
    problems = part_problems("word/document.xml", WML + "document.main+xml", etree.tostring(root))
    assert len(problems) == 1, problems
    assert problems[0].startswith("word/document.xml:")
    assert ("Element '{%s}pStyle': This element is not expected." % W) in problems[0]


def test_a_misordered_run_property_is_reported() -> None:
    """w:sz before w:b is valid for the transitional schema's choice but not in Word's order."""
    xml = (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:rPr><w:sz w:val="24"/><w:b/>'
           '</w:rPr><w:t>x</w:t></w:r></w:p></w:body></w:document>')
    problems = part_problems("word/document.xml", WML + "document.main+xml", xml.encode())
    assert problems == ["word/document.xml:1: w:b comes after w:sz in w:rPr; the schema's order "
                        "is w:b first"]


def test_a_bad_attribute_value_is_reported() -> None:
    """A font key that is not an upper-case braced GUID breaks ST_Guid."""
    xml = (f'<w:fonts xmlns:w="{W}" xmlns:r="{R}"><w:font w:name="X"><w:embedRegular r:id="rId1" '
           'w:fontKey="{51f75e7d-9c64-48a1-b4a8-62dbd5fd63dd}"/></w:font></w:fonts>')
    (problem,) = part_problems("word/fontTable.xml", WML + "fontTable+xml", xml.encode())
    assert problem.startswith("word/fontTable.xml:1: Element '{%s}embedRegular', attribute "
                              "'{%s}fontKey'" % (W, W))


def test_ignorable_content_is_dropped_before_validation() -> None:
    """w14 elements in a part that declares mc:Ignorable="w14" are not schema errors."""
    xml = (f'<w:settings xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="http://schemas.microsoft.com/'
           'office/word/2010/wordml" mc:Ignorable="w14"><w14:docId w14:val="1"/></w:settings>')
    assert part_problems("word/settings.xml", WML + "settings+xml", xml.encode()) == []
