"""Code lists and limits of the aftercare room: the nafase, its transition document and
tasks, the information and advice centre (IAC), newsletters, and the people who came."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oranje.core.text import SHORT_TEXT, TEXT


class Theme(models.TextChoices):
    """The themes of aftercare (herstelzorg)."""

    HOUSING = "housing", _("housing")
    FINANCE = "finance", _("finance and damage")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial care")
    INFORMATION = "information", _("information")
    COMMEMORATION = "commemoration", _("commemoration")
    SURROUNDINGS = "surroundings", _("the surroundings")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("phone")
    DESK = "desk", _("walk-in desk")
    HOME_VISIT = "home_visit", _("home visit")
    MAIL = "mail", _("e-mail or letter")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")


class ReferralTo(models.TextChoices):
    INSURER = "insurer", _("insurer")
    GGD = "ggd", _("GGD (public health)")
    SOCIAL = "social", _("social services of the municipality")
    SCHEME = "scheme", _("compensation scheme (Wts)")
    HOUSING = "housing", _("housing corporation")
    VICTIM_SUPPORT = "victim_support", _("Victim Support Netherlands")
    OTHER = "other", _("other")


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")


class ItemChannel(models.TextChoices):
    MAIL = "mail", _("e-mail")
    LETTER = "letter", _("printed letter")
    SMS = "sms", _("SMS")


class ItemStatus(models.TextChoices):
    """One recipient of a newsletter or thank-you: queued → sending (claimed with a lease) →
    sent or failed; `not_sent` for an exercise's (never sent); `letter` for a printed one."""

    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("sending failed")
    NOT_SENT = "not_sent", _("not sent (exercise)")
    LETTER = "letter", _("printed letter")


NAME_MAX = SHORT_TEXT
TITLE_MAX = SHORT_TEXT
PHONE_MAX = 20
EMAIL_MAX = 254
CITY_MAX = 100
ADDITION_MAX = 10
NOTE_MAX = TEXT
BODY_MAX = 10000
