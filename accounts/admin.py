from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from audit.admin import ReadOnlyHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(ReadOnlyHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "unit", "email", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "unit__kind")
    search_fields = ("username", "full_name", "email", "unit__name")
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "unit", "position", "language")}),
        (_("Roles"), {"fields": ("groups",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "unit", "groups", "password1", "password2"),
            },
        ),
    )
