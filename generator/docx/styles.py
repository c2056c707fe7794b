"""The Word styles of the briefing, as data mirroring templates/briefing.css, and their installation."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from generator.docx import ooxml
from generator.docx.page import PAGE
from generator.fonts import FontSet

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}

BASE_SIZE_PT = 12.0  # html { font-size }
LINE_HEIGHT = 1.7  # html { line-height }: lines at least this many times the font size
TEXT_COLOR = "000000"


@dataclass(frozen=True)
class Rule:
    """A line under a paragraph: its width (pt), colour RRGGBB and gap to the text (pt)."""

    width_pt: float
    color: str
    space_pt: int = 0


@dataclass(frozen=True)
class ParagraphStyle:
    """A named paragraph style: the Word counterpart of one CSS rule (sizes in pt, spaces in mm)."""

    name: str
    size_pt: float = BASE_SIZE_PT
    bold: bool = False
    italic: bool = False
    color: str | None = None
    align: str = "left"
    before_mm: float = 0.0
    after_mm: float = 2.0
    line_height: float = LINE_HEIGHT
    keep_with_next: bool = False
    outline_level: int | None = None
    list_kind: str | None = None  # "bullet" or "number": the style's own list
    bottom_rule: Rule | None = None
    indent_mm: float = 0.0  # on both sides
    exact_height_mm: float | None = None  # lines exactly this high instead of `line_height`


# p.motto::after { width: 40mm; margin: 1.5mm auto 0; border-bottom: 0.6pt solid #000 }: an
# empty centred paragraph, indented to the rule's width, drawn by its bottom border.
MOTTO_RULE = "Motto Rule"
MOTTO_RULE_WIDTH_MM = 40.0
MOTTO_RULE_GAP_MM = 1.5

# section.letterhead { margin-bottom: 8mm } collapses with h1 { margin-top: 6mm } in the PDF.
# Word and LibreOffice collapse nothing between a table (the letterhead's sides) and the next
# paragraph, so the letterhead's last line adds only what the title's space before lacks.
LETTERHEAD_GAP_MM = 8.0
TITLE_BEFORE_MM = 6.0

SIGNATURE_ROLE, SIGNATURE_NAME = "Signature Role", "Signature Name"
SIGNING_SPACE_MM = 20.0  # table.signatures tr + tr td { padding-top }

PARAGRAPH_STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle("Normal"),
    ParagraphStyle("Body Text"),
    ParagraphStyle("Nation", size_pt=13, bold=True, align="center", after_mm=0),
    # section.letterhead p { margin: 0 } outweighs p.motto's margin-bottom in the CSS.
    ParagraphStyle("Motto", align="center", after_mm=0),
    ParagraphStyle(MOTTO_RULE, size_pt=2, align="center", after_mm=0,
                   bottom_rule=Rule(0.6, "000000"),
                   indent_mm=(PAGE.text_width_mm - MOTTO_RULE_WIDTH_MM) / 2,
                   exact_height_mm=MOTTO_RULE_GAP_MM),
    ParagraphStyle("Issuer", after_mm=0),
    ParagraphStyle("Reference", align="right", after_mm=0),
    ParagraphStyle("Place and Date", align="right", after_mm=LETTERHEAD_GAP_MM - TITLE_BEFORE_MM),
    ParagraphStyle("Title", size_pt=16, bold=True, align="center", before_mm=TITLE_BEFORE_MM,
                   after_mm=1, line_height=1.6, keep_with_next=True),
    ParagraphStyle("Subtitle", size_pt=13, align="center", after_mm=6),
    # h2 { border-bottom: 0.6pt solid #000 }: the rule under each section heading.
    ParagraphStyle("Heading 1", size_pt=13.5, bold=True, before_mm=5, after_mm=1.5,
                   line_height=1.6, keep_with_next=True, outline_level=0,
                   bottom_rule=Rule(0.6, "000000", space_pt=1)),
    ParagraphStyle("Heading 2", bold=True, before_mm=3, after_mm=1, line_height=1.6,
                   keep_with_next=True, outline_level=1),
    ParagraphStyle("Note", bold=True, before_mm=3, after_mm=1, keep_with_next=True),
    # figure.chart figcaption and figure.chart { margin-bottom } in templates/briefing.css
    ParagraphStyle("Caption", bold=True, before_mm=3, after_mm=1, keep_with_next=True),
    ParagraphStyle("Chart", after_mm=4, line_height=1.0),
    ParagraphStyle("List Bullet", after_mm=1, list_kind="bullet"),
    ParagraphStyle("List Number", after_mm=1, list_kind="number"),
    ParagraphStyle("Table Header", size_pt=11, bold=True, after_mm=0, line_height=1.6),
    ParagraphStyle("Table Text", size_pt=11, after_mm=0, line_height=1.6),
    # p.closing { margin-top: 4mm; break-after: avoid }: the closing time stays with the signatures.
    ParagraphStyle("Closing", before_mm=4, keep_with_next=True),
    # table.signatures: the roles kept with the names below them, which sit under room to sign.
    ParagraphStyle(SIGNATURE_ROLE, bold=True, align="center", before_mm=10, after_mm=0,
                   keep_with_next=True),
    ParagraphStyle(SIGNATURE_NAME, align="center", before_mm=SIGNING_SPACE_MM, after_mm=0),
    ParagraphStyle("Header", size_pt=9, color="444444", align="center", after_mm=0,
                   line_height=1.4, bottom_rule=Rule(0.4, "888888", space_pt=1)),
    ParagraphStyle("Footer", size_pt=9, color="444444", align="center", after_mm=0,
                   line_height=1.4),
)


@dataclass(frozen=True)
class CharacterStyle:
    """A named character style: the Word counterpart of a span class's CSS rule."""

    name: str
    bold: bool = False
    color: str | None = None


# span.overdue { font-weight: bold; color: #c00000 }
CHARACTER_STYLES: tuple[CharacterStyle, ...] = (CharacterStyle("Overdue", bold=True, color="C00000"),)


def character_style(name: str) -> CharacterStyle:
    """The character style called `name`."""
    return next(c for c in CHARACTER_STYLES if c.name == name)


# p.issuer { float: left; width: 50% }: the letterhead's issuer side and its reference and
# date side each take half the text width.
LETTERHEAD_COLUMNS_MM = (PAGE.text_width_mm / 2, PAGE.text_width_mm / 2)

TABLE_STYLE = "Briefing Table"
TABLE_BORDER = (0.5, "666666")  # th, td { border: 0.5pt solid #666 }
CELL_MARGINS_MM = (1.0, 2.0)  # th, td { padding: 1mm 2mm }
HEADER_FILL = "E8E8E8"  # thead th { background }
ROW_HEADER_FILL = "F4F4F4"  # table.facts th { background }

# Lists: ul, ol { padding-left: 8mm }
LIST_INDENT_MM = 8.0
LIST_HANGING_MM = 5.0
LIST_KINDS = {"bullet": (0, "bullet", "•"), "number": (1, "decimal", "%1.")}


@dataclass(frozen=True)
class Column:
    """A column's share of the text width (None: an equal part of what is left) and alignment."""

    width_mm: float | None = None
    align: str = "left"


# Per table class: the first columns, then the last one (index -1) where CSS sets it.
TABLE_COLUMNS: dict[str, dict[int, Column]] = {
    "facts": {0: Column(0.32 * PAGE.text_width_mm)},
    "figures": {-1: Column(0.25 * PAGE.text_width_mm, "right")},
    "priority-areas": {0: Column(13.0, "right")},
    "members": {0: Column(13.0, "right")},
    # table.actions: number, task (the rest), owner, due date, status (the CSS widths + 4 mm of padding)
    "actions": {0: Column(13.0, "right"), 2: Column(36.0), 3: Column(31.0), 4: Column(28.0)},
    "signatures": {0: Column(PAGE.text_width_mm / 2, "center"), 1: Column(PAGE.text_width_mm / 2, "center")},
}


def column_layout(kind: str, count: int) -> list[Column]:
    """Widths (mm, summing to the text width) and alignments of a `kind` table's `count` columns."""
    given = {i % count: c for i, c in TABLE_COLUMNS.get(kind, {}).items()} if count else {}
    fixed = sum(c.width_mm or 0.0 for c in given.values())
    free = [i for i in range(count) if given.get(i, Column()).width_mm is None]
    share = (PAGE.text_width_mm - fixed) / len(free) if free else 0.0
    return [Column(given[i].width_mm if i not in free else share, given.get(i, Column()).align)
            for i in range(count)]


CHART_STYLE = "Chart"
CHART_TEXT_PT = 10.0  # figure.chart { font-size }
# The chart's height: its margins, then per category a gap and one bar per series
# (figure.chart .chart-bar-line { height } in the PDF).
CHART_FIXED_MM = 8.0
CHART_CATEGORY_GAP_MM = 4.0
CHART_BAR_MM = 8.0


def chart_size_mm(categories: int, series: int) -> tuple[float, float]:
    """Width (the text width) and height of a chart with so many categories and series."""
    return (PAGE.text_width_mm,
            CHART_FIXED_MM + categories * (CHART_CATEGORY_GAP_MM + series * CHART_BAR_MM))


def latin_font(fs: FontSet) -> str:
    """The family that draws non-Lao text: the set's Latin family, or the Lao one if it has Latin."""
    return fs.latin_family or fs.lao_family


def style_run_props(style: ParagraphStyle, fs: FontSet) -> ooxml.RunProps:
    """A style's run properties: both fonts, and bold, italic and size in both halves."""
    return ooxml.RunProps(font=latin_font(fs), cs_font=fs.lao_family, bold=style.bold,
                          italic=style.italic, size_pt=style.size_pt, color=style.color)


def install_styles(document: WordDocument, fs: FontSet) -> dict[str, int]:
    """Replace the template's styles and lists by ours; returns list kind -> its base numId."""
    styles_element = document.styles.element
    ooxml.reset_styles(styles_element, ooxml.RunProps(
        font=latin_font(fs), cs_font=fs.lao_family, size_pt=BASE_SIZE_PT, color=TEXT_COLOR,
        lang="en-US", bidi_lang="lo-LA"), space_after_mm=0)
    numbering = document.part.numbering_part.element
    ooxml.reset_numbering(numbering, [
        ooxml.ListLevel(number, fmt, text, style_id(f"List {kind.title()}"),
                        LIST_INDENT_MM, LIST_HANGING_MM, latin_font(fs))
        for kind, (number, fmt, text) in LIST_KINDS.items()])
    base_lists = {kind: ooxml.add_list(numbering, number, restart=False)
                  for kind, (number, _, _) in LIST_KINDS.items()}

    for kind, style_type in (("Default Paragraph Font", WD_STYLE_TYPE.CHARACTER),
                             ("Normal Table", WD_STYLE_TYPE.TABLE),
                             ("No List", WD_STYLE_TYPE.LIST)):
        added = document.styles.add_style(kind, style_type)
        added.element.default = True
        added.hidden = kind != "Normal Table"
    for spec in PARAGRAPH_STYLES:
        _add_paragraph_style(document, spec, fs, base_lists)
    for char in CHARACTER_STYLES:
        added = document.styles.add_style(char.name, WD_STYLE_TYPE.CHARACTER)
        added.base_style = document.styles["Default Paragraph Font"]
        ooxml.set_style_run_properties(added.element, ooxml.RunProps(
            font=latin_font(fs), cs_font=fs.lao_family, bold=char.bold, color=char.color))
    table = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table.base_style = document.styles["Normal Table"]
    ooxml.set_table_style_grid(table.element, TABLE_BORDER[0], TABLE_BORDER[1], CELL_MARGINS_MM)
    return base_lists


def style_id(name: str) -> str:
    """The styleId python-docx gives the style `name` (spaces removed)."""
    return name.replace(" ", "")


def _add_paragraph_style(document: WordDocument, spec: ParagraphStyle, fs: FontSet,
                         base_lists: dict[str, int]) -> None:
    """Add one paragraph style built from `spec`."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if spec.name == "Normal":
        style.element.default = True
    else:
        style.base_style = document.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.align]
    fmt.space_before = Mm(spec.before_mm)
    fmt.space_after = Mm(spec.after_mm)
    if spec.exact_height_mm is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Mm(spec.exact_height_mm)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(spec.size_pt * spec.line_height)
    if spec.indent_mm:
        fmt.left_indent = fmt.right_indent = Mm(spec.indent_mm)
    if spec.keep_with_next:
        fmt.keep_with_next = True
    pPr = style.element.get_or_add_pPr()
    if spec.outline_level is not None:
        ooxml.set_outline_level(pPr, spec.outline_level)
    if spec.list_kind:
        ooxml.set_numbering(pPr, base_lists[spec.list_kind])
    if spec.bottom_rule is not None:
        rule = spec.bottom_rule
        ooxml.set_bottom_border(pPr, rule.width_pt, rule.color, space_pt=rule.space_pt)
    ooxml.set_style_run_properties(style.element, style_run_props(spec, fs))
