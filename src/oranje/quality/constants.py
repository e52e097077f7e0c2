"""The quality room's vocabulary: processes, how a norm is measured, the indicators Oranje
computes, the four states of a cell in the monitoring, and the limits of free text."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

CODE_MAX = 20
TITLE_MAX = 200
TEXT_MAX = 4000
NOTE_MAX = 2000
NAME_MAX = 150
URL_MAX = 500
#: Percentages and points are kept with one decimal, 0.0–100.0.
PERCENT_DIGITS = 4
PERCENT_DECIMALS = 1
#: Money in euros with cents; rates and prices stay below a million.
MONEY_DIGITS = 12
MONEY_DECIMALS = 2
#: The first and last year a norm, round, agreement or report may concern.
FIRST_YEAR = 2010
LAST_YEAR = 2100


class Process(models.TextChoices):
    """The eight tasks of population care (DOMAIN.md §1), plus organisation and readiness."""

    COMMUNICATION = "communication", _("crisis communication")
    SHELTER = "shelter", _("shelter and care")
    SURROUNDINGS = "surroundings", _("care for the surroundings")
    AFTERCARE = "aftercare", _("preparing the aftercare")
    VICTIMS = "victims", _("registering victims")
    DAMAGE = "damage", _("registering damage")
    RELATIVES = "relatives", _("informing relatives")
    ADVICE = "advice", _("advising crisis teams and the mayor")
    ORGANISATION = "organisation", _("organisation and on-call")
    READINESS = "readiness", _("competence and exercise")


class Measure(models.TextChoices):
    INDICATOR = "indicator", _("computed from Oranje's records")
    SELF_ASSESSMENT = "self", _("self-assessment with evidence")


class Indicator(models.TextChoices):
    """What Oranje computes. Every indicator is a share in percent (higher is better):
    numerator of denominator, per municipality and period (`quality.indicators`)."""

    COVERAGE = "coverage", _("hours at or above the on-call minimum")
    QUALIFIED = "qualified", _("qualified share of the people in a key function")
    ALARM_ANSWERED = "alarm_answered", _("alarm-test messages answered")
    ALARM_IN_TIME = "alarm_in_time", _("alarm-test answers that could arrive within the norm")
    ARRIVAL_REAL = "arrival_real", _("arrivals within the norm in real incidents")
    ARRIVAL_EXERCISE = "arrival_exercise", _("arrivals within the norm in exercises")
    FIRST_MESSAGE = "first_message", _("incidents with a first public message within 30 minutes")
    SHELTER_READY = "shelter_ready", _("incidents with shelter ready within 3 hours")
    HOUSING = "housing", _("incidents with temporary housing within 48 hours")
    EXERCISE_PARTICIPATION = (
        "exercise_participation",
        _("people in a key function who exercised this year"),
    )


class CellState(models.TextChoices):
    """A municipality's standing on one norm in one period."""

    MEETS = "meets", _("meets the waterlijn")
    WITHIN = "within", _("within the bandbreedte")
    BELOW = "below", _("below the bandbreedte")
    NO_DATA = "no_data", _("no data")


class SetStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")


class Answer(models.TextChoices):
    """A self-assessment's answer; counted as 100, 50 and 0 percent."""

    YES = "yes", _("yes, in place")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class Review(models.TextChoices):
    OPEN = "open", _("not yet submitted")
    SUBMITTED = "submitted", _("submitted, awaiting review")
    ACCEPTED = "accepted", _("accepted by the region")
    RETURNED = "returned", _("returned for more work")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSED = "closed", _("closed")


class Verdict(models.TextChoices):
    """The board's review of a flexible scaling: was it wise, was it legitimate."""

    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")
