from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    """The partner services that get a read-only view of a region's population care."""

    POLICE = "police", _("police")
    FIRE = "fire", _("fire service")
    MEDICAL = "medical", _("medical services (GHOR)")
    NATIONAL = "national", _("national crisis picture (LCMS)")
    OTHER = "other", _("other partner")


class DescriptionPart(models.TextChoices):
    """The parts of the description of population care, in the order they are shown."""

    WHAT = "what", _("What population care is")
    BOUNDARY = "boundary", _("The boundary with the municipality's general crisis management")
    WILL_DO = "will_do", _("What population care will do for the other services")
    WILL_NOT_DO = "will_not_do", _("What population care will not do")


#: Free text of one part of the description.
DESCRIPTION_PART_MAX = 8000
