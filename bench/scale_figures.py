"""The figures of the scale-out benchmark, read from the database after the run and set
against what the users were told (acknowledged) and what the outside world received."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any

from bench.common import report
from bench.scale_fleet import MailTally, sms_tally
from bench.scale_users import Traffic
from bench.targets import check_that, missed


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of all at or below it."""
    values = sorted(values)
    return values[max(0, math.ceil(len(values) * fraction) - 1)]


def figures(traffic: Traffic, mail: MailTally, gateway: Any, incidents: list[int]) -> bool:
    """Print every figure; True when every target is met (each is checked in bench.targets)."""

    def target(name: str, value: str, wanted: str, met: bool) -> None:
        check_that(name, value, met, wanted)

    _latencies(traffic)
    _lost(traffic, incidents, target)
    _deliveries(mail, gateway, incidents, target)
    _numbers(incidents, target)
    target(
        "server errors (5xx) seen by users",
        str(len(traffic.server_errors)),
        "0",
        not traffic.server_errors,
    )
    report("requests no instance answered (after retries)", str(len(traffic.unanswered)))
    report("writes refused (4xx)", str(len(traffic.refused)))
    for line in (traffic.server_errors + traffic.refused)[:3]:
        print(f"    e.g. {line}")
    return not missed()


def _latencies(traffic: Traffic) -> None:
    for kind, values in sorted(traffic.latencies.items()):
        p50 = statistics.median(values) * 1000
        p95 = _percentile(values, 0.95) * 1000
        moved = traffic.failovers.get(kind, 0)
        extra = f", {moved} retried on the other instance" if moved else ""
        report(f"{kind}: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms  ({len(values)}{extra})")


def _lost(traffic: Traffic, incidents: list[int], target) -> None:  # type: ignore[no-untyped-def]
    """Every acknowledged write in the database, and no log line written twice."""
    from oranje.alerting.models import Alert
    from oranje.incidents.models import LogEntry, ScalingStep

    written = Counter(
        LogEntry.objects.filter(incident_id__in=incidents, text__startswith="proef ").values_list(
            "incident_id", "text"
        )
    )
    lines_lost = sum(
        1 for incident, _key, text in traffic.acked_lines if (incident, text) not in written
    )
    twice = sum(n - 1 for n in written.values() if n > 1)
    answers = dict(
        Alert.objects.filter(pk__in=[a for a, _ in traffic.acked_answers]).values_list(
            "pk", "answer"
        )
    )
    answers_lost = sum(1 for alert, answer in traffic.acked_answers if answers.get(alert) != answer)
    scalings_lost = sum(
        1
        for incident, reason in traffic.acked_scalings
        if not ScalingStep.objects.filter(incident_id=incident, reason=reason).exists()
    )
    lost = lines_lost + answers_lost + scalings_lost
    acked = len(traffic.acked_lines) + len(traffic.acked_answers) + len(traffic.acked_scalings)
    target(
        "acknowledged writes lost",
        f"{lost} of {acked}  (log lines {lines_lost} of {len(traffic.acked_lines)}, answers"
        f" {answers_lost} of {len(traffic.acked_answers)}, scalings {scalings_lost} of"
        f" {len(traffic.acked_scalings)})",
        "0",
        lost == 0 and len(traffic.acked_lines) > 0 and len(traffic.acked_answers) > 0,
    )
    target("log lines written twice (retried after a kill)", str(twice), "0", twice == 0)
    report("API log lines answered 'already written' (200)", str(traffic.replayed))
    recorded = ScalingStep.objects.filter(
        incident_id__in=incidents, reason__startswith="schaalproef"
    ).count()
    target(
        "scalings recorded / made",
        f"{recorded} / {len(traffic.scalings)}",
        "equal",
        recorded == len(traffic.scalings),
    )


def _deliveries(mail: MailTally, gateway: Any, incidents: list[int], target) -> None:  # type: ignore[no-untyped-def]
    """Messages the outside world got against the alerts made; deliveries recorded once."""
    from django.db.models import Count

    from oranje.alerting.constants import Channel, DeliveryStatus
    from oranje.alerting.models import Alert, Delivery
    from oranje.core.validation import is_mobile

    alerts = list(
        Alert.objects.filter(call__incident_id__in=incidents).values_list(
            "pk", "person__email", "person__phone"
        )
    )
    expected = {
        Channel.EMAIL: {pk for pk, address, _phone in alerts if address},
        Channel.SMS: {pk for pk, _address, phone in alerts if phone and is_mobile(phone)},
    }
    sinks = {Channel.EMAIL: mail, Channel.SMS: sms_tally(gateway)}
    for channel, wanted in expected.items():
        sink = sinks[channel]
        arrived = sum(1 for pk in wanted if sink.distinct[pk] > 0)
        again = sum(n - 1 for n in sink.received.values() if n > 1)
        twice = sum(n - 1 for n in sink.distinct.values() if n > 1)
        how = (
            f"{again} resent, {sink.dropped} of them dropped by the gateway by Idempotency-Key"
            if channel == Channel.SMS
            else f"{again} resent, {again - twice} of them with the first one's Message-ID"
        )
        target(
            f"{channel.label} sent / expected",
            f"{arrived} / {len(wanted)}  ({how}; {sink.unreadable} unreadable)",
            "equal",
            arrived == len(wanted) and not (set(sink.received) - wanted),
        )
        target(f"{channel.label} received twice as a new message", str(twice), "0", twice == 0)
    deliveries = Delivery.objects.filter(
        alert__call__incident_id__in=incidents, channel__in=[Channel.EMAIL, Channel.SMS]
    )
    states = Counter(deliveries.values_list("status", flat=True))
    total = sum(len(v) for v in expected.values())
    target(
        "deliveries recorded sent / expected",
        f"{states.get(DeliveryStatus.SENT, 0)} / {total}  ("
        + ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
        + ")",
        "equal",
        states.get(DeliveryStatus.SENT, 0) == total,
    )
    doubled = (
        Delivery.objects.filter(alert__call__incident_id__in=incidents)
        .values("alert_id", "channel")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    alerted_twice = (
        Alert.objects.filter(call__incident_id__in=incidents)
        .values("call_id", "person_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    target(
        "recorded twice (deliveries / alerts)",
        f"{doubled} / {alerted_twice}",
        "0",
        doubled == 0 and alerted_twice == 0,
    )
    report("people alerted", str(len(alerts)))


def _numbers(incidents: list[int], target) -> None:  # type: ignore[no-untyped-def]
    from oranje.incidents.models import LogEntry

    parts = []
    gapless = True
    for incident in incidents:
        numbers = list(
            LogEntry.objects.filter(incident_id=incident)
            .order_by("number")
            .values_list("number", flat=True)
        )
        ok = numbers == list(range(1, len(numbers) + 1))
        gapless &= ok
        parts.append(f"{len(numbers)} lines {'gapless' if ok else 'WITH GAPS'}")
    target("logbook numbers per incident", "; ".join(parts), "gapless", gapless)
