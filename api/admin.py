from django.contrib import admin

from .models import Integration


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    """Integrations are created with ``manage.py create_integration`` (the token is shown once);
    here they are listed and switched off."""

    list_display = ["name", "user", "token_prefix", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    fields = ["name", "user", "token_prefix", "is_active", "created_at", "last_used_at"]
    readonly_fields = ["name", "user", "token_prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
