"""The statistics page: known figures, filters, unit scope, downloads, and flat query counts."""

import io

import pytest
from openpyxl import load_workbook

from reports import statistics as stats
from tests.factories import UserFactory, make_nomination

pytestmark = pytest.mark.django_db


def rows(table):
    return {str(row.label): (row.total, row.individuals, row.collectives, row.women) for row in table.rows}


def test_figures_of_the_known_data_set(dataset):
    tables = stats.statistics()
    total = tables["status"].total
    assert (total.total, total.individuals, total.collectives, total.women) == (6, 5, 1, 3)
    assert total.women_share == 60.0
    assert rows(tables["year"]) == {"2023": (1, 1, 0, 0), "2024": (5, 4, 1, 3)}
    assert rows(tables["unit"]) == {"Bệnh viện A": (4, 3, 1, 2), "Bệnh viện B": (2, 2, 0, 1)}
    assert rows(tables["award"])["Giấy khen của Giám đốc Sở Y tế (cá nhân)"] == (4, 4, 0, 2)
    assert rows(tables["campaign"])["Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ"] == (
        2,
        2,
        0,
        2,
    )
    outcome = {row.key: row.total for row in tables["outcome"].rows}
    assert outcome == {"awarded": 2, "not_awarded": 1, "pending_decision": 1, "in_progress": 2}


def test_filters_narrow_every_table(dataset):
    tables = stats.statistics(year=2024, nominee_kind="individual")
    assert tables["status"].total.total == 4
    assert rows(tables["year"]) == {"2024": (4, 4, 0, 3)}
    only_b = stats.statistics(unit=dataset["nominations"][4].unit)
    assert only_b["status"].total.total == 2


def test_office_sees_every_unit_with_charts_and_downloads(dataset, office_reader, login):
    client = login(office_reader)
    response = client.get("/reports/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="total">6<' in page
    assert 'data-figure="women-share">60,0%<' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') >= 4
    assert "Bệnh viện B" in page
    assert " style=" not in page and "<script>" not in page


def test_unit_member_sees_only_their_own_unit(dataset, officer_a, login):
    client = login(officer_a)
    page = client.get("/reports/").content.decode()
    assert 'data-figure="total">4<' in page
    assert "Bệnh viện B" not in page
    # Asking for the other unit changes nothing: the filter is not even offered.
    unit_b = dataset["nominations"][4].unit
    page = client.get("/reports/", {"unit": unit_b.pk}).content.decode()
    assert 'data-figure="total">4<' in page
    workbook = load_workbook(io.BytesIO(client.get("/reports/statistics/unit.xlsx").content))
    labels = [row[0] for row in workbook.active.iter_rows(min_row=5, values_only=True)]
    assert "Bệnh viện B" not in labels and "Bệnh viện A" in labels


def test_union_and_people_without_a_unit_role_cannot_read(dataset, login):
    union = UserFactory(username="congdoan", roles=["trade_union"])
    assert login(union).get("/reports/").status_code == 403
    assert login(union).get("/reports/statistics/unit.xlsx").status_code == 403


@pytest.mark.parametrize("role", ["office_head", "director", "deputy_director", "inspector"])
def test_department_readers(dataset, login, role):
    user = UserFactory(username=f"reader-{role}", roles=[role])
    assert 'data-figure="total">6<' in login(user).get("/reports/").content.decode()


def test_each_table_downloads_as_xlsx_with_safe_cells(dataset, office_reader, login, unit_a):
    make_nomination(
        unit=unit_a,
        nominee_kind="collective",
        staff=None,
        collective_name="Khoa A",
        award_type=dataset["tap_the"],
    )
    dataset["campaign"].name = '=HYPERLINK("http://evil.example","x")'
    dataset["campaign"].save()
    client = login(office_reader)
    for table in stats.TABLES:
        response = client.get(f"/reports/statistics/{table}.xlsx", {"year": 2024})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["A1"].value
        body = list(sheet.iter_rows(min_row=5, values_only=True))
        assert body[-1][0] in ("Tổng cộng", "Total")  # the catalog is compiled at merge time
        for row in body:
            for value in row:
                assert not (isinstance(value, str) and value.startswith("="))
    campaign_sheet = load_workbook(io.BytesIO(client.get("/reports/statistics/campaign.xlsx").content)).active
    labels = [row[0] for row in campaign_sheet.iter_rows(min_row=5, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","x")' in labels


def test_invalid_filters_show_no_figure(dataset, office_reader, login):
    client = login(office_reader)
    response = client.get("/reports/", {"year": "abc"})
    assert response.status_code == 200
    assert "data-figure" not in response.content.decode()
    assert client.get("/reports/statistics/unit.xlsx", {"year": "99999"}).status_code == 400
    assert client.get("/reports/statistics/nothing.xlsx").status_code == 404


def test_query_count_stays_flat(dataset, office_reader, login, unit_a, django_assert_max_num_queries):
    client = login(office_reader)
    client.get("/reports/")  # warm the session and the user's roles
    with django_assert_max_num_queries(14) as small:
        client.get("/reports/")
    for i in range(20):
        make_nomination(
            unit=unit_a,
            nominee_kind="collective",
            staff=None,
            collective_name=f"Khoa {i}",
            award_type=dataset["tap_the"],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/reports/")


def test_charts_escape_labels_and_draw_bars_in_proportion():
    from reports.charts import bar_chart

    svg = str(
        bar_chart(
            "Theo đơn vị", [('<script>alert("x")</script>', 10), ("Bệnh viện B", 5)], highlight="Bệnh viện B"
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert " style=" not in svg
    assert 'width="304"' in svg and 'width="152"' in svg  # 10 and 5 on a 304-unit scale
    assert 'fill="#b3261e"' in svg  # the highlighted bar
