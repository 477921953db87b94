from django import forms

from .models import Initiative


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "level", "year", "decision_number", "decision_date"]
