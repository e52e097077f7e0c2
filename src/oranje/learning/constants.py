"""The learning room's vocabulary: evaluation methods and findings, the survey's questions, the
dossier's themes, kinds and statuses, the network's roles and bodies, and the limits of text."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from oranje.quality.constants import Process

__all__ = ["Process"]

TITLE_MAX = 200
TEXT_MAX = 8000
NOTE_MAX = 2000
NAME_MAX = 150
#: A survey's free-text answer, and an option's value.
ANSWER_MAX = 2000
OPTION_MAX = 100
#: A question's code and a dossier entry's or body's short code.
CODE_MAX = 30
#: Street lines, place names and the like in an address list.
ADDRESS_MAX = 120
#: The personal code on a survey letter: this many characters from `CODE_ALPHABET`
#: (no 0/O, 1/I/L), shown as two groups of four.
CODE_LENGTH = 8
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: The first and last year an evaluation, meeting, work session or survey may concern.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class EvaluationMethod(models.TextChoices):
    CONVERSATIONS = "conversations", _("conversations")
    DEBRIEF = "debrief", _("team debrief")
    QUESTIONNAIRE = "questionnaire", _("questionnaire")
    DOCUMENTS = "documents", _("study of the logbook and documents")
    SURVEY = "survey", _("public survey")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")


class FindingKind(models.TextChoices):
    WENT_WELL = "well", _("went well")
    IMPROVE = "improve", _("could be better")


class EvidenceKind(models.TextChoices):
    """What a finding rests on: a line of the logbook, a decision, a time (a milestone of the
    incident against its norm), a norm (the quality room's figure for the incident), or a
    result of the public survey."""

    LOG = "log", _("logbook line")
    DECISION = "decision", _("decision")
    TIME = "time", _("time against the norm")
    NORM = "norm", _("norm")
    SURVEY = "survey", _("public survey result")


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("one answer")
    MULTIPLE = "multiple", _("more answers possible")
    SCALE = "scale", _("scale 1 to 5")
    YES_NO = "yesno", _("yes or no")
    TEXT = "text", _("own words")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", _("closed")


class ResponseChannel(models.TextChoices):
    CODE = "code", _("personal code from the letter")
    OPEN = "open", _("open link")


class Shelter(models.TextChoices):
    """Whether the respondent stayed in a shelter (the results break down by it)."""

    YES = "yes", _("in a shelter")
    NO = "no", _("not in a shelter")
    UNKNOWN = "", _("not answered")


class Theme(models.TextChoices):
    """The themes of the living dossier (the work sessions' chapters)."""

    POOLS = "pools", _("pools")
    ON_CALL = "on_call", _("on-call")
    COMPETENCE = "competence", _("competence and exercise")
    SELF_RELIANCE = "self_reliance", _("self-reliance")
    COMMUNICATION = "communication", _("crisis communication")
    SHELTER = "shelter", _("shelter and care")
    REGISTRATION = "registration", _("registration and relatives")
    DAMAGE = "damage", _("damage")
    AFTERCARE = "aftercare", _("aftercare")
    EVALUATION = "evaluation", _("evaluation and learning")
    ADMINISTRATORS = "administrators", _("administrators and crisis teams")
    ORGANISATION = "organisation", _("organisation and network")


class EntryKind(models.TextChoices):
    QUESTION = "question", _("good question")
    PRACTICE = "practice", _("good practice")
    PROPOSAL = "proposal", _("good proposal")


class EntryStatus(models.TextChoices):
    """How far an entry has come: considered workable, tried somewhere, or common practice."""

    PROPOSAL = "proposal", _("proposal")
    TRIED = "tried", _("tried")
    PRACTICE = "practice", _("practice")


class NetworkRole(models.TextChoices):
    SECRETARY = "secretary", _("coordinating municipal secretary")
    OFFICIAL = "official", _("coordinating municipal official")
    CHAIR = "chair", _("chair")
    DEPUTY = "deputy", _("deputy chair")
    PORTFOLIO = "portfolio", _("portfolio holder")
    COORDINATOR = "coordinator", _("regional coordinator of population care")
    SUPPORT = "support", _("network support")


class Body(models.TextChoices):
    """The bodies of the national network; each meets at least `MINIMUM_MEETINGS` a year."""

    NETWORK = "network", _("national network of coordinating municipal secretaries")
    PORTFOLIO = "portfolio", _("portfolio holders")
    COORDINATORS = "coordinators", _("national meeting of coordinators")


#: The least number of meetings per calendar year (the network in spring and autumn).
MINIMUM_MEETINGS = {Body.NETWORK: 2, Body.PORTFOLIO: 4, Body.COORDINATORS: 4}


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class AdviceKind(models.TextChoices):
    ASKED = "asked", _("asked by the board")
    UNASKED = "unasked", _("unasked")


class AdviceStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")
    WITHDRAWN = "withdrawn", _("withdrawn")


#: A dossier comment's region choice (form and API) for a national member: "landelijk".
NATIONAL = "landelijk"

#: A yes-or-no question's answers, as residents see them and as the results show them.
YES_NO_ANSWERS = (("yes", _("Yes")), ("no", _("No")))
