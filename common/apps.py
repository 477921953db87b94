from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared base")

    def ready(self):
        from . import converters  # noqa: F401 (registers the <id:…> and <dossier:…> path converters)
