from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Approval workflow")

    def ready(self):
        # viewflow resolves stored task references through the imported flow classes.
        from . import deactivation, flows  # noqa: F401
