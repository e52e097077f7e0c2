"""The public survey (publieksenquête) of an incident: the standard, effect-oriented questions
(national, `region` empty) that a region extends with its own; a survey copies them when it is
made, so later edits never change what was asked. Invitations carry a personal code for one
response; only a hash of the code is kept (the code exists on the printed letter alone), and a
response keeps no link to the invitation it came from: answers are anonymous, with only the
postcode area (four digits) and whether the respondent was in a shelter for the breakdown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.learning.constants import (
    ADDRESS_MAX,
    ANSWER_MAX,
    CODE_MAX,
    NOTE_MAX,
    OPTION_MAX,
    TITLE_MAX,
    QuestionKind,
    ResponseChannel,
    Shelter,
    SurveyStatus,
)

_USER = settings.AUTH_USER_MODEL


class StandardQuestion(models.Model):
    """A question of the standard set (`region` empty) or a region's own addition.
    `options` is a list of {"value", "label"} for choice questions."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=TITLE_MAX * 2)
    help_text = models.CharField(_("explanation"), max_length=TITLE_MAX * 2, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["region", "position", "pk"]
        verbose_name = _("standard question")
        verbose_name_plural = _("standard questions")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(region__isnull=True),
                name="standard_question_national_code_once",
            ),
            models.UniqueConstraint(
                fields=["region", "code"],
                condition=Q(region__isnull=False),
                name="standard_question_code_once",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Survey(models.Model):
    """The public survey of one incident. `token` is the open link's and the letters' key in
    the public address (/enquete/<token>/); `open_link` allows answers without a code."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("incident")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    intro = models.TextField(_("introduction"), max_length=NOTE_MAX, blank=True)
    token = models.CharField(max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    open_link = models.BooleanField(_("open link allowed"), default=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("public survey")
        verbose_name_plural = _("public surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """A question as this survey asks it (copied from the standard set when made)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=TITLE_MAX * 2)
    help_text = models.CharField(_("explanation"), max_length=TITLE_MAX * 2, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_once")
        ]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """An address invited by letter. `code_hash` is the HMAC of the personal code printed on
    the letter (`learning.codes`); making the letters again gives unused invitations new codes.
    `used_at` marks the code as spent; the response does not point back here. The address is
    kept only while the survey runs (deleted when it closes)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64)
    street = models.CharField(_("street and number"), max_length=ADDRESS_MAX, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    place = models.CharField(_("place"), max_length=ADDRESS_MAX, blank=True)
    #: The four digits of the postcode, kept after the address is deleted.
    postcode_area = models.CharField(_("postcode area"), max_length=4, blank=True)
    letter_made_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["survey", "postcode", "street", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code_hash"], name="invitation_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.street}"


class Response(models.Model):
    """One anonymous response. `client_key` (made by the form when it is shown) makes a
    submission that is sent twice count once; `submitted_on` is a date, not a time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=10, choices=ResponseChannel.choices)
    client_key = models.CharField(max_length=64)
    submitted_on = models.DateField(default=timezone.localdate)
    postcode_area = models.CharField(_("postcode area"), max_length=4, blank=True)
    shelter = models.CharField(
        _("in a shelter"), max_length=3, choices=Shelter.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "client_key"], name="response_once")
        ]
        indexes = [models.Index(fields=["survey", "postcode_area"], name="response_area")]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """The answer to one question: `value` for one answer, yes/no and the scale (as text),
    `values` for more answers, `text` in the respondent's own words."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=OPTION_MAX, blank=True)
    values = models.JSONField(default=list, blank=True)
    text = models.TextField(max_length=ANSWER_MAX, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]
        indexes = [models.Index(fields=["question", "value"], name="answer_question_value")]

    def __str__(self) -> str:
        return self.value or self.text[:40]
