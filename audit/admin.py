"""The trail in the admin, read-only; and the base class every admin that shows
django-simple-history's history must use, so that no one reverts a record from its history."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import AuditEvent


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages only show: a historical version can be opened
    but never saved back (``SIMPLE_HISTORY_REVERT_DISABLED`` hides the button; this refuses
    the POST too, which the setting alone does not)."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody edits or deletes the trail through the application."""

    list_display = (
        "sequence",
        "occurred_at",
        "event_type",
        "actor_username",
        "nomination_code",
        "object_repr",
        "ip_address",
    )
    list_filter = ("event_type",)
    search_fields = ("actor_username", "nomination_code", "search_key")
    date_hierarchy = "occurred_at"
    show_full_result_count = False  # no COUNT(*) over the whole trail

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
