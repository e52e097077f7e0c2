from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertingConfig(AppConfig):
    name = "oranje.alerting"
    label = "alerting"
    verbose_name = _("Alerting")

    def ready(self) -> None:
        from oranje.alerting import access, services
        from oranje.incidents.hooks import registry

        registry.scaled.append(services.on_scaled)
        registry.closed.append(services.on_closed)
        registry.acute_ended.append(services.on_closed)
        registry.figures.append(services.figures)
        registry.leads.append(access.leads_incident)
        registry.level_teams.append(services.teams_per_level)

        from oranje.alerting.reaper import reap
        from oranje.core.worker import register_upkeep

        register_upkeep("alerting.reap", reap)
