"""The alert message and the answer page carry the meeting point and the call-back number."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from oranje.alerting import services as alerting
from oranje.alerting.constants import DeliveryStatus
from oranje.alerting.models import Alert, Delivery
from oranje.alerting.tasks import deliver
from oranje.incidents import services
from oranje.incidents.tests.factories import OnCall, scale, start_incident


def test_mail_sms_text_and_answer_page_carry_meeting_point_and_call_back_number(
    on_call: OnCall, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    world = on_call.world
    with django_capture_on_commit_callbacks(execute=False):
        incident = start_incident(world)
        services.incident_set_briefing(
            actor=world.coordinator,
            incident=incident,
            meeting_point="Brandweerkazerne Velsen",
            callback_phone="023 515 9500",
        )
        scale(world, incident, 1)
    ids = list(Delivery.objects.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True))
    deliver.call(ids)
    [message] = mail.outbox
    assert "Verzamelpunt: Brandweerkazerne Velsen." in message.body
    assert "Terugbelnummer: 023 515 9500." in message.body

    alert = Alert.objects.get()
    page = Client().get(reverse("alerting:alert_answer", args=[alerting.answer_token(alert)]))
    html = page.content.decode()
    assert "Brandweerkazerne Velsen" in html
    assert 'href="tel:+31235159500"' in html


def test_without_them_the_message_says_nothing_about_them(
    on_call: OnCall, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=False):
        scale(on_call.world, start_incident(on_call.world), 1)
    deliver.call(list(Delivery.objects.values_list("pk", flat=True)))
    [message] = mail.outbox
    assert "Verzamelpunt" not in message.body and "Terugbelnummer" not in message.body
