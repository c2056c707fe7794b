"""Importing WeasyPrint without its slow library search: import this module before any `weasyprint`.

WeasyPrint 70 opens Pango, HarfBuzz, fontconfig... by trying up to six names per library
(Linux, macOS and Windows spellings) through cffi, which asks `ctypes.util.find_library`
about each name that does not open as it is. On Linux that function runs `ldconfig -p`,
then gcc, then ld, for every name; a name that is not there costs all three (about 40 ms on
a machine with gcc), and the import tries 16 such names: 0.3–0.6 s of every build, more
than any page of layout. While WeasyPrint is imported here, `find_library` reads the
output of one `ldconfig -p` instead, with the same match as ctypes', and asks gcc and ld
(the original function) only about a name whose file lies in a folder of LD_LIBRARY_PATH
or LIBRARY_PATH, the only places where they find what ldconfig's cache does not list.
Where there is no `/sbin/ldconfig` (not glibc), nothing changes.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.pdf import cffi_types

LDCONFIG = "/sbin/ldconfig"

# ctypes.util._findSoname_ldconfig: the ABI ldconfig names beside each library of this machine.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _abi_type() -> str:
    """The ABI tag ldconfig -p gives the libraries this Python can load (as ctypes computes it)."""
    bits = "-32" if struct.calcsize("l") == 4 else "-64"
    return _ABI.get(os.uname().machine + bits, "libc6")


def _ldconfig_listing() -> bytes | None:
    """The output of `ldconfig -p` (the dynamic loader's cache), None when it cannot be run."""
    try:
        return subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, check=False).stdout
    except OSError:
        return None


def _in_search_path(name: str) -> bool:
    """Whether a file lib<name>.so* or lib<name>.a lies in a folder of LD_LIBRARY_PATH or LIBRARY_PATH."""
    folders = [f for var in ("LD_LIBRARY_PATH", "LIBRARY_PATH")
               for f in os.environ.get(var, "").split(os.pathsep) if f]
    for folder in folders:
        try:
            if any(Path(folder).glob(f"lib{name}.so*")) or (Path(folder) / f"lib{name}.a").exists():
                return True
        except OSError:
            continue
    return False


def cached_find_library(listing: bytes, original: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A `find_library(name)` that matches `name` in `listing` (ldconfig -p) as ctypes does, and asks
    `original` only when a file of that name lies in LD_LIBRARY_PATH or LIBRARY_PATH."""
    abi = _abi_type()

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi)), listing)
        if found:
            return os.fsdecode(found.group(1))
        return original(name) if _in_search_path(name) else None

    return find_library


@contextmanager
def _quick_library_search() -> Iterator[None]:
    """While active, ctypes.util.find_library answers from one ldconfig listing (see above)."""
    listing = _ldconfig_listing() if sys.platform.startswith("linux") and os.path.exists(LDCONFIG) else None
    if not listing:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = cached_find_library(listing, original)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint() -> None:
    """Import WeasyPrint's library bindings (once per process) with the quick library search, and
    their type names understood without cffi's C parser (cffi_types.py)."""
    if "weasyprint.text.ffi" in sys.modules:
        return
    try:
        with _quick_library_search():
            import weasyprint.text.ffi  # noqa: F401
    except OSError:  # a library only gcc's own folders hold: search as WeasyPrint does
        import weasyprint.text.ffi  # noqa: F401
    from weasyprint.text.ffi import ffi

    cffi_types.install(ffi)


import_weasyprint()
