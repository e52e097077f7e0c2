"""The learning room's data (issue 16): evaluations with findings, evidence and patterns; the
public survey; the living dossier with its work sessions; the national network."""

from oranje.learning.models.dossier import Entry, EntryComment, EntryVersion, WorkSession
from oranje.learning.models.evaluations import Evaluation, Evidence, Finding, Participant, Pattern
from oranje.learning.models.network import (
    AdvisoryQuestion,
    Meeting,
    MeetingDecision,
    MeetingDocument,
    NetworkMember,
)
from oranje.learning.models.surveys import (
    Answer,
    Invitation,
    Response,
    StandardQuestion,
    Survey,
    SurveyQuestion,
)

__all__ = [
    "AdvisoryQuestion",
    "Answer",
    "Entry",
    "EntryComment",
    "EntryVersion",
    "Evaluation",
    "Evidence",
    "Finding",
    "Invitation",
    "Meeting",
    "MeetingDecision",
    "MeetingDocument",
    "NetworkMember",
    "Participant",
    "Pattern",
    "Response",
    "StandardQuestion",
    "Survey",
    "SurveyQuestion",
    "WorkSession",
]
