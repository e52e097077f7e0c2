"""Delivery over the real channels: mail through Django's mail API (locmem in tests, or an
SMTP port that refuses), SMS through a local HTTP gateway stub."""

from django.core import mail

from oranje.alerting.constants import Channel, DeliveryStatus, Step
from oranje.alerting.models import Alert, Delivery, FunctionCall
from oranje.alerting.tasks import deliver
from oranje.alerting.tests.gateway import GatewayStub
from oranje.incidents.tests.factories import OnCall, scale, start_incident


def _scale(on_call: OnCall, capture, **kw):  # type: ignore[no-untyped-def]
    with capture(execute=False):
        incident = start_incident(on_call.world, **kw)
        scale(on_call.world, incident, 1)
    return incident


def test_mail_and_sms_are_delivered_with_the_answer_link(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        settings.SMS_GATEWAY_TOKEN = "geheim"
        _scale(on_call, django_capture_on_commit_callbacks, exercise=True)
        ids = list(
            Delivery.objects.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True)
        )
        assert deliver.call(ids) == 2
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3  # mail, SMS, app
    [message] = mail.outbox
    assert message.subject.startswith("OEFENING ALARM OVD-BZ")
    assert "/alarmering/" in message.body
    [sms] = gateway.received
    assert sms["to"] == "+31612345678" and sms["text"].startswith("OEFENING ALARM OVD-BZ")
    assert gateway.tokens == ["Bearer geheim"]


def test_a_failing_channel_is_retried_then_the_next_step_runs(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    world = on_call.world
    world.officers[0].user = None  # no app: mail and SMS are all there is
    world.officers[0].save()
    with GatewayStub(status=500) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        incident = _scale(on_call, django_capture_on_commit_callbacks)
        ids = list(Delivery.objects.values_list("pk", flat=True))
        for _try in range(3):  # the first try and two retries
            with django_capture_on_commit_callbacks(execute=False):
                deliver.call(ids)
    failed = Delivery.objects.filter(alert__person=world.officers[0])
    assert {d.status for d in failed} == {DeliveryStatus.FAILED}
    assert {d.attempts for d in failed} == {3}
    assert "SMS-gateway antwoordde 500" in failed.get(channel=Channel.SMS).last_error
    alert = Alert.objects.get(person=world.officers[0])
    assert alert.unreachable
    call = FunctionCall.objects.get(incident=incident)
    assert call.step == Step.SOFT  # did not wait for the timer
