from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    FUNCTIONARY = "functionary", _("functionary")
    COORDINATOR = "coordinator", _("coordinator")
    REGISTRY_OFFICER = "registry_officer", _("registry officer")
    REGISTRY_COORDINATOR = "registry_coordinator", _("registry coordinator")
    CARE_OFFICER = "care_officer", _("shelter desk officer")
    CARE_COORDINATOR = "care_coordinator", _("shelter and care coordinator")
    COMMUNICATION = "communication", _("communication")
    AFTERCARE = "aftercare", _("aftercare and IAC officer")
    QUALITY_MONITOR = "quality_monitor", _("quality monitor")
    ADMINISTRATOR = "administrator", _("administrator")


#: Roles that may change the organisation (people, pools, rosters) within their scope.
MANAGING_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})

#: Roles that may work in an incident: write the logbook, record decisions, scale, answer.
OPERATING_ROLES = frozenset(
    {
        Role.FUNCTIONARY,
        Role.COORDINATOR,
        Role.REGISTRY_OFFICER,
        Role.REGISTRY_COORDINATOR,
        Role.CARE_OFFICER,
        Role.CARE_COORDINATOR,
        Role.COMMUNICATION,
        Role.AFTERCARE,
        Role.ADMINISTRATOR,
    }
)

#: The registry roles: the only ones that see data of affected persons (issue 11).
REGISTRY_ROLES = frozenset({Role.REGISTRY_OFFICER, Role.REGISTRY_COORDINATOR})

#: The care roles (issue 12): the shelter desk sees the guests of its incident's shelters;
#: the care coordinator also the lists of people with reduced self-reliance.
CARE_ROLES = frozenset({Role.CARE_OFFICER, Role.CARE_COORDINATOR})

#: The aftercare role (issue 14): the nafase task organisation and the information and advice
#: centre (IAC). With the registry roles, the only ones that see damage reports' reporters and
#: the IAC's households.
AFTERCARE_ROLES = frozenset({Role.AFTERCARE})
