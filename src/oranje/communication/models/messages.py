"""Messages of an incident: a draft is written and rewritten (every version kept), approved
(a warning by a second person: four eyes) and published. A published message is never edited:
what follows it is a new message — an update, a correction or a cancellation — pointing at it
(`parent`). A message to affected people goes out as a mailing to those in the registry who
consented; this room keeps only which registry person and the delivery state, never the
address (the registry gives it at sending time)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import (
    AUDIENCE_MAX,
    INSTRUCTION_MAX,
    NOTE_MAX,
    SOCIAL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CapCategory,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    ItemStatus,
    MailChannel,
    MessageKind,
    MessageStatus,
    Relation,
)
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


class Message(models.Model):
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="messages", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    audience = models.CharField(_("audience"), max_length=AUDIENCE_MAX, blank=True)
    title = models.CharField(_("headline"), max_length=TITLE_MAX)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    instruction = models.TextField(
        _("what to do"),
        max_length=INSTRUCTION_MAX,
        blank=True,
        help_text=_("Required for a warning: what people should do (limiting harm)."),
    )
    social_text = models.CharField(_("text for social media"), max_length=SOCIAL_MAX, blank=True)
    goal_inform = models.BooleanField(_("informing"), default=False)
    goal_limit_harm = models.BooleanField(_("limiting harm"), default=False)
    goal_meaning = models.BooleanField(_("giving meaning"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DRAFT
    )
    relation = models.CharField(
        _("relation"), max_length=10, choices=Relation.choices, default=Relation.ORIGINAL
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("follows"),
    )
    #: The number of the newest version (MessageVersion), 1 for a new draft.
    version = models.PositiveIntegerField(_("version"), default=1)
    on_public_page = models.BooleanField(
        _("on the public page"),
        default=True,
        help_text=_("Public information and warnings of a real incident appear there."),
    )
    # CAP 1.2 (warnings; DOMAIN.md §12)
    cap_category = models.CharField(
        _("CAP category"), max_length=10, choices=CapCategory.choices, default=CapCategory.SAFETY
    )
    cap_event = models.CharField(_("event"), max_length=TITLE_MAX, blank=True)
    cap_urgency = models.CharField(
        _("urgency"), max_length=10, choices=CapUrgency.choices, default=CapUrgency.IMMEDIATE
    )
    cap_severity = models.CharField(
        _("severity"), max_length=10, choices=CapSeverity.choices, default=CapSeverity.SEVERE
    )
    cap_certainty = models.CharField(
        _("certainty"), max_length=10, choices=CapCertainty.choices, default=CapCertainty.OBSERVED
    )
    area = models.JSONField(
        _("area"),
        default=list,
        blank=True,
        help_text=_("Closed polygon as a list of [latitude, longitude]; from the incident."),
    )
    area_desc = models.CharField(_("area description"), max_length=TITLE_MAX, blank=True)
    #: The CAP `sent` moment, fixed when the message is approved: every export of it carries
    #: the same identifier and sent, so an Update can reference it.
    cap_sent = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by_name = models.CharField(_("approved by"), max_length=150, blank=True)
    #: In which capacity: "communicatieadviseur", "leiding incident", ...
    approved_role = models.CharField(_("approved as"), max_length=80, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="message_published_has_moment",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="message_approved_has_moment",
            ),
            models.CheckConstraint(
                condition=Q(relation="original") | Q(parent__isnull=False),
                name="message_followup_has_parent",
            ),
        ]
        indexes = [
            models.Index(fields=["incident", "status", "published_at"], name="message_incident"),
        ]

    def __str__(self) -> str:
        return f"bericht #{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == MessageStatus.PUBLISHED

    @property
    def goals(self) -> list[str]:
        return [
            goal
            for goal, on in (
                ("inform", self.goal_inform),
                ("limit_harm", self.goal_limit_harm),
                ("meaning", self.goal_meaning),
            )
            if on
        ]


class MessageVersion(models.Model):
    """One saved state of a message's words; append-only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("headline"), max_length=TITLE_MAX)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    instruction = models.TextField(_("what to do"), max_length=INSTRUCTION_MAX, blank=True)
    social_text = models.CharField(_("text for social media"), max_length=SOCIAL_MAX, blank=True)
    audience = models.CharField(_("audience"), max_length=AUDIENCE_MAX, blank=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_by_name = models.CharField(_("changed by"), max_length=150)
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["message", "number"]
        verbose_name = _("message version")
        constraints = [
            models.UniqueConstraint(fields=["message", "number"], name="message_version_once")
        ]

    def __str__(self) -> str:
        return f"versie {self.number} van bericht #{self.message_id}"


class Mailing(models.Model):
    """A published message to affected people sent by mail or SMS to the registry persons of
    its incident who consented to receive updates. Counts only in this room."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="mailings")
    channel = models.CharField(_("channel"), max_length=5, choices=MailChannel.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    #: An exercise's mailing goes to no real address: every item is recorded as not sent.
    is_exercise = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mailing")
        constraints = [
            models.UniqueConstraint(fields=["message", "channel"], name="mailing_once_per_channel")
        ]

    def __str__(self) -> str:
        return f"verzending #{self.pk}"


class MailingItem(models.Model):
    """One recipient of a mailing: queued → sending (claimed with a lease) → sent, failed or
    not sent. `key` is the same for every resend (Message-ID, Idempotency-Key)."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="mailing_items"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        ordering = ["mailing", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "person"], name="mailing_item_once"),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claimed_until__isnull=False),
                name="mailing_item_sending_is_claimed",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="mailing_item_due")]

    def __str__(self) -> str:
        return f"ontvanger #{self.pk}"
