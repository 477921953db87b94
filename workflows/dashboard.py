"""The home page: what each role should look at first when they sign in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nominations.models import AwardType, Campaign, NominationStatus, Staff, Unit
from permissions import policy

from . import award_decisions, selectors
from . import dossier_selectors as nomination_selectors

PREVIEW = 8


@login_required
def home(request):
    user = request.user
    inbox = selectors.inbox(user)
    queue = selectors.queue(user)
    context = {
        "unit": user.unit,
        "status_counts": nomination_selectors.status_counts(user),
        "inbox_rows": selectors.rows(selectors.first(inbox, PREVIEW)),
        "inbox_count": inbox.count(),
        "queue_rows": selectors.rows(selectors.first(queue, PREVIEW)),
        "queue_count": queue.count(),
        "open_campaigns": Campaign.objects.filter(is_open=True)[:5],
        "is_inspector": policy.is_inspector(user),
    }
    if policy.can_sign_decisions(user):
        context["decisions_to_sign"] = award_decisions.awaiting_signature()
    if user.has_perm("nominations.add_nomination") and user.unit_id:
        drafts = nomination_selectors.nomination_list(user).filter(
            status=NominationStatus.DRAFT, unit=user.unit
        )
        context["drafts"] = drafts[:PREVIEW]
    if user.is_staff:
        context["master_data"] = [
            (Unit._meta.verbose_name_plural, Unit.objects.count()),
            (Staff._meta.verbose_name_plural, Staff.objects.count()),
            (AwardType._meta.verbose_name_plural, AwardType.objects.count()),
            (Campaign._meta.verbose_name_plural, Campaign.objects.count()),
        ]
    return render(request, "home.html", context)
