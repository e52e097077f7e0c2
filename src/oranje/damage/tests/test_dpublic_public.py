"""The public damage form: without login, the answer with the reference, the abuse guards,
the preview for staff, and switching the form on and off."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.damage.models import DamagePhoto, DamageReport, FormRate, PublicForm
from oranje.damage.tests.public_fixtures import photo_upload
from oranje.damage.views.public import HONEYPOT, TOKEN_SALT
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"S-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")


def _token(incident: Incident, seconds_ago: float = 60) -> str:
    return signing.dumps({"i": incident.pk, "t": time.time() - seconds_ago}, salt=TOKEN_SALT)


def _post_data(incident: Incident, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "token": _token(incident),
        "client_key": "k-1",
        "reporter_name": "Anna de Vries",
        "reporter_phone": "06 12345678",
        "reporter_email": "",
        "postcode": "1951 AB",
        "house": "12a",
        "street": "Dorpsstraat",
        "city": "Velsen-Noord",
        "kind": "home",
        "description": "Het dak is deels weggewaaid.",
        "unsafe": "yes",
        "insured": "yes",
        "consent_share": "on",
        HONEYPOT: "",
    }
    data.update(changes)
    return data


def _url(incident: Incident) -> str:
    return f"/schade/{incident.pk}/"


def test_a_resident_without_login_gets_the_form_with_its_guards(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    response = client.get(_url(incident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schade melden" in html and "Meld hier schade door de storm." in html
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies  # anonymous users get the CSRF cookie
    assert f'name="{HONEYPOT}"' in html and 'tabindex="-1"' in html and 'class="hp"' in html
    assert 'aria-hidden="true"' in html
    for attribute in (
        'autocomplete="name"',
        'autocomplete="tel"',
        'autocomplete="email"',
        'autocomplete="postal-code"',
    ):
        assert attribute in html
    assert "<legend>" in html and "<script" not in html.split("</main>")[0]


def test_a_report_is_stored_and_only_its_sender_sees_the_reference(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(_url(incident))
    csrf = page.cookies["csrftoken"].value
    data = _post_data(incident, csrfmiddlewaretoken=csrf, photos=[photo_upload()])
    response = csrf_client.post(_url(incident), data)
    assert response.status_code == 303
    report = DamageReport.objects.get()
    assert report.channel == "form" and report.photos.count() == 1
    answer = csrf_client.get(response["Location"])
    assert answer.status_code == 200
    assert report.reference in answer.content.decode()
    assert "Bewaar dit kenmerk." in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]
    # Without the signed value (another browser, a guess) there is no reference page.
    assert client.get(f"/schade/{incident.pk}/ontvangen/").status_code == 404
    assert client.get(f"/schade/{incident.pk}/ontvangen/?k=S-2345-6789").status_code == 404


def test_sent_twice_the_report_is_stored_once(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    first = client.post(_url(incident), _post_data(incident))
    second = client.post(_url(incident), _post_data(incident))
    assert first.status_code == second.status_code == 303
    assert DamageReport.objects.count() == 1


def test_without_csrf_the_form_is_refused(incident: Incident, open_form: PublicForm) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(_url(incident), _post_data(incident)).status_code == 403
    assert not DamageReport.objects.exists()


def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    response = client.post(_url(incident), _post_data(incident, postcode="B-1000", kind=""))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'href="#f-postcode"' in summary and "geen Nederlandse postcode" in summary
    assert 'href="#f-kind-home"' in summary
    assert 'aria-describedby="e-postcode h-postcode"' in html and 'aria-invalid="true"' in html
    assert 'value="Anna de Vries"' in html  # what was typed stays
    assert not DamageReport.objects.exists()


def test_the_honeypot_gets_the_same_answer_and_nothing_is_stored(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    response = client.post(_url(incident), _post_data(incident, **{HONEYPOT: "http://spam"}))
    assert response.status_code == 303
    answer = client.get(response["Location"])
    assert answer.status_code == 200 and REFERENCE.search(answer.content.decode())
    assert not DamageReport.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.DAMAGE_REPORT_CREATE.value).exists()


def test_a_form_sent_too_fast_is_a_bot(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    response = client.post(_url(incident), _post_data(incident, token=_token(incident, 0.5)))
    assert response.status_code == 303
    assert not DamageReport.objects.exists()


def test_a_missing_or_foreign_token_asks_to_send_again(
    client: Client, world: World, incident: Incident, open_form: PublicForm
) -> None:
    other = start_incident(world, title="Andere")
    for token in ("", "rommel", _token(other)):
        response = client.post(_url(incident), _post_data(incident, token=token))
        assert response.status_code == 400
        assert "stuur het formulier opnieuw" in response.content.decode()
    assert not DamageReport.objects.exists()


def test_the_rate_limit_per_address_and_per_incident(
    client: Client, settings: Any, incident: Incident, open_form: PublicForm
) -> None:
    settings.DAMAGE_FORM_RATE_ADDRESS = "2/hour"
    settings.DAMAGE_FORM_RATE_INCIDENT = "3/hour"
    for n in range(2):
        assert (
            client.post(_url(incident), _post_data(incident, client_key=f"a{n}")).status_code == 303
        )
    refused = client.post(_url(incident), _post_data(incident, client_key="a2"))
    assert refused.status_code == 429 and "Probeer het later opnieuw" in refused.content.decode()
    assert refused["Retry-After"]
    other = client.post(
        _url(incident), _post_data(incident, client_key="b0"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 303
    whole = client.post(
        _url(incident), _post_data(incident, client_key="c0"), REMOTE_ADDR="192.0.2.8"
    )
    assert whole.status_code == 429
    assert DamageReport.objects.count() == 3
    # The address is kept only as a keyed hash.
    assert not FormRate.objects.filter(key__contains="127.0.0.1").exists()


def test_no_public_form_for_an_exercise_a_closed_incident_or_a_closed_form(
    client: Client, world: World, incident: Incident, open_form: PublicForm
) -> None:
    exercise = start_incident(world, exercise=True)
    PublicForm.objects.create(incident=exercise, is_open=True)
    assert client.get(_url(exercise)).status_code == 404
    assert client.post(_url(exercise), _post_data(exercise)).status_code == 404
    open_form.is_open = False
    open_form.save()
    assert client.get(_url(incident)).status_code == 404
    open_form.is_open = True
    open_form.save()
    incident.closed_at = timezone.now()
    incident.save()
    assert client.get(_url(incident)).status_code == 404
    assert client.post(_url(incident), _post_data(incident)).status_code == 404
    assert client.get("/schade/999999/").status_code == 404
    assert not DamageReport.objects.exists()


def test_the_preview_of_an_exercise_is_marked_and_stores_nothing(
    client: Client, world: World
) -> None:
    exercise = start_incident(world, exercise=True)
    url = f"/incidenten/{exercise.pk}/schade/formulier/"
    assert client.get(url).status_code == 302  # login first
    client.force_login(world.viewer)
    page = client.get(url)
    assert page.status_code == 200 and "OEFENING" in page.content.decode()
    sent = client.post(url, _post_data(exercise, photos=[photo_upload()]))
    assert sent.status_code == 200
    html = sent.content.decode()
    assert "Er is niets opgeslagen" in html and "Anna de Vries" in html
    assert not DamageReport.objects.exists() and not DamagePhoto.objects.exists()
    refused = client.post(url, _post_data(exercise, house=""))
    assert refused.status_code == 400
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_switching_the_form_on_and_off(client: Client, world: World, incident: Incident) -> None:
    url = f"/incidenten/{incident.pk}/schade/formulier/instellen/"
    client.force_login(world.viewer)
    assert client.post(url, {"is_open": "on"}).status_code == 403
    client.force_login(world.coordinator)
    home = client.get(f"/incidenten/{incident.pk}/schade/")
    assert 'name="is_open"' in home.content.decode()
    response = client.post(url, {"is_open": "on", "intro": "Meld schade aan uw woning."})
    assert response.status_code == 302
    form = PublicForm.objects.get(incident=incident)
    assert form.is_open and form.opened_by == world.coordinator
    assert client.get(_url(incident)).status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.DAMAGE_FORM_UPDATE.value)
    assert entry.changes["is_open"] == [False, True]
    client.post(url, {"intro": "Gesloten."})
    form.refresh_from_db()
    assert not form.is_open and form.closed_by == world.coordinator
    assert client.get(_url(incident)).status_code == 404


def test_an_exercise_or_closed_incident_cannot_open_a_form(
    client: Client, world: World, incident: Incident
) -> None:
    exercise = start_incident(world, exercise=True)
    client.force_login(world.coordinator)
    response = client.post(
        f"/incidenten/{exercise.pk}/schade/formulier/instellen/", {"is_open": "on"}, follow=True
    )
    assert "Een oefening heeft geen openbaar schadeformulier" in response.content.decode()
    assert not PublicForm.objects.filter(incident=exercise, is_open=True).exists()
    home = client.get(f"/incidenten/{exercise.pk}/schade/").content.decode()
    assert f"/incidenten/{exercise.pk}/schade/formulier/" in home and 'name="is_open"' not in home
    incident.closed_at = timezone.now()
    incident.save()
    client.post(f"/incidenten/{incident.pk}/schade/formulier/instellen/", {"is_open": "on"})
    assert not PublicForm.objects.filter(incident=incident, is_open=True).exists()
