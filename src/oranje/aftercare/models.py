"""The aftercare room's data: the nafase of an incident with its head, the transition
document (overdrachtsdocument), aftercare tasks per theme, the information and advice centre
(IAC) with its cases per household, newsletters to the households that consented, and the
thank-you to the people who came.

IAC cases hold personal data: only the aftercare role and the head of the aftercare see them
(`access.py`); everyone else who sees the incident sees counts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.aftercare.constants import (
    ADDITION_MAX,
    BODY_MAX,
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_MAX,
    TITLE_MAX,
    CaseStatus,
    ContactKind,
    DocumentStatus,
    ItemChannel,
    ItemStatus,
    NewsletterStatus,
    QuestionStatus,
    ReferralTo,
    TaskStatus,
    Theme,
)
from oranje.core.validation import format_postcode
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


class Aftercare(models.Model):
    """The nafase of an incident: started when the acute phase ended, under a head of the
    aftercare task organisation; it lasts until the incident is closed."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="aftercare")
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    head = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("head of the aftercare"),
    )
    head_name = models.CharField(_("head of the aftercare"), max_length=NAME_MAX)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("aftercare")

    def __str__(self) -> str:
        return f"nafase {self.incident_id}"


class TransitionDocument(models.Model):
    """The handover from the acute phase to aftercare. `facts` is the snapshot taken from the
    records when it was made (last situation report, open actions, registry counts, shelters
    and housing, damage counts, open signals); the texts are written by people. An approved
    version is never changed: a new version is a new row."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="transition_documents"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    facts = models.JSONField(_("facts from the records"), default=dict)
    facts_at = models.DateTimeField(_("facts as of"), default=timezone.now)
    summary = models.TextField(_("summary of the acute phase"), max_length=NOTE_MAX, blank=True)
    open_points = models.TextField(_("open points"), max_length=NOTE_MAX, blank=True)
    arrangements = models.TextField(
        _("arrangements for the aftercare"), max_length=NOTE_MAX, blank=True
    )
    risks = models.TextField(_("risks and attention points"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by_name = models.CharField(max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["incident", "-number"]
        verbose_name = _("transition document")
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="transition_number"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="transition_approved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"overdrachtsdocument {self.incident_id} v{self.number}"


class AftercareTask(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="aftercare_tasks")
    theme = models.CharField(_("theme"), max_length=15, choices=Theme.choices)
    title = models.CharField(_("task"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=NOTE_MAX, blank=True)
    owner = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(
        _("owner"), max_length=NAME_MAX, blank=True, help_text=_("Who carries it out.")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("aftercare task")
        indexes = [models.Index(fields=["incident", "status"], name="aftercare_task_status")]

    def __str__(self) -> str:
        return self.title


class TaskEvent(models.Model):
    """Each status change of a task, so that progress over the weeks can be shown."""

    task = models.ForeignKey(AftercareTask, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by_name = models.CharField(max_length=NAME_MAX, blank=True)
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    note = models.CharField(max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.status}"


class IacCase(models.Model):
    """A household at the information and advice centre."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="iac_cases")
    number = models.PositiveIntegerField(_("case number"))
    household_name = models.CharField(_("household"), max_length=NAME_MAX)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_addition = models.CharField(_("addition"), max_length=ADDITION_MAX, blank=True)
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    city = models.CharField(_("place"), max_length=CITY_MAX, blank=True)
    limited_mobility = models.BooleanField(
        _("limited mobility"), default=False, help_text=_("Visit at home rather than the desk.")
    )
    #: Wants the newsletters (by e-mail, or as a printed letter without an address).
    newsletter_consent = models.BooleanField(_("wants the newsletter"), default=False)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="iac_cases",
        verbose_name=_("registered person"),
    )
    household = models.ForeignKey(
        "care.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="iac_cases",
        verbose_name=_("shelter stay"),
    )
    damage_reports = models.ManyToManyField(
        "damage.DamageReport", blank=True, related_name="iac_cases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    handler = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closure_note = models.TextField(_("closing note"), max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["incident", "number"]
        verbose_name = _("IAC case")
        verbose_name_plural = _("IAC cases")
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="iac_case_number"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="iac_case_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["incident", "status"], name="iac_case_status"),
            models.Index(fields=["incident", "opened_at"], name="iac_case_opened"),
        ]

    def __str__(self) -> str:
        # Neutral: str() ends up in the audit log.
        return f"IAC-dossier {self.number}"

    @property
    def address_text(self) -> str:
        number = f"{self.house_number or ''}{self.house_addition}".strip()
        first = " ".join(p for p in (self.street, number) if p)
        second = " ".join(p for p in (format_postcode(self.postcode), self.city) if p)
        return ", ".join(p for p in (first, second) if p)


class IacQuestion(models.Model):
    """A question or need of the household, with its answer."""

    case = models.ForeignKey(IacCase, on_delete=models.CASCADE, related_name="questions")
    theme = models.CharField(_("theme"), max_length=15, choices=Theme.choices)
    text = models.TextField(_("question or need"), max_length=NOTE_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answer = models.TextField(_("answer"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"vraag #{self.pk}"


class IacContact(models.Model):
    """A contact moment: a call, a visit to the desk, a home visit, a mail or letter."""

    case = models.ForeignKey(IacCase, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind of contact"), max_length=12, choices=ContactKind.choices)
    summary = models.TextField(_("summary"), max_length=NOTE_MAX)
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_name = models.CharField(max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"contact #{self.pk}"


class IacFollowUp(models.Model):
    """Something to do for the household by a date."""

    case = models.ForeignKey(IacCase, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due date"))
    text = models.CharField(_("what"), max_length=NAME_MAX)
    assigned_to = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_at"], name="iac_follow_up_due")]

    def __str__(self) -> str:
        return f"vervolgactie #{self.pk}"


class IacReferral(models.Model):
    """The household was referred to another organisation."""

    case = models.ForeignKey(IacCase, on_delete=models.CASCADE, related_name="referrals")
    to = models.CharField(_("referred to"), max_length=15, choices=ReferralTo.choices)
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"verwijzing #{self.pk}"


class Newsletter(models.Model):
    """An update to the affected households that consented: by e-mail, and as a printed
    letter (PDF) for those without an e-mail address."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="newsletters")
    subject = models.CharField(_("subject"), max_length=TITLE_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NewsletterStatus.choices,
        default=NewsletterStatus.DRAFT,
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["incident", "-created_at"]
        verbose_name = _("newsletter")

    def __str__(self) -> str:
        return self.subject


class NewsletterItem(models.Model):
    """One household of a sent newsletter (see `ItemStatus`; claimed like every outbox row,
    `core.outbox`)."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(IacCase, on_delete=models.CASCADE, related_name="newsletter_items")
    channel = models.CharField(max_length=10, choices=ItemChannel.choices)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["newsletter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "case"], name="newsletter_item_once"),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claimed_until__isnull=False),
                name="newsletter_item_sending_is_claimed",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="newsletter_item_due")]

    def __str__(self) -> str:
        return f"nieuwsbrief-ontvanger #{self.pk}"


class ThankYou(models.Model):
    """The thank-you message to everyone who came (arrived on the alert board)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="thank_yous")
    text = models.TextField(_("text"), max_length=NOTE_MAX)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_by_name = models.CharField(max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["incident", "-sent_at"]
        verbose_name = _("thank-you message")

    def __str__(self) -> str:
        return f"bedankje {self.incident_id}"


class ThankYouItem(models.Model):
    """One person of a thank-you message (claimed like every outbox row, `core.outbox`)."""

    thank_you = models.ForeignKey(ThankYou, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="thank_you_items"
    )
    channel = models.CharField(max_length=10, choices=ItemChannel.choices)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["thank_you", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["thank_you", "person"], name="thank_you_item_once"),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claimed_until__isnull=False),
                name="thank_you_item_sending_is_claimed",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="thank_you_item_due")]

    def __str__(self) -> str:
        return f"bedankje-ontvanger #{self.pk}"
