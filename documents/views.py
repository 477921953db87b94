"""Downloads of the generated documents, and the Excel import page. Thin: the generators are
pure functions of ``documents.data``; who may download what is decided here."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.models import NominationRound
from campaigns.rounds import nominations_of_round, open_rounds_for_units
from common.collation import vietnamese
from common.text import fold
from council.models import CouncilSession
from eligibility.legal_texts import legal_bases
from nominations.models import Unit
from permissions import policy
from permissions.roles import Role
from workflows.models import AwardDecision

from . import data, importer, minutes_docx, signatures
from .certificate_pdf import build_certificates_pdf
from .decision_docx import build_decision_docx
from .forms import ImportForm
from .submission_docx import build_submission_docx
from .summary_xlsx import build_summary_xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _safe(number: str) -> str:
    """ "125/QĐ-SYT" → "125-qd-syt": file names every system accepts."""
    return "".join(ch if ch.isalnum() else "-" for ch in fold(number)).strip("-")


def _decision(request, pk, *, issued_only=False) -> AwardDecision:
    if not policy.can_read_decisions(request.user):
        raise PermissionDenied(
            _("Decisions are read by the Department office, the directors and inspectors.")
        )
    decision = get_object_or_404(AwardDecision.objects.select_related("signer"), pk=pk)
    if issued_only and decision.status != "issued":
        raise Http404(_("The PDF exists once the decision is issued."))
    return decision


@login_required
def decision_docx(request, pk):
    decision = _decision(request, pk)
    content = build_decision_docx(data.decision_data(decision))
    return _file(content, f"quyet-dinh-{_safe(decision.number)}.docx", DOCX)


@login_required
def decision_pdf(request, pk):
    """The signed PDF when there is one, verified as it is served; else the unsigned one."""
    decision = _decision(request, pk, issued_only=True)
    content, state = signatures.issued_decision_pdf(decision)
    response = _file(content, f"quyet-dinh-{_safe(decision.number)}.pdf", PDF)
    response["X-Signature-Status"] = state
    return response


@login_required
def decision_certificates(request, pk):
    decision = _decision(request, pk, issued_only=True)
    content = build_certificates_pdf(data.decision_data(decision))
    return _file(content, f"giay-khen-{_safe(decision.number)}.pdf", PDF)


@login_required
def decision_summary(request, pk):
    decision = _decision(request, pk)
    decided = data.decision_data(decision)
    content = build_summary_xlsx(
        title="DANH SÁCH TRÍCH NGANG TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        subtitle=f"Kèm theo Quyết định số {decision.number} ngày {decision.decision_date:%d/%m/%Y}",
        nominees=decided.collectives + decided.individuals,
        cash_note=decided.cash_note,
    )
    return _file(content, f"trich-ngang-{_safe(decision.number)}.xlsx", XLSX)


def _round_unit(request):
    """The unit whose part of a round is asked for: one's own; the office may choose any."""
    user = request.user
    if policy.is_office(user):
        code = request.GET.get("unit")
        return get_object_or_404(Unit, code=code) if code else None
    if policy.is_unit_member(user):
        return user.unit
    raise PermissionDenied(_("Campaigns are for the Department office and the units."))


@login_required
def round_summary(request, pk):
    nomination_round = get_object_or_404(NominationRound, pk=pk)
    unit = _round_unit(request)
    dossiers = nominations_of_round(nomination_round).order_by(vietnamese("unit__name"), "id")
    if unit is not None:
        dossiers = dossiers.filter(unit=unit)
    content = build_summary_xlsx(
        title="DANH SÁCH TRÍCH NGANG TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
        subtitle=f"{nomination_round.name}" + (f" – {unit.name}" if unit else ""),
        nominees=data.nominations_data(dossiers),
    )
    return _file(content, f"trich-ngang-dot-{nomination_round.pk}.xlsx", XLSX)


@login_required
def round_submission(request, pk):
    nomination_round = get_object_or_404(NominationRound, pk=pk)
    unit = _round_unit(request)
    if unit is None:
        raise Http404(_("Choose a unit."))
    dossiers = nominations_of_round(nomination_round).filter(unit=unit).order_by("id")
    collectives, individuals = data.split_by_kind(dossiers)
    head = get_user_model().objects.filter(unit=unit, groups__name=Role.UNIT_HEAD, is_active=True).first()
    content = build_submission_docx(
        data.SubmissionData(
            unit_name=unit.name,
            unit_short_name=unit.code.upper(),
            round_name=nomination_round.name,
            date=timezone.localdate(),
            head_name=head.get_full_name() if head else "",
            collectives=collectives,
            individuals=individuals,
            legal_bases=legal_bases(timezone.localdate()),
        )
    )
    return _file(content, f"to-trinh-{unit.code}-dot-{nomination_round.pk}.docx", DOCX)


def _require_importer(user):
    if not (user.unit_id and user.has_perm("nominations.add_nomination")):
        raise PermissionDenied(_("Only a unit's emulation officers import nominees."))


@login_required
def import_template(request):
    _require_importer(request.user)
    unit = request.user.unit
    content = importer.build_template(staff=importer.unit_staff(unit), rounds=open_rounds_for_units())
    return _file(content, "mau-danh-sach-de-nghi.xlsx", XLSX)


# The council's minutes: for the office, who runs the sessions; others do not learn they exist.
MINUTES = {"bien-ban-hop": minutes_docx.meeting_minutes, "bien-ban-kiem-phieu": minutes_docx.count_minutes}


@login_required
def council_minutes(request, pk, kind):
    if not policy.can_run_council(request.user) or kind not in MINUTES:
        raise Http404
    session = get_object_or_404(CouncilSession, pk=pk)
    return _file(MINUTES[kind](session), f"{kind}-{session.pk}.docx", DOCX)


@login_required
def import_nominees(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        result = importer.import_nominations(
            form.cleaned_data["file"], unit=request.user.unit, author=request.user
        )
        if result.ok:
            count = len(result.created)
            messages.success(
                request,
                ngettext("%(count)s dossier was created.", "%(count)s dossiers were created.", count)
                % {"count": count},
            )
            # The new dossiers, with links, and one button that sends them all to the unit head.
            return render(request, "documents/import_done.html", {"created": result.created})
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "documents/import.html",
        {"form": form, "result": result, "max_bytes": importer.max_bytes()},
        status=status,
    )
