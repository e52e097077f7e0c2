"""Code lists and limits of the damage room (DOMAIN.md §8: task 6, registering damage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oranje.core.text import SHORT_TEXT, TEXT


class DamageKind(models.TextChoices):
    HOME = "home", _("home (the building)")
    CONTENTS = "contents", _("household contents")
    BUSINESS = "business", _("business")
    VEHICLE = "vehicle", _("vehicle")
    FARM = "farm", _("farm, crops or livestock")
    PUBLIC = "public", _("public space")


class Insured(models.TextChoices):
    YES = "yes", _("insured")
    NO = "no", _("not insured")
    UNKNOWN = "unknown", _("does not know")


class Triage(models.TextChoices):
    """How soon someone must act; blank: not yet triaged."""

    URGENT = "urgent", _("urgent")
    NORMAL = "normal", _("normal")
    INFO = "info", _("information only")


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    REFERRED = "referred", _("referred")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (ReportStatus.NEW, ReportStatus.IN_PROGRESS, ReportStatus.REFERRED)


class Channel(models.TextChoices):
    FORM = "form", _("public form")
    PHONE = "phone", _("phone")
    DESK = "desk", _("desk")
    VISIT = "visit", _("field visit")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("received")
    TRIAGE = "triage", _("triaged")
    STATUS = "status", _("status changed")
    HANDLER = "handler", _("handler changed")
    NOTE = "note", _("note")
    CHANGE = "change", _("details changed")


#: Limits of what a report holds (every free text has one).
NAME_MAX = SHORT_TEXT
PHONE_MAX = 20
EMAIL_MAX = 254
CITY_MAX = 100
ADDITION_MAX = 10
DESCRIPTION_MAX = TEXT
NOTE_MAX = 2000
INTRO_MAX = 1000


#: Photos: at most this many per report, each at most this large, of these types.
class PhotoStatus(models.TextChoices):
    """A photo is stored as sent (`pending`), re-encoded without metadata by the worker
    (`processing` under a claim) and only then shown (`ready`); one that cannot be decoded is
    `failed`, with the reason. The original is removed either way."""

    PENDING = "pending", _("being processed")
    PROCESSING = "processing", _("being processed (claimed)")
    READY = "ready", _("ready")
    FAILED = "failed", _("could not be processed")


PHOTOS_MAX = 5
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
#: A stored photo's longest side after re-encoding (which drops metadata such as GPS).
PHOTO_MAX_SIDE = 2560
#: Length of a reference code without the prefix ("S-" + 4 + "-" + 4).
REFERENCE_PREFIX = "S"
