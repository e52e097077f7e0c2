"""The registry of affected persons (SIS): persons and their status history, relatives'
inquiries with their candidates and call backs, list imports, merges and the read log.

History is the truth. A person's status and whereabouts are the newest `StatusEntry`; the
`current_*` columns on `Person` are a cache of it, written in the same transaction as the
entry so that lists need no subquery, and never edited otherwise. A merge marks the merged
person (`merged_into`) and can be undone; nothing is deleted until the retention period ends,
when the worker anonymises the incident's persons and inquiries and keeps the counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    CallOutcome,
    CandidateState,
    DuplicateState,
    InquiryStatus,
    NameUse,
    ReadKind,
    RetentionKind,
    SenderKind,
    Sex,
    Source,
    Status,
    Whereabouts,
)


class RegistrySettings(models.Model):
    """What a region decides for its registry: the call-back norm and the retention period."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="registry_settings"
    )
    callback_minutes = models.PositiveIntegerField(
        _("call-back norm (minutes)"),
        default=120,
        help_text=_("A caller hears back within this many minutes."),
    )
    retention_months = models.PositiveIntegerField(_("retention (months after close)"), default=6)

    class Meta:
        verbose_name = _("registry settings")

    def __str__(self) -> str:
        return f"{self.region_id}"


class NameFields(models.Model):
    """Names, birth and address as the BRP keeps them; shared by persons and inquiries."""

    given_names = models.CharField(_("given names"), max_length=NAME_MAX, blank=True)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_MAX, blank=True)
    surname = models.CharField(_("surname"), max_length=NAME_MAX, blank=True)
    #: Partial dates: a year alone, or a year and month, is allowed.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_addition = models.CharField(_("addition"), max_length=10, blank=True)
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    city = models.CharField(_("city"), max_length=NAME_MAX, blank=True)
    #: E.164 (+31612345678), normalised on the way in.
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        abstract = True

    @property
    def birth_text(self) -> str:
        """The birth date as far as known: 1950, 1950-03 or 1950-03-04."""
        if self.birth_year is None:
            return ""
        if self.birth_month is None:
            return f"{self.birth_year:04d}"
        if self.birth_day is None:
            return f"{self.birth_year:04d}-{self.birth_month:02d}"
        return f"{self.birth_year:04d}-{self.birth_month:02d}-{self.birth_day:02d}"

    @property
    def display_birth(self) -> str:
        """The birth date the Dutch way: 4-3-1950, 3-1950 or 1950."""
        if self.birth_year is None:
            return ""
        if self.birth_month is None:
            return str(self.birth_year)
        if self.birth_day is None:
            return f"{self.birth_month}-{self.birth_year}"
        return f"{self.birth_day}-{self.birth_month}-{self.birth_year}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.prefix, self.surname) if p)

    @property
    def address_text(self) -> str:
        number = f"{self.house_number or ''}{self.house_addition}".strip()
        first = " ".join(p for p in (self.street, number) if p)
        second = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (first, second) if p)


class Person(NameFields):
    """One affected person in one incident."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="registry_persons"
    )
    name_use = models.CharField(
        _("name use"), max_length=1, choices=NameUse.choices, default=NameUse.OWN
    )
    partner_prefix = models.CharField(_("partner's prefix"), max_length=PREFIX_MAX, blank=True)
    partner_surname = models.CharField(_("partner's surname"), max_length=NAME_MAX, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    language = models.CharField(_("language"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    #: Consent to tell relatives where the person is: unknown (None), yes or no.
    share_whereabouts = models.BooleanField(_("consent to share whereabouts"), null=True)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    #: Consent to receive the municipality's updates about the incident by mail or SMS
    #: (the communication room's mailings to affected people): unknown, yes or no.
    updates_consent = models.BooleanField(_("consent to receive updates"), null=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    # The newest StatusEntry, cached (see the module docstring).
    current_status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN
    )
    current_whereabouts = models.CharField(
        _("where"), max_length=20, choices=Whereabouts.choices, default=Whereabouts.UNKNOWN
    )
    current_place = models.CharField(_("hospital or place"), max_length=NAME_MAX, blank=True)
    status_at = models.DateTimeField(_("status since"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Every change touches this: the matching index of each process catches up from it.
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: When the duplicate check and the re-matching of open inquiries last ran for it.
    matched_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    #: Client-chosen key (the registration form's hidden uuid, an API client's key): a
    #: registration sent twice is written once.
    client_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("affected person")
        verbose_name_plural = _("affected persons")
        indexes = [
            models.Index(fields=["incident", "current_status"], name="registry_person_status"),
            models.Index(fields=["incident", "updated_at"], name="registry_person_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12),
                name="registry_person_month",
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False),
                name="registry_person_day_needs_month",
            ),
            models.UniqueConstraint(
                fields=["incident", "client_key"],
                condition=~Q(client_key=""),
                name="registry_person_client_key",
            ),
        ]

    def __str__(self) -> str:
        # Neutral on purpose: str() ends up in the audit log, which the region's coordinators
        # read; person data is for the registry roles only (templates use `full_name`).
        return f"getroffene #{self.pk}"

    @property
    def active(self) -> bool:
        return self.merged_into_id is None and self.anonymised_at is None


class StatusEntry(models.Model):
    """One report of where a person is and how they are, from one source at one time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    whereabouts = models.CharField(_("where"), max_length=20, choices=Whereabouts.choices)
    place = models.CharField(_("hospital or place"), max_length=NAME_MAX, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_at = models.DateTimeField(_("source time"))
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True)
    #: The import batch that brought it, if any.
    batch = models.ForeignKey(
        "ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )

    class Meta:
        verbose_name = _("status entry")
        ordering = ["source_at", "pk"]
        indexes = [models.Index(fields=["person", "source_at"], name="registry_entry_person")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status} / {self.whereabouts}"


class Sender(models.Model):
    """Who sends lists to a region's registry (a hospital, the police), with the column
    mapping of their last delivery, so the next one needs no mapping step."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="registry_senders")
    name = models.CharField(_("sender"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SenderKind.choices)
    #: Oranje field -> the sender's column header.
    mapping = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="registry_sender_name")
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One delivered list, imported as a whole or not at all."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(Sender, on_delete=models.PROTECT, related_name="batches")
    file_name = models.CharField(max_length=255)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        # Neutral, as a person's: str() ends up in the audit log, and a file's name may name
        # a person ("opname J. de Vries.xlsx").
        return f"lijst #{self.pk}"


class ImportUpload(models.Model):
    """A list between its upload and its column mapping, found again by a random token that
    belongs to the user who uploaded it (never by a path). Deleted when imported; uploads
    older than `registry.services.imports.UPLOAD_TTL` are dropped at the next upload."""

    token = models.CharField(max_length=64, unique=True)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(Sender, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    headers = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"upload #{self.pk}"


class ExternalRef(models.Model):
    """A sender's own row id for a person: a second delivery updates the same person."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(Sender, on_delete=models.CASCADE, related_name="refs")
    row_id = models.CharField(max_length=100)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="refs")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "sender", "row_id"], name="registry_ref_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender_id}:{self.row_id}"


class PossibleDuplicate(models.Model):
    """Two registrations the engine thinks may be one person; a person decides."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    decision = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    state = models.CharField(
        max_length=10, choices=DuplicateState.choices, default=DuplicateState.OPEN
    )
    found_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="registry_duplicate_pair"),
            models.CheckConstraint(
                condition=Q(person__lt=models.F("other")), name="registry_duplicate_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ~ {self.other_id}"


class Merge(models.Model):
    """`merged` was found to be `kept`; undoable as long as `undone_at` is empty."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    kept = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(default=list)
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: What the merge moved from `merged` to `kept`, so an undo moves exactly that back:
    #: {"inquiries": [ids], "refs": [ids], "duplicate": id or None}.
    moved = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.kept_id}"


class Inquiry(NameFields):
    """A relative asks after someone. The names and birth are the person sought."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="inquiries")
    number = models.PositiveIntegerField(_("number"))
    caller_name = models.CharField(_("caller's name"), max_length=NAME_MAX)
    caller_phone = models.CharField(_("caller's phone"), max_length=20)
    caller_relation = models.CharField(_("relation"), max_length=100, blank=True)
    last_seen_place = models.CharField(_("last seen where"), max_length=NAME_MAX, blank=True)
    last_seen_at = models.DateTimeField(_("last seen when"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=TEXT_MAX, blank=True)
    is_child = models.BooleanField(_("child"), default=False)
    reduced_self_reliance = models.BooleanField(_("reduced self-reliance"), default=False)
    medical_need = models.BooleanField(_("medical need"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.OPEN
    )
    #: The person this inquiry is about, once a candidate is confirmed.
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    #: The best open candidate's score: the queue sorts on it (a strong candidate moves up).
    best_score = models.FloatField(null=True, blank=True)
    best_decision = models.CharField(max_length=10, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: Client-chosen key: a retried save answers with the inquiry already written.
    client_key = models.CharField(max_length=64, blank=True)
    #: Why it was closed (kept here, not in the audit log: it may name people).
    close_reason = models.CharField(_("reason for closing"), max_length=TEXT_MAX, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="registry_inquiry_number"),
            models.UniqueConstraint(
                fields=["incident", "client_key"],
                condition=~Q(client_key=""),
                name="registry_inquiry_client_key",
            ),
        ]
        indexes = [models.Index(fields=["incident", "status"], name="registry_inquiry_status")]

    def __str__(self) -> str:
        return f"V{self.number}"

    @property
    def priority(self) -> bool:
        return self.is_child or self.reduced_self_reliance or self.medical_need


class Candidate(models.Model):
    """A registered person the engine proposes for an inquiry, and what the operator said."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    decision = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    state = models.CharField(
        max_length=10, choices=CandidateState.choices, default=CandidateState.PROPOSED
    )
    found_at = models.DateTimeField(default=timezone.now)
    first_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_at = models.DateTimeField(null=True, blank=True)
    second_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    second_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "person"], name="registry_candidate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id} ~ {self.person_id}"


class PoliceNotice(models.Model):
    """A deceased person: the police inform the next of kin, never Oranje. Records when the
    police were asked and when they confirmed that they did."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="police")
    asked_at = models.DateTimeField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.person_id}"


class CallBack(models.Model):
    """One call back to the caller of an inquiry."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallOutcome.choices)
    phrases = models.JSONField(_("what was said"), default=list)
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.inquiry_id}: {self.outcome}"


class ReadLog(models.Model):
    """Who read which person, inquiry or list, and when (a registry coordinator sees it)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReadKind.choices)
    object_id = models.PositiveBigIntegerField(null=True)
    what = models.CharField(max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_name = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id", "-at"], name="registry_read_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class RetentionRun(models.Model):
    """The end of an incident's registry: anonymised (a real incident, the retention period
    after its close) or deleted (an exercise). Written when the worker starts, finished when
    the last batch is done; a worker that dies midway leaves it unfinished and the next run
    goes on where it stopped."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=RetentionKind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    persons = models.PositiveIntegerField(default=0)
    inquiries = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.kind}"


class PfifNote(models.Model):
    """A PFIF note received from another registry, kept as it came: notes are append-only,
    and one already received (same `note_record_id`) is never added again. A note that says
    something definite about the person also became a `StatusEntry` (`entry`); a note that
    links two person records became a `PossibleDuplicate` (never a merge)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    note_record_id = models.CharField(max_length=255)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pfif_notes")
    entry = models.ForeignKey(
        StatusEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_person_record_id = models.CharField(max_length=255, blank=True)
    author_name = models.CharField(max_length=NAME_MAX)
    source_at = models.DateTimeField()
    entry_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, blank=True)
    author_made_contact = models.BooleanField(null=True)
    last_known_location = models.CharField(max_length=NAME_MAX, blank=True)
    text = models.CharField(max_length=TEXT_MAX)
    imported_at = models.DateTimeField(default=timezone.now)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["source_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "note_record_id"], name="registry_pfif_note_unique"
            )
        ]

    def __str__(self) -> str:
        return self.note_record_id
