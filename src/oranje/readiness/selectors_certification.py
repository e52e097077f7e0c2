"""Reads of certification: the accreditations as facts for the evaluation, which codes a
region's profiles want from an accredited provider, and the passport's view of a person's
courses and exams (provider, accredited or not, certificate)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from oranje.readiness.constants import RESULT_KINDS
from oranje.readiness.evaluation import AccreditationFact, Accreditations, accredited_on
from oranje.readiness.models import Accreditation, Activity, Provider
from oranje.readiness.selectors import current_requirements


def accreditation_table(provider_ids: Iterable[int] | None = None) -> Accreditations:
    """Per provider id: its accreditations (of active and deactivated providers alike: a
    course given while the provider was accredited keeps counting)."""
    qs = Accreditation.objects.all()
    if provider_ids is not None:
        qs = qs.filter(provider_id__in=list(provider_ids))
    table: dict[int, list[AccreditationFact]] = defaultdict(list)
    for provider_id, code, valid_from, valid_until in qs.values_list(
        "provider_id", "code", "valid_from", "valid_until"
    ):
        table[provider_id].append(AccreditationFact(provider_id, code, valid_from, valid_until))
    return dict(table)


def accredited_codes(region_id: int | None) -> set[str]:
    """The course and exam codes for which the national profiles, or this region's own,
    count only a result from an accredited provider."""
    codes: set[str] = set()
    for (_function_id, profile_region), requirements in current_requirements().items():
        if profile_region is not None and profile_region != region_id:
            continue
        codes.update(r.code.upper() for r in requirements if r.requires_accredited)
    return codes


@dataclass(frozen=True)
class CertificateLine:
    """What the passport says about one course, exam or practical test."""

    activity: Activity
    #: None: no provider recorded (or not a course or exam)
    accredited: bool | None
    #: True when a profile asks for an accredited provider for this code and this record
    #: therefore does not count
    does_not_count: bool
    expired: bool


def certificate_lines(
    activities: Iterable[Activity], region_id: int, today: dt.date
) -> dict[int, CertificateLine]:
    """Per activity id (courses, exams and practical tests only): provider, whether it was
    accredited for the code on the date, whether it counts, whether the certificate expired."""
    results = [a for a in activities if a.kind in RESULT_KINDS]
    table = accreditation_table({a.provider_id for a in results if a.provider_id})
    wanted = accredited_codes(region_id) if results else set()
    lines = {}
    for a in results:
        accredited = (
            accredited_on(table, a.provider_id, a.code, a.completed_on) if a.provider_id else None
        )
        lines[a.pk] = CertificateLine(
            a,
            accredited,
            a.code.upper() in wanted and not accredited,
            a.certificate_expires_on is not None and a.certificate_expires_on < today,
        )
    return lines


def activity_rows(
    activities: list[Activity], region_id: int, today: dt.date
) -> list[tuple[Activity, CertificateLine | None]]:
    """The passport's activity table: each record with its certificate line (courses, exams
    and practical tests) or None."""
    lines = certificate_lines(activities, region_id, today)
    return [(a, lines.get(a.pk)) for a in activities]


def providers_with_accreditations(*, active: bool | None = None) -> list[Provider]:
    """The national list of providers, each with its accreditations prefetched."""
    qs = Provider.objects.prefetch_related("accreditations")
    if active is not None:
        qs = qs.filter(active=active)
    return list(qs.order_by("name"))


def people_with_results_of(provider: Provider) -> list[int]:
    """The people who have a course or exam from this provider (to recompute after its
    accreditations change)."""
    return sorted(
        set(Activity.objects.filter(provider=provider).values_list("person_id", flat=True))
    )
