"""The communication room's vocabularies: kinds of message and their statuses, the three goals
of crisis communication (DOMAIN.md §6), the CAP 1.2 code lists (DOMAIN.md §12), who
communicates, and the environment analysis' signals."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 160
TEXT_MAX = 5000
INSTRUCTION_MAX = 1000
AUDIENCE_MAX = 200
NOTE_MAX = 200
TOPIC_MAX = 80
SIGNAL_MAX = 1000
QUESTION_MAX = 500
ANSWER_MAX = 3000
ANALYSIS_MAX = 4000
#: A post on social media (X counts 280; the others allow more, so this is the strictest).
SOCIAL_MAX = 280
#: An NL-Alert cell broadcast: 15 pages of 93 GSM characters.
NL_ALERT_MAX = 1395
#: One SMS part (GSM-7); longer texts go as several parts.
SMS_PART = 160
#: The most points one affected area's polygon may have.
AREA_POINTS_MAX = 500
#: The norm: factual information to those involved within 30 minutes of the start.
FIRST_MESSAGE_MINUTES = 30
#: The public page keeps a closed incident this many days, marked closed.
PUBLIC_CLOSED_DAYS = 7
#: How long a rendered public page is kept (per server process with the default cache): the
#: longest a change waits before every visitor sees it.
PUBLIC_PAGE_SECONDS = 2
#: How long a browser or a reverse proxy may keep the public page (Cache-Control max-age):
#: with the cache above, a published message reaches every reader within 5 seconds.
PUBLIC_MAX_AGE = 3


class MessageKind(models.TextChoices):
    PUBLIC = "public", _("public information")
    WARNING = "warning", _("warning with what to do")
    AFFECTED = "affected", _("to affected people")
    STAFF = "staff", _("to staff and partners")
    PRESS = "press", _("press release")


#: The kinds that go on the public page (and count for the 30-minute norm).
PUBLIC_KINDS = frozenset({MessageKind.PUBLIC, MessageKind.WARNING})


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class Relation(models.TextChoices):
    """How a message relates to the one before it (`Message.parent`): a published message is
    never edited; it is followed by an update, a correction or a cancellation."""

    ORIGINAL = "original", _("first message")
    UPDATE = "update", _("update")
    CORRECTION = "correction", _("correction")
    CANCEL = "cancel", _("cancellation")


class Goal(models.TextChoices):
    """The three goals of crisis communication."""

    INFORM = "inform", _("informing")
    LIMIT_HARM = "limit_harm", _("limiting harm")
    MEANING = "meaning", _("giving meaning")


class Communicator(models.TextChoices):
    """Who communicates, in the region's agreements."""

    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    BOTH = "both", _("both")


class MailChannel(models.TextChoices):
    MAIL = "mail", _("e-mail")
    SMS = "sms", _("SMS")


class ItemStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    #: Not sent on purpose: an exercise (never to real addresses) or no address left.
    SKIPPED = "skipped", _("not sent")


class SignalSource(models.TextChoices):
    PHONE = "phone", _("phone or information line")
    SOCIAL = "social", _("social media")
    PRESS = "press", _("press")
    PARTNER = "partner", _("partners")
    FIELD = "field", _("field")


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("negative")
    NEUTRAL = "neutral", _("neutral")
    POSITIVE = "positive", _("positive")


class ReviewStatus(models.TextChoices):
    """Status of an analysis report or a Q&A item."""

    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


# CAP 1.2 code lists (the schema's enumerations).
class CapCategory(models.TextChoices):
    GEO = "Geo", _("geophysical")
    MET = "Met", _("meteorological")
    SAFETY = "Safety", _("general safety")
    SECURITY = "Security", _("security")
    RESCUE = "Rescue", _("rescue")
    FIRE = "Fire", _("fire")
    HEALTH = "Health", _("health")
    ENV = "Env", _("environment")
    TRANSPORT = "Transport", _("transport")
    INFRA = "Infra", _("infrastructure")
    CBRNE = "CBRNE", _("chemical, biological, radiological, nuclear or explosive")
    OTHER = "Other", _("other")


class CapUrgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("immediate")
    EXPECTED = "Expected", _("expected (within the hour)")
    FUTURE = "Future", _("future")
    PAST = "Past", _("past")
    UNKNOWN = "Unknown", _("unknown")


class CapSeverity(models.TextChoices):
    EXTREME = "Extreme", _("extreme")
    SEVERE = "Severe", _("severe")
    MODERATE = "Moderate", _("moderate")
    MINOR = "Minor", _("minor")
    UNKNOWN = "Unknown", _("unknown")


class CapCertainty(models.TextChoices):
    OBSERVED = "Observed", _("observed")
    LIKELY = "Likely", _("likely")
    POSSIBLE = "Possible", _("possible")
    UNLIKELY = "Unlikely", _("unlikely")
    UNKNOWN = "Unknown", _("unknown")


#: The rows of a region's agreements matrix: the GRIP levels and the flexible teams.
AGREEMENT_SCOPES: list[tuple[str, object]] = [
    ("grip1", _("GRIP 1")),
    ("grip2", _("GRIP 2")),
    ("grip3", _("GRIP 3")),
    ("grip4", _("GRIP 4")),
    ("grip5", _("GRIP 5")),
    ("copi", _("CoPI (flexible)")),
    ("rot", _("ROT (flexible)")),
    ("gbt", _("GBT (flexible)")),
    ("rbt", _("RBT (flexible)")),
]
