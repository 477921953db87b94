"""The statistics page and its downloads. Who reads which figures is the policy's to say."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from nominations.models import Unit
from permissions import policy

from . import analytics, charts, exports
from . import statistics as stats
from .forms import AnalyticsFilter, StatisticsFilter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Tables drawn as a chart too (where people would rather look than read).
CHARTED = ("year", "unit", "award", "outcome")


def _statistics_reader(request):
    if not policy.can_read_statistics(request.user):
        raise PermissionDenied
    return policy.statistics_unit(request.user)


def _filtered(request, unit_scope):
    form = StatisticsFilter(request.GET or None, unit_scope=unit_scope)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, (form.filters() if form.is_bound else {})


def describe(filters: dict, unit_scope) -> str:
    """The filters in words, for the heading of a download."""
    parts = []
    if unit_scope is not None:
        parts.append(str(Unit.objects.get(pk=unit_scope)))
    for name in ("year", "campaign", "unit", "award_type"):
        if filters.get(name) is not None:
            parts.append(str(filters[name]))
    if filters.get("nominee_kind"):
        parts.append(str(dict(StatisticsFilter.base_fields["nominee_kind"].choices)[filters["nominee_kind"]]))
    if filters.get("status"):
        parts.append(str(dict(StatisticsFilter.base_fields["status"].choices)[filters["status"]]))
    return " · ".join(parts) or _("All dossiers")


@login_required
def statistics_page(request):
    unit_scope = _statistics_reader(request)
    form, filters = _filtered(request, unit_scope)
    tables = stats.statistics(unit_scope=unit_scope, **filters) if filters is not None else {}
    sections = []
    for name, table in tables.items():
        chart = None
        if name in CHARTED and table.rows:
            chart = charts.bar_chart(table.title, [(row.label, row.total) for row in table.rows])
        sections.append({"table": table, "chart": chart})
    total = tables["status"].total if tables else None
    women_chart = None
    if tables and tables["award"].rows:
        women_chart = charts.bar_chart(
            _("Women among individuals, by award (%)"),
            [(row.label, row.women_share) for row in tables["award"].rows if row.women_share is not None],
            unit="%",
        )
    return render(
        request,
        "reports/statistics.html",
        {
            "form": form,
            "sections": sections,
            "total": total,
            "women_chart": women_chart,
            "query": request.GET.urlencode(),
            "scope_text": describe(filters or {}, unit_scope),
            "can_read_step_analytics": policy.can_read_step_analytics(request.user),
            "can_write_reports": policy.can_write_reports(request.user),
        },
    )


@login_required
def statistics_xlsx(request, table: str):
    unit_scope = _statistics_reader(request)
    if table not in stats.TABLES:
        raise Http404("No such table")
    form, filters = _filtered(request, unit_scope)
    if filters is None:
        return HttpResponseBadRequest(_("Some filters are not valid."))
    found = stats.statistics(unit_scope=unit_scope, **filters)[table]
    header = [
        found.key_label,
        _("Dossiers"),
        _("Individuals"),
        _("Collectives"),
        _("Women"),
        _("Women among individuals (%)"),
    ]
    rows = [
        [row.label, row.total, row.individuals, row.collectives, row.women, row.women_share]
        for row in [*found.rows, found.total]
    ]
    content = exports.workbook(
        title=f"{_('Nomination statistics')}: {found.title}",
        subtitle=f"{describe(filters, unit_scope)} · {datetime.date.today():%d/%m/%Y}",
        header=header,
        rows=rows,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{table}.xlsx"'
    return response


# --- Step analytics --------------------------------------------------------------------


def _analytics_reader(request):
    if not policy.can_read_step_analytics(request.user):
        raise PermissionDenied


def _analytics_filters(request):
    form = AnalyticsFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, (form.filters() if form.is_bound else {})


@login_required
def steps_page(request):
    _analytics_reader(request)
    form, filters = _analytics_filters(request)
    found = analytics.step_analytics(**filters) if filters is not None else None
    median_chart = None
    if found is not None:
        bottleneck = found.bottleneck
        median_chart = charts.bar_chart(
            _("Median time per step (calendar days)"),
            [(step.label, step.median) for step in found.steps if step.median is not None],
            highlight=bottleneck.label if bottleneck else None,
        )
    return render(
        request,
        "reports/steps.html",
        {
            "form": form,
            "analytics": found,
            "median_chart": median_chart,
            "query": request.GET.urlencode(),
            "can_read_step_analytics": True,
            "can_write_reports": policy.can_write_reports(request.user),
        },
    )


@login_required
def steps_heatmap(request):
    _analytics_reader(request)
    _form, filters = _analytics_filters(request)
    if filters is None:
        return HttpResponseBadRequest(_("Some filters are not valid."))
    svg = analytics.heatmap_svg(analytics.step_analytics(**filters))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def steps_xlsx(request):
    _analytics_reader(request)
    _form, filters = _analytics_filters(request)
    if filters is None:
        return HttpResponseBadRequest(_("Some filters are not valid."))
    found = analytics.step_analytics(**filters)
    header = [
        _("Step"),
        _("Allowed (days)"),
        _("Completed"),
        _("Median (days)"),
        _("90th percentile (days)"),
        _("Overdue (%)"),
        _("Returns"),
        _("Returned (%)"),
        _("Open now"),
        _("Bottleneck"),
    ]
    rows = [
        [
            s.label,
            s.allowed_days,
            s.done,
            s.median,
            s.p90,
            s.overdue_share,
            s.returns,
            s.return_share,
            s.open,
            _("yes") if s.is_bottleneck else "",
        ]
        for s in found.steps
    ]
    period = " – ".join(f"{filters[k]:%d/%m/%Y}" for k in ("date_from", "date_to") if k in filters)
    content = exports.workbook(
        title=_("Time per step of the approval workflow"),
        subtitle=f"{period or _('Whole history')} · {_('calendar days')}",
        header=header,
        rows=rows,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="thoi-gian-tung-buoc.xlsx"'
    return response
