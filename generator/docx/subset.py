"""The rendered-HTML subset the DOCX writer understands, as data, and its error messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ElementRule:
    """What one element may carry: its classes (`None`: no class) and its other attributes."""

    classes: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()


def _rule(classes: str = "", attributes: str = "") -> ElementRule:
    """An ElementRule from space-separated class and attribute names."""
    return ElementRule(frozenset(classes.split()), frozenset(attributes.split()))


# Every attribute in the subset besides these is named below; `id` only names a place for CSS
# or links and carries no content, so dropping it loses nothing.
COMMON_ATTRIBUTES = frozenset({"class", "id"})

# The letterhead's paragraph classes -> where the heading puts them: "centre" (above the rule),
# "left" (the issuer side) or "right" (the reference and date side).
LETTERHEAD = "letterhead"
LETTERHEAD_PLACES: dict[str, str] = {"nation": "centre", "motto": "centre", "issuer": "left",
                                     "reference": "right", "place-date": "right"}

ELEMENTS: dict[str, ElementRule] = {
    "html": _rule(attributes="lang"),
    "head": _rule(),
    "title": _rule(),
    "meta": _rule(attributes="charset name content"),
    "style": _rule(attributes="media"),
    "link": _rule(attributes="rel href media"),
    "body": _rule(attributes="lang"),
    "header": _rule("running-header"),
    "footer": _rule("running-footer"),
    "section": _rule(LETTERHEAD),
    "h1": _rule(attributes="lang"),
    "h2": _rule(attributes="lang"),
    "h3": _rule(attributes="lang"),
    "p": _rule("nation motto issuer reference place-date subtitle note closing", "lang"),
    "ul": _rule(),
    "ol": _rule(),
    "li": _rule(attributes="lang"),
    "table": _rule("facts priority-areas members figures actions signatures"),
    "figure": _rule("chart"),
    "figcaption": _rule(attributes="lang"),
    "thead": _rule(),
    "tbody": _rule(),
    "tr": _rule(),
    "th": _rule(attributes="lang scope"),
    "td": _rule(attributes="lang"),
    "strong": _rule(),
    "em": _rule(),
    "span": _rule("number overdue page-number page-count", "lang"),
    "br": _rule(),
}

VOID_ELEMENTS = frozenset({"meta", "link", "br", "area", "base", "col", "embed", "hr", "img",
                           "input", "param", "source", "track", "wbr"})

META_NAMES = frozenset({"author", "description", "keywords", "generator",
                        "dcterms.created", "dcterms.modified"})
LINK_RELS = frozenset({"stylesheet"})
LANGS = frozenset({"lo", "en"})

# Children each context accepts; "#inline" stands for text, <strong>, <em>, <span>, <br>.
INLINE = ("strong", "em", "span", "br")
BLOCKS = ("section", "h1", "h2", "h3", "p", "ul", "ol", "table", "figure")
CONTENT: dict[str, tuple[str, ...]] = {
    "#document": ("html",),
    "html": ("head", "body"),
    "head": ("title", "meta", "style", "link"),
    "body": ("header", "footer") + BLOCKS,
    "section": BLOCKS,
    "ul": ("li",),
    "ol": ("li",),
    "table": ("thead", "tbody"),
    "figure": ("figcaption", "table"),
    "thead": ("tr",),
    "tbody": ("tr",),
    "tr": ("th", "td"),
}

# Paragraph element/class -> Word paragraph style (the names the brief fixes).
PARAGRAPH_STYLES: dict[tuple[str, str | None], str] = {
    ("p", None): "Body Text",
    ("p", "nation"): "Nation",
    ("p", "motto"): "Motto",
    ("p", "issuer"): "Issuer",
    ("p", "reference"): "Reference",
    ("p", "place-date"): "Place and Date",
    ("p", "subtitle"): "Subtitle",
    ("p", "note"): "Note",
    ("p", "closing"): "Closing",
    ("h1", None): "Title",
    ("h2", None): "Heading 1",
    ("h3", None): "Heading 2",
}

# Span class -> Word character style (the same name means the same look in the CSS).
CHARACTER_STYLES: dict[str, str] = {"overdue": "Overdue"}

# The signature block: a borderless table, the roles in its first row, the names (and
# positions) in the next rows under room to sign.
SIGNATURES = "signatures"

SUBSET = "the subset the DOCX writer understands"


def _names(tags: tuple[str, ...] | list[str]) -> str:
    """`<a>, <b>` for the tags given."""
    return ", ".join(f"<{t}>" for t in tags)


def unknown_element(tag: str, expected: tuple[str, ...] | list[str]) -> str:
    """The message for an element outside the subset."""
    return f"element <{tag}> is not in {SUBSET} (expected one of {_names(expected)})"


def misplaced_element(tag: str, parent: str, expected: tuple[str, ...] | list[str]) -> str:
    """The message for a subset element in a place the subset does not put it."""
    return (f"element <{tag}> inside <{parent}> is not in {SUBSET} "
            f"(expected one of {_names(expected)})")


def outside_letterhead(tag: str, classes: list[str]) -> str:
    """The message for an element inside the letterhead section that is not one of its lines."""
    shown = f' class="{" ".join(classes)}"' if classes else ""
    expected = ", ".join(f'<p class="{c}">' for c in LETTERHEAD_PLACES)
    return (f'<{tag}{shown}> inside <section class="{LETTERHEAD}"> is not in {SUBSET} '
            f"(expected one of {expected})")


def unknown_class(tag: str, name: str, rule: ElementRule) -> str:
    """The message for a class the subset does not give `tag`."""
    expected = ", ".join(f'"{c}"' for c in sorted(rule.classes)) or "no class"
    return f'class "{name}" on <{tag}> is not in {SUBSET} (expected {_one_of(rule.classes)}{expected})'


def unknown_attribute(tag: str, name: str, rule: ElementRule) -> str:
    """The message for an attribute the subset does not give `tag`."""
    allowed = sorted(COMMON_ATTRIBUTES | rule.attributes)
    return (f"attribute {name} on <{tag}> is not in {SUBSET} "
            f"(expected one of {', '.join(allowed)})")


def _one_of(options: frozenset[str]) -> str:
    """`one of ` when there is a choice."""
    return "one of " if len(options) > 1 else ""


def attribute_problems(tag: str, attrs: list[tuple[str, str | None]],
                       dynamic: str | None = None) -> list[str]:
    """Messages for the attributes and classes of one start tag of a subset element.

    Values containing `dynamic` (a template checker's placeholder for a Jinja expression)
    cannot be checked and are skipped.
    """
    rule = ELEMENTS[tag]
    problems = []
    for name, value in attrs:
        if name not in COMMON_ATTRIBUTES and name not in rule.attributes:
            problems.append(unknown_attribute(tag, name, rule))
        elif name == "class":
            for token in (value or "").split():
                if dynamic is not None and dynamic in token:
                    continue
                if token not in rule.classes:
                    problems.append(unknown_class(tag, token, rule))
        elif name == "lang" and value is not None and not (dynamic and dynamic in value) \
                and value not in LANGS:
            problems.append(f'lang "{value}" on <{tag}> is not in {SUBSET} '
                            f'(expected one of {", ".join(sorted(LANGS))})')
        elif (tag, name) in _VALUES and value is not None \
                and not (dynamic and dynamic in value) and value not in _VALUES[tag, name]:
            expected = ", ".join(sorted(_VALUES[tag, name]))
            problems.append(f'{name} "{value}" on <{tag}> is not in {SUBSET} '
                            f'(expected one of {expected})')
    return problems


_VALUES = {("meta", "name"): META_NAMES, ("link", "rel"): LINK_RELS}
