"""The environment analysis (omgevingsanalyse): signals of what the public asks and says,
the analyst's report per period, and the Q&A list for the information line."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import (
    ANALYSIS_MAX,
    ANSWER_MAX,
    QUESTION_MAX,
    SIGNAL_MAX,
    TOPIC_MAX,
    Goal,
    ReviewStatus,
    Sentiment,
    SignalSource,
)
from oranje.communication.models.messages import Message
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


class SignalImport(models.Model):
    """One file of signals (a bulk entry from the information line or a social-media
    monitoring export): all rows or none; the same file twice is refused."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_at = models.DateTimeField(_("imported"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signal import")
        constraints = [
            models.UniqueConstraint(fields=["incident", "sha256"], name="signal_import_once")
        ]

    def __str__(self) -> str:
        return self.file_name


class Signal(models.Model):
    """What the public asks or says, once or `count` times (a tally from the phone line)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="signals")
    source = models.CharField(_("source"), max_length=10, choices=SignalSource.choices)
    text = models.CharField(_("text"), max_length=SIGNAL_MAX)
    at = models.DateTimeField(_("time"))
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX, blank=True)
    goal = models.CharField(_("goal"), max_length=10, choices=Goal.choices, blank=True)
    sentiment = models.CharField(
        _("sentiment"), max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    rumour = models.BooleanField(_("rumour"), default=False)
    count = models.PositiveIntegerField(_("count"), default=1)
    #: The published message that counters this rumour.
    countered_by = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="countered_signals",
        verbose_name=_("countered by"),
    )
    batch = models.ForeignKey(
        SignalImport, on_delete=models.CASCADE, null=True, blank=True, related_name="signals"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("signal")
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="signal_count_min")]
        indexes = [
            models.Index(fields=["incident", "at"], name="signal_incident_at"),
            models.Index(fields=["incident", "topic"], name="signal_incident_topic"),
        ]

    def __str__(self) -> str:
        return f"signaal #{self.pk}"


class Analysis(models.Model):
    """The environment analyst's product for a period: top questions, rumours to counter,
    mood and advice to the crisis team; drafted from the signals, then approved."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="analyses")
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    top_questions = models.TextField(_("top questions"), max_length=ANALYSIS_MAX, blank=True)
    rumours = models.TextField(_("rumours to counter"), max_length=ANALYSIS_MAX, blank=True)
    mood = models.TextField(_("mood"), max_length=ANALYSIS_MAX, blank=True)
    advice = models.TextField(_("advice to the crisis team"), max_length=ANALYSIS_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by_name = models.CharField(_("approved by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("environment analysis")
        verbose_name_plural = _("environment analyses")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="analysis_period"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="analysis_approved_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"omgevingsanalyse #{self.pk}"


class QAItem(models.Model):
    """A question and its approved answer for the information line and the registry's
    operators; versioned (QAVersion); `public` ones appear on the public page."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="qa_items")
    position = models.PositiveIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=QUESTION_MAX)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    public = models.BooleanField(_("on the public page"), default=False)
    retired = models.BooleanField(_("withdrawn"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["incident", "position", "pk"]
        verbose_name = _("question and answer")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="qa_approved_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"vraag #{self.pk}"


class QAVersion(models.Model):
    item = models.ForeignKey(QAItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    question = models.CharField(_("question"), max_length=QUESTION_MAX)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_by_name = models.CharField(max_length=150)

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="qa_version_once")]

    def __str__(self) -> str:
        return f"versie {self.number} van vraag #{self.item_id}"
