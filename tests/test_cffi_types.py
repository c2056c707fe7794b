"""generator/pdf/cffi_types.py: a type name gives the very type cffi's own parser gives."""

from __future__ import annotations

import pytest

import generator.pdf.libraries  # noqa: F401  (WeasyPrint's bindings, with the quick type names)
from generator.pdf.cffi_types import quick_type
from weasyprint.text.ffi import ffi

# The names WeasyPrint 70 asks for while it renders the seed, and more of the same shapes.
NAMES = ["PangoFcFontMap *", "FcChar8 **", "char[]", "PangoRectangle *", "PangoLogAttr[]",
         "unsigned int *", "hb_tag_t[100]", "char[4]", "int", "double *", "PangoLayout",
         "PangoFontDescription **", "gboolean[3]", "unsigned int", " char * "]


@pytest.mark.parametrize("name", NAMES)
def test_a_simple_name_gives_the_type_of_cffi_s_parser(name: str) -> None:
    parser = ffi._parser
    quick = quick_type(parser, name)
    assert quick is not None
    assert quick == type(parser).parse_type_and_quals(parser, name)
    with ffi._lock:  # as cffi's own callers hold it
        slow = ffi._get_cached_btype(type(parser).parse_type_and_quals(parser, name)[0])
    assert ffi.typeof(name) is slow


@pytest.mark.parametrize("name", ["void (*)(int)", "char *[4]", "struct _PangoRectangle *",
                                  "const char *", "int unsigned", "NoSuchType *", "char[2][3]"])
def test_any_other_name_is_left_to_cffi_s_parser(name: str) -> None:
    assert quick_type(ffi._parser, name) is None
