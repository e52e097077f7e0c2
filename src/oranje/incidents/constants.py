"""Statuses and code lists of the incident room. Teams and processes are the national
vocabulary (DOMAIN.md §1–2); which functions a team or level alerts is regional data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentType(models.TextChoices):
    UTILITY_OUTAGE = "utility_outage", _("utility outage (gas, power, water)")
    FIRE = "fire", _("fire")
    FLOOD = "flood", _("flooding or high water")
    HAZMAT = "hazmat", _("hazardous substances")
    EXPLOSION = "explosion", _("explosion")
    EVACUATION = "evacuation", _("evacuation")
    PUBLIC_ORDER = "public_order", _("public order or social unrest")
    HEALTH = "health", _("infectious disease or health threat")
    CYBER = "cyber", _("cyber incident")
    RECEPTION = "reception", _("reception of refugees or evacuees")
    TRANSPORT = "transport", _("transport accident")
    EXTREME_WEATHER = "weather", _("extreme weather")
    OTHER = "other", _("other")


class ScalingMode(models.TextChoices):
    GRIP = "grip", _("GRIP")
    FLEXIBLE = "flexible", _("flexible (team for the occasion)")


class GripLevel(models.IntegerChoices):
    GRIP_0 = 0, _("GRIP 0 — routine")
    GRIP_1 = 1, _("GRIP 1 — at the scene (CoPI)")
    GRIP_2 = 2, _("GRIP 2 — beyond the scene (ROT)")
    GRIP_3 = 3, _("GRIP 3 — one municipality (GBT)")
    GRIP_4 = 4, _("GRIP 4 — several municipalities (RBT)")
    GRIP_5 = 5, _("GRIP 5 — several regions")


class Team(models.TextChoices):
    COPI = "copi", _("CoPI")
    ROT = "rot", _("ROT")
    TBZ = "tbz", _("TBZ")
    GBT = "gbt", _("GBT")
    RBT = "rbt", _("RBT")
    AC_BZ = "ac_bz", _("Actiecentrum BZ")


class Process(models.TextChoices):
    """The eight tasks of population care (DOMAIN.md §1)."""

    COMMUNICATION = "communication", _("crisis communication")
    SHELTER = "shelter", _("shelter and care")
    SURROUNDINGS = "surroundings", _("care for the surroundings")
    AFTERCARE = "aftercare", _("preparing the aftercare")
    VICTIMS = "victims", _("registering victims")
    DAMAGE = "damage", _("registering damage")
    RELATIVES = "relatives", _("informing relatives")
    ADVICE = "advice", _("advising crisis teams")


class EntryKind(models.TextChoices):
    NOTE = "note", _("note")
    SCALING = "scaling", _("scaling")
    DECISION = "decision", _("decision")
    ACTION = "action", _("action")
    ALERT = "alert", _("alerting")
    REPORT = "report", _("situation report")
    HANDOVER = "handover", _("handover")
    CLOSE = "close", _("closing")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


#: Size limit of one logbook attachment.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


#: The functions that lead population care in an incident: whoever holds one of them for an
#: incident (alerted for it and not declined) may scale it, approve and publish its situation
#: reports and close it (see incidents/access.py, `can_command`).
LEADING_FUNCTIONS = frozenset({"OVD-BZ", "AC-BZ", "L-TBZ"})
#: Length of the meeting point an alert message carries.
MEETING_POINT_MAX = 200


class ChecklistKind(models.TextChoices):
    """A checklist line is a task for the function itself, or one of the standard questions
    the function puts to the administrators (the mayor, the policy team)."""

    TASK = "task", _("task")
    ADMINISTRATOR_QUESTION = "administrator_question", _("question for administrators")
