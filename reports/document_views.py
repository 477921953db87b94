"""The report documents page: the office picks a year or a campaign, edits the prose, and
downloads the .docx with the figures computed from the data."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from campaigns.models import ResultsReport, UnitRegistration
from campaigns.selectors import participating_units
from permissions import policy

from . import statistics as stats
from .forms import ReportDocumentForm
from .report_docx import Prose, ReportData, build_report_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def campaign_lines(campaign) -> list[str]:
    """Registrations and results reports of the units, for the campaign's report."""
    units = participating_units().count()
    registered = UnitRegistration.objects.filter(campaign=campaign).values("unit").distinct().count()
    reported = ResultsReport.objects.filter(campaign=campaign).values("unit").distinct().count()
    return [
        f"Số đơn vị đăng ký chủ đề, mô hình, công trình thi đua: {registered}/{units}; "
        f"số đơn vị đã gửi báo cáo kết quả: {reported}/{units}."
    ]


def report_data(form_data: dict) -> ReportData:
    prose = Prose(form_data["situation"], form_data["assessment"], form_data["directions"])
    if form_data["kind"] == "campaign":
        campaign = form_data["campaign"]
        tables = stats.statistics(campaign=campaign)
        title = f"Kết quả thực hiện phong trào thi đua “{campaign.name}”"
        lines = campaign_lines(campaign)
    else:
        year = form_data["year"]
        tables = stats.statistics(year=year)
        title = f"Tổng kết công tác thi đua, khen thưởng năm {year}"
        lines = []
    return ReportData(
        kind=form_data["kind"],
        title=title,
        day=form_data["day"],
        tables=tables,
        prose=prose,
        campaign_lines=lines,
        signer_name=form_data.get("signer_name", ""),
    )


@login_required
def report_documents(request):
    if not policy.can_write_reports(request.user):
        raise PermissionDenied
    form = ReportDocumentForm(
        request.POST or None, initial={"day": timezone.localdate(), "year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data = report_data(form.cleaned_data)
        response = HttpResponse(build_report_docx(data), content_type=DOCX)
        name = f"bao-cao-{data.kind}-{form.cleaned_data.get('year') or form.cleaned_data['campaign'].pk}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "reports/documents.html",
        {"form": form, "can_read_step_analytics": True, "can_write_reports": True},
    )
