"""The readiness room's models: `base` (profiles, activities, qualifications, exercises,
alarm tests) and `oto` (providers, one-hour drills, feedback moments)."""

from oranje.readiness.models.base import (
    Activity,
    AlarmRecipient,
    AlarmTest,
    Exercise,
    ExerciseParticipant,
    LearningPoint,
    PersonQualification,
    QualificationProfile,
    ReminderSent,
    Requirement,
)
from oranje.readiness.models.oto import Accreditation, Drill, Feedback, FeedbackMoment, Provider

__all__ = [
    "Accreditation",
    "Activity",
    "AlarmRecipient",
    "AlarmTest",
    "Drill",
    "Exercise",
    "ExerciseParticipant",
    "Feedback",
    "FeedbackMoment",
    "LearningPoint",
    "PersonQualification",
    "Provider",
    "QualificationProfile",
    "ReminderSent",
    "Requirement",
]
