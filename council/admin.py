from django.contrib import admin

from common.admin import ReadOnlyHistoryAdmin

from .models import CouncilBallot, CouncilPolicy, CouncilSession


@admin.register(CouncilPolicy)
class CouncilPolicyAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "award_type",
        "threshold_numerator",
        "threshold_denominator",
        "base",
        "quorum_numerator",
        "quorum_denominator",
    )
    list_select_related = ("award_type",)


class BallotInline(admin.TabularInline):
    model = CouncilBallot
    extra = 0
    readonly_fields = ("nomination", "votes_for", "votes_against", "invalid", "passed")
    can_delete = False


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "meeting_date", "members_present", "total_members", "status")
    list_filter = ("status",)
    inlines = [BallotInline]

    def has_change_permission(self, request, obj=None):
        # Sessions are worked on the office's pages, which close them through the service.
        return False
