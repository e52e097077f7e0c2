"""The region's audit log is read by its coordinators, who have no registry role: the
registry's entries name no person, not even through the name of an imported file."""

from __future__ import annotations

import json

import pytest

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import SenderKind
from oranje.registry.tests.factories import build_registry
from oranje.registry.tests.test_imports import HEADER, ROWS, guessed

pytestmark = pytest.mark.django_db

FILE_NAME = "opname Johannes de Vries 04-03-1950.csv"


def test_an_imported_list_s_file_name_stays_out_of_the_audit_log(world: World) -> None:
    rw = build_registry(world)
    sender = services.sender_create(
        incident=rw.incident, actor=rw.officer, name="Spaarne Gasthuis", kind=SenderKind.HOSPITAL
    )
    data = ("\n".join([HEADER, ROWS[0]]) + "\n").encode("cp1252")
    result = services.list_import(
        incident=rw.incident,
        actor=rw.officer,
        sender=sender,
        file_name=FILE_NAME,
        data=data,
        mapping=guessed(data, FILE_NAME, sender),
    )
    assert result.ok
    entry = AuditEntry.objects.get(action=AuditAction.REGISTRY_IMPORT.value)
    text = entry.object_repr + json.dumps(entry.changes) + entry.note
    assert "Vries" not in text and "1950" not in text
    assert entry.changes["rows"] == 1
