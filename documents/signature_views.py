"""Pages of signed decisions: the unsigned PDF for a USB token, the upload of the signed file,
and the decision PDF served with its signature verified."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from permissions import policy
from workflows.models import AwardDecision, DecisionStatus
from workflows.services import WorkflowError

from . import signatures

PDF = "application/pdf"
# A signed decision with its annex is a few hundred kilobytes; refuse anything far larger unread.
MAX_SIGNED_BYTES = 20 * 1024 * 1024


def decision_signers():
    """The people whose signature issues a decision: the director and the deputies."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=policy.SIGNERS, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class SignedUploadForm(forms.Form):
    signer = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Signed by"))
    file = forms.FileField(label=gettext_lazy("Signed PDF"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = decision_signers()
        self.fields["signer"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SIGNED_BYTES:
            raise forms.ValidationError(_("The file is too large for a signed decision."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("The file is not a PDF."))
        return upload


def _awaiting_signature(request, pk) -> AwardDecision:
    if not policy.can_upload_signed_decisions(request.user):
        raise PermissionDenied(_("Only the directors and the Department office upload signed decisions."))
    decision = get_object_or_404(AwardDecision, pk=pk)
    if decision.status != DecisionStatus.SUBMITTED:
        raise Http404(_("The decision is not awaiting a signature."))
    return decision


def _signer_from(request):
    """The signer named in the request; a signer downloading for themselves by default."""
    signer_id = request.GET.get("signer") or request.POST.get("signer")
    if signer_id:
        if not signer_id.isdigit():
            raise Http404
        return get_object_or_404(decision_signers(), pk=int(signer_id))
    if policy.can_sign_decisions(request.user):
        return request.user
    raise Http404(_("Choose who signs."))


@login_required
def decision_for_signing(request, pk):
    """The PDF to sign with a USB token (the signer's name printed in the signature block)."""
    from .views import _file, _safe

    decision = _awaiting_signature(request, pk)
    signer = _signer_from(request)
    content = signatures.pdf_for_signing(decision, signer)
    return _file(content, f"quyet-dinh-{_safe(decision.number)}-de-ky.pdf", PDF)


@login_required
@require_POST
def decision_upload_signed(request, pk):
    decision = _awaiting_signature(request, pk)
    form = SignedUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("workflows:decision", pk=decision.pk)
    try:
        signatures.issue_with_token_signature(
            decision,
            by=request.user,
            signer=form.cleaned_data["signer"],
            content=form.cleaned_data["file"].read(),
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Decision %(number)s was signed and issued.") % {"number": decision.number}
        )
    return redirect("workflows:decision", pk=decision.pk)
