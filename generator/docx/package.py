"""The DOCX package around the content: template clean-up, core and app properties, reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as WordDocument
from lxml import etree
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter

from generator.docx import ooxml
from generator.docx.blocks import Metadata

LANGUAGE_TAGS = {"lo": "lo-LA", "en": "en-US"}
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings
APPLICATION = "lao-briefing-generator"  # docProps/app.xml names the program that wrote the file
_APP_PROPERTIES = "docProps/app.xml"
_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_ZIP_FIRST = dt.datetime(1980, 1, 1)  # the range of dates a zip entry can carry
_ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58)
_BAGGAGE = (RT.THUMBNAIL, RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/"
            "relationships/stylesWithEffects")


def strip_template_baggage(document: WordDocument) -> None:
    """Drop what python-docx's default template carries and we do not use: its thumbnail
    picture, custom XML and Word 2010 style copy (which would bring back its theme fonts), and
    the settings and revision ids left from the template's own editing."""
    for owner in (document.part.package, document.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in _BAGGAGE:
                del owner.rels[r_id]
    ooxml.tidy_settings(document.settings.element)
    ooxml.drop_revision_ids(document.element)


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


def with_application(app_xml: bytes, name: str = APPLICATION) -> bytes:
    """docProps/app.xml naming `name` as the application and nothing else: python-docx's template
    says Microsoft Word 14 and carries its own statistics (1 page, 0 words), which would be false."""
    root = etree.fromstring(app_xml)
    for child in list(root):
        root.remove(child)
    root.text = None
    etree.SubElement(root, f"{_EXTENDED}Application").text = name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_date(when: dt.datetime | None) -> tuple[int, int, int, int, int, int]:
    """A zip entry date for `when` in UTC (zip dates carry no zone), kept within 1980-2107; 1980-01-01 for None."""
    moment = _ZIP_FIRST
    if when is not None:
        utc = when.astimezone(dt.timezone.utc).replace(tzinfo=None) if when.tzinfo else when
        moment = min(max(utc, _ZIP_FIRST), _ZIP_LAST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


class _ReproducibleZip:
    """python-docx's physical package writer interface (`write(pack_uri, blob)`) over a zip whose
    entries all carry one date and fixed attributes, docProps/app.xml naming this generator."""

    def __init__(self, target: zipfile.ZipFile, when: dt.datetime | None) -> None:
        self.target = target
        self.date = zip_date(when)

    def write(self, pack_uri: str, blob: bytes) -> None:
        """Add the part `pack_uri` with the bytes `blob`."""
        name = pack_uri.membername  # type: ignore[attr-defined]
        if name == _APP_PROPERTIES:
            blob = with_application(blob)
        entry = zipfile.ZipInfo(name, self.date)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 3  # Unix, to match the mode bits (the default depends on the OS)
        entry.external_attr = 0o644 << 16
        self.target.writestr(entry, blob)


def reproducible_package(document: WordDocument, when: dt.datetime | None = None) -> bytes:
    """The document's package as DOCX bytes: the entries `Document.save` writes, in its order,
    dated `when` (see zip_date) with fixed attributes, and this generator named in
    docProps/app.xml, so that equal content and date give equal bytes. Written and compressed
    once (saving and then rewriting the zip compressed the 1.2 MB of fonts twice)."""
    opc = document.part.package
    for part in opc.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        writer = _ReproducibleZip(target, when)
        # OpcPackage.save's own steps (python-docx 1.2, pinned), with our writer for its zip writer.
        PackageWriter._write_content_types_stream(writer, opc.parts)
        PackageWriter._write_pkg_rels(writer, opc.rels)
        PackageWriter._write_parts(writer, opc.parts)
    return out.getvalue()
