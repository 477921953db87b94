"""Rules, council policies, initiatives and ratings in the admin."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyHistoryAdmin

from .models import AwardRule, Initiative, PerformanceRating
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
        fields = ["award_type", "rule", "params", "source", "note", "is_active", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(code, f"{code} – {spec.label}") for code, spec in RULES.items()]
        self.fields["params"].help_text = _rule_help()


@admin.register(AwardRule)
class AwardRuleAdmin(ReadOnlyHistoryAdmin):
    form = AwardRuleForm
    list_display = ("award_type", "rule", "params", "source", "is_active", "sort_order")
    list_filter = ("is_active", "rule", "award_type")
    list_editable = ("is_active", "sort_order")
    search_fields = ("award_type__name", "rule", "source")
    list_select_related = ("award_type",)


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
