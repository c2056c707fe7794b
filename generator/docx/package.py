"""The DOCX package around the content: template clean-up, core properties, reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.docx import ooxml
from generator.docx.blocks import Metadata

LANGUAGE_TAGS = {"lo": "lo-LA", "en": "en-US"}
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_BAGGAGE = (RT.THUMBNAIL, RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/"
            "relationships/stylesWithEffects")


def strip_template_baggage(document: WordDocument) -> None:
    """Drop what python-docx's default template carries and we do not use: its thumbnail
    picture, custom XML and Word 2010 style copy (which would bring back its theme fonts)."""
    for owner in (document.part.package, document.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in _BAGGAGE:
                del owner.rels[r_id]


def set_core_properties(document: WordDocument, metadata: Metadata,
                        created: dt.datetime | None, modified: dt.datetime | None) -> None:
    """Title, author, subject, keywords, language and the given dates (none when not given)."""
    props = document.core_properties
    props.title = _fit(metadata.title)
    props.author = _fit(metadata.author)
    props.last_modified_by = _fit(metadata.author)
    props.subject = _fit(metadata.description)
    props.keywords = _fit(metadata.keywords)
    props.language = LANGUAGE_TAGS.get(metadata.lang, metadata.lang)
    props.comments = ""
    props.category = ""
    props.revision = 1
    created = created or _parse(metadata.created)
    modified = modified or _parse(metadata.modified) or created
    for name, value in (("created", created), ("modified", modified)):
        if value is not None:
            setattr(props, name, value)
        else:
            ooxml.remove_core_property(props, f"dcterms:{name}")  # none beats a made-up one


def _fit(text: str) -> str:
    """`text`, cut at a space with an ellipsis when longer than a core property may be."""
    if len(text) <= _CORE_TEXT_LIMIT:
        return text
    cut = text[: _CORE_TEXT_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _parse(value: str | None) -> dt.datetime | None:
    """An ISO date or date-time from a `<meta name="dcterms.*">`, or None."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def reproducible_zip(blob: bytes) -> bytes:
    """The same zip with fixed entry dates and attributes, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
