from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Oranje for real (issue 18): the deployment checks, backup and restore, the
    health endpoint for load balancers and the Prometheus metrics. Above every room, so it
    may read each room's backlog; no room imports it."""

    name = "oranje.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from oranje.operations.checks import register_checks

        register_checks()
