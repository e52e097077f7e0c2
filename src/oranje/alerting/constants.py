from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.IntegerChoices):
    """The escalation ladder for one function (DOMAIN.md §4)."""

    HARD = 0, _("hard on-call")
    SOFT = 1, _("soft on-call pool")
    COORDINATOR = 2, _("pool coordinator")
    EXHAUSTED = 3, _("nobody left to alert")


class CallStatus(models.TextChoices):
    OPEN = "open", _("alerting")
    FILLED = "filled", _("enough people coming")
    CANCELLED = "cancelled", _("stopped")


class Answer(models.TextChoices):
    PENDING = "pending", _("no answer yet")
    ACCEPTED = "accepted", _("coming")
    DECLINED = "declined", _("cannot come")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    APP = "app", _("in the app")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class AnsweredVia(models.TextChoices):
    LINK = "link", _("link in the message")
    APP = "app", _("in the app")
    BOARD = "board", _("recorded on the alert board")


#: Tries per delivery before it counts as failed, and the wait before each retry (seconds).
DELIVERY_RETRY_DELAYS = (10, 30)
#: Default escalation delay and people needed when a region has no rule for a function.
DEFAULT_ESCALATION_MINUTES = 5
