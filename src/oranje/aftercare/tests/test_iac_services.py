"""The IAC's services: opening a case (every field checked, links only within the incident
and only for who may see them), numbering, the work inside a case, closing and reopening,
and the read log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.aftercare.models import IacCase, IacFollowUp
from oranje.aftercare.services import iac as services
from oranje.aftercare.services import iac_reads as reads
from oranje.aftercare.services import iac_work as work
from oranje.aftercare.tests.iac_helpers import (
    damage_report,
    iac_officer,
    open_case,
    registry_person,
    shelter_stay,
)
from oranje.core.constants import Role
from oranje.core.models import AuditEntry
from oranje.incidents.services import incident_close
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_case_is_opened_with_clean_details(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident, themes=["finance", "housing", "housing"])
    case.refresh_from_db()
    assert case.number == 1
    assert case.phone == "+31612345678"
    assert case.postcode == "1951AB"
    assert (case.house_number, case.house_addition) == (12, "A")
    assert case.themes == ["housing", "finance"]
    assert case.address_text == "Wijkerstraatweg 12A, 1951 AB Velsen-Noord"
    entry = AuditEntry.objects.get(action="iac.case")
    # Which fields, never their values: the audit log is read outside the IAC.
    assert "Jansen" not in str(entry.changes)
    assert "phone" in entry.changes["fields"]


@pytest.mark.parametrize(
    ("field", "value", "key", "words"),
    [
        ("household_name", "  ", "household_name", "huishouden"),
        ("household_name", "x" * 201, "household_name", "huishouden"),
        ("phone", "12345", "phone", "telefoon"),
        ("email", "geen-adres", "email", "e-mail"),
        ("postcode", "12345", "postcode", "postcode"),
        ("house", "abc", "house", "huisnummer"),
        ("street", "s" * 201, "street", "straat"),
        ("city", "c" * 101, "city", "plaats"),
        ("themes", ["housing", "weather"], "themes", "thema"),
    ],
)
def test_every_field_is_checked_with_a_dutch_message_naming_it(
    world: World, field: str, value: object, key: str, words: str
) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        open_case(officer, incident, **{field: value})
    assert words in _errors(exc)[key][0].lower()
    assert not IacCase.objects.exists()


def test_cases_are_numbered_per_incident(world: World) -> None:
    officer = iac_officer(world.region)
    first, second = start_incident(world), start_incident(world, title="Brand")
    assert [open_case(officer, first).number for _ in range(3)] == [1, 2, 3]
    assert open_case(officer, second).number == 1


def test_only_the_iac_opens_cases(world: World) -> None:
    incident = start_incident(world)
    for user in (world.coordinator, world.viewer, world.outsider, world.admin):
        with pytest.raises(PermissionDenied):
            open_case(user, incident)


def test_a_closed_incident_takes_no_case(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    incident_close(actor=world.coordinator, incident=incident, note="klaar")
    incident.refresh_from_db()
    with pytest.raises(ValidationError):
        open_case(officer, incident)


def test_damage_reports_link_only_within_the_incident(world: World) -> None:
    officer = iac_officer(world.region)
    incident, other = start_incident(world), start_incident(world, title="Ander")
    own, foreign = damage_report(incident), damage_report(other)
    with pytest.raises(ValidationError) as exc:
        open_case(officer, incident, damage_report_ids=[own.pk, foreign.pk])
    assert "schademelding" in _errors(exc)["damage_reports"][0].lower()
    case = open_case(officer, incident, damage_report_ids=[own.pk])
    assert list(case.damage_reports.all()) == [own]


def test_a_registry_person_is_linked_only_by_a_registry_role_and_within_the_incident(
    world: World,
) -> None:
    incident, other = start_incident(world), start_incident(world, title="Ander")
    person, foreign = registry_person(incident), registry_person(other)
    officer = iac_officer(world.region)
    # The aftercare role alone is no registry role: refused, whether the id exists or not.
    with pytest.raises(ValidationError) as exc:
        open_case(officer, incident, person_id=person.pk)
    assert "registerrol" in _errors(exc)["person"][0].lower()
    both = iac_officer(world.region, "iac-reg", extra_roles=(Role.REGISTRY_OFFICER,))
    with pytest.raises(ValidationError) as exc:
        open_case(both, incident, person_id=foreign.pk)
    assert "niet geregistreerd" in _errors(exc)["person"][0].lower()
    case = open_case(both, incident, person_id=person.pk)
    assert case.person == person


def test_a_shelter_stay_is_linked_only_by_a_care_role_and_within_the_incident(
    world: World,
) -> None:
    incident, other = start_incident(world), start_incident(world, title="Ander")
    stay, foreign = shelter_stay(incident), shelter_stay(other)
    officer = iac_officer(world.region)
    with pytest.raises(ValidationError) as exc:
        open_case(officer, incident, household_id=stay.pk)
    assert "household" in _errors(exc)
    both = iac_officer(world.region, "iac-care", extra_roles=(Role.CARE_OFFICER,))
    with pytest.raises(ValidationError) as exc:
        open_case(both, incident, household_id=foreign.pk)
    assert "household" in _errors(exc)
    assert open_case(both, incident, household_id=stay.pk).household == stay


def test_prefill_from_a_shelter_stay_and_a_damage_report(world: World) -> None:
    incident, other = start_incident(world), start_incident(world, title="Ander")
    both = iac_officer(world.region, "iac-care", extra_roles=(Role.CARE_OFFICER,))
    stay, report = shelter_stay(incident), damage_report(incident)
    found = reads.prefill(actor=both, incident=incident, household_id=stay.pk)
    assert found["household_name"] == "Fam. De Boer"
    assert found["house"] == "7B"
    found = reads.prefill(actor=both, incident=incident, damage_report_id=report.pk)
    assert found["email"] == "smit@example.nl"
    assert found["damage_report_ids"] == [report.pk]
    assert AuditEntry.objects.filter(action="damage.read").count() == 1
    with pytest.raises(ValidationError):
        reads.prefill(actor=both, incident=incident, damage_report_id=damage_report(other).pk)
    with pytest.raises(ValidationError):
        reads.prefill(actor=iac_officer(world.region), incident=incident, household_id=stay.pk)


def test_an_update_keeps_a_link_the_officer_may_not_see(world: World) -> None:
    incident = start_incident(world)
    person = registry_person(incident)
    both = iac_officer(world.region, "iac-reg", extra_roles=(Role.REGISTRY_OFFICER,))
    case = open_case(both, incident, person_id=person.pk)
    officer = iac_officer(world.region)
    changed = services.case_update(
        actor=officer,
        case=case,
        data=services.as_input(case, limited_mobility=True, city="Beverwijk"),
    )
    assert changed.person == person
    assert changed.limited_mobility is True
    entry = AuditEntry.objects.filter(action="iac.case").latest("pk")
    assert entry.changes["fields"] == ["city", "limited_mobility"]


def test_work_inside_a_case(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)
    question = work.question_add(actor=officer, case=case, theme="psychosocial", text="Wie helpt?")
    work.question_answer(actor=officer, question=question, answer="Slachtofferhulp")
    work.contact_add(actor=officer, case=case, kind="home_visit", at=None, summary="Bezocht.")
    due = timezone.localdate() + dt.timedelta(days=2)
    follow = work.follow_up_add(actor=officer, case=case, due_on=due, text="Terugbellen")
    work.follow_up_done(actor=officer, follow_up=follow)
    work.referral_add(actor=officer, case=case, to="ggd", organisation="GGD Kennemerland")
    case.refresh_from_db()
    assert case.themes == ["housing", "psychosocial"]
    question.refresh_from_db()
    assert question.status == "answered"
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count("iac.contact") == 1
    assert actions.count("iac.follow_up") == 2
    assert actions.count("iac.referral") == 1
    with pytest.raises(ValidationError):
        work.follow_up_done(actor=officer, follow_up=follow)


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda o, c: work.contact_add(actor=o, case=c, kind="fax", at=None, summary="x"), "kind"),
        (
            lambda o, c: work.contact_add(actor=o, case=c, kind="phone", at=None, summary=" "),
            "summary",
        ),
        (
            lambda o, c: work.contact_add(
                actor=o,
                case=c,
                kind="phone",
                summary="x",
                at=timezone.now() + dt.timedelta(hours=1),
            ),
            "at",
        ),
        (
            lambda o, c: work.follow_up_add(actor=o, case=c, due_on=dt.date(1999, 1, 1), text="x"),
            "due_on",
        ),
        (
            lambda o, c: work.follow_up_add(
                actor=o, case=c, due_on=timezone.localdate(), text="x" * 201
            ),
            "text",
        ),
        (lambda o, c: work.referral_add(actor=o, case=c, to="other"), "organisation"),
        (lambda o, c: work.referral_add(actor=o, case=c, to="nasa"), "to"),
        (lambda o, c: work.question_add(actor=o, case=c, theme="x", text="y"), "theme"),
    ],
)
def test_bad_work_input_names_the_field(world: World, call: object, key: str) -> None:
    officer = iac_officer(world.region)
    case = open_case(officer, start_incident(world))
    with pytest.raises(ValidationError) as exc:
        call(officer, case)  # type: ignore[operator]
    assert key in _errors(exc)


def test_a_follow_up_is_only_assigned_to_the_iac(world: World) -> None:
    officer = iac_officer(world.region)
    case = open_case(officer, start_incident(world))
    with pytest.raises(ValidationError) as exc:
        work.follow_up_add(
            actor=officer,
            case=case,
            due_on=timezone.localdate(),
            text="Bellen",
            assigned_to=world.coordinator,
        )
    assert "assigned_to" in _errors(exc)


def test_closing_needs_a_note_and_settles_open_follow_ups(world: World) -> None:
    officer = iac_officer(world.region)
    case = open_case(officer, start_incident(world))
    work.follow_up_add(actor=officer, case=case, due_on=timezone.localdate(), text="Bellen")
    with pytest.raises(ValidationError) as exc:
        services.case_close(actor=officer, case=case, note="  ")
    assert "note" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.case_close(actor=officer, case=case, note="Geholpen")
    assert "1" in _errors(exc)["follow_ups"][0]
    closed = services.case_close(actor=officer, case=case, note="Geholpen", follow_ups_done=True)
    assert closed.status == "closed" and closed.closed_at is not None
    assert not IacFollowUp.objects.filter(done_at__isnull=True).exists()
    # A closed case takes no work until it is reopened.
    with pytest.raises(ValidationError):
        work.contact_add(actor=officer, case=closed, kind="phone", at=None, summary="Belde")
    reopened = services.case_reopen(actor=officer, case=closed, note="Belde opnieuw")
    assert reopened.status == "open" and reopened.closed_at is None
    work.contact_add(actor=officer, case=reopened, kind="phone", at=None, summary="Belde")


def test_reads_are_audited_once_per_request(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)

    class Request:
        pass

    request = Request()
    reads.case_read_logged(actor=officer, incident=incident, case=case, request=request)
    reads.case_read_logged(actor=officer, incident=incident, case=case, request=request)
    reads.case_read_logged(actor=officer, incident=incident, what="lijst p1")
    entries = AuditEntry.objects.filter(action="iac.read")
    assert entries.count() == 2
    assert entries.filter(object_id=str(case.pk)).count() == 1


def test_the_head_of_the_aftercare_works_the_iac(world: World) -> None:
    from oranje.aftercare.models import Aftercare

    incident = start_incident(world)
    with pytest.raises(PermissionDenied):
        open_case(world.coordinator, incident)
    Aftercare.objects.create(incident=incident, head=world.coordinator, head_name="Hoofd")
    case = open_case(world.coordinator, incident)
    assert case.number == 1
    # The head is no damage handler: a damage report is not linked by them.
    with pytest.raises(ValidationError) as exc:
        open_case(world.coordinator, incident, damage_report_ids=[damage_report(incident).pk])
    assert "damage_reports" in _errors(exc)
