"""The administrator's page for accounts in bulk: template, check, create with invitations,
resend an invitation. Thin: ``onboarding.accounts`` does the work."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from permissions import policy

from . import accounts
from .forms import AccountsForm
from .sheets import template_csv, template_xlsx
from .views import XLSX


def _require_manager(user):
    if not policy.can_manage_accounts(user):
        raise Http404


@login_required
def accounts_page(request):
    _require_manager(request.user)
    form = AccountsForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        plan = accounts.plan_accounts(uploaded.name, uploaded.read())
        if plan.ok and not form.cleaned_data["dry_run"]:
            created = accounts.create_accounts(plan, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d account created; its invitation mail is on its way.",
                    "%(count)d accounts created; their invitation mails are on their way.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("onboarding:accounts")
    return render(
        request,
        "onboarding/accounts.html",
        {"form": form, "plan": plan, "waiting": accounts.awaiting_first_password()[:200]},
    )


@login_required
def accounts_template(request, ext):
    _require_manager(request.user)
    if ext == "xlsx":
        body, content_type = template_xlsx(accounts.COLUMNS, "Tài khoản", accounts.NOTES), XLSX
    elif ext == "csv":
        body, content_type = template_csv(accounts.COLUMNS), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"mau-tai-khoan.{ext}")
    return response


@login_required
@require_POST
def resend_invitation(request, pk):
    _require_manager(request.user)
    user = get_object_or_404(accounts.awaiting_first_password(), pk=pk)
    accounts.invite(user, actor=request.user)
    messages.success(request, _("The invitation was sent again to %(email)s.") % {"email": user.email})
    return redirect("onboarding:accounts")


@login_required
@require_POST
def deactivate_account(request):
    _require_manager(request.user)
    username = request.POST.get("username", "").strip()
    user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if user is None or user.pk == request.user.pk:
        messages.error(request, _("No active account %(name)s to deactivate.") % {"name": username})
        return redirect("onboarding:accounts")
    # save(): the workflow hears it and puts the person's open tasks back in their queues.
    user.is_active = False
    user.save()
    messages.success(
        request,
        _("The account %(name)s is deactivated; its open tasks went back to their queues.")
        % {"name": user.username},
    )
    return redirect("onboarding:accounts")
