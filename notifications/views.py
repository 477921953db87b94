"""Notifications in the app: my list (the very mails, readable here too), my settings,
and the outbox the office watches for failed mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import Campaign
from permissions import policy

from . import campaign_reminders, services
from .forms import NotificationSettingsForm
from .kinds import OPTIONAL
from .models import EmailStatus, Notification


@login_required
def notification_list(request):
    mine = Notification.objects.filter(recipient=request.user).select_related("nomination")
    page = Paginator(mine, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_detail(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification)
    return render(request, "notifications/detail.html", {"notification": notification})


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(request.user)
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    prefs = services.settings_of(request.user)
    initial = {
        "email_kinds": [kind.value for kind in OPTIONAL if kind not in prefs.muted_kinds],
        "daily_digest": prefs.daily_digest,
    }
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["email_kinds"])
        prefs.muted_kinds = [kind.value for kind in OPTIONAL if kind.value not in wanted]
        prefs.daily_digest = form.cleaned_data["daily_digest"]
        prefs.save()
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@login_required
def outbox(request):
    if not policy.can_manage_outbox(request.user):
        raise PermissionDenied
    problems = Notification.objects.filter(
        email_status__in=[EmailStatus.FAILED, EmailStatus.RETRYING, EmailStatus.PENDING]
    ).select_related("recipient")
    page = Paginator(problems, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/outbox.html", {"page": page})


@login_required
@require_POST
def resend(request, pk):
    if not policy.can_manage_outbox(request.user):
        raise PermissionDenied
    notification = get_object_or_404(Notification, pk=pk)
    services.resend(notification)
    messages.success(request, _("The mail will be sent again."))
    return redirect("notifications:outbox")


@login_required
@require_POST
def campaign_remind(request, pk):
    """The office's *Remind* button on a campaign's page (once a day per unit at most)."""
    if not policy.can_manage_campaigns(request.user):
        raise PermissionDenied(_("Only the Department office manages campaigns and rounds."))
    campaign = get_object_or_404(Campaign, pk=pk)
    count = campaign_reminders.remind_campaign(campaign, force=True)
    messages.success(request, _("%(count)s reminders were sent.") % {"count": count})
    return redirect("campaigns:detail", pk=campaign.pk)
