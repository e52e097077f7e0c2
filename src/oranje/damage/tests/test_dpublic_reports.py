"""report_create: validation by field, idempotency, the reference, who may record where."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.damage.constants import EventKind
from oranje.damage.models import DamageEvent, DamagePhoto, DamageReport, PublicForm
from oranje.damage.services import reports
from oranje.damage.services.reports import normalise_reference, report_create
from oranje.damage.tests.public_fixtures import photo_upload, report_fields
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"^S-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_public_report_is_written_with_reference_event_and_audit(
    incident: Incident, open_form: PublicForm
) -> None:
    report = report_create(actor=None, incident=incident, **report_fields())
    assert REFERENCE.match(report.reference)
    assert "0" not in report.reference[2:] and "O" not in report.reference
    assert (report.postcode, report.house_number, report.house_addition) == ("1951AB", 12, "A")
    assert report.address_key == "1951AB|12|A"
    assert report.reporter_phone == "+31612345678"
    assert report.recorded_by is None
    event = DamageEvent.objects.get(report=report)
    assert event.kind == EventKind.RECEIVED and event.by is None
    entry = AuditEntry.objects.get(action=AuditAction.DAMAGE_REPORT_CREATE.value)
    assert entry.actor is None and entry.actor_name == "systeem"
    assert entry.region_id == incident.region_id
    assert entry.object_id == str(report.pk)
    # The audit log holds no personal data of the reporter.
    assert "Anna" not in str(entry.changes) and "anna@" not in str(entry.changes)


def test_every_field_is_checked_at_once_with_a_dutch_message_naming_it(
    incident: Incident, open_form: PublicForm
) -> None:
    with pytest.raises(ValidationError) as exc:
        report_create(
            actor=None,
            incident=incident,
            **report_fields(
                reporter_name="",
                reporter_phone="12",
                reporter_email="geen-adres",
                postcode="B-1000",
                house="twaalf",
                kind="boot",
                insured="misschien",
                description=" ",
                street="x" * 201,
                point="48.85, 2.35",
            ),
        )
    errors = _errors(exc)
    assert errors["reporter_name"] == ["naam: vul uw naam in."]
    assert "geen geldig telefoonnummer" in errors["reporter_phone"][0]
    assert errors["reporter_email"][0].startswith("e-mail: 'geen-adres' is geen e-mailadres")
    assert errors["postcode"] == [
        "postcode: 'B-1000' is geen Nederlandse postcode (zoals 2011 AB)."
    ]
    assert errors["house"][0].startswith("huisnummer: 'twaalf'")
    assert errors["kind"] == ["soort schade: kies een van de soorten."]
    assert errors["insured"][0].startswith("verzekerd:")
    assert errors["description"] == ["omschrijving: beschrijf de schade."]
    assert errors["street"][0].startswith("straat: ") and "200 tekens" in errors["street"][0]
    assert errors["point"][0].startswith("locatie:") and "buiten Nederland" in errors["point"][0]
    assert not DamageReport.objects.exists()


def test_phone_or_email_is_enough_but_one_is_needed(
    incident: Incident, open_form: PublicForm
) -> None:
    with pytest.raises(ValidationError) as exc:
        report_create(
            actor=None, incident=incident, **report_fields(reporter_phone="", reporter_email="")
        )
    assert _errors(exc) == {
        "reporter_phone": [
            "telefoon: geef een telefoonnummer of een e-mailadres, zodat we u kunnen bereiken."
        ]
    }
    assert report_create(actor=None, incident=incident, **report_fields(reporter_phone=""))
    assert report_create(actor=None, incident=incident, **report_fields(reporter_email=""))


def test_missing_postcode_and_house_number_are_named(
    incident: Incident, open_form: PublicForm
) -> None:
    with pytest.raises(ValidationError) as exc:
        report_create(actor=None, incident=incident, **report_fields(postcode="", house=""))
    assert _errors(exc) == {
        "postcode": ["postcode: vul de postcode in (zoals 2011 AB)."],
        "house": ["huisnummer: vul het huisnummer in (zoals 12 of 12a)."],
    }


def test_a_report_sent_twice_with_one_client_key_is_written_once(
    incident: Incident, open_form: PublicForm
) -> None:
    first = report_create(actor=None, incident=incident, **report_fields(client_key="abc-1"))
    again = report_create(actor=None, incident=incident, **report_fields(client_key="abc-1"))
    assert again.pk == first.pk and again.reference == first.reference
    other = report_create(actor=None, incident=incident, **report_fields(client_key="abc-2"))
    assert other.pk != first.pk
    assert DamageReport.objects.count() == 2
    assert DamageEvent.objects.count() == 2


def test_a_reference_that_is_taken_is_drawn_again(
    incident: Incident, open_form: PublicForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report_create(actor=None, incident=incident, **report_fields())
    codes = iter([first.reference, first.reference, "S-2345-6789"])
    monkeypatch.setattr(reports, "new_reference", lambda: next(codes))
    second = report_create(actor=None, incident=incident, **report_fields())
    assert second.reference == "S-2345-6789"


def test_the_public_may_not_report_on_an_exercise_a_closed_incident_or_a_closed_form(
    world: World, incident: Incident, open_form: PublicForm
) -> None:
    exercise = start_incident(world, exercise=True)
    PublicForm.objects.create(incident=exercise, is_open=True)
    with pytest.raises(
        ValidationError, match=r"Een oefening heeft geen (openbaar|publiek) schadeformulier"
    ):
        report_create(actor=None, incident=exercise, **report_fields())
    open_form.is_open = False
    open_form.save()
    with pytest.raises(ValidationError, match="niet open"):
        report_create(actor=None, incident=incident, **report_fields())
    open_form.is_open = True
    open_form.save()
    with pytest.raises(ValidationError, match="niet open"):
        report_create(actor=None, incident=incident, **report_fields(channel="phone"))
    incident.closed_at = timezone.now()
    incident.save()
    with pytest.raises(ValidationError, match="gesloten"):
        report_create(actor=None, incident=incident, **report_fields())
    assert not DamageReport.objects.exists()


def test_staff_record_by_phone_also_for_an_exercise_but_not_after_closing(
    world: World, incident: Incident, handler: User
) -> None:
    report = report_create(actor=handler, incident=incident, **report_fields(channel="phone"))
    assert report.recorded_by == handler and report.channel == "phone"
    event = DamageEvent.objects.get(report=report)
    assert event.by == handler and event.by_name
    exercise = start_incident(world, exercise=True)
    assert report_create(actor=handler, incident=exercise, **report_fields(channel="phone"))
    incident.closed_at = timezone.now()
    incident.save()
    with pytest.raises(ValidationError, match="gesloten"):
        report_create(actor=handler, incident=incident, **report_fields(channel="phone"))


def test_staff_who_do_not_handle_damage_are_refused(world: World, incident: Incident) -> None:
    for user in (world.coordinator, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            report_create(actor=user, incident=incident, **report_fields(channel="phone"))
    assert not DamageReport.objects.exists()


def test_a_bad_photo_refuses_the_whole_report_and_a_good_one_is_stored(
    incident: Incident, open_form: PublicForm
) -> None:
    bad = photo_upload("brief.pdf", b"%PDF-1.4 not an image")
    with pytest.raises(ValidationError) as exc:
        report_create(actor=None, incident=incident, **report_fields(photos=[bad]))
    assert _errors(exc)["photos"][0].startswith("foto: 'brief.pdf'")
    assert not DamageReport.objects.exists() and not DamagePhoto.objects.exists()
    report = report_create(
        actor=None, incident=incident, **report_fields(photos=[photo_upload(), photo_upload()])
    )
    assert report.photos.count() == 2


def test_point_inside_the_netherlands_is_kept(incident: Incident, open_form: PublicForm) -> None:
    report = report_create(
        actor=None, incident=incident, **report_fields(point=("52.4602", "4.6266"))
    )
    assert (str(report.latitude), str(report.longitude)) == ("52.460200", "4.626600")


def test_a_reference_read_out_on_the_phone_is_normalised() -> None:
    assert normalise_reference(" s-7k3m 9qx2 ") == "S-7K3M-9QX2"
    assert normalise_reference("7K3M9QX2") == "S-7K3M-9QX2"
    assert normalise_reference("S-7K3M") == ""


def test_yes_and_no_are_read_as_a_form_gives_them(
    incident: Incident, open_form: PublicForm
) -> None:
    no = report_create(
        actor=None, incident=incident, **report_fields(unsafe="no", consent_share="")
    )
    assert (no.unsafe, no.consent_share) == (False, False)
    yes = report_create(
        actor=None, incident=incident, **report_fields(unsafe="yes", consent_share="on")
    )
    assert (yes.unsafe, yes.consent_share) == (True, True)
