from django import forms

from common.forms import RefuseControlCharacters

from .models import Initiative


class InitiativeForm(RefuseControlCharacters, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "level", "year", "decision_number", "decision_date"]
