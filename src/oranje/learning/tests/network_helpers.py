"""What the tests of parts "sessions" and "network" share: a national quality monitor, a
client logged in as someone, the text of a PDF, and a small dossier for a work session."""

from __future__ import annotations

import re
import zlib

from django.test import Client

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.learning.models import Entry, WorkSession


def national_monitor(username: str = "landelijk") -> User:
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name="Nora", last_name="Netwerk"
    )
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=None)
    return user


def regional_monitor(region: Region, username: str = "kwaliteit") -> User:
    user = User.objects.create_user(username=username, password="test-pass-123")
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=region)
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(document: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    assert document.startswith(b"%PDF-")
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def session_entries(session: WorkSession, region: Region) -> list[Entry]:
    """The 2015 work session's kind of entries: two themes, all three kinds."""
    rows = [
        ("on_call", "practice", "tried", "Van harde naar zachte piket"),
        ("on_call", "question", "proposal", "Wie belt de CPG als eerste?"),
        ("pools", "proposal", "proposal", "Drie hoofdpools"),
        ("competence", "practice", "practice", "Onaangekondigde oproep met een taak van een uur"),
    ]
    return [
        Entry.objects.create(
            theme=theme,
            kind=kind,
            status=status,
            title=title,
            text=f"{title}: zo doen we het.",
            region=region,
            work_session=session,
        )
        for theme, kind, status, title in rows
    ]
