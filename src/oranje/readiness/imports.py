"""Import of activity records (courses, exercises, exams, deployments) from CSV or .xlsx.

All rows or none; every bad row reported. Idempotent by external id: a row whose id is
already known is skipped, so importing the same export twice changes nothing.

Columns (Dutch or English headers): kenmerk/external_id, email, soort/kind (cursus, oefening,
examen, proeve, inzet), code, titel, datum, uren, resultaat (voldaan / niet voldaan / a score
1–10), functie, oefentype; for courses and exams optionally aanbieder/provider (the name on
the national list), certificaatnummer/certificate_number and certificaat_geldig_tot/
certificate_expires_on (the certificate's own expiry).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core import access as core_access
from oranje.core import tabular
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.tabular import ImportReport, RowError
from oranje.core.validation import parse_day
from oranje.organisation.access import can_manage_person
from oranje.organisation.models import Function, Person
from oranje.readiness import errors
from oranje.readiness.constants import ActivityKind, ExerciseType
from oranje.readiness.models import Activity, Provider
from oranje.readiness.selectors_certification import accredited_codes
from oranje.readiness.services import activity_problems, readiness_recompute
from oranje.readiness.services.certification import UNKNOWN_PROVIDER, certificate_problems

CERTIFICATE_NUMBER_MAX = 60
CERTIFICATE_NUMBER_TOO_LONG = _(
    "Certificate number: at most 60 characters; give the number as on the certificate."
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("kenmerk", "external_id", "extern_id", "id"),
    "email": ("email", "e-mail", "persoon", "person"),
    "kind": ("soort", "kind"),
    "code": ("code",),
    "title": ("titel", "omschrijving", "title"),
    "completed_on": ("datum", "date"),
    "hours": ("uren", "hours"),
    "result": ("resultaat", "result"),
    "function": ("functie", "function"),
    "exercise_type": ("oefentype", "exercise_type"),
    "provider": ("aanbieder", "opleider", "provider"),
    "certificate_number": ("certificaatnummer", "certificaat", "certificate_number"),
    "certificate_expires_on": (
        "certificaat_geldig_tot",
        "certificaat geldig tot",
        "geldig_tot",
        "certificate_expires_on",
    ),
}
REQUIRED = ("email", "kind", "completed_on")
KINDS = {
    "cursus": ActivityKind.COURSE,
    "course": ActivityKind.COURSE,
    "oefening": ActivityKind.EXERCISE,
    "exercise": ActivityKind.EXERCISE,
    "examen": ActivityKind.EXAM,
    "exam": ActivityKind.EXAM,
    "proeve": ActivityKind.PRACTICAL_TEST,
    "proeve van bekwaamheid": ActivityKind.PRACTICAL_TEST,
    "practical_test": ActivityKind.PRACTICAL_TEST,
    "inzet": ActivityKind.DEPLOYMENT,
    "deployment": ActivityKind.DEPLOYMENT,
}
PASSED = {"voldaan", "geslaagd", "passed", "ja", "yes"}
FAILED = {"niet voldaan", "onvoldaan", "gezakt", "failed", "nee", "no"}
EXERCISE_TYPES = {
    "tabletop": ExerciseType.TABLETOP,
    "table-top": ExerciseType.TABLETOP,
    "praktijk": ExerciseType.PRACTICAL,
    "practical": ExerciseType.PRACTICAL,
    "systeem": ExerciseType.SYSTEM,
    "system": ExerciseType.SYSTEM,
    "alarmering": ExerciseType.ALARM,
    "alarm": ExerciseType.ALARM,
}
PASS_MARK = Decimal("5.5")
FIELD_LABELS = {
    "external_id": "kenmerk",
    "email": "email",
    "kind": "soort",
    "code": "code",
    "title": "titel",
    "completed_on": "datum",
    "hours": "uren",
    "result": "resultaat",
    "score": "resultaat",
    "passed": "resultaat",
    "function": "functie",
    "exercise_type": "oefentype",
    "provider": "aanbieder",
    "certificate_number": "certificaatnummer",
    "certificate_expires_on": "certificaat_geldig_tot",
}


def read_table(stream: IO[bytes], filename: str) -> list[tuple[int, dict[str, object]]]:
    return tabular.read_table(stream, filename, columns=COLUMNS, required=REQUIRED)


def _result(raw: object) -> tuple[bool | None, Decimal | None]:
    text = str(raw if raw is not None else "").strip().lower()
    if not text:
        return None, None
    if text in PASSED:
        return True, None
    if text in FAILED:
        return False, None
    try:
        score = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValidationError(str(errors.BAD_RESULT % {"value": raw})) from None
    return score >= PASS_MARK, score


def activity_import(
    *, actor: User, region: Region, rows: list[tuple[int, dict[str, object]]], filename: str = ""
) -> ImportReport:
    """Validate every row; create all new activities or none; skip known external ids."""
    core_access.require(core_access.can_manage_anything(actor, region.pk))
    report = ImportReport()

    def bad(line: int, name: str, message: str) -> None:
        report.errors.append(RowError(line, FIELD_LABELS.get(name, name), message))

    people = {p.email: p for p in Person.objects.filter(region=region).select_related("region")}
    functions = {f.code.upper(): f for f in Function.objects.all()}
    providers = {" ".join(p.name.split()).lower(): p for p in Provider.objects.all()}
    required_codes = accredited_codes(region.pk)
    today = timezone.localdate()
    manageable: dict[int, bool] = {}
    ids_in_file: dict[str, int] = {}
    parsed: list[tuple[int, Activity]] = []
    for line, values in rows:
        row_ok = True
        email = str(values.get("email") or "").strip().lower()
        person = people.get(email)
        if person is None:
            bad(line, "email", str(errors.UNKNOWN_PERSON % {"value": email}))
            row_ok = False
        elif person.pk not in manageable:
            manageable[person.pk] = can_manage_person(actor, person)
        if person is not None and not manageable[person.pk]:
            bad(line, "email", str(errors.UNKNOWN_PERSON % {"value": email}))
            row_ok = False
        kind_text = str(values.get("kind") or "").strip().lower()
        kind = KINDS.get(kind_text, kind_text)
        try:
            completed_on = parse_day(values.get("completed_on"))
        except ValidationError as exc:
            bad(line, "completed_on", exc.messages[0])
            completed_on, row_ok = today, False
        hours_raw = str(values.get("hours") if values.get("hours") is not None else "").strip()
        try:
            hours = Decimal(hours_raw.replace(",", ".")) if hours_raw else Decimal(0)
        except InvalidOperation:
            bad(line, "hours", str(errors.BAD_NUMBER % {"value": hours_raw}))
            hours, row_ok = Decimal(0), False
        try:
            passed, score = _result(values.get("result"))
        except ValidationError as exc:
            bad(line, "result", exc.messages[0])
            passed, score, row_ok = None, None, False
        function = None
        code_text = str(values.get("function") or "").strip().upper()
        if code_text:
            function = functions.get(code_text)
            if function is None:
                bad(line, "function", str(errors.UNKNOWN_FUNCTION % {"value": code_text}))
                row_ok = False
        code = str(values.get("code") or "").strip().upper()
        problems = activity_problems(
            kind=kind,
            code=code,
            completed_on=completed_on,
            hours=hours,
            passed=passed,
            score=score,
            today=today,
        )
        provider_text = " ".join(str(values.get("provider") or "").split())
        provider = providers.get(provider_text.lower()) if provider_text else None
        if provider_text and provider is None:
            bad(line, "provider", str(UNKNOWN_PROVIDER % {"value": provider_text[:150]}))
            row_ok = False
        certificate_number = str(values.get("certificate_number") or "").strip()
        if len(certificate_number) > CERTIFICATE_NUMBER_MAX:
            bad(line, "certificate_number", str(CERTIFICATE_NUMBER_TOO_LONG))
            row_ok = False
        certificate_expires_on = None
        if str(values.get("certificate_expires_on") or "").strip():
            try:
                certificate_expires_on = parse_day(values.get("certificate_expires_on"))
            except ValidationError as exc:
                bad(line, "certificate_expires_on", exc.messages[0])
                row_ok = False
        if kind in ActivityKind.values:
            for name, messages in certificate_problems(
                kind=kind,
                code=code,
                completed_on=completed_on,
                provider=provider if provider_text else None,
                certificate_number=certificate_number,
                certificate_expires_on=certificate_expires_on,
                required_codes=required_codes,
            ).items():
                if name == "provider" and provider_text and provider is None:
                    continue
                problems.setdefault(name, []).extend(messages)
        for name, messages in problems.items():
            for message in messages:
                bad(line, name, message)
        external_id = str(values.get("external_id") or "").strip()
        if external_id:
            if external_id in ids_in_file:
                bad(
                    line,
                    "external_id",
                    str(
                        errors.DUPLICATE_EXTERNAL_ID
                        % {"value": external_id, "line": ids_in_file[external_id]}
                    ),
                )
                row_ok = False
            ids_in_file.setdefault(external_id, line)
        if not row_ok or problems:
            continue
        assert person is not None
        exercise_type = EXERCISE_TYPES.get(
            str(values.get("exercise_type") or "").strip().lower(), ""
        )
        title = str(values.get("title") or "").strip() or code or str(ActivityKind(kind).label)
        parsed.append(
            (
                line,
                Activity(
                    person=person,
                    kind=kind,
                    code=code,
                    title=title[:200],
                    exercise_type=exercise_type,
                    function=function,
                    completed_on=completed_on,
                    hours=hours,
                    passed=passed,
                    score=score,
                    external_id=external_id,
                    provider=provider,
                    certificate_number=certificate_number,
                    certificate_expires_on=certificate_expires_on,
                    recorded_by=actor,
                ),
            )
        )
    if report.errors:
        report.errors.sort(key=lambda e: (e.line, e.field))
        return report
    known: set[str] = set()
    ids = list(ids_in_file)
    for start in range(0, len(ids), 500):
        # Stating the partial index's own condition (external id not empty) lets the
        # database use it; without it every chunk scans the whole activity table.
        known.update(
            Activity.objects.filter(external_id__in=ids[start : start + 500])
            .exclude(external_id="")
            .values_list("external_id", flat=True)
        )
    new = [
        activity
        for _line, activity in parsed
        if not activity.external_id or activity.external_id not in known
    ]
    report.skipped = len(parsed) - len(new)
    with transaction.atomic():
        Activity.objects.bulk_create(new, batch_size=2000)
        report.created = len(new)
        audit_record(
            actor=actor,
            action=AuditAction.ACTIVITY_IMPORT,
            object_type="activity",
            region=region,
            changes={"created": [0, report.created], "skipped": [0, report.skipped]},
            note=filename,
        )
        by_person: dict[int, int] = defaultdict(int)
        for activity in new:
            by_person[activity.person_id] += 1
        readiness_recompute(person_ids=sorted(by_person))
    return report
