from django.db import models
from django.utils.translation import gettext_lazy as _


class FunctionGroup(models.TextChoices):
    """The three main-function pools of the practitioners' proposal, specialists apart."""

    FIELD = "field", _("field officers")
    BACK_OFFICE = "back_office", _("back office coordinators")
    LEADERSHIP = "leadership", _("leaders and strategic advisers")
    SPECIALIST = "specialist", _("specialists")


class CoverageUnit(models.TextChoices):
    """The area for which a region's minimum number of people on hard on-call holds."""

    DISTRICT = "district", _("per on-call district")
    MUNICIPALITY = "municipality", _("per municipality")
    REGION = "region", _("for the whole region")


class PoolKind(models.TextChoices):
    MUNICIPAL = "municipal", _("municipal")
    INTERMUNICIPAL = "intermunicipal", _("intermunicipal")
    REGIONAL = "regional", _("regional")


class OnCallKind(models.TextChoices):
    HARD = "hard", _("hard on-call")
    SOFT = "soft", _("soft on-call")


class ShiftSource(models.TextChoices):
    MANUAL = "manual", _("by hand")
    PATTERN = "pattern", _("repeating pattern")
    IMPORT = "import", _("import")
    HANDOVER = "handover", _("handover")


class UnavailabilityReason(models.TextChoices):
    HOLIDAY = "holiday", _("holiday")
    SICK = "sick", _("sickness")
    OTHER = "other", _("other")


class PersonKind(models.TextChoices):
    """Key-function holders are on a qualification path and on call; other civil servants
    may be called when needed (soft on-call) without a path (DOMAIN.md §5)."""

    KEY = "key", _("key-function holder")
    CIVIL = "civil", _("civil servant without a path")
