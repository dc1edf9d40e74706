# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whether the text of a mail goes beyond what Odoo's HTML parser keeps.

Odoo reads every mail body as HTML with lxml (a text part becomes a
``<pre>``), and libxml2 without its "huge" option silently drops what lies
beyond its limits: the rest of a text node longer than 10,000,000
characters, everything after an attribute of that size, everything below
256 levels of nesting (a long chain of quoted replies). The mail's tail is
lost without a word. This module tells when that happens, by reading the
same text once more without the limits. Python's own mail parser has a
limit too: nesting deeper than its recursion allows (:func:`wrap_unparsable`)."""

import base64
import re
import uuid
from email import errors

import lxml.html
from lxml import etree

from odoo.tools.mail import append_content_to_html


def _visible_length(html, huge):
    parser = lxml.html.HTMLParser(huge_tree=huge)
    try:
        root = lxml.html.fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return 0, bool(parser.error_log)
    return len(root.text_content()), bool(parser.error_log)


def html_beyond_parser(html):
    """True when lxml's default parser keeps less of ``html`` than a parser
    without limits does."""
    if not html or not html.strip():
        return False
    kept, had_errors = _visible_length(html, huge=False)
    # Within the limits libxml2 reports nothing worth a second reading.
    if not had_errors:
        return False
    whole, _errors = _visible_length(html, huge=True)
    return whole > kept


def _body_parts(message):
    """The text parts Odoo makes the body of: the HTML of a
    multipart/alternative when it has one, never attached files."""
    skipped = set()
    for part in message.walk():
        if part.get_content_type() == "multipart/alternative":
            children = part.get_payload()
            if any(c.get_content_type() == "text/html" for c in children):
                skipped.update(
                    id(c) for c in children if c.get_content_type() == "text/plain"
                )
    for part in message.walk():
        if (
            part.get_content_maintype() != "text"
            or id(part) in skipped
            or part.get_filename()
            or (part.get("Content-Disposition") or "").strip().startswith("attachment")
        ):
            continue
        if part.get_content_subtype() in ("plain", "html"):
            yield part


_BROKEN_ENCODING = (
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64LengthDefect,
)


def body_unreadable(message):
    """True when a body part of ``message`` cannot be read whole: its
    transfer encoding is broken, or its bytes are not text in the charset
    it is read in (the reader sees replacement characters)."""
    for part in _body_parts(message):
        data = part.get_payload(decode=True) or b""
        if any(isinstance(defect, _BROKEN_ENCODING) for defect in part.defects):
            return True
        try:
            data.decode(part.get_content_charset() or "us-ascii")
        except (UnicodeDecodeError, LookupError):
            return True
    return False


def body_beyond_parser(message):
    """True when a body part of ``message`` (an ``email.message.EmailMessage``)
    is longer or deeper than what Odoo's parser keeps."""
    for part in _body_parts(message):
        try:
            content = part.get_content()
        except (LookupError, ValueError, AssertionError):
            continue
        if not isinstance(content, str):
            continue
        if part.get_content_subtype() == "plain":
            content = append_content_to_html("", content, preserve=True)
        if html_beyond_parser(content):
            return True
    return False


# Python's mail parser descends one level of recursion per nested part: a
# mail nested some hundreds of levels deep stops it (RecursionError).
_MIME_HEADER = re.compile(rb"^(content-[\w-]*|mime-version)\s*:", re.IGNORECASE)


def wrap_unparsable(raw, note, original_name):
    """A mail that Odoo can read, made of the headers of ``raw`` (bytes of a
    mail Python's parser cannot read), the text ``note``, and ``raw`` itself
    attached whole as ``original_name``. Nothing of ``raw`` is parsed but
    its header lines."""
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    lines = []
    skipping = False
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                lines.append(line)
            continue
        skipping = bool(_MIME_HEADER.match(line))
        if not skipping:
            lines.append(line)
    boundary = f"konus-unparsable-{uuid.uuid4().hex}".encode()
    parts = [
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="' + boundary + b'"',
        b"",
        b"--" + boundary,
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: base64",
        b"",
        base64.encodebytes(note.encode()),
        b"--" + boundary,
        b"Content-Type: application/octet-stream",
        b'Content-Disposition: attachment; filename="' + original_name.encode() + b'"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64.encodebytes(raw),
        b"--" + boundary + b"--",
        b"",
    ]
    return b"\r\n".join(lines + parts)
