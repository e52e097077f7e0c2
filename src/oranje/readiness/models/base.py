"""Competence (vakbekwaamheid): qualification profiles, activity records, the computed
qualification per person and function, exercises, and unannounced alarm tests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.organisation.models import Function, OnCallShift, Person
from oranje.readiness.constants import (
    SCORE_MAX,
    SCORE_MIN,
    ActivityKind,
    AlarmAnswer,
    ExerciseStatus,
    ExerciseType,
    ParticipantRole,
    RequirementKind,
)


class QualificationProfile(models.Model):
    """One published version of what makes someone qualified for a function. National when
    `region` is empty; a regional profile adds requirements on top of the national one."""

    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="profiles", verbose_name=_("function")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    version = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["function__sort_order", "region", "-version"]
        verbose_name = _("qualification profile")
        verbose_name_plural = _("qualification profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["function", "region", "version"], name="profile_version_unique"
            ),
            models.UniqueConstraint(
                fields=["function", "version"],
                condition=Q(region__isnull=True),
                name="national_profile_version_unique",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region.code if self.region else "NL"
        return f"{self.function.code} {scope} v{self.version}"


class Requirement(models.Model):
    profile = models.ForeignKey(
        QualificationProfile, on_delete=models.CASCADE, related_name="requirements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequirementKind.choices)
    code = models.CharField(
        _("course or exam code"),
        max_length=40,
        blank=True,
        help_text=_("Matches the code of course and exam records, e.g. BZ-OVD-BASIS."),
    )
    label = models.CharField(_("description"), max_length=150)
    valid_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: does not lapse.")
    )
    min_count = models.PositiveSmallIntegerField(
        _("minimum exercises or deployments"), null=True, blank=True
    )
    min_hours = models.DecimalField(
        _("or minimum hours"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    window_months = models.PositiveSmallIntegerField(_("per (months)"), default=12)
    requires_accredited = models.BooleanField(
        _("accredited provider required"),
        default=False,
        help_text=_(
            "Only a result from a provider accredited for this course or exam code counts."
        ),
    )

    class Meta:
        ordering = ["profile", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RequirementKind.UPKEEP)
                | Q(min_count__isnull=False)
                | Q(min_hours__isnull=False),
                name="upkeep_has_a_minimum",
            ),
            models.CheckConstraint(
                condition=Q(kind=RequirementKind.UPKEEP) | ~Q(code=""),
                name="course_or_exam_has_code",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Activity(models.Model):
    """A course, exercise, exam, practical test or real deployment of one person."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="activities", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    code = models.CharField(_("course or exam code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    exercise_type = models.CharField(
        _("exercise type"), max_length=20, choices=ExerciseType.choices, blank=True
    )
    function = models.ForeignKey(
        Function,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("function"),
        help_text=_("For exercises and deployments: the function fulfilled."),
    )
    completed_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=3, decimal_places=1, null=True, blank=True, help_text="1–10"
    )
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        help_text=_("The id in the source system; a re-import with the same id changes nothing."),
    )
    exercise = models.ForeignKey(
        "Exercise", on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    provider = models.ForeignKey(
        "Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("provider"),
        help_text=_("The training institute or provider that gave the course, exam or test."),
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_expires_on = models.DateField(
        _("certificate valid until"),
        null=True,
        blank=True,
        help_text=_("The certificate's own expiry, if it has one."),
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="activity_external_id"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="activity_score_scale",
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="activity_hours_positive"),
        ]
        indexes = [models.Index(fields=["person", "completed_on"], name="activity_person_date")]

    def __str__(self) -> str:
        return f"{self.title} {self.completed_on:%d-%m-%Y}"


class PersonQualification(models.Model):
    """Computed: until when a person meets the current requirements for a function.

    Stored as dates, so it does not go stale as time passes; the status (qualified, lapses
    within 90 days, lapsed) is derived from `qualified_until` at the moment of reading.
    Recomputed whenever the person's activities or the function's profiles change.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    function = models.ForeignKey(Function, on_delete=models.CASCADE, related_name="+")
    qualified_until = models.DateField(null=True, blank=True)
    #: per requirement: {"id", "label", "kind", "met_until" (ISO date or null), "detail"}
    requirements = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "function"], name="qualification_unique")
        ]
        indexes = [models.Index(fields=["function", "qualified_until"], name="qualification_until")]

    def __str__(self) -> str:
        return f"{self.person} {self.function.code} {self.qualified_until}"


class ReminderSent(models.Model):
    """A lapse reminder that went out; the unique key prevents duplicates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    function = models.ForeignKey(Function, on_delete=models.CASCADE, related_name="+")
    qualified_until = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "function", "qualified_until", "days_before"],
                name="reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.function.code} {self.days_before}d"


class Exercise(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    title = models.CharField(_("title"), max_length=200)
    exercise_type = models.CharField(_("type"), max_length=20, choices=ExerciseType.choices)
    starts_at = models.DateTimeField(_("date and time"))
    hours = models.DecimalField(_("duration in hours"), max_digits=4, decimal_places=1, default=2)
    scenario = models.TextField(_("scenario"), blank=True)
    functions = models.ManyToManyField(Function, blank=True, verbose_name=_("functions involved"))
    status = models.CharField(
        _("status"), max_length=20, choices=ExerciseStatus.choices, default=ExerciseStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self) -> str:
        return self.title


class ExerciseParticipant(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    function = models.ForeignKey(Function, on_delete=models.PROTECT, null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True)
    observation = models.TextField(_("observation"), blank=True)

    class Meta:
        ordering = ["role", "person__surname"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "person"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class LearningPoint(models.Model):
    """A lesson from an exercise, kept for the evaluation library."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="learning_points")
    function = models.ForeignKey(Function, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField(_("learning point"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:80]


class AlarmTest(models.Model):
    """An unannounced alarm test to the people on call for chosen functions."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    functions = models.ManyToManyField(Function)
    message = models.TextField(_("message"), blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{_('Alarm test')} {timezone.localtime(self.started_at):%d-%m-%Y %H:%M}"


class AlarmRecipient(models.Model):
    test = models.ForeignKey(AlarmTest, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    function = models.ForeignKey(Function, on_delete=models.PROTECT, related_name="+")
    shift = models.ForeignKey(OnCallShift, on_delete=models.SET_NULL, null=True, related_name="+")
    norm_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivery_error = models.CharField(max_length=255, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=20, choices=AlarmAnswer.choices, blank=True)
    eta_minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["function__sort_order", "person__surname"]
        constraints = [
            models.UniqueConstraint(fields=["test", "person", "function"], name="alarm_once"),
            models.CheckConstraint(
                condition=Q(eta_minutes__isnull=True) | Q(eta_minutes__lte=1440),
                name="alarm_eta_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.function.code}"
