# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer may attach to a request filed from the portal (§4.4).

§4.4 asks for a screenshot of the error "if possible"; customers also send logs,
exported settings and documents. Accepted: images (PNG, JPEG, GIF, WebP, BMP),
PDF, plain text and logs, ZIP and 7z archives, Word and Excel documents
(DOCX, XLSX). A file is accepted only when both its name and its content (the
type sniffed from its bytes) are of an accepted kind, so that a page or a
script renamed ``.png`` is refused. SVG and HTML are never accepted: both
can carry scripts.

Limits: MAX_FILE_SIZE per file, MAX_TOTAL_SIZE and MAX_FILES per request.
No database access here; the model sniffs the content and asks :func:`check`.
"""

from typing import NamedTuple

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_TOTAL_SIZE = 25 * 1024 * 1024
MAX_FILES = 10

_TEXT = frozenset({"text/plain"})
_ZIP = "application/zip"
_OOXML = "application/vnd.openxmlformats-officedocument"
# Extension -> content types it may sniff as.
ACCEPTED = {
    "png": frozenset({"image/png"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "gif": frozenset({"image/gif"}),
    "webp": frozenset({"image/webp"}),
    "bmp": frozenset({"image/bmp", "image/x-ms-bmp"}),
    "pdf": frozenset({"application/pdf"}),
    "txt": _TEXT,
    "log": _TEXT,
    "zip": frozenset({_ZIP}),
    "7z": frozenset({"application/x-7z-compressed"}),
    # Office documents are ZIP containers; the sniffer names them when it can.
    "docx": frozenset({f"{_OOXML}.wordprocessingml.document", _ZIP}),
    "xlsx": frozenset({f"{_OOXML}.spreadsheetml.sheet", _ZIP}),
}
ACCEPTED_EXTENSIONS = tuple(ACCEPTED)

# Problems, as codes the model turns into messages.
TYPE = "type"
SIZE = "size"
TOTAL = "total"
COUNT = "count"


class Upload(NamedTuple):
    name: str
    size: int
    mimetype: str  # sniffed from the content, not the one the browser claims


class Problem(NamedTuple):
    code: str
    name: str  # the file concerned, empty for TOTAL and COUNT


def extension(name):
    name = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check(uploads):
    """Return the :class:`Problem` list of a request's uploads (empty: fine)."""
    problems = []
    for upload in uploads:
        accepted = ACCEPTED.get(extension(upload.name), ())
        if upload.mimetype not in accepted:
            problems.append(Problem(TYPE, upload.name))
        elif upload.size > MAX_FILE_SIZE:
            problems.append(Problem(SIZE, upload.name))
    if len(uploads) > MAX_FILES:
        problems.append(Problem(COUNT, ""))
    if sum(u.size for u in uploads) > MAX_TOTAL_SIZE:
        problems.append(Problem(TOTAL, ""))
    return problems
