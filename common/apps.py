from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared base")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import converters  # noqa: F401 (registers the <id:…> and <dossier:…> path converters)
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="vietnamese_collation")
