"""A survey's invitations: the municipality's address list imported (all or nothing: every
bad row reported with its line and field), the letters made (each chosen, unused invitation
gets a NEW personal code; only its hash is kept, the code exists on the letter alone), and
reading the address list (audited: addresses are personal data)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.tabular import ImportReport, RowError, read_table
from oranje.core.text import neutralise_bidi
from oranje.core.validation import parse_house, parse_postcode
from oranje.learning import access, codes
from oranje.learning.constants import ADDRESS_MAX, SurveyStatus
from oranje.learning.models import Invitation, Survey

#: The header names accepted for each column (lower case), the first one the one we name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "street": (
        "straat en huisnummer",
        "straat",
        "adres",
        "straatnaam",
        "openbare ruimte",
        "street",
        "address",
    ),
    "number": ("huisnummer", "nummer", "huisnr", "number", "house number"),
    "addition": ("toevoeging", "huisletter", "huisnummertoevoeging", "addition"),
    "postcode": ("postcode", "pc", "postal code", "zip"),
    "place": ("plaats", "woonplaats", "place", "city"),
}
REQUIRED = ("street", "postcode", "place")

#: Which invitations get a letter: those without one yet, or every one still unused.
LETTERS_NEW = "new"
LETTERS_UNUSED = "unused"


def _require(actor: User, survey: Survey) -> None:
    if not access.can_run_surveys(actor, survey.region_id):
        raise PermissionDenied


def _placeholder() -> str:
    """The code hash of an invitation without a letter: never the hash of a real code (an
    HMAC is 64 hex digits; this has a dash), so nobody can answer with it."""
    return "none-" + secrets.token_hex(24)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return neutralise_bidi(" ".join(str(value).split()))


def _row(line: int, raw: dict[str, object], errors: list[RowError]) -> tuple[str, str, str] | None:
    street, number, addition = (
        _cell(raw.get("street")),
        _cell(raw.get("number")),
        _cell(raw.get("addition")),
    )
    postcode_raw, place = _cell(raw.get("postcode")), _cell(raw.get("place"))
    ok = True
    if number:
        try:
            house, extra = parse_house(f"{number}{addition}")
        except ValidationError as exc:
            errors.append(RowError(line, _("house number"), exc.messages[0]))
            ok = False
        else:
            street = f"{street} {house}{extra}".strip()
    if not street:
        errors.append(RowError(line, _("street and number"), _("street and number: missing.")))
        ok = False
    elif not any(ch.isdigit() for ch in street):
        errors.append(
            RowError(line, _("street and number"), _("street and number: the number is missing."))
        )
        ok = False
    elif len(street) > ADDRESS_MAX:
        errors.append(
            RowError(
                line,
                _("street and number"),
                _("street and number: at most %(max)s characters.") % {"max": ADDRESS_MAX},
            )
        )
        ok = False
    postcode = ""
    if not postcode_raw:
        errors.append(RowError(line, _("postcode"), _("postcode: missing.")))
        ok = False
    else:
        try:
            postcode = parse_postcode(postcode_raw)
        except ValidationError as exc:
            errors.append(RowError(line, _("postcode"), exc.messages[0]))
            ok = False
    if not place:
        errors.append(RowError(line, _("place"), _("place: missing.")))
        ok = False
    elif len(place) > ADDRESS_MAX:
        errors.append(
            RowError(
                line, _("place"), _("place: at most %(max)s characters.") % {"max": ADDRESS_MAX}
            )
        )
        ok = False
    return (street, postcode, place) if ok else None


def addresses_import(
    *, actor: User, survey: Survey, stream: IO[bytes], filename: str
) -> ImportReport:
    """The municipality's address list (CSV or .xlsx: street and number, postcode, place) as
    invitations without a letter yet. All or nothing: a file with a bad row keeps nothing and
    reports every bad row; an address already invited is skipped."""
    _require(actor, survey)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(
            {"file": [_("file: the survey is closed; it takes no more addresses.")]}
        )
    report = ImportReport()
    try:
        rows = read_table(stream, filename, columns=COLUMNS, required=REQUIRED)
    except ValidationError as exc:
        report.errors.append(RowError(1, _("file"), " ".join(exc.messages)))
        return report
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status == SurveyStatus.CLOSED:  # closed since the page read it
            raise ValidationError(
                {"file": [_("file: the survey is closed; it takes no more addresses.")]}
            )
        known = {
            (street.lower(), postcode)
            for street, postcode in Invitation.objects.filter(survey=locked).values_list(
                "street", "postcode"
            )
        }
        new: list[Invitation] = []
        for line, raw in rows:
            found = _row(line, raw, report.errors)
            if found is None:
                continue
            street, postcode, place = found
            key = (street.lower(), postcode)
            if key in known:
                report.skipped += 1
                continue
            known.add(key)
            new.append(
                Invitation(
                    survey=locked,
                    code_hash=_placeholder(),
                    street=street,
                    postcode=postcode,
                    place=place,
                    postcode_area=postcode[:4],
                )
            )
        if report.errors:
            return report
        Invitation.objects.bulk_create(new, batch_size=1000)
        report.created = len(new)
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_ADDRESSES_IMPORT,
            obj=locked,
            region=locked.region,
            changes={"created": report.created, "skipped": report.skipped},
            note=filename[:200],
        )
    return report


def letters_make(
    *, actor: User, survey: Survey, which: str = LETTERS_NEW
) -> tuple[list[tuple[Invitation, str]], int]:
    """New personal codes for the chosen unused invitations (those without a letter, or all
    still unused); returns [(invitation, code)] for the letters, in address order, and how
    many there are. The codes leave this function only on the letters."""
    _require(actor, survey)
    if which not in (LETTERS_NEW, LETTERS_UNUSED):
        raise ValidationError({"which": [_("letters: choose which addresses get a letter.")]})
    with transaction.atomic():
        locked = Survey.objects.select_for_update().select_related("region").get(pk=survey.pk)
        if locked.status == SurveyStatus.CLOSED:
            raise ValidationError(
                {"which": [_("letters: the survey is closed; no more letters can be made.")]}
            )
        chosen = Invitation.objects.filter(survey=locked, used_at__isnull=True).exclude(street="")
        if which == LETTERS_NEW:
            chosen = chosen.filter(letter_made_at__isnull=True)
        invitations = list(chosen.select_for_update().order_by("postcode", "street", "pk"))
        if not invitations:
            raise ValidationError(
                {"which": [_("letters: there are no addresses without a letter.")]}
            )
        taken = set(
            Invitation.objects.filter(survey=locked)
            .exclude(pk__in=[i.pk for i in invitations])
            .values_list("code_hash", flat=True)
        )
        now = timezone.now()
        pairs: list[tuple[Invitation, str]] = []
        for invitation in invitations:
            while True:
                code = codes.new_code()
                digest = codes.code_hash(code)
                if digest not in taken:
                    break
            taken.add(digest)
            invitation.code_hash = digest
            invitation.letter_made_at = now
            pairs.append((invitation, code))
        Invitation.objects.bulk_update(invitations, ["code_hash", "letter_made_at"], batch_size=500)
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_LETTERS,
            obj=locked,
            region=locked.region,
            changes={"letters": len(pairs), "which": which},
        )
    return pairs, len(pairs)


def addresses_read(*, actor: User, survey: Survey, shown: Iterable[Invitation]) -> None:
    """Record that the user read (a page of) the survey's address list."""
    _require(actor, survey)
    count = len(list(shown))
    if not count:
        return
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_ADDRESSES_READ,
            obj=survey,
            region=survey.region,
            changes={"addresses": count},
        )
