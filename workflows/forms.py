from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from common.forms import RefuseControlCharacters

from .steps import STEPS, Decision, Step


class StepDecisionForm(RefuseControlCharacters, forms.Form):
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
        if step.name == "office_review":
            self.fields["justification"] = forms.CharField(
                label=_("Justification"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required to forward a dossier that fails an eligibility rule."),
            )

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
        return {
            k: self.cleaned_data.get(k)
            for k in ("decision_number", "decision_date", "justification")
            if k in self.fields
        }


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
            ids = [int(item) for item in value]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not all(0 < pk < 2**63 for pk in ids):  # beyond any id column: never sent to the database
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return ids


class BatchForm(RefuseControlCharacters, forms.Form):
    step = forms.ChoiceField(choices=[(name, step.label) for name, step in STEPS.items()])
    tasks = TaskIdsField(required=False)
    # "Every matching task" instead of the ticked ones (the view recomputes and confirms them).
    all = forms.BooleanField(required=False)
    decision = forms.CharField()
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if not data.get("tasks") and not data.get("all") and "tasks" not in self.errors:
            self.add_error("tasks", self.fields["tasks"].error_messages["required"])
        step = STEPS.get(data.get("step"))
        if step and data.get("decision") not in dict(step.batch_decision_choices()):
            self.add_error("decision", _("That decision is not possible at this step."))
        elif step and data.get("decision") in step.comment_required and not data.get("comment", "").strip():
            self.add_error("comment", _("A comment is required for this decision."))
        return data


class ReassignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Hand to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = workers


class DecisionForm(RefuseControlCharacters, forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=50, help_text=_("e.g. 125/QĐ-SYT"))
    decision_date = forms.DateField(label=_("Decision date"))
    title = forms.CharField(
        label=_("Title (trích yếu)"),
        max_length=500,
        initial="Về việc tặng Giấy khen của Giám đốc Sở Y tế",
        widget=forms.Textarea(attrs={"rows": 3}),
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
