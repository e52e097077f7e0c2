from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "oranje.partners"
    label = "partners"
    verbose_name = _("Partners and the description of population care")
