"""Users in the admin: their unit and roles. Lives with the permissions because a user's
groups are roles and unit groups, which this app owns."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from common.admin import ReadOnlyHistoryAdmin

from .grants import UNIT_GROUP_PREFIX, unit_group_name


@admin.register(User)
class UserAdmin(ReadOnlyHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "unit", "email", "is_active", "is_staff", "must_change_password")
    actions = ["deactivate"]
    list_filter = ("is_active", "is_staff", "groups", "unit__kind")
    search_fields = ("username", "full_name", "email", "unit__name")
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "unit", "position", "language")}),
        (_("Roles"), {"fields": ("groups",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "must_change_password", "is_staff", "is_superuser", "user_permissions")},
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

    def save_model(self, request, obj, form, change):
        # A password the administrator typed is known to two people: the owner changes it
        # at the first sign-in (accounts.middleware).
        if not change and form.cleaned_data.get("password1"):
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            if user is not None and user.pk != request.user.pk and not user.must_change_password:
                user.must_change_password = True
                user.save(update_fields=["must_change_password"])
        return response

    @admin.action(description=_("Deactivate the selected accounts (their open tasks go back to the queue)"))
    def deactivate(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True).exclude(pk=request.user.pk):
            # save(), not update(): the workflow hears the change and releases the tasks.
            user.is_active = False
            user.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account deactivated.", "%(count)d accounts deactivated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Admins pick roles; unit groups (unit:<code>) follow the user's unit by themselves.
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.exclude(name__startswith=UNIT_GROUP_PREFIX)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The form lists roles only: keep the unit group (set by the user's unit) in the
        # group list it saves, so it is neither dropped nor re-granted.
        if form.instance.unit_id:
            unit_groups = Group.objects.filter(name=unit_group_name(form.instance.unit))
            form.cleaned_data["groups"] = form.cleaned_data["groups"] | unit_groups
        super().save_related(request, form, formsets, change)
