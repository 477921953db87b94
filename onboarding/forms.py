from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .kinds import KINDS
from .sheets import max_bytes


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"))
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: only show what would be created, updated and refused"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, KINDS[name].label) for name in kinds]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > max_bytes():
            raise forms.ValidationError(
                _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
                % {
                    "name": uploaded.name,
                    "size": filesizeformat(uploaded.size),
                    "limit": filesizeformat(max_bytes()),
                }
            )
        return uploaded


class AccountsForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Sheet of accounts (.xlsx or .csv)"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check: show what would be created, create nothing"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > max_bytes():
            raise forms.ValidationError(_("The file is too large."))
        return uploaded
