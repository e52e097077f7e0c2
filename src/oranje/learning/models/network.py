"""The national network of population care: who is in it (the coordinating municipal
secretaries or officials of the 25 regions, the chair and deputy, the portfolio holders with
their portfolios, the national meeting of coordinators), the meetings of its bodies with their
agenda, documents, minutes and decisions, and the advisory questions to the national board."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.learning.constants import (
    ADDRESS_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AdviceKind,
    AdviceStatus,
    Body,
    MeetingStatus,
    NetworkRole,
)

_USER = settings.AUTH_USER_MODEL


class NetworkMember(models.Model):
    """A place in the network held by a person (`until` set when they left it)."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    role = models.CharField(_("role"), max_length=12, choices=NetworkRole.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)
    portfolio = models.CharField(_("portfolio"), max_length=TITLE_MAX, blank=True)
    bodies = models.JSONField(_("bodies"), default=list, blank=True)
    email = models.EmailField(_("email"), max_length=NAME_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    user = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["role", "region__code", "name"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True)
                | Q(since__isnull=True)
                | Q(until__gte=models.F("since")),
                name="network_member_period",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    body = models.CharField(_("body"), max_length=15, choices=Body.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=ADDRESS_MAX, blank=True)
    theme = models.CharField(_("theme"), max_length=TITLE_MAX, blank=True)
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX, blank=True)
    minutes = models.TextField(_("minutes"), max_length=TEXT_MAX * 4, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date")]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.held_on}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    file = models.FileField(_("file"), upload_to="network/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.title


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"), max_length=NOTE_MAX)
    owner = models.CharField(_("owner"), max_length=NAME_MAX, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class AdvisoryQuestion(models.Model):
    """A question the national board asked the network (`asked`), or advice the network gives
    unasked, with its owner, deadline and answer."""

    kind = models.CharField(_("kind"), max_length=10, choices=AdviceKind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    question = models.TextField(_("question"), max_length=TEXT_MAX)
    asked_on = models.DateField(_("asked on"))
    owner = models.ForeignKey(
        NetworkMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_questions",
        verbose_name=_("owner"),
    )
    owner_name = models.CharField(_("owner"), max_length=NAME_MAX, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=TEXT_MAX, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_questions",
        verbose_name=_("discussed in"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.OPEN
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = _("advisory question")
        verbose_name_plural = _("advisory questions")

    def __str__(self) -> str:
        return self.title
