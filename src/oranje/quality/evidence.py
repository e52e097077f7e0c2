"""Evidence files of a self-assessment: what kind of file an upload is, read from its content
(never from its name or the browser's say), and a safe name to store and offer it under.

Accepted: PDF, PNG, JPEG, Office documents (Word, Excel, PowerPoint: the OOXML formats
and the older binary formats) and OpenDocument (ODF), all without macros. Everything else —
executables, HTML, scripts, archives that are not a document — is refused."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

#: The largest evidence file: 10 MB.
MAX_BYTES = 10 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The name of the stream of a VBA project (macros) in an old binary Office file, as its
#: directory writes it (UTF-16).
_OLE2_VBA = "_VBA_PROJECT".encode("utf-16-le")
_OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
_ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
}
#: Where an OpenDocument file keeps its macros.
_ODF_MACROS = ("Basic/", "Scripts/")
#: A zip that claims thousands of members or unpacks huge is not looked into further.
_ZIP_MAX_MEMBERS = 5000


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str


def _zip_kind(data: bytes) -> Kind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return None
    if len(names) > _ZIP_MAX_MEMBERS:
        return None
    if "mimetype" in names:
        try:
            # Only the first bytes: a member may unpack to gigabytes (a zip bomb).
            with archive.open("mimetype") as member:
                mimetype = member.read(100).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, KeyError):
            return None
        if mimetype not in _ODF:
            return None
        if any(name.startswith(_ODF_MACROS) for name in names):
            return None  # a document with macros (Basic, or scripts in Python or JavaScript)
        return Kind(_ODF[mimetype], mimetype)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None  # a document with macros
    for prefix, (extension, content_type) in _OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return Kind(extension, content_type)
    return None


def sniff(data: bytes) -> Kind | None:
    """The kind of document `data` is, or None when it is not one we accept."""
    if data.startswith(b"%PDF-"):
        return Kind("pdf", "application/pdf")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind("png", "image/png")
    if data.startswith(b"\xff\xd8\xff"):
        return Kind("jpg", "image/jpeg")
    if data.startswith(_OLE2):
        if _OLE2_VBA in data:
            return None  # a Word, Excel or PowerPoint file with macros (its VBA project)
        return Kind("doc", "application/vnd.ms-office")
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def read_limited(stream: IO[bytes], limit: int = MAX_BYTES) -> bytes | None:
    """The stream's content, or None when it is larger than `limit`."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(name: str, extension: str) -> str:
    """A file name to offer a download under: ASCII letters, digits, dot, dash, underscore
    and space only, no path, at most 100 characters, ending in the detected extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = base.rsplit(".", 1)[0] if "." in base else base
    base = _UNSAFE.sub("_", base).strip(" ._-")[:90] or "bewijs"
    return f"{base}.{extension}"
