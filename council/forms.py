from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import RefuseControlCharacters

from .models import CouncilSession


class CouncilSessionForm(RefuseControlCharacters, forms.ModelForm):
    class Meta:
        model = CouncilSession
        fields = [
            "title",
            "meeting_date",
            "place",
            "locality",
            "total_members",
            "members_present",
            "chair",
            "secretary",
        ]

    def clean(self):
        data = super().clean()
        if (data.get("members_present") or 0) > (data.get("total_members") or 0):
            self.add_error("members_present", _("More members present than the council has."))
        return data


class AddNominationsForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(
        label=_("Dossiers waiting for the council"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = candidates
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.code} · {n.nominee_name} · {n.unit.short_name or n.unit.name} · {n.award_type.name}"
        )
