from django.db import models
from django.utils.translation import gettext_lazy as _


class RequirementKind(models.TextChoices):
    COURSE = "course", _("initial course")
    EXAM = "exam", _("exam or practical test")
    UPKEEP = "upkeep", _("upkeep (exercises and deployments)")


class ActivityKind(models.TextChoices):
    COURSE = "course", _("course")
    EXERCISE = "exercise", _("exercise")
    EXAM = "exam", _("exam")
    PRACTICAL_TEST = "practical_test", _("practical test")
    DEPLOYMENT = "deployment", _("real deployment")


#: Activities that count towards upkeep: exercises, and real deployments as experience.
UPKEEP_KINDS = frozenset({ActivityKind.EXERCISE, ActivityKind.DEPLOYMENT})
#: Activities with a result that can satisfy a course or exam requirement.
RESULT_KINDS = frozenset({ActivityKind.COURSE, ActivityKind.EXAM, ActivityKind.PRACTICAL_TEST})


class ExerciseType(models.TextChoices):
    TABLETOP = "tabletop", _("tabletop exercise")
    PRACTICAL = "practical", _("practical exercise")
    SYSTEM = "system", _("system exercise")
    ALARM = "alarm", _("alarm test")
    DRILL = "drill", _("one-hour drill")


class ReadinessStatus(models.TextChoices):
    QUALIFIED = "qualified", _("qualified")
    LAPSES_SOON = "lapses_soon", _("lapses within 90 days")
    LAPSED = "lapsed", _("lapsed")
    NOT_QUALIFIED = "not_qualified", _("not qualified")


class ExerciseStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    COMPLETED = "completed", _("completed")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    OBSERVER = "observer", _("observer")


class AlarmAnswer(models.TextChoices):
    COMING = "coming", _("Yes, I am coming")
    NOT_COMING = "not_coming", _("No, I cannot come")


LAPSE_WARNING_DAYS = 90
REMINDER_DAYS = (90, 30)
SCORE_MIN = 1
SCORE_MAX = 10


class ProviderKind(models.TextChoices):
    INSTITUTE = "institute", _("training institute")
    PROVIDER = "provider", _("training provider")


class DrillAssessment(models.TextChoices):
    """How the assessor judges what someone arranged within the hour."""

    GOOD = "good", _("good")
    SUFFICIENT = "sufficient", _("sufficient")
    INSUFFICIENT = "insufficient", _("insufficient")


#: A one-hour drill's deadline: at least this many minutes after it is sent, at most a day.
DRILL_MIN_MINUTES = 15
DRILL_MAX_MINUTES = 24 * 60
DRILL_DEFAULT_MINUTES = 60
