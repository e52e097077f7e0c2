"""Other rooms get counts from the registry, never names."""

from __future__ import annotations

import pytest

from oranje.incidents.services.reports import report_prefill
from oranje.organisation.tests.factories import World
from oranje.registry.constants import Source, Status, Whereabouts
from oranje.registry.tests.factories import build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


def test_the_situation_report_gets_counts_and_no_names(world: World) -> None:
    rw = build_registry(world)
    register(rw)
    register(
        rw,
        given="Pieter",
        surname="Oosterhuis",
        prefix="",
        birth=(1980, 1, 1),
        status=Status.DECEASED,
        where=Whereabouts.ELSEWHERE,
        source=Source.POLICE,
    )
    from oranje.registry.services.inquiries import inquiry_create

    inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(surname="Onbekend", prefix="")
    )
    _summary, _sections, figures = report_prefill(rw.incident)
    text = " ".join(f"{k} {v}" for k, v in figures.items())
    assert figures["Geregistreerde getroffenen"].startswith("2 ")
    assert "overleden 1" in figures["Geregistreerde getroffenen"]
    assert figures["Open verwantenvragen"] == "1"
    for name in ("Vries", "Oosterhuis", "Johannes", "Onbekend", "Marieke"):
        assert name not in text


def test_an_incident_without_a_registry_adds_no_figures(world: World) -> None:
    rw = build_registry(world)
    _summary, _sections, figures = report_prefill(rw.incident)
    assert "Geregistreerde getroffenen" not in figures


def test_the_audit_log_holds_no_person_data(world: World) -> None:
    from oranje.core.models import AuditEntry
    from oranje.registry import services

    rw = build_registry(world)
    person = register(rw)
    services.person_change(
        person=person,
        actor=rw.officer,
        data=services.PersonData(given_names="Johan", prefix="de", surname="Vries-Bakker"),
    )
    text = " ".join(
        f"{e.object_repr} {e.changes} {e.note}"
        for e in AuditEntry.objects.filter(action__startswith="registry.")
    )
    assert "getroffene #" in text
    for name in ("Vries", "Johan", "Bakker", "1950"):
        assert name not in text


def test_a_polling_queue_is_one_read_per_window_not_one_per_poll(world: World) -> None:
    import datetime as dt

    from django.test import Client
    from django.urls import reverse

    from oranje.registry.models import ReadLog

    rw = build_registry(world)
    client = Client()
    client.force_login(rw.officer)
    rows = reverse("registry:inquiry_queue_rows", args=[rw.incident.pk])
    for _ in range(3):
        assert client.get(rows, HTTP_HX_REQUEST="true").status_code == 200
    logged = ReadLog.objects.filter(user=rw.officer, what="wachtrij")
    assert logged.count() == 1
    logged.update(at=logged.get().at - dt.timedelta(minutes=6))
    client.get(rows, HTTP_HX_REQUEST="true")
    assert logged.count() == 2
