"""The registry's vocabularies: status and whereabouts of an affected person, where a
registration came from, and the states of an inquiry and its candidates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: BRP limits: the prefix (voorvoegsel) is at most 10 characters.
PREFIX_MAX = 10
NAME_MAX = 200
TEXT_MAX = 2000
#: An e-mail address (RFC 5321's limit, as Django's EmailField).
EMAIL_MAX = 254
#: Search windows: a registry answers for people born in the last 130 years.
BIRTH_YEAR_MIN = 1890


class NameUse(models.TextChoices):
    """The BRP's aanduiding naamgebruik."""

    OWN = "E", _("own name")
    PARTNER = "P", _("partner's name")
    PARTNER_OWN = "V", _("partner's name, then own")
    OWN_PARTNER = "N", _("own name, then partner's")


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "V", _("female")
    OTHER = "X", _("other")
    UNKNOWN = "O", _("unknown")


class Status(models.TextChoices):
    UNHARMED = "unharmed", _("unharmed")
    INJURED = "injured", _("injured")
    HOSPITALISED = "hospitalised", _("hospitalised")
    DECEASED = "deceased", _("deceased")
    MISSING = "missing", _("missing")
    UNKNOWN = "unknown", _("unknown")


class UpdateChannel(models.TextChoices):
    """How a person who consented receives the municipality's updates (the communication
    room's mailings): the values of its `MailChannel`."""

    MAIL = "mail", _("e-mail")
    SMS = "sms", _("SMS")


class Whereabouts(models.TextChoices):
    SHELTER = "shelter", _("shelter")
    HOSPITAL = "hospital", _("hospital")
    HOME = "home", _("home")
    ELSEWHERE = "elsewhere", _("elsewhere")
    UNKNOWN = "unknown", _("unknown")


class Source(models.TextChoices):
    SHELTER = "shelter", _("shelter check-in")
    FIELD = "field", _("field registration")
    HOSPITAL = "hospital", _("hospital list")
    POLICE = "police", _("police list")
    PHONE = "phone", _("phone")
    PFIF = "pfif", _("PFIF import")


class SenderKind(models.TextChoices):
    HOSPITAL = "hospital", _("hospital")
    POLICE = "police", _("police")
    SHELTER = "shelter", _("shelter")
    OTHER = "other", _("other")


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("open")
    #: A candidate was confirmed; the caller has not been told yet.
    FOUND = "found", _("found, to inform")
    #: Deceased: waits for the police to confirm they informed the next of kin.
    POLICE = "police", _("with the police")
    INFORMED = "informed", _("informed")
    CLOSED = "closed", _("closed")


class CandidateState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    #: Confirmed by one officer for a deceased person; a second officer must confirm.
    AWAITING_SECOND = "second", _("awaiting a second officer")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("reached")
    NOT_REACHED = "not_reached", _("not reached")
    MESSAGE_LEFT = "message_left", _("message left")


class Phrase(models.TextChoices):
    """Standard phrases for what was said on a call back (never a deceased message)."""

    REGISTERED_SAFE = "registered_safe", _("The person is registered as safe.")
    IN_SHELTER = "in_shelter", _("The person is in a shelter.")
    IN_HOSPITAL = "in_hospital", _("The person is in hospital; the hospital informs further.")
    NOT_YET_FOUND = "not_yet_found", _("The person has not been found yet; we call back.")
    NO_CONSENT = "no_consent", _("The person is safe but did not consent to share where.")
    ASKED_TO_CALL = "asked_to_call", _("We asked the person to contact the caller.")


class DuplicateState(models.TextChoices):
    OPEN = "open", _("open")
    MERGED = "merged", _("merged")
    DISMISSED = "dismissed", _("not the same person")


class ReadKind(models.TextChoices):
    PERSON = "person", _("person")
    INQUIRY = "inquiry", _("inquiry")
    LIST = "list", _("list")
    EXPORT = "export", _("export")


class RetentionKind(models.TextChoices):
    ANONYMISE = "anonymise", _("anonymised")
    DELETE = "delete", _("deleted")
