"""The only module that touches raw WordprocessingML: properties python-docx does not model.

Elements are built with python-docx's `OxmlElement` and placed in schema order (the child
sequences below); no XML strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.xmlchemy import BaseOxmlElement

_TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, rounded."""
    return round(mm * _TWIPS_PER_MM)


def _el(tag: str, attrs: dict[str, str] | None = None,
        children: Iterable[BaseOxmlElement | None] = ()) -> BaseOxmlElement:
    """A new element `tag` (e.g. "w:sz") with attributes (prefixed, or unprefixed as DrawingML's
    are) and the non-None children."""
    element = OxmlElement(tag, attrs={qn(k) if ":" in k else k: v for k, v in (attrs or {}).items()})
    element.extend(c for c in children if c is not None)
    return element


def _put(parent: BaseOxmlElement, child: BaseOxmlElement, order: Sequence[str]) -> None:
    """Put `child` into `parent` in schema order, replacing a child with the same tag.

    `order` is the parent's child sequence from the schema, at least up to `child`'s tag:
    `child` goes after the last present child that the schema puts before it.
    """
    tag = NamespacePrefixedTag.from_clark_name(child.tag)
    parent.remove_all(tag)
    before = {qn(t) for t in order[: order.index(tag)]}
    anchors = [c for c in parent if c.tag in before]
    if anchors:
        anchors[-1].addnext(child)
    else:
        parent.insert(0, child)


# Child order of the elements we add to (ECMA-376 Part 1; python-docx's oxml lists them too).
_PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl")
_TRPR = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
         "w:cantSplit", "w:trHeight", "w:tblHeader")
_TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd")
_TBLPR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
          "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
          "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar")
_STYLE = ("w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine",
          "w:hidden", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat",
          "w:locked", "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr",
          "w:rPr", "w:tblPr")
_SETTINGS = ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
             "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
             "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
             "w:embedTrueTypeFonts")


# --- run properties -------------------------------------------------------------------

@dataclass(frozen=True)
class RunProps:
    """Run formatting; bold, italic and size always go out in both halves (w:b + w:bCs ...)."""

    font: str | None = None  # ascii, hAnsi and eastAsia
    cs_font: str | None = None  # complex script (Lao)
    bold: bool | None = None
    italic: bool | None = None
    size_pt: float | None = None
    color: str | None = None  # RRGGBB
    complex_script: bool = False  # <w:cs/>: the whole run is complex-script text
    lang: str | None = None  # w:lang/@w:val, e.g. en-US
    bidi_lang: str | None = None  # w:lang/@w:bidi, e.g. lo-LA
    style_id: str | None = None  # w:rStyle: a character style


def _on_off(tag: str, value: bool | None) -> BaseOxmlElement | None:
    """`<tag/>` for True, `<tag w:val="0"/>` for False, nothing for None."""
    if value is None:
        return None
    return _el(tag) if value else _el(tag, {"w:val": "0"})


def run_properties(props: RunProps) -> BaseOxmlElement:
    """A `w:rPr` for `props`, its children in schema order."""
    fonts = None
    if props.font or props.cs_font:
        attrs = {}
        if props.font:
            attrs.update({"w:ascii": props.font, "w:hAnsi": props.font, "w:eastAsia": props.font})
        if props.cs_font:
            attrs["w:cs"] = props.cs_font
        fonts = _el("w:rFonts", attrs)
    size = None if props.size_pt is None else str(round(props.size_pt * 2))
    lang = {k: v for k, v in (("w:val", props.lang), ("w:bidi", props.bidi_lang)) if v}
    return _el("w:rPr", children=[
        _el("w:rStyle", {"w:val": props.style_id}) if props.style_id else None,
        fonts,
        _on_off("w:b", props.bold), _on_off("w:bCs", props.bold),
        _on_off("w:i", props.italic), _on_off("w:iCs", props.italic),
        _el("w:color", {"w:val": props.color}) if props.color else None,
        _el("w:sz", {"w:val": size}) if size else None,
        _el("w:szCs", {"w:val": size}) if size else None,
        _el("w:cs") if props.complex_script else None,
        _el("w:lang", lang) if lang else None,
    ])


def set_run_properties(r: BaseOxmlElement, props: RunProps) -> None:
    """Give the run `r` (a w:r) exactly the properties `props`."""
    r.remove_all("w:rPr")
    r.insert(0, run_properties(props))


def add_field(p: BaseOxmlElement, instruction: str, result: str, props: RunProps) -> None:
    """Append to the paragraph `p` a complex field (`PAGE`, `NUMPAGES`) showing `result` until
    the reader updates it."""
    def run(*children: BaseOxmlElement) -> BaseOxmlElement:
        return _el("w:r", children=[run_properties(props), *children])

    instr = _el("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} "
    text = _el("w:t")
    text.text = result
    p.extend([run(_el("w:fldChar", {"w:fldCharType": "begin"})), run(instr),
              run(_el("w:fldChar", {"w:fldCharType": "separate"})), run(text),
              run(_el("w:fldChar", {"w:fldCharType": "end"}))])


# --- paragraph properties ---------------------------------------------------------------

def set_outline_level(pPr: BaseOxmlElement, level: int) -> None:
    """Mark a heading style's paragraphs as outline level `level` (0 = top)."""
    _put(pPr, _el("w:outlineLvl", {"w:val": str(level)}), _PPR)


def set_bottom_border(pPr: BaseOxmlElement, width_pt: float, color: str, space_pt: int) -> None:
    """A rule under the paragraph (the running header's line)."""
    _put(pPr, _el("w:pBdr", children=[_el("w:bottom", {
        "w:val": "single", "w:sz": str(round(width_pt * 8)), "w:space": str(space_pt),
        "w:color": color})]), _PPR)


def set_numbering(pPr: BaseOxmlElement, num_id: int, level: int = 0) -> None:
    """Make the paragraph an item of list `num_id` at `level`."""
    numPr = pPr.get_or_add_numPr()
    numPr.get_or_add_ilvl().val = level
    numPr.get_or_add_numId().val = num_id


# --- numbering ----------------------------------------------------------------------

@dataclass(frozen=True)
class ListLevel:
    """One list kind: bullet or decimal, its label, indents and the label's font."""

    abstract_id: int
    number_format: str  # "bullet" or "decimal"
    text: str  # "•" or "%1."
    style_id: str
    indent_mm: float
    hanging_mm: float
    font: str


def reset_numbering(numbering: BaseOxmlElement, kinds: Sequence[ListLevel]) -> None:
    """Replace every list definition with one abstract list per kind (and no w:num yet)."""
    numbering.remove_all("w:abstractNum", "w:num", "w:numIdMacAtCleanup")
    for kind in kinds:
        level = _el("w:lvl", {"w:ilvl": "0"}, [
            _el("w:start", {"w:val": "1"}),
            _el("w:numFmt", {"w:val": kind.number_format}),
            _el("w:pStyle", {"w:val": kind.style_id}),
            _el("w:lvlText", {"w:val": kind.text}),
            _el("w:lvlJc", {"w:val": "left"}),
            _el("w:pPr", children=[_el("w:ind", {
                "w:left": str(twips(kind.indent_mm)), "w:hanging": str(twips(kind.hanging_mm))})]),
            run_properties(RunProps(font=kind.font, cs_font=kind.font)),
        ])
        numbering.append(_el("w:abstractNum", {"w:abstractNumId": str(kind.abstract_id)}, [
            _el("w:multiLevelType", {"w:val": "singleLevel"}), level]))


def add_list(numbering: BaseOxmlElement, abstract_id: int, restart: bool) -> int:
    """A new list instance of `abstract_id`, numbered from 1 when `restart`; returns its numId."""
    num = numbering.add_num(abstract_id)
    if restart:
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


# --- drawings -----------------------------------------------------------------------

_EMU_PER_MM = 36000
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def add_inline_chart(r: BaseOxmlElement, r_id: str, size_mm: tuple[float, float], shape_id: int,
                     description: str) -> None:
    """Put into the run `r` an inline drawing (wp:inline) of the chart part related as `r_id`,
    `size_mm` wide and high, with `description` as its alternative text."""
    cx, cy = (str(round(mm * _EMU_PER_MM)) for mm in size_mm)
    chart = _el("c:chart", {"r:id": r_id})
    r.append(_el("w:drawing", children=[_el("wp:inline", {
        "distT": "0", "distB": "0", "distL": "0", "distR": "0"}, [
        _el("wp:extent", {"cx": cx, "cy": cy}),
        _el("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}),
        _el("wp:docPr", {"id": str(shape_id), "name": f"Chart {shape_id}", "descr": description}),
        _el("wp:cNvGraphicFramePr"),
        _el("a:graphic", children=[_el("a:graphicData", {"uri": CHART_URI}, [chart])]),
    ])]))


# --- tables -------------------------------------------------------------------------

def repeat_as_header(tr: BaseOxmlElement) -> None:
    """Repeat the row `tr` at the top of every page the table spans (w:tblHeader)."""
    _put(tr.get_or_add_trPr(), _el("w:tblHeader"), _TRPR)


def keep_row_whole(tr: BaseOxmlElement) -> None:
    """Never split the row `tr` across pages (w:cantSplit)."""
    _put(tr.get_or_add_trPr(), _el("w:cantSplit"), _TRPR)


def keep_with_next(pPr: BaseOxmlElement) -> None:
    """Keep the paragraph on the page of the next one (w:keepNext); in a table row, the next
    row's, which is how Word and LibreOffice keep a table on one page."""
    _put(pPr, _el("w:keepNext"), _PPR)


def shade_cell(tc: BaseOxmlElement, fill: str) -> None:
    """Fill the cell `tc` with the colour RRGGBB."""
    shading = _el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})
    _put(tc.get_or_add_tcPr(), shading, _TCPR)


def set_table_style_grid(style: BaseOxmlElement, border_pt: float, color: str,
                         cell_margins_mm: tuple[float, float]) -> None:
    """A table style (w:style) with borders on every edge and between cells, and cell
    margins (vertical, horizontal)."""
    tblPr = _el("w:tblPr")
    _put(style, tblPr, _STYLE)
    size = str(round(border_pt * 8))
    edges = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
    _put(tblPr, _el("w:tblBorders", children=[
        _el(edge, {"w:val": "single", "w:sz": size, "w:space": "0", "w:color": color})
        for edge in edges]), _TBLPR)
    vertical, horizontal = (str(twips(mm)) for mm in cell_margins_mm)
    _put(tblPr, _el("w:tblCellMar", children=[
        _el(f"w:{side}", {"w:w": width, "w:type": "dxa"})
        for side, width in (("top", vertical), ("left", horizontal),
                            ("bottom", vertical), ("right", horizontal))]), _TBLPR)


def set_table_borderless(tblPr: BaseOxmlElement) -> None:
    """No border on any edge or between cells (overriding the table style) and no cell margins,
    so that the cells' text lines up with the page margins; no shading either."""
    edges = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
    _put(tblPr, _el("w:tblBorders", children=[
        _el(edge, {"w:val": "nil"}) for edge in edges]), _TBLPR)
    tblPr.remove_all("w:shd")
    _put(tblPr, _el("w:tblCellMar", children=[
        _el(f"w:{side}", {"w:w": "0", "w:type": "dxa"})
        for side in ("top", "left", "bottom", "right")]), _TBLPR)


def ends_with_table(body: BaseOxmlElement) -> bool:
    """Whether the last block of the document body `body` is a table (Word would merge a table
    added next to it into it)."""
    blocks = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
    return bool(blocks) and blocks[-1].tag == qn("w:tbl")


def set_table_width(tblPr: BaseOxmlElement, mm: float) -> None:
    """A fixed table width, so Word and LibreOffice lay out the same columns."""
    _put(tblPr, _el("w:tblW", {"w:w": str(twips(mm)), "w:type": "dxa"}), _TBLPR)
    _put(tblPr, _el("w:tblLayout", {"w:type": "fixed"}), _TBLPR)


# --- styles part ----------------------------------------------------------------------

def reset_styles(styles: BaseOxmlElement, defaults: RunProps, space_after_mm: float) -> None:
    """Remove every style and set the document defaults (no theme fonts, so ours apply)."""
    styles.remove_all("w:docDefaults", "w:style")
    styles.insert(0, _el("w:docDefaults", children=[
        _el("w:rPrDefault", children=[run_properties(defaults)]),
        _el("w:pPrDefault", children=[_el("w:pPr", children=[
            _el("w:spacing", {"w:after": str(twips(space_after_mm))})])]),
    ]))


def set_style_run_properties(style: BaseOxmlElement, props: RunProps) -> None:
    """Give a style (w:style) exactly the run properties `props`."""
    rPr = style.get_or_add_rPr()
    style.replace(rPr, run_properties(props))


def remove_core_property(props: object, tag: str) -> None:
    """Remove the element `tag` (e.g. "dcterms:created") from python-docx CoreProperties."""
    props._element.remove_all(tag)  # type: ignore[attr-defined]


# --- settings, font table -------------------------------------------------------------

def tidy_settings(settings: BaseOxmlElement) -> None:
    """Make python-docx's template settings valid and true of a new document: give w:zoom the
    percentage CT_Zoom requires, drop the template's proofing state ("clean"), revision-id
    table, document id and request to save a preview picture (its thumbnail is not shipped),
    ask for current Word layout (compatibility mode 15) and make Lao the theme's complex-script
    language."""
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
    settings.remove_all("w:proofState", "w:rsids", "w:savePreviewPicture", "w14:docId")
    # Word 2013 and later layout (15), not Word 2010 compatibility mode (14).
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    # Theme fonts follow Lao for complex script, not the template's Japanese East Asian default.
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.attrib.pop(qn("w:eastAsia"), None)
        theme_lang.set(qn("w:bidi"), "lo-LA")


def drop_revision_ids(element: BaseOxmlElement) -> None:
    """Remove the w:rsid* attributes (ids of the template's editing sessions) from `element` and
    everything in it; they would point into the w:rsids table tidy_settings removes."""
    for node in element.iter():
        for name in [n for n in node.attrib if n.startswith(f"{{{_W_NS}}}rsid")]:
            del node.attrib[name]


def embed_true_type_fonts(settings: BaseOxmlElement) -> None:
    """Tell Word to use (and keep) the fonts embedded in the package."""
    _put(settings, _el("w:embedTrueTypeFonts"), _SETTINGS)


@dataclass(frozen=True)
class EmbeddedFace:
    """One obfuscated font part: which face of the family (Regular, Bold ...), rId and key."""

    face: str  # "Regular", "Bold", "Italic" or "BoldItalic"
    r_id: str
    font_key: str


@dataclass(frozen=True)
class FontEntry:
    """One w:font of fontTable.xml: the family and what Word needs to match and embed it."""

    name: str
    panose: str  # 20 hex digits
    sig: dict[str, str]  # usb0..usb3, csb0, csb1 as 8 hex digits
    embedded: tuple[EmbeddedFace, ...]


def empty_font_table() -> BaseOxmlElement:
    """A w:fonts root (the fontTable.xml part) with no fonts yet."""
    return OxmlElement("w:fonts", nsdecls={"w": _W_NS, "r": _R_NS})


def add_fonts(fonts: BaseOxmlElement, entries: Sequence[FontEntry]) -> None:
    """Append a w:font to the font table `fonts` for each entry, with its embedded faces."""
    for entry in entries:
        fonts.append(_el("w:font", {"w:name": entry.name}, [
            _el("w:panose1", {"w:val": entry.panose}),
            _el("w:charset", {"w:val": "00"}),
            _el("w:family", {"w:val": "auto"}),
            _el("w:pitch", {"w:val": "variable"}),
            _el("w:sig", {f"w:{k}": v for k, v in entry.sig.items()}),
            *(_el(f"w:embed{face.face}", {"r:id": face.r_id, "w:fontKey": face.font_key})
              for face in sorted(entry.embedded, key=lambda f: _FACE_ORDER.index(f.face))),
        ]))


_FACE_ORDER = ("Regular", "Bold", "Italic", "BoldItalic")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
