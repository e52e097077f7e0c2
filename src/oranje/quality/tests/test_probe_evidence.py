"""Probe: an OpenDocument file with macros is refused as evidence, like an Office file with
macros."""

from __future__ import annotations

import io
import zipfile

import pytest

from oranje.quality import evidence


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


ODT = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}


@pytest.mark.parametrize(
    "macro",
    [
        {"Basic/Standard/Module1.xml": b"<script:module/>"},
        {"Scripts/python/evil.py": b"import os"},
        {"Scripts/javascript/Library/evil.js": b"x"},
    ],
)
def test_an_opendocument_with_macros_is_refused(macro: dict[str, bytes]) -> None:
    assert evidence.sniff(_zip({**ODT, **macro})) is None


def test_an_opendocument_without_macros_is_taken() -> None:
    found = evidence.sniff(_zip(ODT))
    assert found is not None and found.extension == "odt"


def test_an_old_binary_office_file_with_macros_is_refused() -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    assert evidence.sniff(ole2) is not None
    directory = "_VBA_PROJECT_CUR".encode("utf-16-le") + b"\x00" * 40
    assert evidence.sniff(ole2 + directory) is None


def test_a_zip_bomb_as_mimetype_is_not_unpacked_whole() -> None:
    """A small upload whose "mimetype" member unpacks to 100 MB: only its first bytes are read."""
    import tracemalloc

    out = io.BytesIO()
    archive = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
    with archive, archive.open("mimetype", "w") as member:
        for _ in range(100):
            member.write(b"\x00" * 2**20)
    data = out.getvalue()
    assert len(data) < evidence.MAX_BYTES
    tracemalloc.start()
    try:
        assert evidence.sniff(data) is None
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, peak
