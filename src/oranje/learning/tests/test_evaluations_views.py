"""Evaluations, the pages: the region's list with its filters, a new evaluation (a Dutch
message when neither an incident nor an exercise is chosen), the evaluation's page with its
findings per process, evidence and actions (reading it with participants is audited), a
finding without a process refused on the field, a logbook line linked from the finding's
page (and one of another incident refused), an improvement action made from a finding, the
open actions of earlier evaluations, making it final, and the dossier entries that came from a
finding or the evaluation, with a link to start one from a finding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.models import AuditEntry, User
from oranje.learning.models import Evaluation, Evidence, Finding
from oranje.learning.services import dossier as dossier_services
from oranje.learning.services import evaluations as services
from oranje.learning.services import evaluations_actions as action_services
from oranje.learning.tests.evaluations_helpers import Scene, evaluation, finding, scene
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction

pytestmark = pytest.mark.django_db

LIST = "/leren/evaluaties/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def s(world: World) -> Scene:
    return scene(world)


def test_the_list_shows_the_regions_evaluations_and_filters(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    services.evaluation_update(
        actor=world.coordinator,
        evaluation=e,
        title=e.title,
        methods=e.methods,
        held_on=timezone.localdate(),
        summary="",
    )
    finding(world, e)
    services.evaluation_finalise(actor=world.coordinator, evaluation=e)
    evaluation(world, s, incident=s.foreign_incident, title="Evaluatie stroomstoring")
    client = _client(world.coordinator)
    page = client.get(LIST).content.decode()
    assert "Evaluatie brand Velsen-Noord" in page and "Evaluatie stroomstoring" in page
    final = client.get(LIST, {"status": "final"}).content.decode()
    assert "Evaluatie brand Velsen-Noord" in final and "Evaluatie stroomstoring" not in final
    year = timezone.localtime(s.incident.started_at).year
    assert "Evaluatie stroomstoring" in client.get(LIST, {"jaar": str(year)}).content.decode()
    # A bad filter is ignored, never a 500.
    assert client.get(LIST, {"jaar": "²⁰²⁵", "van": "x" * 500}).status_code == 200


def test_people_who_do_not_evaluate_get_403(world: World) -> None:
    assert _client(world.functionary).get(LIST).status_code == 403


def test_a_new_evaluation_without_incident_or_exercise_says_so(world: World, s: Scene) -> None:
    client = _client(world.coordinator)
    form = client.get(f"{LIST}nieuw/?incident={s.incident.pk}")
    assert form.status_code == 200 and "Evaluatie Brand Velsen-Noord" in form.content.decode()
    response = client.post(f"{LIST}nieuw/", {"title": "Evaluatie"})
    assert response.status_code == 400
    assert "kies het incident of de oefening die u evalueert" in response.content.decode()
    response = client.post(
        f"{LIST}nieuw/",
        {"title": "Evaluatie", "incident": s.incident.pk, "methods": ["debrief", "conversations"]},
    )
    e = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{e.pk}/"
    assert e.methods == ["debrief", "conversations"]


def test_an_incident_not_offered_is_refused_on_the_field(world: World, s: Scene) -> None:
    response = _client(world.coordinator).post(
        f"{LIST}nieuw/", {"title": "Evaluatie", "incident": "999999"}
    )
    assert response.status_code == 400
    assert "Incident: kies er een uit de lijst." in response.content.decode()


def test_the_page_shows_findings_evidence_and_audits_reading_participants(
    world: World, s: Scene
) -> None:
    e = evaluation(world, s)
    f = finding(world, e)
    services.evidence_add(actor=world.coordinator, finding=f, kind="log", log_entry=s.line)
    client = _client(world.coordinator)
    page = client.get(f"{LIST}{e.pk}/").content.decode()
    assert "Het eerste publieksbericht kwam na vijftig minuten." in page
    assert "Eerste publieksbericht via NL-Alert verstuurd." in page
    assert not AuditEntry.objects.filter(action="evaluation.read").exists()
    services.participant_add(actor=world.coordinator, evaluation=e, name="Mira Jansen")
    assert "Mira Jansen" in client.get(f"{LIST}{e.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="evaluation.read", object_id=str(e.pk)).count() == 1


def test_a_finding_without_a_process_is_refused_on_the_field(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    response = _client(world.coordinator).post(
        f"{LIST}{e.pk}/bevindingen/nieuw/", {"kind": "improve", "text": "Te laat."}
    )
    assert response.status_code == 400
    assert "Proces: kies het proces waar de bevinding over gaat." in response.content.decode()
    assert not Finding.objects.exists()


def test_a_log_line_is_linked_from_the_findings_page(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    client = _client(world.coordinator)
    page = client.get(f"/leren/bevindingen/{f.pk}/").content.decode()
    assert "Koppel een logboekregel" in page and "Eerste publieksbericht" in page
    assert "Andere regel." not in page
    response = client.post(
        f"/leren/bevindingen/{f.pk}/bewijs/", {"kind": "log", "log_entry": s.foreign_line.pk}
    )
    assert response.status_code == 400 and not Evidence.objects.exists()
    response = client.post(
        f"/leren/bevindingen/{f.pk}/bewijs/",
        {"kind": "log", "log_entry": s.line.pk, "note": "Zie tijdstip."},
    )
    assert response.status_code == 302
    ev = Evidence.objects.get()
    assert ev.log_entry == s.line and ev.note == "Zie tijdstip."
    assert client.post(f"/leren/bevindingen/{f.pk}/bewijs/", {"kind": "x"}).status_code == 400


def test_an_improvement_action_from_the_findings_page(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    client = _client(world.coordinator)
    response = client.post(
        f"/leren/bevindingen/{f.pk}/acties/nieuw/",
        {
            "action-title": "",
            "title": "Sjabloon eerste bericht",
            "owner_name": "Communicatieadviseur",
            "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    action = ImprovementAction.objects.get()
    assert list(f.actions.all()) == [action]
    page = client.get(f"{LIST}{f.evaluation_id}/").content.decode()
    assert "Sjabloon eerste bericht" in page


def test_open_actions_of_earlier_evaluations_are_followed(world: World, s: Scene) -> None:
    earlier = evaluation(world, s, incident=s.foreign_incident, title="Evaluatie stroomstoring")
    action = action_services.finding_action_create(
        actor=world.coordinator,
        finding=finding(world, earlier),
        title="Piketrooster herzien",
        owner_name="Coördinator",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    now = evaluation(world, s)
    page = _client(world.coordinator).get(f"{LIST}{now.pk}/").content.decode()
    assert "Open acties uit eerdere evaluaties" in page
    assert "Piketrooster herzien" in page and "Evaluatie stroomstoring" in page
    ImprovementAction.objects.filter(pk=action.pk).update(status="closed", closed_at=timezone.now())
    page = _client(world.coordinator).get(f"{LIST}{now.pk}/").content.decode()
    assert "Piketrooster herzien" not in page
    # The earlier evaluation does not list the later one's actions.
    page = _client(world.coordinator).get(f"{LIST}{earlier.pk}/").content.decode()
    assert "Open acties uit eerdere evaluaties" in page
    later_action = action_services.finding_action_create(
        actor=world.coordinator,
        finding=finding(world, now),
        title="Sjabloon bewonersbrief",
        owner_name="Coördinator",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    assert later_action.status != "closed"
    page = _client(world.coordinator).get(f"{LIST}{earlier.pk}/").content.decode()
    assert "Sjabloon bewonersbrief" not in page
    # Held on an earlier day counts before the day created.
    Evaluation.objects.filter(pk=now.pk).update(
        held_on=timezone.localdate() - dt.timedelta(days=30)
    )
    Evaluation.objects.filter(pk=earlier.pk).update(held_on=timezone.localdate())
    page = _client(world.coordinator).get(f"{LIST}{earlier.pk}/").content.decode()
    assert "Sjabloon bewonersbrief" in page


def test_irreversible_buttons_ask_first_and_hidden_fields_have_no_label(
    world: World, s: Scene
) -> None:
    e = evaluation(world, s)
    f = finding(world, e)
    client = _client(world.coordinator)
    client.post(f"{LIST}{e.pk}/deelnemers/", {"person": world.officers[0].pk, "role": "OvD"})
    page = client.get(f"{LIST}{e.pk}/").content.decode()
    assert (
        'data-confirm="Evaluatie definitief maken? Daarna kan ze niet meer worden gewijzigd."'
        in page
    )
    assert "uit de deelnemers verwijderen?" in page
    assert "btn danger" not in page and "btn link" not in page
    page = client.get(f"/leren/bevindingen/{f.pk}/").content.decode()
    assert 'data-confirm="Deze bevinding met haar onderbouwing verwijderen?' in page
    assert "Kind:" not in page and "Soort:" not in page and 'for="id_log_kind"' not in page
    assert 'type="hidden" name="kind" value="log"' in page


def test_action_title_cut_at_a_word() -> None:
    from oranje.learning.views.evaluations_findings import action_title

    assert action_title("Kort  bericht.") == "Kort bericht."
    long = "Bewonersbrief binnen twee uur " * 10
    title = action_title(long)
    assert len(title) <= 120 and title.endswith("uur…")
    assert action_title("x" * 200) == "x" * 119 + "…"


def test_making_final_from_the_page(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    client = _client(world.coordinator)
    response = client.post(f"{LIST}{e.pk}/definitief/", follow=True)
    assert "bevindingen: schrijf minstens één bevinding op" in response.content.decode()
    services.evaluation_update(
        actor=world.coordinator,
        evaluation=e,
        title=e.title,
        methods=e.methods,
        held_on=timezone.localdate(),
        summary="",
    )
    finding(world, e)
    client.post(f"{LIST}{e.pk}/definitief/")
    e.refresh_from_db()
    assert e.status == "final"
    assert client.get(f"{LIST}{e.pk}/bewerken/").status_code == 200
    response = client.post(f"{LIST}{e.pk}/bewerken/", {"title": "Anders"})
    assert response.status_code == 400 and "definitief" in response.content.decode()


def test_participants_from_the_page(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    client = _client(world.coordinator)
    officer = world.officers[0]
    response = client.post(f"{LIST}{e.pk}/deelnemers/", {"person": officer.pk, "role": "OvD"})
    assert response.status_code == 302
    response = client.post(f"{LIST}{e.pk}/deelnemers/", {"name": ""})
    assert response.status_code == 400
    assert "naam: kies een functionaris" in response.content.decode()
    p = e.participants.get()
    assert p.name == officer.full_name
    client.post(f"/leren/deelnemers/{p.pk}/verwijderen/")
    assert not e.participants.exists()


def test_another_regions_evaluation_is_404_and_a_municipalitys_other_is_403(
    world: World, s: Scene
) -> None:
    e = evaluation(world, s)
    outsider = User.objects.create_user(username="utrecht")
    from oranje.core.constants import Role
    from oranje.core.models import Membership

    Membership.objects.create(user=outsider, role=Role.COORDINATOR, region=world.other_region)
    assert _client(outsider).get(f"{LIST}{e.pk}/").status_code == 404
    assert _client(world.haarlem_coordinator).get(f"{LIST}{e.pk}/").status_code == 403


def test_a_finding_starts_a_dossier_entry_and_lists_those_from_it(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    f = finding(world, e)
    other = finding(world, e, process="shelter", text="De sporthal was op tijd open.")
    client = _client(world.coordinator)
    page = client.get(f"/leren/bevindingen/{f.pk}/").content.decode()
    start = f'href="/leren/dossier/nieuw/?bevinding={f.pk}"'
    assert start in page and "Begin een dossieritem vanuit deze bevinding" in page
    assert "Uit deze bevinding kwamen nog geen dossieritems voort." in page
    # The link leads to the new-entry page with the finding's words.
    assert (
        "vijftig minuten" in client.get(f"/leren/dossier/nieuw/?bevinding={f.pk}").content.decode()
    )
    made = dossier_services.entry_create(
        actor=world.coordinator,
        region=world.region,
        theme="communication",
        kind="proposal",
        title="Eerste bericht binnen dertig minuten",
        text="Een vast sjabloon voor het eerste bericht.",
        finding=f,
    )
    linked = dossier_services.entry_create(
        actor=world.coordinator,
        region=world.region,
        theme="shelter",
        kind="practice",
        title="Sporthal als vaste opvang",
        text="Sleutel bij de beheerder.",
    )
    dossier_services.entry_link(actor=world.coordinator, entry=linked, evaluation=e)
    page = client.get(f"/leren/bevindingen/{f.pk}/").content.decode()
    assert f'href="/leren/dossier/{made.pk}/">Eerste bericht binnen dertig minuten</a>' in page
    assert "Sporthal als vaste opvang" not in page
    assert (
        "Sporthal als vaste opvang"
        not in client.get(f"/leren/bevindingen/{other.pk}/").content.decode()
    )
    page = client.get(f"/leren/evaluaties/{e.pk}/").content.decode()
    section = page.split('id="dossier-head"', 1)[1].split("</section>", 1)[0]
    assert f'href="/leren/dossier/{made.pk}/"' in section
    assert f'href="/leren/dossier/{linked.pk}/"' in section
    assert f'Uit de bevinding: <a href="/leren/bevindingen/{f.pk}/">' in section
    findings = page.split('id="findings-head"', 1)[1].split("</section>", 1)[0]
    assert start in findings and f"?bevinding={other.pk}" in findings
