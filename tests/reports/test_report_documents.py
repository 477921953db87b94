"""The year-end summary and a campaign's results report (.docx, NĐ 30/2020 layout): figures
computed from the data, prose written by the office."""

import pytest

from tests.documents.readers import docx_tables, docx_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def form(**values):
    data = {
        "kind": "year",
        "year": "2024",
        "campaign": "",
        "day": "20/12/2024",
        "signer_name": "Trần Minh Khang",
        "situation": "Năm 2024, toàn ngành triển khai 1 phong trào thi đua.",
        "assessment": "Các đơn vị thực hiện nghiêm túc.",
        "directions": "Năm 2025 tiếp tục đổi mới.",
    }
    data.update(values)
    return data


def test_year_end_summary_with_the_figures_of_the_year(dataset, office_reader, login):
    response = login(office_reader).post("/reports/documents/", form())
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2024" in text
    assert "ngày 20 tháng 12 năm 2024" in text
    # 2024: five dossiers, one collective, four individuals of whom three women (75 %).
    assert (
        "Tổng số hồ sơ đề nghị khen thưởng: 5 (1 tập thể, 4 cá nhân, trong đó 3 cá nhân nữ, chiếm 75,0%"
        in text
    )
    assert "Đã được khen thưởng: 2; không được khen thưởng hoặc bị từ chối: 1" in text
    assert "Năm 2024, toàn ngành triển khai 1 phong trào thi đua." in text
    assert "Trần Minh Khang" in text
    by_unit = next(t for t in docx_tables(response.content) if t[0][1] == "Đơn vị" or "Bệnh viện A" in str(t))
    assert ["1", "Bệnh viện A", "4", "3", "1", "2"] in by_unit
    assert by_unit[-1][1:] == ["Tổng cộng", "5", "4", "1", "3"]


def test_campaign_results_report(dataset, office_reader, login):
    campaign = dataset["campaign"]
    response = login(office_reader).post(
        "/reports/documents/", form(kind="campaign", campaign=campaign.pk, year="")
    )
    text = docx_text(response.content)
    assert f"Kết quả thực hiện phong trào thi đua “{campaign.name}”" in text
    assert (
        "Tổng số hồ sơ đề nghị khen thưởng: 2 (0 tập thể, 2 cá nhân, trong đó 2 cá nhân nữ, chiếm 100,0%"
        in text
    )
    assert "số đơn vị đã gửi báo cáo kết quả: 0/" in text


def test_only_the_office_writes_reports(dataset, login):
    director = UserFactory(username="giamdoc", roles=["director"])
    assert login(director).get("/reports/documents/").status_code == 403
    assert login(director).post("/reports/documents/", form()).status_code == 403


def test_missing_year_is_an_error_on_the_form(dataset, office_reader, login):
    response = login(office_reader).post("/reports/documents/", form(year=""))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
