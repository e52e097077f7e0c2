"""Probe: the aftercare room as an attacker tries it — an IAC case linked to a person, a
shelter stay or a damage report of another incident, a task given to someone outside the
region, another incident's newsletter or transition document asked through this incident's
address, the thank-you and deployments by someone who does not lead, NUL and junk in the IAC,
and whether the pages with households' names may be kept by a browser — a Dutch 400, 403 or
404, never a 500 and never data."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from oranje.aftercare.models import AftercareTask, IacCase, Newsletter
from oranje.aftercare.services.transition import transition_create
from oranje.aftercare.tests.helpers import facts_world, start_nafase
from oranje.aftercare.tests.iac_helpers import (
    damage_report,
    iac_officer,
    open_case,
    registry_person,
    shelter_stay,
)
from oranje.aftercare.tests.newsletter_helpers import draft
from oranje.core.constants import Role
from oranje.core.models import User
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_case_links_nothing_of_another_incident(world: World) -> None:
    officer = iac_officer(world.region, extra_roles=(Role.REGISTRY_OFFICER, Role.CARE_OFFICER))
    mine, other = start_incident(world), start_incident(world, title="Brand")
    url = f"/api/v1/incidents/{mine.pk}/aftercare/iac/cases/"
    api = _api(officer)
    for field, value in (
        ("damage_reports", [damage_report(other).pk]),
        ("person", registry_person(other).pk),
        ("household", shelter_stay(other).pk),
        ("damage_reports", [10**15]),
        ("person", 10**15),
    ):
        answer = api.post(url, {"household_name": "Fam. X", field: value}, format="json")
        assert answer.status_code == 400, (field, answer.content)
        assert field in answer.json()
    assert not IacCase.objects.exists()
    # Nor by a change of a case of this incident.
    case = open_case(officer, mine)
    answer = api.patch(
        f"/api/v1/aftercare/iac/cases/{case.pk}/",
        {"damage_reports": [damage_report(other).pk]},
        format="json",
    )
    assert answer.status_code == 400 and not case.damage_reports.exists()


def test_a_case_of_another_region_answers_404(world: World) -> None:
    incident = start_incident(world)
    case = open_case(iac_officer(world.region), incident)
    stranger = iac_officer(world.other_region, "iac-elders")
    api = _api(stranger)
    assert api.get(f"/api/v1/aftercare/iac/cases/{case.pk}/").status_code == 404
    assert (
        api.post(
            f"/api/v1/aftercare/iac/cases/{case.pk}/close/", {"note": "x"}, format="json"
        ).status_code
        == 404
    )
    assert (
        _login(stranger).get(f"/incidenten/{incident.pk}/nafase/iac/{case.pk}/").status_code == 404
    )
    # The region's coordinator sees the incident, not the household.
    assert _api(world.coordinator).get(f"/api/v1/aftercare/iac/cases/{case.pk}/").status_code == 403
    assert IacCase.objects.get().status == "open"


def test_a_case_asked_through_another_incident_answers_404(world: World) -> None:
    officer = iac_officer(world.region)
    mine, other = start_incident(world), start_incident(world, title="Brand")
    theirs = open_case(officer, other)
    c = _login(officer)
    assert c.get(f"/incidenten/{mine.pk}/nafase/iac/{theirs.pk}/").status_code == 404
    assert c.get(f"/incidenten/{mine.pk}/nafase/iac/{theirs.pk}/print/").status_code == 404
    assert (
        c.post(
            f"/incidenten/{mine.pk}/nafase/iac/{theirs.pk}/sluiten/", {"note": "weg"}
        ).status_code
        == 404
    )
    assert IacCase.objects.get().status == "open"


def test_a_task_is_given_only_to_someone_of_the_region(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    stranger = iac_officer(world.other_region, "elders")
    answer = _api(officer).post(
        f"/api/v1/incidents/{incident.pk}/aftercare/tasks/",
        {"theme": "housing", "title": "Woningen keuren", "owner": stranger.pk},
        format="json",
    )
    assert answer.status_code == 400 and "owner" in answer.json()
    assert not AftercareTask.objects.exists()


def test_newsletters_and_documents_of_another_incident_answer_404(world: World) -> None:
    officer = iac_officer(world.region)
    mine, other = start_incident(world), start_incident(world, title="Brand")
    letter = draft(other)
    doc = transition_create(actor=world.coordinator, incident=other)
    c = _login(officer)
    base = f"/incidenten/{mine.pk}/nafase"
    assert c.get(f"{base}/nieuwsbrieven/{letter.pk}/").status_code == 404
    assert c.post(f"{base}/nieuwsbrieven/{letter.pk}/versturen/").status_code == 404
    assert c.get(f"{base}/nieuwsbrieven/{letter.pk}/brieven.pdf").status_code == 404
    assert c.get(f"{base}/overdracht/{doc.pk}/").status_code == 404
    assert c.get(f"{base}/overdracht/{doc.pk}/print/").status_code == 404
    # A lead of this incident approves no document of another one.
    lead = _login(world.coordinator)
    assert lead.post(f"{base}/overdracht/{doc.pk}/vaststellen/").status_code == 404
    assert lead.post(f"{base}/overdracht/{doc.pk}/feiten/").status_code == 404
    assert c.post(f"{base}/overdracht/{doc.pk}/vaststellen/").status_code in (403, 404)
    # By its own id: who sees the incident but works no IAC gets no newsletter.
    assert _api(world.viewer).get(f"/api/v1/aftercare/newsletters/{letter.pk}/").status_code in (
        403,
        404,
    )
    assert _api(world.viewer).post(
        f"/api/v1/aftercare/newsletters/{letter.pk}/send/"
    ).status_code in (403, 404)
    assert Newsletter.objects.get().status == "draft"


def test_thanks_and_deployments_only_for_a_lead(world: World) -> None:
    incident = start_incident(world)
    start_nafase(world, incident)
    officer = iac_officer(world.region, "iac-niet-leidend")
    for user in (officer, world.viewer):
        api = _api(user)
        assert (
            api.post(
                f"/api/v1/incidents/{incident.pk}/aftercare/thanks/",
                {"text": "Dank"},
                format="json",
            ).status_code
            == 403
        )
        assert (
            api.post(f"/api/v1/incidents/{incident.pk}/aftercare/deployments/record/").status_code
            == 403
        )
        assert (
            _login(user).post(f"/incidenten/{incident.pk}/nafase/inzet/vastleggen/").status_code
            == 403
        )


@pytest.mark.parametrize(
    "data",
    [
        {"household_name": "Fam.\x00Jansen"},
        {"household_name": "Fam. Jansen", "street": "Dorps\x00straat"},
        {"household_name": "x" * 100_000},
        {"household_name": "Fam. Jansen", "postcode": "\x00"},
        {"household_name": "Fam. Jansen", "damage_reports": ["abc"]},
        {"household_name": "Fam. Jansen", "person": 10**30},
        {"household_name": "Fam. Jansen", "themes": ["<script>"]},
    ],
)
def test_junk_in_a_case_answers_400(world: World, data: dict[str, object]) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    answer = _api(officer).post(
        f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/", data, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert not IacCase.objects.exists()


def test_the_case_form_refuses_nul(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    response = _login(officer).post(
        f"/incidenten/{incident.pk}/nafase/iac/nieuw/",
        {"household_name": "Fam.\x00Jansen", "street": "a\x00"},
    )
    assert response.status_code in (200, 400)
    assert not IacCase.objects.exists()


def test_pages_with_households_are_not_kept_by_browser_or_proxy(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)
    c = _login(officer)
    for url in (
        f"/incidenten/{incident.pk}/nafase/iac/",
        f"/incidenten/{incident.pk}/nafase/iac/{case.pk}/",
        f"/incidenten/{incident.pk}/nafase/iac/{case.pk}/print/",
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url
    answer = _api(officer).get(f"/api/v1/aftercare/iac/cases/{case.pk}/")
    assert "no-store" in answer.get("Cache-Control", "")


def test_who_works_no_iac_sees_counts_not_households(world: World) -> None:
    incident = start_incident(world)
    start_nafase(world, incident)
    facts_world(world, incident)
    open_case(iac_officer(world.region, "iac-x"), incident, household_name="Fam. Geheim")
    doc = transition_create(actor=world.coordinator, incident=incident)
    c = _login(world.viewer)
    for url in (
        f"/incidenten/{incident.pk}/nafase/",
        f"/incidenten/{incident.pk}/nafase/iac/cijfers/",
        f"/incidenten/{incident.pk}/nafase/overdracht/{doc.pk}/",
        f"/incidenten/{incident.pk}/nafase/overdracht/{doc.pk}/print/",
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in ("Fam. Geheim", "Feitsma", "06 12345678", "jansen@example.nl"):
            assert secret not in html, (url, secret)
    assert c.get(f"/incidenten/{incident.pk}/nafase/iac/").status_code == 403
    api = _api(world.viewer)
    assert api.get(f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/").status_code == 403
    figures = api.get(f"/api/v1/incidents/{incident.pk}/aftercare/iac/figures/")
    assert figures.status_code == 200 and b"Geheim" not in figures.content
    document = api.get(f"/api/v1/aftercare/transition-documents/{doc.pk}/")
    assert document.status_code == 200 and b"Feitsma" not in document.content


def test_an_exercise_newsletter_reaches_nobody(world: World, mailoutbox: list[object]) -> None:
    from oranje.aftercare.delivery import deliver_items
    from oranje.aftercare.models import NewsletterItem
    from oranje.aftercare.services.newsletters import newsletter_send
    from oranje.aftercare.tests.newsletter_helpers import cases

    officer = iac_officer(world.region)
    exercise = start_incident(world, exercise=True)
    cases(exercise, 3)
    sent = newsletter_send(actor=officer, newsletter=draft(exercise))
    assert sent.exercise
    deliver_items(list(NewsletterItem.objects.values_list("pk", flat=True)))
    assert mailoutbox == []
    assert not NewsletterItem.objects.filter(status="sent").exists()


def test_an_iac_officer_cannot_take_away_a_registry_or_shelter_link(world: World) -> None:
    incident = start_incident(world)
    both = iac_officer(world.region, "iac-beide", extra_roles=(Role.REGISTRY_OFFICER,))
    person = registry_person(incident)
    case = open_case(both, incident, person_id=person.pk)
    IacCase.objects.filter(pk=case.pk).update(household=shelter_stay(incident))
    only_iac = _api(iac_officer(world.region, "iac-alleen"))
    for field in ("person", "household"):
        answer = only_iac.patch(
            f"/api/v1/aftercare/iac/cases/{case.pk}/", {field: None}, format="json"
        )
        assert answer.status_code == 400 and field in answer.json()
    case.refresh_from_db()
    assert case.person_id == person.pk and case.household_id is not None
    # A change of other fields keeps both links.
    assert (
        only_iac.patch(
            f"/api/v1/aftercare/iac/cases/{case.pk}/", {"city": "Velsen"}, format="json"
        ).status_code
        == 200
    )
    case.refresh_from_db()
    assert case.person_id == person.pk and case.household_id is not None


def test_every_read_of_a_household_is_audited_without_its_details(world: World) -> None:
    from oranje.core.models import AuditEntry

    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident, household_name="Fam. Verborgen")
    c = _login(officer)
    api = _api(officer)
    for get in (
        lambda: c.get(f"/incidenten/{incident.pk}/nafase/iac/"),
        lambda: c.get(f"/incidenten/{incident.pk}/nafase/iac/{case.pk}/"),
        lambda: c.get(f"/incidenten/{incident.pk}/nafase/iac/{case.pk}/print/"),
        lambda: api.get(f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/"),
        lambda: api.get(f"/api/v1/aftercare/iac/cases/{case.pk}/"),
    ):
        before = AuditEntry.objects.filter(action="iac.read").count()
        assert get().status_code == 200
        assert AuditEntry.objects.filter(action="iac.read").count() == before + 1
    texts = " ".join(f"{e.object_repr} {e.note} {e.changes}" for e in AuditEntry.objects.all())
    assert "Verborgen" not in texts and "12345678" not in texts
    assert "jansen@example.nl" not in texts


def test_a_posted_household_id_reveals_no_shelter_stay(world: World) -> None:
    incident = start_incident(world)
    stay = shelter_stay(incident)
    response = _login(iac_officer(world.region)).post(
        f"/incidenten/{incident.pk}/nafase/iac/nieuw/",
        {"household_name": "", "household_id": stay.pk},
    )
    assert response.status_code == 400
    assert stay.code not in response.content.decode()
    assert not IacCase.objects.exists()
