"""Rules, council policies, initiatives and ratings in the admin."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyHistoryAdmin

from . import services
from .models import (
    AwardRule,
    BaseSalary,
    CalendarDay,
    CashAwardRate,
    Initiative,
    Judgement,
    LegalText,
    PerformanceRating,
    RegulationProfile,
    RuleSet,
)
from .rules import RULES


def _rule_help() -> str:
    lines = []
    for code, spec in RULES.items():
        params = ", ".join(
            f"{name} ({param.label}{'' if param.required else f'; mặc định {param.default}'})"
            for name, param in spec.params.items()
        )
        lines.append(f"{code}: {params or '—'}")
    return " · ".join(lines)


class AwardRuleForm(forms.ModelForm):
    rule = forms.ChoiceField(label=_("rule"))

    class Meta:
        model = AwardRule
        fields = [
            "rule_set",
            "award_type",
            "rule",
            "params",
            "source",
            "confidence",
            "note",
            "is_active",
            "sort_order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(code, f"{code} – {spec.label}") for code, spec in RULES.items()]
        self.fields["params"].help_text = _rule_help()


@admin.register(AwardRule)
class AwardRuleAdmin(ReadOnlyHistoryAdmin):
    form = AwardRuleForm
    list_display = (
        "award_type",
        "rule",
        "params",
        "source",
        "confidence_flag",
        "rule_set",
        "is_active",
        "sort_order",
    )
    list_filter = ("rule_set", "confidence", "is_active", "rule", "award_type")
    list_editable = ("is_active", "sort_order")
    search_fields = ("award_type__name", "rule", "source")
    list_select_related = ("award_type", "rule_set")

    @admin.display(description=_("confidence"), ordering="confidence")
    def confidence_flag(self, obj):
        # Medium and low confidence stand out: check them against the text before relying on them.
        label = obj.get_confidence_display()
        return f"⚠ {label}" if obj.is_uncertain else label


@admin.register(LegalText)
class LegalTextAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "number",
        "title",
        "in_force_from",
        "in_force_until",
        "replaces",
        "cited_in_documents",
        "confidence",
    )
    list_filter = ("kind", "cited_in_documents", "confidence")
    search_fields = ("number", "title", "citation")


class RuleInlineForm(AwardRuleForm):
    class Meta(AwardRuleForm.Meta):
        fields = ["award_type", "rule", "params", "source", "confidence", "is_active", "sort_order"]


class RuleInline(admin.TabularInline):
    """A set's rules on its own page, where a copied set is edited before it is published."""

    model = AwardRule
    form = RuleInlineForm
    extra = 0
    ordering = ("award_type__sort_order", "award_type__name", "sort_order", "id")
    autocomplete_fields = ()


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "legal_text", "valid_from", "valid_until", "is_published", "copied_from")
    list_filter = ("is_published", "legal_text")
    actions = ["copy_sets"]
    inlines = [RuleInline]

    @admin.action(description=_("Copy the selected rule set (a draft to edit and publish)"))
    def copy_sets(self, request, queryset):
        for rule_set in queryset:
            copy = services.copy_rule_set(rule_set)
            self.message_user(
                request,
                _("“%(copy)s” created with %(n)d rules; edit it, set its period and publish it.")
                % {"copy": copy.name, "n": copy.rules.count()},
            )


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    """Recorded judgements are evidence: read only."""

    list_display = ("nomination", "rule_set", "judged_on", "trigger", "failures", "unknowns", "created_at")
    list_filter = ("trigger", "rule_set")
    search_fields = ("nomination__code",)
    list_select_related = ("nomination", "rule_set")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyHistoryAdmin):
    list_display = ("date", "kind", "reason")
    list_filter = ("kind",)
    date_hierarchy = "date"


@admin.register(BaseSalary)
class BaseSalaryAdmin(ReadOnlyHistoryAdmin):
    list_display = ("valid_from", "amount", "source")


@admin.register(CashAwardRate)
class CashAwardRateAdmin(ReadOnlyHistoryAdmin):
    list_display = ("award_type", "multiple", "collective_factor", "valid_from", "valid_until", "source")
    list_filter = ("award_type",)
    list_select_related = ("award_type",)


@admin.register(RegulationProfile)
class RegulationProfileAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "province", "reference", "is_example", "is_active")


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "staff", "level", "year", "decision_number")
    list_filter = ("level", "year")
    search_fields = ("title", "staff__full_name", "decision_number")
    autocomplete_fields = ("staff",)
    filter_horizontal = ("nominations",)


@admin.register(PerformanceRating)
class PerformanceRatingAdmin(ReadOnlyHistoryAdmin):
    list_display = ("staff", "year", "rating")
    list_filter = ("year", "rating")
    search_fields = ("staff__full_name", "staff__staff_code")
    autocomplete_fields = ("staff",)
