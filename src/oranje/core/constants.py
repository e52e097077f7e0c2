from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    FUNCTIONARY = "functionary", _("functionary")
    COORDINATOR = "coordinator", _("coordinator")
    REGISTRY_OFFICER = "registry_officer", _("registry officer")
    REGISTRY_COORDINATOR = "registry_coordinator", _("registry coordinator")
    COMMUNICATION = "communication", _("communication")
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
        Role.COMMUNICATION,
        Role.ADMINISTRATOR,
    }
)

#: The registry roles: the only ones that see data of affected persons (issue 11).
REGISTRY_ROLES = frozenset({Role.REGISTRY_OFFICER, Role.REGISTRY_COORDINATOR})
