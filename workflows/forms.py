from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from nominations.models import AwardType, Campaign, NominationStatus, Unit

from .steps import STEPS, Decision, Step


class StepDecisionForm(forms.Form):
    """The decision at one step; which choices exist, and when a comment is due, come from the step."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["decision"].choices = step.decision_choices()
        if step.name == "record_higher_result":
            self.fields["decision_number"] = forms.CharField(
                label=_("Higher authority's decision number"), max_length=50, required=False
            )
            self.fields["decision_date"] = forms.DateField(label=_("Decision date"), required=False)

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in self.step.comment_required and not data.get("comment", "").strip():
            self.add_error("comment", _("A comment is required for this decision."))
        if decision == Decision.AWARDED:
            for name in ("decision_number", "decision_date"):
                if not data.get(name):
                    self.add_error(name, _("Required when the award was granted."))
        return data

    def extra(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in ("decision_number", "decision_date") if k in self.fields}


class TaskIdsField(forms.Field):
    """The ticked rows of a list: task ids. Whether the user may act on them is the service's call."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Select at least one dossier."),
        "invalid": _("The selection is not valid; reload the page."),
    }

    def to_python(self, value):
        if not value:
            return []
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class BatchForm(forms.Form):
    step = forms.ChoiceField(choices=[(name, step.label) for name, step in STEPS.items()])
    tasks = TaskIdsField()
    decision = forms.CharField()
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        step = STEPS.get(data.get("step"))
        if step and data.get("decision") not in step.decisions:
            self.add_error("decision", _("That decision is not possible at this step."))
        elif step and data.get("decision") in step.comment_required and not data.get("comment", "").strip():
            self.add_error("comment", _("A comment is required for this decision."))
        return data


class ReassignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Hand to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = workers


class TaskFilterForm(forms.Form):
    query = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Nominee name or dossier code")}),
    )
    step = forms.ChoiceField(
        label=_("Step"),
        required=False,
        choices=[("", _("All steps"))] + [(n, s.label) for n, s in STEPS.items()],
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
    due_before = forms.DateField(label=_("Due by"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def query_string_without_page(self) -> str:
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        return params.urlencode()


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=50, help_text=_("e.g. 125/QĐ-SYT"))
    decision_date = forms.DateField(label=_("Decision date"))
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        initial="Về việc tặng Giấy khen của Giám đốc Sở Y tế",
    )
    nominations = forms.ModelMultipleChoiceField(
        label=_("Approved dossiers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = candidates
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.code} · {n.nominee_name} · {n.unit.short_name or n.unit.name} · {n.award_type.name}"
        )
