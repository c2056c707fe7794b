"""cffi's type names, such as `PangoRectangle *` or `char[4]`, understood without running its C parser.

WeasyPrint asks cffi for about eight types by name while it renders (`ffi.new('PangoRectangle *')`).
cffi parses each new name once per process with pycparser, after a prelude that declares every
typedef of WeasyPrint's bindings again: 2–6 ms a name, 25 ms of each build. A name that is a
declared typedef or a plain C type, with pointer stars or one array bound, is built here from
the same declarations, as cffi's parser builds it (`_get_type_pointer`, `model.ArrayType`); any
other name goes to cffi's parser as before. tests/test_cffi_types.py checks that both give the
same type for the names WeasyPrint uses and more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cffi import model

_NAME = re.compile(r"\s*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*(\*+|\[(\d*)\])?\s*")


def quick_type(parser: Any, cdecl: str) -> tuple[Any, int] | None:
    """The (type, qualifiers) cffi's `parser` would give the type name `cdecl`; None when it is
    not a typedef or plain C type with pointer stars or one array bound."""
    found = _NAME.fullmatch(cdecl)
    if not found:
        return None
    base, suffix, length = found[1], found[2] or "", found[3]
    declared = parser._declarations.get(f"typedef {base}")
    if declared is not None:
        kind, quals = declared
    elif base in model.PrimitiveType.ALL_PRIMITIVE_TYPES:
        kind, quals = model.PrimitiveType(base), 0
    else:
        return None
    if suffix.startswith("["):
        return model.ArrayType(kind, int(length) if length else None), quals
    for _ in suffix:
        kind, quals = parser._get_type_pointer(kind, quals), 0
    return kind, quals


def install(ffi: Any) -> None:
    """Make `ffi` understand the simple type names itself (once; the rest as before)."""
    parser = ffi._parser
    original: Callable[[str], tuple[Any, int]] = parser.parse_type_and_quals
    if getattr(original, "quick", False):
        return

    def parse_type_and_quals(cdecl: str) -> tuple[Any, int]:
        return quick_type(parser, cdecl) or original(cdecl)

    parse_type_and_quals.quick = True  # type: ignore[attr-defined]
    parser.parse_type_and_quals = parse_type_and_quals
