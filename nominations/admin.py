"""Master data in the Django admin (Vietnamese by default): units, staff, awards, campaigns."""

from django.contrib import admin

from common.admin import ReadOnlyHistoryAdmin

from .models import (
    Attachment,
    AwardRecord,
    AwardType,
    Campaign,
    Collective,
    DisciplineRecord,
    Nomination,
    Staff,
    Unit,
    UnitChange,
)


@admin.register(Unit)
class UnitAdmin(ReadOnlyHistoryAdmin):
    list_display = ("code", "name", "kind", "parent", "is_active", "dissolved_on", "successor")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "short_name")
    autocomplete_fields = ("parent",)
    # Set by a recorded merger or dissolution (page "Organisation"), which also moves staff and dossiers.
    readonly_fields = ("dissolved_on", "successor")


@admin.register(UnitChange)
class UnitChangeAdmin(ReadOnlyHistoryAdmin):
    """Read-only: changes are recorded on the Organisation page, which moves what follows them."""

    list_display = ("effective_date", "old_name", "kind", "successor", "new_name", "decision_number")
    list_filter = ("kind",)
    search_fields = ("old_name", "new_name", "decision_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Collective)
class CollectiveAdmin(ReadOnlyHistoryAdmin):
    list_display = ("code", "name", "unit", "is_active")
    list_filter = ("is_active", "unit__kind")
    search_fields = ("code", "name", "unit__code", "unit__name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)


@admin.register(Staff)
class StaffAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "staff_code",
        "full_name",
        "unit",
        "collective",
        "position",
        "professional_title",
        "is_active",
    )
    list_filter = ("unit__kind", "gender", "is_active", "unit")
    search_fields = ("staff_code", "full_name", "search_key")
    autocomplete_fields = ("unit", "collective")
    list_select_related = ("unit", "collective")


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyHistoryAdmin):
    list_display = ("code", "name", "applies_to", "authority", "needs_council_vote", "is_active")
    list_filter = ("applies_to", "authority", "needs_council_vote", "is_active")
    search_fields = ("code", "name")


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "plan_number", "start_date", "end_date", "report_deadline", "is_open")
    list_filter = ("is_open",)
    search_fields = ("name", "plan_number")
    date_hierarchy = "start_date"


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyHistoryAdmin):
    list_display = ("award_label", "year", "staff", "collective_name", "unit", "decision_number")
    list_filter = ("year", "award_type")
    search_fields = ("staff__full_name", "collective_name", "award_name", "decision_number")
    autocomplete_fields = ("staff", "unit", "collective")
    list_select_related = ("award_type", "staff", "unit")


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(ReadOnlyHistoryAdmin):
    list_display = ("staff", "level", "decision_number", "decision_date", "start_date", "end_date")
    list_filter = ("level",)
    search_fields = ("staff__full_name", "staff__staff_code", "decision_number")
    autocomplete_fields = ("staff",)
    list_select_related = ("staff",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("original_name", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(ReadOnlyHistoryAdmin):
    """Read-only here: dossiers change only through the workflow, never behind its back."""

    list_display = ("code", "unit", "award_type", "status", "year", "created_at")
    list_filter = ("status", "year", "award_type", "unit__kind")
    search_fields = ("code", "search_key", "collective_name", "staff__full_name")
    list_select_related = ("unit", "award_type")
    inlines = [AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
