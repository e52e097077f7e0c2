"""Alerting people from the rosters: which functions a region alerts for which level or team
(rules), the call for a function in an incident with its escalation ladder, each person's
alert with their answer and arrival, and each message sent on each channel. Every time is
kept: the norms (DOMAIN.md §6) are computed from these rows."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.alerting.constants import (
    DEFAULT_ESCALATION_MINUTES,
    Answer,
    AnsweredVia,
    CallStatus,
    Channel,
    DeliveryStatus,
    Step,
)
from oranje.core.models import Municipality, Region
from oranje.incidents.constants import GripLevel, Team
from oranje.incidents.models import Incident, ScalingStep
from oranje.organisation.models import Function, Person


class AlertRule(models.Model):
    """'At GRIP 2 or higher alert 1 AC-BZ' or 'when the TBZ is activated alert 1 L-TBZ'."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="alert_rules", verbose_name=_("region")
    )
    grip_level = models.PositiveSmallIntegerField(
        _("from GRIP level"), choices=GripLevel.choices, null=True, blank=True
    )
    team = models.CharField(
        _("when team is activated"), max_length=10, choices=Team.choices, blank=True
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    escalation_minutes = models.PositiveSmallIntegerField(
        _("escalate after (minutes)"), default=DEFAULT_ESCALATION_MINUTES
    )

    class Meta:
        ordering = ["region", "grip_level", "team", "function__sort_order"]
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(grip_level__isnull=False) & Q(team=""))
                | (Q(grip_level__isnull=True) & ~Q(team="")),
                name="alert_rule_one_trigger",
            ),
            models.UniqueConstraint(
                fields=["region", "grip_level", "team", "function"], name="alert_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        trigger = f"GRIP {self.grip_level}+" if self.grip_level is not None else self.team
        return f"{trigger}: {self.people_needed}× {self.function.code}"


class FunctionCall(models.Model):
    """The demand for one function in one incident: keep alerting up the ladder until
    `people_needed` accepted."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="calls", verbose_name=_("incident")
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for municipality"),
        help_text=_("Whose pools are asked: the pools that serve this municipality."),
    )
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    escalation_minutes = models.PositiveSmallIntegerField(_("escalate after (minutes)"))
    arrival_norm_minutes = models.PositiveSmallIntegerField(
        _("arrival norm (minutes)"), null=True, blank=True
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices, default=Step.HARD)
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN
    )
    reason = models.CharField(_("reason"), max_length=200)
    scaling_step = models.ForeignKey(
        ScalingStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    unstaffed = models.BooleanField(
        _("nobody on hard on-call"),
        default=False,
        help_text=_("Nobody was on hard on-call when the call opened."),
    )
    next_escalation_at = models.DateTimeField(_("next escalation"), null=True, blank=True)
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)
    closed_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    class Meta:
        ordering = ["incident", "function__sort_order", "pk"]
        verbose_name = _("function call")
        verbose_name_plural = _("function calls")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "function", "municipality"],
                condition=Q(status="open"),
                name="one_open_call_per_function",
            )
        ]
        indexes = [models.Index(fields=["status", "next_escalation_at"], name="call_due")]

    def __str__(self) -> str:
        return f"{self.function.code} — {self.incident}"


class Escalation(models.Model):
    """One move up the ladder: when it was due, when it ran (for the timer accuracy)."""

    call = models.ForeignKey(FunctionCall, on_delete=models.CASCADE, related_name="escalations")
    to_step = models.PositiveSmallIntegerField(_("to step"), choices=Step.choices)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    at = models.DateTimeField(_("ran"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200)
    alerted = models.PositiveIntegerField(_("people alerted"), default=0)

    class Meta:
        ordering = ["call", "at"]

    def __str__(self) -> str:
        return f"{self.call} → {self.get_to_step_display()}"


class Alert(models.Model):
    """One person alerted for one call, with their answer and arrival."""

    call = models.ForeignKey(
        FunctionCall, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("call")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="alerts", verbose_name=_("person")
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    alerted_at = models.DateTimeField(_("alerted"), default=timezone.now)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_via = models.CharField(max_length=10, choices=AnsweredVia.choices, blank=True)
    eta_minutes = models.PositiveSmallIntegerField(_("there in (minutes)"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    arrival_via = models.CharField(max_length=10, choices=AnsweredVia.choices, blank=True)
    unreachable = models.BooleanField(
        _("unreachable"), default=False, help_text=_("Every channel failed.")
    )

    class Meta:
        ordering = ["call", "alerted_at", "pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="alert_once_per_call"),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True) | Q(answer="accepted"),
                name="arrival_needs_accept",
            ),
        ]
        indexes = [models.Index(fields=["person", "answer"], name="alert_person_answer")]

    def __str__(self) -> str:
        return f"{self.person} — {self.call.function.code}"


class Delivery(models.Model):
    """One message on one channel for one alert, with its tries: queued → sending → sent or
    failed (alerting.delivery). `key` is the same for every resend: the mail's Message-ID
    and the SMS gateway's Idempotency-Key are made from it."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=255, blank=True)
    key = models.UUIDField(_("message key"), default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    claimed_by = models.CharField(_("sending by"), max_length=80, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    class Meta:
        ordering = ["alert", "channel"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["alert", "channel"], name="delivery_once_per_channel"),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claimed_until__isnull=False),
                name="delivery_sending_is_claimed",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address}: {self.get_status_display()}"
