"""Step analytics: median and 90th percentile per step, overdue share, returns and their
reasons, who holds the open work, the bottleneck on the flow chart."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from viewflow.workflow.status import STATUS

from reports import analytics
from tests.factories import UserFactory, make_nomination
from workflows import services
from workflows.models import StepDeadline
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


def open_task(nomination):
    return (
        nomination.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(flow_task_type="FUNCTION")
        .get()
    )


def _backdate(task, *, took_days: float, due_days: float):
    """Make ``task`` look as if it started ``took_days`` before it finished, due after ``due_days``."""
    finished = task.finished or timezone.now()
    created = finished - datetime.timedelta(days=took_days)
    type(task).objects.filter(pk=task.pk).update(created=created)
    StepDeadline.objects.filter(task_id=task.pk).update(due_at=created + datetime.timedelta(days=due_days))


@pytest.fixture
def flow(unit_a, officer_a, head_a):
    """Four dossiers through the unit head's signoff in 1, 2, 10 and 2 days (3 allowed); the
    slow one was returned with a reason; the fourth waits, taken by the office, overdue."""
    reviewer = UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])
    durations = [1, 2, 10]
    for i, days in enumerate(durations):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        services.submit_for_signoff(nomination, officer_a)
        task = open_task(nomination)
        if i == 2:
            services.complete_task(
                task, head_a, Decision.RETURN, "Thiếu bản sao quyết định công nhận sáng kiến."
            )
        else:
            services.complete_task(task, head_a, Decision.SUBMIT)
        task.refresh_from_db()
        _backdate(task, took_days=days, due_days=3)
    waiting = make_nomination(unit=unit_a, author=officer_a)
    services.submit_for_signoff(waiting, officer_a)
    signoff = open_task(waiting)
    services.complete_task(signoff, head_a, Decision.SUBMIT)
    signoff.refresh_from_db()
    _backdate(signoff, took_days=2, due_days=3)
    office_task = open_task(waiting)
    services.claim_task(office_task, reviewer)
    StepDeadline.objects.filter(task_id=office_task.pk).update(
        due_at=timezone.now() - datetime.timedelta(days=1)
    )
    return {"reviewer": reviewer}


def test_median_p90_overdue_and_returns_of_a_step(flow):
    found = analytics.step_analytics()
    step = {s.name: s for s in found.steps}["unit_signoff"]
    assert step.done == 4
    assert step.median == 2.0
    assert step.p90 == 7.6  # sorted 1, 2, 2, 10: position 2.7, so 2 + (10 - 2) × 0.7
    assert step.overdue_share == 25.0  # one of four finished after its due date
    assert step.returns == 1
    assert step.reasons[0].comment == "Thiếu bản sao quyết định công nhận sáng kiến."
    office = {s.name: s for s in found.steps}["office_review"]
    # Three wait at the office (two in the queue, one taken and overdue).
    assert (office.open, office.open_late, office.overdue_share) == (3, 1, 33.3)
    assert found.unclaimed == 3  # two in the office queue, one revision for the unit
    assert [(h.name, h.open, h.overdue) for h in found.holders] == [("Nguyễn Thị Ngọc Lan", 1, 1)]


def test_bottleneck_is_the_step_furthest_over_its_allowed_time(flow):
    found = analytics.step_analytics()
    # unit signoff: median 2 of 3 days allowed (0.67); revision: the returned dossier waits, none done.
    assert found.bottleneck.name == "unit_signoff"
    svg = analytics.heatmap_svg(found)
    assert 'id="unit_signoff"' in svg
    assert 'class="heat-2 bottleneck"' in svg


def test_percentile_interpolates_like_a_spreadsheet():
    assert analytics.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == pytest.approx(9.1)
    assert analytics.percentile([], 0.9) is None
    assert analytics.percentile([4], 0.5) == 4


def test_period_filter(flow):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert analytics.step_analytics(date_from=tomorrow).bottleneck is None


def test_pages_for_the_department_only(flow, login, officer_a):
    client = login(flow["reviewer"])
    page = client.get("/reports/steps/").content.decode()
    assert 'data-step="unit_signoff" class="bottleneck-row"' in page
    assert "Thiếu bản sao quyết định công nhận sáng kiến." in page
    assert client.get("/reports/steps/heatmap.svg")["Content-Type"] == "image/svg+xml"
    sheet = load_workbook(io.BytesIO(client.get("/reports/steps/steps.xlsx").content)).active
    first = next(sheet.iter_rows(min_row=5, max_row=5, values_only=True))
    assert first[2:5] == (4, 2.0, 7.6)
    assert client.get("/reports/steps/", {"date_from": "31/02/2024"}).status_code == 200
    assert login(officer_a).get("/reports/steps/").status_code == 403


def test_query_count_does_not_grow_with_tasks(flow, login, django_assert_max_num_queries, unit_a, officer_a):
    client = login(flow["reviewer"])
    client.get("/reports/steps/")
    with django_assert_max_num_queries(14) as small:
        client.get("/reports/steps/")
    for _ in range(5):
        services.submit_for_signoff(make_nomination(unit=unit_a, author=officer_a), officer_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/reports/steps/")
