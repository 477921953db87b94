"""Which apps' static files are collected.

viewflow is our workflow engine only: its UI is not used (``VIEWFLOW["AUTOREGISTER"]`` is off,
no page loads its assets), and its bundled stylesheets name font files that the package does
not ship, so the manifest storage of ``collectstatic`` fails on them. Leaving them out collects
exactly what our pages and the admin use.
"""

from django.apps import apps
from django.contrib.staticfiles import finders

EXCLUDED_APPS = frozenset({"viewflow", "viewflow.workflow"})


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's finder of ``<app>/static/``, without the apps in ``EXCLUDED_APPS``."""

    def __init__(self, app_names=None, *args, **kwargs):
        if app_names is None:
            app_names = [config.name for config in apps.get_app_configs() if config.name not in EXCLUDED_APPS]
        super().__init__(app_names, *args, **kwargs)
