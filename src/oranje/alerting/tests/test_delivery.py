"""Delivery over the real channels: mail through Django's mail API (locmem in tests, or an
SMTP port that refuses), SMS through a local HTTP gateway stub."""

from django.core import mail
from django.utils import timezone

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
            # A retry waits 10 s, then 30 s; here it is due at once.
            Delivery.objects.filter(status=DeliveryStatus.PENDING).update(due_at=timezone.now())
    failed = Delivery.objects.filter(alert__person=world.officers[0])
    assert {d.status for d in failed} == {DeliveryStatus.FAILED}
    assert {d.attempts for d in failed} == {3}
    assert "SMS-gateway antwoordde 500" in failed.get(channel=Channel.SMS).last_error
    alert = Alert.objects.get(person=world.officers[0])
    assert alert.unreachable
    call = FunctionCall.objects.get(incident=incident)
    assert call.step == Step.SOFT  # did not wait for the timer


def test_a_line_break_in_the_title_does_not_stop_the_mail(
    on_call: OnCall,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # It raised BadHeaderError out of the task: the deliveries stayed pending for ever.
    with django_capture_on_commit_callbacks(execute=False):
        incident = start_incident(on_call.world, title="Gaslek\r\nBcc: iedereen@example.org")
        scale(on_call.world, incident, 1)
    ids = list(Delivery.objects.values_list("pk", flat=True))
    assert deliver.call(ids) == 1
    [message] = mail.outbox
    assert message.subject == "ALARM OVD-BZ: Gaslek Bcc: iedereen@example.org"
    assert message.to == [on_call.world.officers[0].email] and not message.bcc
    assert Delivery.objects.get(channel=Channel.EMAIL).status == DeliveryStatus.SENT


def test_a_message_that_cannot_be_built_is_a_recorded_failure_and_the_call_climbs(
    on_call: OnCall,
    monkeypatch,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from oranje.alerting import delivery

    def broken(d: Delivery) -> tuple[str, str, str]:
        raise KeyError("place")

    monkeypatch.setattr(delivery, "texts", broken)
    world = on_call.world
    world.officers[0].user = None
    world.officers[0].save()
    with django_capture_on_commit_callbacks(execute=False):
        incident = _scale(on_call, django_capture_on_commit_callbacks)
        deliver.call(list(Delivery.objects.values_list("pk", flat=True)))
    [failed] = Delivery.objects.filter(alert__person=world.officers[0])
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1  # no retry
    assert "kon niet worden opgebouwd" in failed.last_error
    assert Alert.objects.get(person=world.officers[0]).unreachable
    assert FunctionCall.objects.get(incident=incident).step == Step.SOFT
    assert mail.outbox == []


def test_a_resend_after_a_crash_carries_the_same_message_id_and_idempotency_key(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    import datetime as dt

    from oranje.alerting.delivery import delivery_claim, delivery_record
    from oranje.alerting.reaper import reap

    settings.WORKER_LEASE_SECONDS = 30
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        _scale(on_call, django_capture_on_commit_callbacks)
        ids = list(Delivery.objects.exclude(channel=Channel.APP).values_list("pk", flat=True))
        deliver.call(ids)
        # The worker sent both, then died before recording: claimed again, still 'sending'.
        a_minute_ago = timezone.now() - dt.timedelta(seconds=60)
        Delivery.objects.filter(pk__in=ids).update(status="pending", due_at=a_minute_ago)
        assert delivery_claim(ids, claim="gone-worker/abc", now=a_minute_ago) == ids
        with django_capture_on_commit_callbacks(execute=True):
            assert reap().requeued == 2
        # The dead worker's late result is not recorded a second time.
        assert not delivery_record(
            delivery_id=ids[0], claim="gone-worker/abc", error=None, final=False
        )
        deliver.call(ids)
    assert set(Delivery.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"sent"}
    first, again = mail.outbox
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    key = str(Delivery.objects.get(channel=Channel.EMAIL).key)
    assert first.extra_headers["Message-ID"] == f"<alert-{key}@127.0.0.1>"
    sms_key = str(Delivery.objects.get(channel=Channel.SMS).key)
    assert gateway.keys == [sms_key, sms_key]
    assert [body["idempotency_key"] for body in gateway.received] == [sms_key, sms_key]
