"""The Quyết định (.docx, PDF), its annex, the certificates and the summary list, opened with libraries."""

import time

from common.collation import sorted_vietnamese
from documents.certificate_pdf import build_certificates_pdf
from documents.decision_docx import build_decision_docx
from documents.decision_pdf import build_decision_pdf
from documents.summary_xlsx import HEADER_ROW, build_summary_xlsx

from .readers import docx_tables, docx_text, pdf, pdf_text, xlsx_rows


def test_decision_docx_has_the_decree_layout_and_the_decision_number(case):
    text = docx_text(build_decision_docx(case))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "SỞ Y TẾ" in text
    assert "Số: 125/QĐ-SYT" in text
    assert "Đồng Nai, ngày 05 tháng 02 năm 2025" in text
    assert "QUYẾT ĐỊNH" in text
    assert "cho 10 tập thể và 55 cá nhân" in text
    assert "Trần Minh Khang" in text
    assert "Kèm theo Quyết định số 125/QĐ-SYT ngày 05 tháng 02 năm 2025" in text


def test_decision_annex_numbers_collectives_and_individuals_separately(case):
    tables = docx_tables(build_decision_docx(case))
    collectives = next(t for t in tables if t[0][:2] == ["STT", "Tên tập thể"])
    individuals = next(t for t in tables if t[0][:2] == ["STT", "Họ và tên"])
    assert [row[0] for row in collectives[1:]] == [str(i) for i in range(1, 11)]
    assert [row[0] for row in individuals[1:]] == [str(i) for i in range(1, 56)]
    # One unit each: within it, names in Vietnamese alphabetical order.
    assert [row[1] for row in collectives[1:]] == sorted_vietnamese(n.name for n in case.collectives)
    assert [row[1] for row in individuals[1:]] == sorted_vietnamese(n.name for n in case.individuals)
    assert individuals[1][1] == "Lê Hoàng Đạt 12"
    assert individuals[1][2] == "Điều dưỡng trưởng"


def test_deputy_signs_on_behalf_of_the_director(case):
    case.signer_is_deputy = True
    text = docx_text(build_decision_docx(case))
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text


def test_decision_pdf_embeds_a_vietnamese_font_and_lists_everyone(case):
    content = build_decision_pdf(case)
    text = pdf_text(content)
    assert "125/QĐ-SYT" in text
    assert "Nguyễn Thị Ánh Tuyết 5" in text
    assert "Khoa Hồi sức tích cực số 10" in text
    assert "I. TẬP THỂ (10 tập thể)" in text
    assert "II. CÁ NHÂN (55 cá nhân)" in text
    fonts = {
        str(font["/BaseFont"])
        for page in pdf(content).pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert any("LiberationSerif" in name for name in fonts), fonts


def test_one_certificate_per_awardee_on_a4_landscape(case):
    reader = pdf(build_certificates_pdf(case))
    assert len(reader.pages) == 65
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    first_text = first.extract_text()
    assert "GIẤY KHEN" in first_text
    assert "Khoa Hồi sức tích cực số 1" in first_text
    assert "Quyết định số 125/QĐ-SYT" in first_text
    assert "Bà Trần Văn Đức 1" in reader.pages[10].extract_text()  # individuals follow the collectives
    assert "Ông Lê Hoàng Đạt 2" in reader.pages[11].extract_text()
    assert "Bà Nguyễn Thị Ánh Tuyết 5" in reader.pages[14].extract_text()


def test_summary_list_counts_and_numbering(case):
    rows = xlsx_rows(
        build_summary_xlsx(
            title="DANH SÁCH TRÍCH NGANG",
            subtitle="Quyết định 125/QĐ-SYT",
            nominees=case.collectives + case.individuals,
        )
    )
    assert rows[0][0] == "DANH SÁCH TRÍCH NGANG"
    assert rows[HEADER_ROW - 1][2] == "Họ và tên / Tên tập thể"
    body = rows[HEADER_ROW:]
    assert body[0][0] == "TẬP THỂ (10)"
    collectives = body[1:11]
    assert [r[0] for r in collectives] == list(range(1, 11))
    assert body[11][0] == "CÁ NHÂN (55)"
    individuals = body[12:]
    assert [r[0] for r in individuals] == list(range(1, 56))
    assert individuals[4][2] == "Nguyễn Thị Ánh Tuyết 5"
    assert individuals[4][6] == "Nữ"


def test_seed_case_is_generated_in_under_three_seconds(case):
    started = time.perf_counter()
    build_decision_docx(case)
    build_decision_pdf(case)
    build_certificates_pdf(case)
    build_summary_xlsx(title="T", subtitle="S", nominees=case.collectives + case.individuals)
    assert time.perf_counter() - started < 3
