"""ALARM_ANSWERED and ALARM_IN_TIME, from the readiness room's alarm tests started in the
quarter: a message counts as answered once the person responded; as in time when they
answered that they are coming, with an arrival time within the norm the test carried (only
messages with a norm count for that). By the person's municipality and the function the
message was for. Drill-down: who did not answer, who could not come in time."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from oranje.core.models import Region
from oranje.quality.constants import Indicator
from oranje.quality.indicators.common import (
    Records,
    Row,
    Tally,
    moment,
    quarter_at,
    quarters,
    span,
    started,
)
from oranje.quality.indicators.names import function_names
from oranje.quality.periods import Period
from oranje.readiness.constants import AlarmAnswer
from oranje.readiness.models import AlarmRecipient

INDICATORS = (Indicator.ALARM_ANSWERED, Indicator.ALARM_IN_TIME)


def _in_time(answer: str, eta: int | None, norm: int | None) -> bool:
    return answer == AlarmAnswer.COMING and eta is not None and norm is not None and eta <= norm


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    wanted = [q for q in quarters(periods) if started(q)]
    if not wanted:
        return []
    keys = {(q.year, q.quarter) for q in wanted}
    start, end = span(wanted)
    tally = Tally()
    for (
        region_id,
        at,
        municipality_id,
        function_id,
        responded,
        answer,
        eta,
        norm,
    ) in AlarmRecipient.objects.filter(
        test__region__in=list(regions), test__started_at__gte=start, test__started_at__lt=end
    ).values_list(
        "test__region_id",
        "test__started_at",
        "person__municipality_id",
        "function_id",
        "responded_at",
        "answer",
        "eta_minutes",
        "norm_minutes",
    ):
        year, quarter = quarter_at(at)
        if (year, quarter) not in keys:
            continue
        base = (region_id, municipality_id)
        tally.count(
            (*base, Indicator.ALARM_ANSWERED, function_id, year, quarter),
            responded is not None,
        )
        if norm is not None:
            tally.count(
                (*base, Indicator.ALARM_IN_TIME, function_id, year, quarter),
                _in_time(answer, eta, norm),
            )
    return tally.rows()


def compute(regions: Iterable[Region], period: Period) -> list[Row]:
    return compute_all(regions, [period])


def records(
    region: Region,
    municipality_id: int | None,
    period: Period,
    function_id: int | None,
    *,
    indicator: str = Indicator.ALARM_ANSWERED,
) -> Records:
    answered = indicator == Indicator.ALARM_ANSWERED
    if answered:
        table = Records(
            caption=_("Alarm-test messages not answered"),
            columns=[_("Name"), _("Function"), _("Alarm test"), _("Sent")],
            explanation=_(
                "Every message of an alarm test started in the period that got no answer."
            ),
        )
    else:
        table = Records(
            caption=_("Alarm-test answers not within the norm"),
            columns=[
                _("Name"),
                _("Function"),
                _("Alarm test"),
                _("Answer"),
                _("There in (minutes)"),
                _("Norm (minutes)"),
            ],
            explanation=_(
                "Every message with an arrival norm of an alarm test started in the period "
                'whose answer was not "coming" within the norm.'
            ),
        )
    recipients = AlarmRecipient.objects.filter(
        test__region=region,
        test__started_at__gte=period.starts_at,
        test__started_at__lt=period.ends_at,
    ).select_related("person", "test")
    if municipality_id is None:
        recipients = recipients.filter(person__municipality__isnull=True)
    else:
        recipients = recipients.filter(person__municipality_id=municipality_id)
    if function_id is not None:
        recipients = recipients.filter(function_id=function_id)
    names = function_names(region)
    for r in recipients.order_by("test__started_at", "person__surname", "pk"):
        if answered:
            if r.responded_at is not None:
                continue
            sent = r.delivery_error or moment(r.sent_at)
            row = [
                r.person.full_name,
                names.get(r.function_id, ""),
                moment(r.test.started_at),
                sent,
            ]
        else:
            if r.norm_minutes is None or _in_time(r.answer, r.eta_minutes, r.norm_minutes):
                continue
            row = [
                r.person.full_name,
                names.get(r.function_id, ""),
                moment(r.test.started_at),
                r.get_answer_display() if r.answer else _("no answer"),
                "—" if r.eta_minutes is None else str(r.eta_minutes),
                str(r.norm_minutes),
            ]
        table.rows.append(row)
        table.people.add(r.person_id)
    return table
