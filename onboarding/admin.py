"""Import runs in the admin: read-only (a run is a record of what happened)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "dry_run", "original_name", "created_by", "status", "report_link")
    list_filter = ("kind", "dry_run", "status")
    search_fields = ("original_name", "sha256")
    readonly_fields = [f.name for f in ImportRun._meta.fields]
    exclude = ("report",)

    @admin.display(description=_("report"))
    def report_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("onboarding:run", args=[obj.pk]), _("open"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": _("Import runs (new import: Import data in the menu)"),
        }
        return super().changelist_view(request, extra_context)
