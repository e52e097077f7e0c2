"""Damage reports (schademeldingen) of an incident: from the public form, the phone or the
desk, triaged and handled; several reports on one address are linked through `address_key`.

The reporter's name and contact details are personal data: only the registry and aftercare
roles see them (`access.py`); everyone else who sees the incident sees counts."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.validation import format_postcode
from oranje.damage.constants import (
    ADDITION_MAX,
    CITY_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    INTRO_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_MAX,
    Channel,
    DamageKind,
    EventKind,
    Insured,
    PhotoStatus,
    ReportStatus,
    Triage,
)
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


def address_key(postcode: str, house_number: int | None, addition: str) -> str:
    """The key that links reports on one address: '2011AB|12|A'; '' without a postcode."""
    code = (postcode or "").replace(" ", "").upper()
    if not code or house_number is None:
        return ""
    return f"{code}|{house_number}|{(addition or '').replace(' ', '').upper()}"


class PublicForm(models.Model):
    """Whether the public damage form of a (real) incident is open, as the municipality
    decided; an exercise's form exists only as a preview for logged-in users."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="damage_form")
    is_open = models.BooleanField(_("open to the public"), default=False)
    intro = models.TextField(
        _("introduction"),
        max_length=INTRO_MAX,
        blank=True,
        help_text=_("Shown above the form: what happened and what to report."),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("public damage form")

    def __str__(self) -> str:
        return f"schadeformulier {self.incident_id}"


class DamageReport(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="damage_reports")
    #: What the reporter is told and quotes on the phone: "S-7K3M-9QX2".
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    channel = models.CharField(_("received via"), max_length=10, choices=Channel.choices)
    reporter_name = models.CharField(_("name of the reporter"), max_length=NAME_MAX)
    reporter_phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    reporter_email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX, blank=True)
    #: Without the space: 2011AB.
    postcode = models.CharField(_("postcode"), max_length=6)
    house_number = models.PositiveIntegerField(_("house number"))
    house_addition = models.CharField(_("addition"), max_length=ADDITION_MAX, blank=True)
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    city = models.CharField(_("place"), max_length=CITY_MAX, blank=True)
    address_key = models.CharField(max_length=24, editable=False)
    kind = models.CharField(_("kind of damage"), max_length=10, choices=DamageKind.choices)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    unsafe = models.BooleanField(
        _("unsafe to stay"), default=False, help_text=_("The home cannot safely be lived in.")
    )
    insured = models.CharField(
        _("insured"), max_length=10, choices=Insured.choices, default=Insured.UNKNOWN
    )
    consent_share = models.BooleanField(
        _("consent to share with insurers and the compensation scheme"), default=False
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    triage = models.CharField(_("triage"), max_length=10, choices=Triage.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    handler = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    recorded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    #: The form's hidden uuid (or an API client's key): a report sent twice is written once.
    client_key = models.CharField(max_length=64, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("damage report")
        verbose_name_plural = _("damage reports")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "client_key"],
                condition=~Q(client_key=""),
                name="damage_report_client_key",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="damage_report_point_whole",
            ),
        ]
        indexes = [
            models.Index(fields=["incident", "status"], name="damage_report_status"),
            models.Index(fields=["incident", "address_key"], name="damage_report_address"),
            models.Index(fields=["incident", "postcode"], name="damage_report_postcode"),
        ]

    def __str__(self) -> str:
        # Neutral: str() ends up in the audit log.
        return f"schademelding {self.reference}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.address_key = address_key(self.postcode, self.house_number, self.house_addition)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def address_text(self) -> str:
        number = f"{self.house_number}{self.house_addition}".strip()
        first = " ".join(p for p in (self.street, number) if p)
        second = " ".join(p for p in (format_postcode(self.postcode), self.city) if p)
        return ", ".join(p for p in (first, second) if p)


def _photo_path(instance: DamagePhoto, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"damage/{instance.report.incident_id}/{uuid.uuid4().hex}.{ext}"


class DamagePhoto(models.Model):
    """A photo of the damage. The upload is stored as sent under `damage/incoming/` (never
    served) and re-encoded by the worker (`damage.photo_worker`): only then, `ready`, is `file`
    the clean photo without metadata (GPS, camera) and shown to staff. Claimed with a lease
    like the outbox rows of other rooms (`core.outbox`)."""

    report = models.ForeignKey(DamageReport, on_delete=models.CASCADE, related_name="photos")
    #: The clean photo; empty until the photo is ready.
    file = models.FileField(upload_to=_photo_path, max_length=200, blank=True)
    #: The storage name of the upload as sent, until the worker removed it.
    original = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=PhotoStatus.choices, default=PhotoStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        indexes = [models.Index(fields=["status", "due_at"], name="damage_photo_due")]

    def __str__(self) -> str:
        return f"foto #{self.pk}"


class DamageEvent(models.Model):
    """The history of a report: received, triaged, status, handler, notes (append-only)."""

    report = models.ForeignKey(DamageReport, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_name = models.CharField(max_length=NAME_MAX, blank=True)
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    text = models.TextField(max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("damage report event")

    def __str__(self) -> str:
        return f"{self.kind} {self.report_id}"


class FormRate(models.Model):
    """How many reports the public form took per key (a hashed client address with the
    incident, or the incident as a whole) in one window: the form's rate limit, shared by all
    server processes through the database. Old windows are removed as new ones begin."""

    key = models.CharField(max_length=80)
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    objects: ClassVar[models.Manager[FormRate]] = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="damage_form_rate_window")
        ]
        indexes = [models.Index(fields=["window"], name="damage_form_rate_age")]

    def __str__(self) -> str:
        return f"{self.key} {self.window:%Y-%m-%d %H:%M}: {self.count}"
