"""The care room's vocabularies: kinds of shelter location, why a household leaves a
shelter, needs and supplies, people with reduced self-reliance and the surroundings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX = 200
TEXT_MAX = 2000
PHONE_MAX = 20
#: The most people one household card may hold, and one shelter's capacity.
HOUSEHOLD_MAX = 30
CAPACITY_MAX = 100_000
#: Household codes: no 0/O, 1/I/L, so a code read aloud or typed is unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
#: What a household card's QR code holds: ORANJE-OPVANG:<incident id>:<code>[:OEFENING].
QR_PREFIX = "ORANJE-OPVANG"


class LocationKind(models.TextChoices):
    SPORTS_HALL = "sports_hall", _("sports hall")
    COMMUNITY_CENTRE = "community_centre", _("community centre")
    HOTEL = "hotel", _("hotel")
    SCHOOL = "school", _("school")
    CHURCH = "church", _("church")
    EVENT_HALL = "event_hall", _("event hall")
    OTHER = "other", _("other")


#: The facilities a location may have: field name -> label (booleans on `Location`).
FACILITIES = {
    "kitchen": _("kitchen"),
    "showers": _("showers"),
    "wheelchair": _("wheelchair access"),
    "pets": _("pets allowed"),
    "medical_room": _("medical room"),
    "power_backup": _("power backup"),
}


class CheckOutReason(models.TextChoices):
    HOME = "home", _("home")
    FAMILY = "family", _("to family or friends")
    TRANSFER = "transfer", _("transfer to another shelter")
    HOUSING = "housing", _("temporary housing")
    HOSPITAL = "hospital", _("hospital")
    OTHER = "other", _("elsewhere")


class NeedKind(models.TextChoices):
    BEDS = "beds", _("beds")
    BLANKETS = "blankets", _("blankets")
    MEALS = "meals", _("meals")
    INTERPRETER = "interpreter", _("interpreter")
    MEDICATION = "medication", _("medication")
    TRANSPORT = "transport", _("transport")
    CARE = "care", _("care")
    OTHER = "other", _("other")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class MealMoment(models.TextChoices):
    BREAKFAST = "breakfast", _("breakfast")
    LUNCH = "lunch", _("lunch")
    DINNER = "dinner", _("dinner")
    NIGHT = "night", _("night")


class HousingStatus(models.TextChoices):
    NEEDED = "needed", _("needs housing")
    PLACED = "placed", _("placed")
    ENDED = "ended", _("ended")


class SupplierKind(models.TextChoices):
    CARE_ORGANISATION = "care", _("care organisation")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other")


#: Care needs of a person with reduced self-reliance: field name -> label (booleans).
CARE_NEEDS = {
    "need_mobility": _("mobility"),
    "need_devices": _("oxygen or electric medical devices"),
    "need_dementia": _("dementia"),
    "need_language": _("language"),
}


class CaseState(models.TextChoices):
    """The worklist of people with reduced self-reliance in an incident's area."""

    TO_CONTACT = "to_contact", _("to contact")
    CONTACTED = "contacted", _("contacted")
    FINE = "fine", _("fine")
    NEEDS_HELP = "needs_help", _("needs help")
    EVACUATED = "evacuated", _("evacuated to a shelter")


class Utility(models.TextChoices):
    GAS = "gas", _("gas")
    POWER = "power", _("power")
    WATER = "water", _("water")
    HEAT = "heat", _("district heating")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
