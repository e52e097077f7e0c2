from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "oranje.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from oranje.core.reference import register_loader
        from oranje.organisation.catalogue import catalogue_load

        register_loader(catalogue_load)
