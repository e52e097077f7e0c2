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
