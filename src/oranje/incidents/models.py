"""The hot phase: an incident, its scaling history, logbook, decisions, actions, checklists
and situation reports. Everything here is history: the current scaling is the newest step,
a correction is a new log entry pointing at the old one, a report version is never edited
after approval."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Municipality, Region
from oranje.incidents.constants import (
    MEETING_POINT_MAX,
    ActionStatus,
    ChecklistKind,
    EntryKind,
    GripLevel,
    IncidentType,
    Process,
    ReportStatus,
    ScalingMode,
)
from oranje.organisation.models import Function

#: A title that already says it is an exercise ("Oefening …", "OEFENING: …"), as a word:
#: "Oefeningterrein" is not one.
_STARTS_AS_EXERCISE = re.compile(r"oefening\b", re.IGNORECASE)


class Incident(models.Model):
    """Something that calls for population care, real or an exercise (OEFENING)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=IncidentType.choices)
    is_exercise = models.BooleanField(
        _("exercise"), default=False, help_text=_("An exercise is marked OEFENING everywhere.")
    )
    started_at = models.DateTimeField(_("start"))
    location_text = models.CharField(_("location"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    area = models.JSONField(
        _("affected area"),
        default=list,
        blank=True,
        help_text=_("Polygon as a list of [latitude, longitude] points."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality of the scene"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="incidents", verbose_name=_("municipalities involved")
    )
    description = models.TextField(_("description"), blank=True)
    meeting_point = models.CharField(
        _("meeting point"),
        max_length=MEETING_POINT_MAX,
        blank=True,
        help_text=_("Where the people alerted report, e.g. 'Fire station Velsen, Stationsweg 1'."),
    )
    callback_phone = models.CharField(
        _("call-back number"),
        max_length=20,
        blank=True,
        help_text=_("The number the people alerted call with questions (stored as +31...)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: The acute operation ended; aftercare (nafase) goes on until the incident is closed.
    acute_ended_at = models.DateTimeField(_("acute phase ended"), null=True, blank=True)
    acute_ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    close_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(fields=["region", "is_exercise", "-started_at"], name="incident_list")
        ]

    def __str__(self) -> str:
        """The title, marked OEFENING for an exercise (the label of every dropdown), except
        when the title itself already starts with "Oefening": no "OEFENING Oefening …"."""
        marked = self.is_exercise and not _STARTS_AS_EXERCISE.match(self.title)
        return f"OEFENING {self.title}" if marked else self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def in_aftercare(self) -> bool:
        """Open, with the acute phase over: the nafase."""
        return self.closed_at is None and self.acute_ended_at is not None

    @property
    def is_acute(self) -> bool:
        """Open and still in the acute phase: scaling and alerting go on."""
        return self.closed_at is None and self.acute_ended_at is None


class ScalingStep(models.Model):
    """One change of scaling: to a GRIP level or flexible, with the teams activated."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="scaling", verbose_name=_("incident")
    )
    at = models.DateTimeField(_("decided at"), default=timezone.now)
    mode = models.CharField(_("scaling"), max_length=10, choices=ScalingMode.choices)
    grip_level = models.PositiveSmallIntegerField(
        _("GRIP level"), choices=GripLevel.choices, null=True, blank=True
    )
    teams = models.JSONField(_("teams"), default=list, blank=True)
    custom_teams = models.JSONField(
        _("teams for the occasion"), default=list, blank=True, help_text=_("Names of own teams.")
    )
    reason = models.TextField(_("reason"))
    decided_by = models.CharField(_("decided by"), max_length=150)
    scaled_down = models.BooleanField(
        _("scaled down"),
        default=False,
        help_text=_("A lower level or fewer teams than the step before, confirmed as such."),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["incident", "at", "pk"]
        verbose_name = _("scaling step")
        verbose_name_plural = _("scaling history")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode=ScalingMode.GRIP, grip_level__isnull=False)
                | Q(mode=ScalingMode.FLEXIBLE, grip_level__isnull=True),
                name="scaling_level_matches_mode",
            ),
            models.CheckConstraint(
                condition=Q(grip_level__isnull=True) | Q(grip_level__lte=5),
                name="scaling_level_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        head = f"GRIP {self.grip_level}" if self.mode == ScalingMode.GRIP else str(_("flexible"))
        return " · ".join([head, *self.team_labels])

    @property
    def team_labels(self) -> list[str]:
        from oranje.incidents.constants import Team

        return [str(Team(code).label) for code in self.teams] + list(self.custom_teams)


class LogEntry(models.Model):
    """One line of the incident's logbook. Append-only: never edited or deleted."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="log", verbose_name=_("incident")
    )
    number = models.PositiveIntegerField(_("number"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=150)
    function = models.ForeignKey(
        Function,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("function"),
    )
    team = models.CharField(_("team"), max_length=60, blank=True)
    process = models.CharField(_("process"), max_length=20, choices=Process.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    text = models.TextField(_("text"))
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects entry"),
    )
    attachment = models.FileField(_("attachment"), upload_to="logbook/%Y/%m/", blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    client_key = models.CharField(
        _("client key"),
        max_length=64,
        blank=True,
        help_text=_("Chosen by the client for this line, so that sending it again writes it once."),
    )

    #: Set by log_entry_add on a line that already existed under the client's key (a retry).
    replayed = False

    class Meta:
        ordering = ["incident", "number"]
        verbose_name = _("log entry")
        verbose_name_plural = _("logbook")
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="log_number_unique"),
            models.UniqueConstraint(
                fields=["incident", "client_key"],
                condition=~models.Q(client_key=""),
                name="log_client_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.text[:60]}"


class Decision(models.Model):
    """Who decided what, in which team."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("incident")
    )
    team = models.CharField(_("team"), max_length=60)
    decided_by = models.CharField(_("decided by"), max_length=150)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    text = models.TextField(_("decision"))
    process = models.CharField(_("process"), max_length=20, choices=Process.choices, blank=True)
    entry = models.OneToOneField(
        LogEntry, on_delete=models.PROTECT, related_name="decision", verbose_name=_("log entry")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["incident", "decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    """Work someone must do: an owner function, a deadline, a status."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="actions", verbose_name=_("incident")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("from decision"),
    )
    text = models.TextField(_("action"))
    owner_function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner function")
    )
    team = models.CharField(_("team"), max_length=60, blank=True)
    process = models.CharField(_("process"), max_length=20, choices=Process.choices, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["incident", "deadline", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["incident", "status", "deadline"], name="action_open")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.now()


class ChecklistItem(models.Model):
    """One line of a function's checklist. National when `region` is empty; a region that
    edits a checklist gets its own lines. Lines are retired, never deleted, so that ticks of
    past incidents keep their text."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("text"), max_length=300)
    active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=ChecklistKind.choices, default=ChecklistKind.TASK
    )

    class Meta:
        ordering = ["function__sort_order", "region", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        indexes = [models.Index(fields=["function", "region", "active"], name="checklist_lookup")]

    def __str__(self) -> str:
        return self.text


class FunctionInstruction(models.Model):
    """The instruction for a function's role (e.g. the coordinating municipal secretary's),
    shown above its checklist. National when `region` is empty; a region may write its own,
    which then replaces the national one for that region."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    text = models.TextField(_("instruction"))
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("function instruction")
        verbose_name_plural = _("function instructions")
        constraints = [
            models.UniqueConstraint(
                fields=["function"], condition=Q(region__isnull=True), name="instruction_national"
            ),
            models.UniqueConstraint(
                fields=["function", "region"],
                condition=Q(region__isnull=False),
                name="instruction_regional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.function.code}: {self.text[:60]}"


class ChecklistTick(models.Model):
    """An item ticked during an incident, with time and person; undoing keeps the row."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="ticks", verbose_name=_("incident")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="ticks", verbose_name=_("item")
    )
    ticked_at = models.DateTimeField(_("ticked at"), default=timezone.now)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_by_name = models.CharField(_("ticked by"), max_length=150)
    note = models.CharField(_("note"), max_length=255, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["incident", "ticked_at"]
        verbose_name = _("ticked item")
        verbose_name_plural = _("ticked items")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "item"],
                condition=Q(undone_at__isnull=True),
                name="tick_once_per_incident",
            )
        ]

    def __str__(self) -> str:
        return f"✔ {self.item}"


class SituationReport(models.Model):
    """One version of the situation report (beeld, oordeel, besluit per process)."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="reports", verbose_name=_("incident")
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("general picture"), blank=True)
    sections = models.JSONField(
        _("sections"),
        default=dict,
        help_text=_("Per process: picture, judgement, advice or decision."),
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["incident", "-version"]
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        constraints = [
            models.UniqueConstraint(fields=["incident", "version"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.incident} — {_('situation report')} {self.version}"
