import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What start-up built (modules, models, settings, the app registry) lives as long as the
# process: frozen out of the cyclic garbage collector's reach, its full passes stop rescanning
# it in the middle of a request (such a pass added 100–150 ms to one page in twenty at the
# province's scale, see the README's performance section).
gc.freeze()
