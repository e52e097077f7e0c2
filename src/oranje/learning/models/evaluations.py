"""Evaluations of an incident or an exercise: how it was evaluated and with whom, the findings
per process (what went well, what could be better) with the evidence each rests on (a logbook
line, a decision, a time against its norm, a norm's figure, a survey result), the improvement
actions they led to (the quality room's `ImprovementAction`, followed across evaluations), and
the patterns that group recurring findings across incidents and regions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.learning.constants import (
    CODE_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EvaluationStatus,
    EvidenceKind,
    FindingKind,
    Process,
)
from oranje.organisation.models import Person
from oranje.quality.models import ImprovementAction, Norm
from oranje.readiness.models import Exercise

_USER = settings.AUTH_USER_MODEL


class Evaluation(models.Model):
    """The evaluation of one incident (real or exercise) or one exercise of the readiness
    room; exactly one of the two is set. `methods` is a list of `EvaluationMethod` values."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    incident = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("incident"),
    )
    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("exercise"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    methods = models.JSONField(_("methods"), default=list, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    finalised_at = models.DateTimeField(_("made final"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(incident__isnull=False) & Q(exercise__isnull=True))
                | (Q(incident__isnull=True) & Q(exercise__isnull=False)),
                name="evaluation_of_one_thing",
            )
        ]
        indexes = [models.Index(fields=["region", "status"], name="evaluation_region_status")]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Someone who took part in the evaluation (interviewed, in the debrief, answered the
    questionnaire): a functionary of the region (`person`) or a name from outside."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    role = models.CharField(_("role or function"), max_length=NAME_MAX, blank=True)
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Pattern(models.Model):
    """A group of findings that recur across incidents: of one kind, with similar words in the
    same process or the same norm (`process`: that of its oldest finding). Rebuilt as a whole
    by `learning.patterns` (its `key` is stable between rebuilds for the same leading
    finding); a pattern of one finding is "seen once"."""

    key = models.CharField(max_length=64, unique=True)
    process = models.CharField(_("process"), max_length=20, choices=Process.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=FindingKind.choices)
    norm_code = models.CharField(_("norm"), max_length=CODE_MAX, blank=True)
    label = models.CharField(_("label"), max_length=TITLE_MAX)
    terms = models.JSONField(_("shared words"), default=list, blank=True)
    finding_count = models.PositiveIntegerField(default=0)
    incident_count = models.PositiveIntegerField(default=0)
    region_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-incident_count", "-finding_count", "pk"]
        verbose_name = _("pattern")
        verbose_name_plural = _("patterns")

    def __str__(self) -> str:
        return self.label


class Finding(models.Model):
    """What an evaluation found for one process: what went well or what could be better."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    process = models.CharField(_("process"), max_length=20, choices=Process.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=FindingKind.choices)
    text = models.TextField(_("finding"), max_length=TEXT_MAX)
    norm = models.ForeignKey(
        Norm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("norm"),
    )
    pattern = models.ForeignKey(
        Pattern, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    actions = models.ManyToManyField(
        ImprovementAction,
        blank=True,
        related_name="findings",
        verbose_name=_("improvement actions"),
    )

    class Meta:
        ordering = ["evaluation", "position", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["process", "kind"], name="finding_process_kind")]

    def __str__(self) -> str:
        return self.text[:80]


class Evidence(models.Model):
    """One piece of evidence for a finding. Which field is set follows `kind`: `log_entry`,
    `decision`, `milestone` (a key of `incidents.norms.milestones`) with the time it took and
    its norm, `norm` with the figure as it stood, or `survey_question` with the result."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    log_entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    milestone = models.CharField(_("milestone"), max_length=CODE_MAX, blank=True)
    norm = models.ForeignKey(
        Norm, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    survey_question = models.ForeignKey(
        "learning.SurveyQuestion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The figure or time as it stood when linked ("2 u 10 min, norm 3 u"; "82% of 95%").
    summary = models.CharField(_("summary"), max_length=TITLE_MAX, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["finding", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="log") & Q(log_entry__isnull=False))
                | (Q(kind="decision") & Q(decision__isnull=False))
                | (Q(kind="time") & ~Q(milestone=""))
                | (Q(kind="norm") & Q(norm__isnull=False))
                | (Q(kind="survey") & Q(survey_question__isnull=False)),
                name="evidence_points_at_its_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.summary}"
