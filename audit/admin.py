"""The trail in the admin, read-only."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody edits or deletes the trail through the application."""

    list_display = (
        "position",
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
