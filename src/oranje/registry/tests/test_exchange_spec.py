"""The PFIF export against the PFIF 1.4 specification: the schema of its section 5 (vendored
as registry/data/pfif-1.4.rng), the namespace, the required fields, UTC dates with 'Z', and
what never leaves Oranje (deaths, whereabouts without consent, BSN, phone)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from oranje.organisation.tests.factories import World
from oranje.registry import pfif, services
from oranje.registry.constants import Source, Status, Whereabouts
from oranje.registry.models import Merge, Person
from oranje.registry.services.exchange import build_export
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "pfif-1.4.rng"
NS = {"pfif": "http://zesty.ca/pfif/1.4"}
UTC_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def fill(rw: RegistryWorld) -> dict[str, Person]:
    anna = register(
        rw,
        given="Anna Maria",
        prefix="van der",
        surname="Berg",
        birth=(1950, 3, None),
        sex="V",
        postcode="2011 AB",
        house_number=12,
        street="Kruisweg",
        city="Haarlem",
        phone="+31612345678",
        bsn="111222333",
        note="allergisch voor penicilline",
    )
    services.person_status_change(
        person=anna,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.HOSPITALISED,
            whereabouts=Whereabouts.HOSPITAL,
            place="Spaarne Gasthuis",
            source=Source.HOSPITAL,
        ),
    )
    kees = register(rw, given="Kees", prefix="", surname="Jansen", birth=(1980, None, None))
    dead = register(rw, given="Piet", prefix="", surname="Bakker", birth=(1940, 1, 2))
    services.person_status_change(
        person=dead,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.DECEASED, whereabouts=Whereabouts.ELSEWHERE, source=Source.POLICE
        ),
    )
    return {"anna": anna, "kees": kees, "dead": dead}


def test_the_export_is_valid_pfif_1_4_by_the_specification_schema(rw: RegistryWorld) -> None:
    persons = fill(rw)
    Person.objects.filter(pk=persons["anna"].pk).update(share_whereabouts=True)
    Merge.objects.create(incident=rw.incident, kept=persons["anna"], merged=persons["kees"])
    data = build_export(rw.incident).data
    root = etree.fromstring(data)
    validator = schema()
    assert validator.validate(root), validator.error_log
    assert root.tag == "{http://zesty.ca/pfif/1.4}pfif"
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_the_schema_refuses_what_the_specification_refuses() -> None:
    """The vendored schema can fail: a person without full_name, a local time, a bad status."""
    validator = schema()
    good = (
        '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        "<pfif:person_record_id>a.nl/1</pfif:person_record_id>"
        "<pfif:source_date>2026-01-01T10:00:00Z</pfif:source_date>"
        "<pfif:full_name>A</pfif:full_name></pfif:person></pfif:pfif>"
    )
    assert validator.validate(etree.fromstring(good))
    for bad in (
        good.replace("<pfif:full_name>A</pfif:full_name>", ""),
        good.replace("10:00:00Z", "10:00:00+01:00"),
        good.replace("a.nl/1", "zonder-domein"),
        good.replace("1.4", "1.2"),
        good.replace(
            "</pfif:person>",
            "<pfif:note><pfif:note_record_id>a.nl/n</pfif:note_record_id>"
            "<pfif:author_name>x</pfif:author_name>"
            "<pfif:source_date>2026-01-01T10:00:00Z</pfif:source_date>"
            "<pfif:status>found</pfif:status><pfif:text>t</pfif:text></pfif:note></pfif:person>",
        ),
    ):
        assert not validator.validate(etree.fromstring(bad))


def test_required_fields_ids_and_utc_dates(rw: RegistryWorld) -> None:
    persons = fill(rw)
    root = etree.fromstring(build_export(rw.incident).data)
    people = root.findall("pfif:person", NS)
    assert len(people) == 2  # the deceased person is not exported
    for person in people:
        for name in pfif.PERSON_REQUIRED:
            assert person.findtext(f"pfif:{name}", namespaces=NS)
        ident = person.findtext("pfif:person_record_id", namespaces=NS)
        assert re.fullmatch(r"oranje\.vr12\.nl/person\.\d+", ident or "")
        for note in person.findall("pfif:note", NS):
            for name in pfif.NOTE_REQUIRED:
                assert note.findtext(f"pfif:{name}", namespaces=NS)
            assert note.findtext("pfif:person_record_id", namespaces=NS) == ident
    dates = root.xpath("//pfif:entry_date | //pfif:source_date | //pfif:expiry_date", namespaces=NS)
    assert dates
    assert all(UTC_Z.match(d.text) for d in dates)
    anna = root.xpath(
        f"pfif:person[pfif:person_record_id='oranje.vr12.nl/person.{persons['anna'].pk}']",
        namespaces=NS,
    )[0]
    assert anna.findtext("pfif:full_name", namespaces=NS) == "Anna Maria van der Berg"
    assert anna.findtext("pfif:family_name", namespaces=NS) == "van der Berg"
    assert anna.findtext("pfif:date_of_birth", namespaces=NS) == "1950-03"
    assert anna.findtext("pfif:sex", namespaces=NS) == "female"
    assert anna.findtext("pfif:home_postal_code", namespaces=NS) == "2011 AB"
    assert anna.findtext("pfif:home_street", namespaces=NS) == "Kruisweg"  # no house number
    statuses = [n.findtext("pfif:status", namespaces=NS) for n in anna.findall("pfif:note", NS)]
    assert statuses == ["believed_alive", "believed_alive"]


def test_what_never_leaves_oranje(rw: RegistryWorld) -> None:
    fill(rw)
    text = build_export(rw.incident).data.decode()
    for secret in ("Bakker", "believed_dead", "111222333", "612345678", "penicilline", "reg_anna"):
        assert secret not in text
    # No consent to share whereabouts: no hospital, no place.
    assert "Spaarne" not in text
    assert "last_known_location" not in text
    assert "where=" not in text


def test_whereabouts_go_out_with_consent(rw: RegistryWorld) -> None:
    persons = fill(rw)
    Person.objects.filter(pk=persons["anna"].pk).update(share_whereabouts=True)
    root = etree.fromstring(build_export(rw.incident).data)
    locations = root.xpath("//pfif:last_known_location/text()", namespaces=NS)
    assert "Spaarne Gasthuis" in locations
    assert any(
        t.startswith("oranje:status=hospitalised;where=hospital")
        for t in root.xpath("//pfif:text/text()", namespaces=NS)
    )


def test_an_exercise_export_is_marked_and_has_its_own_domain(world: World) -> None:
    rw = build_registry(world, exercise=True)
    register(rw)
    data = build_export(rw.incident).data
    root = etree.fromstring(data)
    assert b"OEFENING" in data.split(b"<pfif:person>")[0]
    assert all("OEFENING" in s for s in root.xpath("//pfif:source_name/text()", namespaces=NS))
    ids = root.xpath("//pfif:person_record_id/text()", namespaces=NS)
    assert ids and all(i.startswith("oefening.oranje.vr12.nl/") for i in ids)


def test_a_closed_incident_carries_its_expiry_date(rw: RegistryWorld) -> None:
    register(rw)
    rw.incident.closed_at = timezone.now() - dt.timedelta(days=1)
    rw.incident.save(update_fields=["closed_at"])
    root = etree.fromstring(build_export(rw.incident).data)
    expiry = root.findtext("pfif:person/pfif:expiry_date", namespaces=NS)
    assert expiry and UTC_Z.match(expiry)
    assert pfif.parse_utc(expiry) > timezone.now() + dt.timedelta(days=150)
