"""Misconfigurations that would let someone rewrite history: caught at start-up."""

from django.conf import settings
from django.contrib import admin
from django.core import checks
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyHistoryAdmin


@checks.register(checks.Tags.admin)
def history_is_read_only(app_configs, **kwargs):
    errors = []
    if not getattr(settings, "SIMPLE_HISTORY_REVERT_DISABLED", False):
        errors.append(
            checks.Error(
                "SIMPLE_HISTORY_REVERT_DISABLED must be True: records are never reverted from their history.",
                id="audit.E001",
            )
        )
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, ReadOnlyHistoryAdmin):
            errors.append(
                checks.Error(
                    f"{type(model_admin).__name__} shows history but lets it be reverted.",
                    hint="Derive it from common.admin.ReadOnlyHistoryAdmin.",
                    obj=model,
                    id="audit.E002",
                )
            )
    return errors
