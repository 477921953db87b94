from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AwardType, Campaign, NominationStatus, Unit


class NominationFilterForm(forms.Form):
    query = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Nominee name or dossier code"), "size": 32}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *NominationStatus.choices]
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), required=False, queryset=Campaign.objects.all(), empty_label=_("All campaigns")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.all(), empty_label=_("All units")
    )
    award_type = forms.ModelChoiceField(
        label=_("Award"), required=False, queryset=AwardType.objects.all(), empty_label=_("All awards")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.has_perm("nominations.view_nomination"):
            del self.fields["unit"]  # a unit's people only ever see their own unit

    def query_string_without_page(self) -> str:
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        return params.urlencode()
