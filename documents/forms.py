from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Nominee list (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )
