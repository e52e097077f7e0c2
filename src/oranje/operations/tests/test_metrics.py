"""`/metriek/`: only for the bearer token or the metrics networks (anyone else sees a 404),
Prometheus's text format with latency per named view, and the figures of the database —
deliveries per channel, escalations, the task queue, logins and lockouts — without a
person's name, address or number in any label."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from axes.models import AccessLog
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from oranje.alerting import services as alerting
from oranje.alerting.constants import Channel, DeliveryStatus
from oranje.alerting.models import Delivery, FunctionCall
from oranje.alerting.tasks import deliver
from oranje.alerting.tests.gateway import GatewayStub
from oranje.communication.constants import ItemStatus
from oranje.communication.models import MailingItem
from oranje.communication.services.mailings import mailing_create
from oranje.communication.tasks import send_mailing_items
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.tests.tasks import nothing
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.operations import metrics, metrics_database
from oranje.operations.metrics import metrics_networks
from oranje.operations.metrics_database import DatabaseCollector
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db
URL = "/metriek/"
TOKEN = "s3cr3t-metrics-token-for-tests"
PASSWORD = "test-pass-123"


@pytest.fixture(autouse=True)
def _read_the_database_at_every_scrape(monkeypatch: pytest.MonkeyPatch) -> None:
    # In this thread: the rows of a test are seen by its own connection only.
    monkeypatch.setattr(metrics_database, "CACHE_SECONDS", 0.0)
    monkeypatch.setattr(metrics._database, "background", False)


def scrape(**extra: str) -> dict[str, list[Sample]]:
    response = Client(**extra).get(URL)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        family.name: family.samples
        for family in text_string_to_metric_families(response.content.decode())
    }


def value(families: dict[str, list[Sample]], name: str, sample: str = "", **labels: str) -> float:
    """The one sample `sample` (default: the family's own name) with these labels; 0 if absent."""
    wanted = sample or name
    found = [
        s.value
        for s in families.get(name, [])
        if s.name == wanted and all(s.labels.get(k) == v for k, v in labels.items())
    ]
    assert len(found) <= 1, found
    return found[0] if found else 0.0


# Who may scrape -------------------------------------------------------------------------------


def test_a_client_on_the_local_network_may_scrape_by_default() -> None:
    assert Client(REMOTE_ADDR="127.0.0.1").get(URL).status_code == 200


def test_a_client_outside_the_networks_gets_a_404_like_any_unknown_address(settings) -> None:
    settings.METRICS_TOKEN = TOKEN
    response = Client(REMOTE_ADDR="192.0.2.7").get(URL)
    assert response.status_code == 404
    assert b"oranje_" not in response.content
    assert Client(REMOTE_ADDR="192.0.2.7").get("/bestaat-niet/").status_code == 404


def test_the_bearer_token_opens_it_from_any_address(settings) -> None:
    settings.METRICS_TOKEN = TOKEN
    client = Client(REMOTE_ADDR="192.0.2.7")
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}x").status_code == 404
    assert client.get(URL, HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 404


def test_without_a_token_set_no_token_opens_it(settings) -> None:
    settings.METRICS_TOKEN = ""
    client = Client(REMOTE_ADDR="192.0.2.7")
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_a_configured_network_opens_it_for_its_addresses_only(settings) -> None:
    settings.METRICS_NETWORKS = ["10.20.0.0/16", "2001:db8::/32"]
    assert Client(REMOTE_ADDR="10.20.3.4").get(URL).status_code == 200
    assert Client(REMOTE_ADDR="2001:db8::9").get(URL).status_code == 200
    assert Client(REMOTE_ADDR="::ffff:10.20.3.4").get(URL).status_code == 200
    assert Client(REMOTE_ADDR="10.21.0.1").get(URL).status_code == 404
    assert Client(REMOTE_ADDR="127.0.0.1").get(URL).status_code == 404


def test_behind_a_proxy_on_this_machine_the_forwarded_client_counts_not_the_proxy(
    settings,
) -> None:
    # nginx on the same machine connects from 127.0.0.1; the outside client is what it appended.
    settings.BEHIND_PROXY = True
    proxied = Client(REMOTE_ADDR="127.0.0.1")
    assert proxied.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    assert proxied.get(URL, HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.9").status_code == 404
    assert proxied.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.9, 127.0.0.1").status_code == 200
    assert proxied.get(URL).status_code == 200  # Prometheus on this machine, not proxied
    settings.BEHIND_PROXY = False
    assert proxied.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200


def test_a_forwarded_address_from_anyone_but_the_local_proxy_is_not_believed(settings) -> None:
    # A client reaching gunicorn from elsewhere cannot claim to be 127.0.0.1.
    settings.BEHIND_PROXY = True
    settings.METRICS_NETWORKS = ["127.0.0.1/32", "10.20.0.0/16"]
    outsider = Client(REMOTE_ADDR="203.0.113.9")
    assert outsider.get(URL, HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 404
    assert outsider.get(URL, HTTP_X_FORWARDED_FOR="8.8.8.8, 10.20.0.5").status_code == 404
    balancer = Client(REMOTE_ADDR="10.20.0.2")  # judged by its own address, not the header
    assert balancer.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200


def test_an_empty_network_list_leaves_the_token_only(settings) -> None:
    settings.METRICS_NETWORKS = []
    settings.METRICS_TOKEN = TOKEN
    client = Client(REMOTE_ADDR="127.0.0.1")
    assert client.get(URL).status_code == 404
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_a_malformed_network_is_refused_with_what_to_write(settings) -> None:
    settings.METRICS_NETWORKS = ["10.0.0.0/8", "kantoor"]
    with pytest.raises(ImproperlyConfigured, match="'kantoor' is geen netwerk") as refused:
        metrics_networks()
    assert "is not a network" in str(refused.value)


def test_a_post_gets_the_404_of_an_unknown_address_not_a_csrf_refusal() -> None:
    client = Client(REMOTE_ADDR="127.0.0.1", enforce_csrf_checks=True)
    assert client.post(URL).status_code == 404
    assert client.post("/bestaat-niet/").status_code == 404


def test_no_session_and_no_cookie_are_made(world: World) -> None:
    response = Client(REMOTE_ADDR="127.0.0.1").get(URL)
    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_a_logged_in_user_outside_the_networks_still_gets_a_404(world: World) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.force_login(world.admin)
    assert client.get(URL).status_code == 404


# The text format and the request latency -----------------------------------------------------


def test_the_text_format_parses_and_holds_every_family() -> None:
    families = scrape()
    for name in [
        "oranje_http_request_duration_seconds",
        "oranje_tasks",
        "oranje_tasks_oldest_due_age_seconds",
        "oranje_workers_live",
        "oranje_deliveries",
        "oranje_deliveries_waiting",
        "oranje_escalations",
        "oranje_logins",
        "oranje_login_second_step",
        "oranje_login_lockouts",
        "oranje_login_failed_attempts",
        "oranje_metrics_database_read_seconds",
        "oranje_metrics_database_read_age_seconds",
    ]:
        assert name in families, name


def test_a_request_to_a_named_view_is_counted_under_its_name_not_its_path(world: World) -> None:
    before = value(
        scrape(),
        "oranje_http_request_duration_seconds",
        "oranje_http_request_duration_seconds_count",
        view="core:login",
        method="GET",
        status="2xx",
    )
    client = Client()
    assert client.get(reverse("core:login")).status_code == 200
    assert client.get("/bestaat/niet/Jansen/").status_code == 404
    assert client.generic("BREW", reverse("core:login")).status_code in (200, 405)
    families = scrape()
    name = "oranje_http_request_duration_seconds"
    count = f"{name}_count"
    login = value(families, name, count, view="core:login", method="GET", status="2xx")
    assert login == before + 1
    assert value(families, name, count, view="unmatched", method="GET", status="4xx") >= 1
    assert value(families, name, count, view="core:login", method="other") >= 1
    views = {s.labels["view"] for s in families[name]}
    assert not any("/" in view or "Jansen" in view for view in views)


def test_health_probes_are_counted_under_their_view_names(world: World) -> None:
    name = "oranje_http_request_duration_seconds"
    count = f"{name}_count"

    def probes(view: str) -> float:
        return sum(
            value(scrape(), name, count, view=view, method="GET", status=status)
            for status in ("2xx", "5xx")
        )

    before = probes("operations:health"), probes("operations:health_instance")
    Client().get("/gezond/")
    Client().get("/gezond/web/")
    assert probes("operations:health") == before[0] + 1
    assert probes("operations:health_instance") == before[1] + 1


# Figures from the database -------------------------------------------------------------------


def test_deliveries_are_counted_per_channel_sent_and_failed(
    on_call: OnCall, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with GatewayStub(status=500) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=False):
            incident = start_incident(on_call.world, exercise=True)
            scale(on_call.world, incident, 1)
        families = scrape()
        for channel in (Channel.EMAIL, Channel.SMS):
            assert (
                value(
                    families,
                    "oranje_deliveries_waiting",
                    source="alert",
                    channel=channel,
                    state="queued",
                )
                == 1
            )
        ids = list(Delivery.objects.values_list("pk", flat=True))
        for _try in range(3):  # the first try and two retries, then the SMS has failed
            with django_capture_on_commit_callbacks(execute=False):
                deliver.call(ids)
            Delivery.objects.filter(status=DeliveryStatus.PENDING).update(due_at=timezone.now())
    families = scrape()

    def done(channel: str, result: str) -> float:
        return value(
            families,
            "oranje_deliveries",
            "oranje_deliveries_total",
            source="alert",
            channel=channel,
            result=result,
        )

    assert (done("email", "sent"), done("app", "sent"), done("sms", "sent")) == (1, 1, 0)
    assert (done("sms", "failed"), done("email", "failed")) == (1, 0)
    assert value(families, "oranje_deliveries_waiting", source="alert", channel="sms") == 0


def test_mailings_are_counted_under_the_same_channel_names(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = start_incident(world, title="Brand Velsen-Noord")
    consenting(incident, 3)
    with django_capture_on_commit_callbacks(execute=False):
        mailing = mailing_create(
            message=published(incident), channel="mail", actor=adviser(world.region, "wv")
        )
    items = list(MailingItem.objects.filter(mailing=mailing).values_list("pk", flat=True))
    assert send_mailing_items.call(items[:2]) == 2
    families = scrape()
    assert (
        value(
            families,
            "oranje_deliveries",
            "oranje_deliveries_total",
            source="mailing",
            channel="email",
            result="sent",
        )
        == 2
    )
    waiting = MailingItem.objects.filter(status=ItemStatus.QUEUED).count()
    assert waiting == 1
    assert (
        value(
            families,
            "oranje_deliveries_waiting",
            source="mailing",
            channel="email",
            state="queued",
        )
        == waiting
    )


def test_escalations_are_counted_per_step(on_call: OnCall) -> None:
    world = on_call.world
    world.ovd_pool.members.set([world.officers[0], world.officers[1]])
    incident = start_incident(world)
    scale(world, incident, 1)
    call = FunctionCall.objects.get(incident=incident)
    due = call.next_escalation_at
    assert alerting.call_escalate(call_id=call.pk, due_at=due, now=due)
    families = scrape()
    name, total = "oranje_escalations", "oranje_escalations_total"
    assert value(families, name, total, to_step="hard") == 1  # the call's first round
    assert value(families, name, total, to_step="soft") == 1
    assert value(families, name, total, to_step="coordinator") == 0


def test_the_task_queue_shows_its_depth_and_the_age_of_the_oldest_due_task() -> None:
    DBTaskResult.objects.all().delete()
    nothing.enqueue()
    nothing.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=3))
    families = scrape()
    assert value(families, "oranje_tasks", queue="default", status="READY") == 2
    assert 170 < value(families, "oranje_tasks_oldest_due_age_seconds") < 600
    assert value(families, "oranje_workers_live") == 0


def test_logins_failures_and_a_lockout_are_counted(world: World, settings) -> None:
    families = scrape()
    logins = value(families, "oranje_logins", "oranje_logins_total")
    lockouts = value(families, "oranje_login_lockouts", "oranje_login_lockouts_total")
    login = reverse("core:login")
    ok = Client().post(login, {"username": world.viewer.username, "password": PASSWORD})
    assert ok.status_code == 302
    assert AccessLog.objects.count() == logins + 1
    wrong = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        response = wrong.post(login, {"username": world.coordinator.username, "password": "x"})
    assert response.status_code == 429
    families = scrape()
    assert value(families, "oranje_logins", "oranje_logins_total") == logins + 1
    assert value(families, "oranje_login_lockouts", "oranje_login_lockouts_total") == lockouts + 1
    failed = value(families, "oranje_login_failed_attempts")
    assert failed >= settings.LOGIN_FAILURES_PER_ACCOUNT


def test_no_label_carries_a_name_an_address_or_a_number(
    on_call: OnCall, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    world = on_call.world
    with django_capture_on_commit_callbacks(execute=False):
        incident = start_incident(world, exercise=True)
        scale(world, incident, 1)
    Client().post(reverse("core:login"), {"username": world.viewer.username, "password": "x"})
    body = Client().get(URL).content.decode()
    people = [*world.officers, world.viewer, world.coordinator]
    secrets = {
        str(getattr(person, field))
        for person in people
        for field in ("username", "email", "phone", "first_name", "last_name", "name", "surname")
        if getattr(person, field, "")
    }
    assert secrets
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            for label in sample.labels.values():
                assert not any(secret in label for secret in secrets), label
                assert "@" not in label


def test_a_slow_reading_is_renewed_off_the_scrape_which_answers_with_the_last_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readings: list[int] = []

    def slow_database() -> list[GaugeMetricFamily]:
        readings.append(1)
        if len(readings) > 1:
            time.sleep(0.5)
        return [GaugeMetricFamily("oranje_reading", "Which reading.", value=len(readings))]

    monkeypatch.setattr(metrics_database, "read_database", slow_database)
    monkeypatch.setattr(metrics_database, "CACHE_SECONDS", 0.0)
    collector = DatabaseCollector()

    def reading() -> float:
        [family, age] = collector.collect()
        assert age.name == "oranje_metrics_database_read_age_seconds"
        return family.samples[0].value

    assert reading() == 1  # a process's first scrape waits for its reading
    started = time.perf_counter()
    assert reading() == 1  # the second reading is slow: the first is answered
    assert time.perf_counter() - started < 0.4
    assert collector._reading is not None
    collector._reading.join()
    assert reading() == 2
