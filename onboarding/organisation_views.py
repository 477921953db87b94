"""The administrator's page for organisation changes: rename, merge, dissolve a unit."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nominations.models import Unit, UnitChange, UnitChangeKind
from permissions import policy

from . import reorganisation


def _living():
    return Unit.objects.filter(dissolved_on__isnull=True).order_by("name")


class OrganisationChangeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Change"), choices=UnitChangeKind.choices)
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Unit(s) concerned"),
        queryset=Unit.objects.none(),
        help_text=gettext_lazy("One unit to rename or dissolve; the units merged for a merger."),
    )
    successor = forms.ModelChoiceField(
        label=gettext_lazy("Successor unit (existing)"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=gettext_lazy("Takes over the staff and open dossiers."),
    )
    new_unit_code = forms.SlugField(label=gettext_lazy("or a new unit: code"), required=False, max_length=30)
    new_unit_name = forms.CharField(label=gettext_lazy("new unit: name"), required=False, max_length=255)
    new_name = forms.CharField(label=gettext_lazy("New name (renaming)"), required=False, max_length=255)
    new_short_name = forms.CharField(label=gettext_lazy("New short name"), required=False, max_length=100)
    effective_date = forms.DateField(label=gettext_lazy("Effective date"))
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), required=False, max_length=50)
    decision_date = forms.DateField(label=gettext_lazy("Decision date"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _living()
        self.fields["successor"].queryset = _living()

    def clean(self):
        data = super().clean()
        kind, units = data.get("kind"), data.get("units") or []
        if kind in (UnitChangeKind.RENAME, UnitChangeKind.DISSOLVE) and len(units) != 1:
            self.add_error("units", _("Choose exactly one unit."))
        if kind == UnitChangeKind.RENAME and not data.get("new_name"):
            self.add_error("new_name", _("Give the new name."))
        if kind == UnitChangeKind.MERGE:
            has_new = bool(data.get("new_unit_code") or data.get("new_unit_name"))
            if bool(data.get("successor")) == has_new:
                self.add_error(
                    "successor", _("Merge into an existing unit or into a new one (code and name).")
                )
        return data


def _apply(data, actor):
    common = {
        "effective_date": data["effective_date"],
        "decision_number": data["decision_number"],
        "decision_date": data["decision_date"],
        "actor": actor,
    }
    units = list(data["units"])
    if data["kind"] == UnitChangeKind.RENAME:
        reorganisation.rename_unit(
            units[0], new_name=data["new_name"], new_short_name=data["new_short_name"], **common
        )
    elif data["kind"] == UnitChangeKind.DISSOLVE:
        reorganisation.dissolve_unit(units[0], successor=data["successor"], **common)
    elif data["successor"]:
        reorganisation.merge_units(units, into=data["successor"], **common)
    else:
        reorganisation.merge_into_new_unit(
            units,
            code=data["new_unit_code"],
            name=data["new_unit_name"],
            short_name=data["new_short_name"],
            **common,
        )


@login_required
def organisation_page(request):
    if not policy.can_change_organisation(request.user):
        raise Http404
    form = OrganisationChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _apply(form.cleaned_data, request.user)
        except reorganisation.ReorganisationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The change is recorded."))
            return redirect("onboarding:organisation")
    changes = UnitChange.objects.select_related("unit", "successor")[:100]
    return render(request, "onboarding/organisation.html", {"form": form, "changes": changes})
