from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from common import batching

        from . import chain, checks, signals  # noqa: F401

        # A unit of work's events (a workflow step's) are chained in one append at its end.
        batching.register(chain.flush_kept, chain.discard_kept)
