from django.contrib import admin

from .models import CampaignPhase, NominationRound, ResultsReport, UnitRegistration


@admin.register(NominationRound)
class NominationRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "basis", "campaign", "year", "opens_at", "deadline", "is_open"]
    list_filter = ["basis", "is_open"]


@admin.register(UnitRegistration)
class UnitRegistrationAdmin(admin.ModelAdmin):
    list_display = ["campaign", "unit", "theme", "registered_at"]
    list_filter = ["campaign"]


admin.site.register(CampaignPhase)
admin.site.register(ResultsReport)
