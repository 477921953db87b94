"""A served process's start: what every request would otherwise build on first use (the URL
resolver, the translation catalogues, our compiled templates) is built once, then frozen out
of the cyclic garbage collector's reach with everything else start-up made.

Those objects live as long as the process. Left in the collector's oldest generation, each of
its full passes rescans them, tens of thousands of objects, in the middle of some request: at
the province's scale one page in twenty took 100–150 ms longer (see the README's performance
section). Frozen, a full pass only walks what requests left behind.
"""

import gc
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation


def project_templates() -> list[str]:
    """Our own templates (``templates/``), by the names views render them by."""
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def warm_and_freeze() -> int:
    """Build what first requests would, then freeze; returns how many templates were compiled."""
    get_resolver().reverse_dict  # noqa: B018 - built on first access: the URL tables
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Dossier")  # loads the catalogue of ``code``
    engine = engines["django"]
    names = project_templates()
    for name in names:
        engine.get_template(name)
    gc.collect()
    gc.freeze()
    return len(names)
