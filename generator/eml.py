"""An unsent e-mail as RFC 5322 bytes (.eml): text body in UTF-8 and one PDF attached byte for byte.

Python's email package writes the headers: display names and the subject in RFC 2047 encoded
words, lines folded at 78 characters, CRLF line ends. Two headers of the attachment are written
here instead, because for a file name that is not ASCII the package writes only RFC 2231
(`filename*=utf-8''...`), which Outlook does not read: it shows such an attachment as
"ATT00001". So the attachment names its file three ways:

    Content-Type: application/pdf; name="<name>"
    Content-Disposition: attachment; filename="<name>"; filename*=utf-8''<name, %-encoded>

where a non-ASCII `<name>` in the quoted forms is RFC 2047 encoded words (what Outlook and
Gmail write and read), and `filename*` (RFC 2231, preferred by the clients that read it) is
given only then. The multipart boundary is derived from the content, so the same draft gives
the same bytes.
"""

from __future__ import annotations

import base64
import email.policy
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage

# CRLF line ends, 78-character lines; str headers set with set_raw are written exactly as given.
POLICY = email.policy.SMTP.clone(refold_source="none")
_WORD_BYTES = 45  # bytes of UTF-8 per encoded word: 60 in base64, 72 with its frame (RFC 2047 allows 75)


def _address(name: str, addr: str) -> Address:
    """An address with an optional display name (non-ASCII names are RFC 2047 encoded on output)."""
    user, _, domain = addr.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


def _encoded_words(value: str) -> list[str]:
    """`value` as RFC 2047 encoded words (`=?utf-8?b?...?=`, at most 75 characters each), whole characters in each."""
    words, chunk = [], ""
    for char in value:
        if len((chunk + char).encode("utf-8")) > _WORD_BYTES:
            words.append(chunk)
            chunk = ""
        chunk += char
    return [f"=?utf-8?b?{base64.b64encode(w.encode('utf-8')).decode('ascii')}?=" for w in words + [chunk]]


def _quoted(value: str) -> str:
    """`value` as a MIME parameter's quoted string: ASCII as it is, anything else as RFC 2047 encoded words."""
    if value.isascii():
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return '"' + " ".join(_encoded_words(value)) + '"'


def _extended(param: str, value: str) -> str:
    """RFC 2231 `param*=utf-8''...` (continued as `param*0*=`, `param*1*=`...) as Python's email package folds
    it, each piece on a line of its own."""
    probe = EmailMessage(policy=POLICY)
    probe.add_header("Content-Disposition", "attachment", **{param: value})
    folded = POLICY.fold("Content-Disposition", probe["Content-Disposition"])
    pieces = [p.strip() for p in folded.split(";")[1:]]
    return ";\r\n ".join(p for p in pieces if p)


def _attachment_headers(name: str) -> tuple[str, str]:
    """The Content-Type and Content-Disposition values of the attached PDF called `name`."""
    content_type = f"application/pdf;\r\n name={_quoted(name)}"
    disposition = f"attachment;\r\n filename={_quoted(name)}"
    if not name.isascii():
        disposition += ";\r\n " + _extended("filename", name)
    return content_type, disposition


def draft_message(subject: str, to: list[tuple[str, str]], cc: list[tuple[str, str]], body: str, lang: str,
                  pdf: bytes, pdf_name: str) -> bytes:
    """The draft: To and Cc as (display name, address) pairs, `body` as text/plain UTF-8 in language `lang`,
    `pdf` attached as application/pdf under `pdf_name`; no From, Date or Message-ID (the sender's program adds them)."""
    message = EmailMessage(policy=POLICY)
    if to:
        message["To"] = [_address(n, a) for n, a in to]
    if cc:
        message["Cc"] = [_address(n, a) for n, a in cc]
    message["Subject"] = subject
    message["X-Unsent"] = "1"
    message.set_content(body, subtype="plain", charset="utf-8")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    text, attached = message.get_payload()
    text["Content-Language"] = lang
    del attached["MIME-Version"]  # the package repeats it on the part; once, at the top, is the rule
    content_type, disposition = _attachment_headers(pdf_name)
    encoding = attached["Content-Transfer-Encoding"]
    del attached["Content-Type"], attached["Content-Disposition"], attached["Content-Transfer-Encoding"]
    attached.set_raw("Content-Type", content_type)
    attached.set_raw("Content-Disposition", disposition)
    attached["Content-Transfer-Encoding"] = encoding
    digest = hashlib.sha256(body.encode("utf-8") + pdf + subject.encode("utf-8")).hexdigest()
    message.set_boundary(f"=_{digest[:40]}")  # "=_" never occurs in base64 or in quoted-printable
    return message.as_bytes()
