"""Cash awards (NĐ 152/2025 Điều 49–55: multiples of the base salary, collectives ×2 where the
decree says so, rounded up to the next 10,000 đồng) and the legal bases (căn cứ) of documents,
taken from the texts in force on the document's date."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.cash import CashTable, cash_amount, seed_cash_rates
from eligibility.models import BaseSalary, CashAwardRate
from tests.documents.readers import docx_tables, docx_text, xlsx_rows

NOW = datetime.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("base", "multiple", "factor", "expected"),
    [
        (2_340_000, "0.3", 1, 710_000),  # LĐTT: 702,000 → up
        (2_340_000, "0.3", 2, 1_410_000),  # Giấy khen tập thể: 1,404,000 → up
        (2_340_000, "1.0", 1, 2_340_000),  # CSTĐCS: already a multiple of 10,000
        (2_340_000, "1.5", 2, 7_020_000),  # Bằng khen tỉnh, collective
        (2_340_000, "0.8", 1, 1_880_000),  # TTLĐTT: 1,872,000 → up
        (2_340_000, "4.5", 1, 10_530_000),  # CSTĐ toàn quốc
        (2_340_000, "12.5", 1, 29_250_000),  # Thầy thuốc Nhân dân
        (1_000_000, "0.01", 1, 10_000),  # exactly at the step: unchanged
        (1_000_001, "0.01", 1, 20_000),  # one đồng-hundredth over: the next step
        (999_999, "0.01", 1, 10_000),  # just under: up to the step
        (0, "3.0", 1, 0),
    ],
)
def test_cash_amount_rounds_up_to_the_next_10000(base, multiple, factor, expected):
    assert cash_amount(base, Decimal(multiple), factor) == expected


@given(
    base=st.integers(0, 50_000_000),
    hundredths=st.integers(0, 2_000),
    factor=st.sampled_from([1, 2]),
)
def test_cash_amount_is_the_smallest_step_not_below_the_exact_amount(base, hundredths, factor):
    exact = Decimal(base) * Decimal(hundredths) / 100 * factor
    amount = cash_amount(base, Decimal(hundredths) / 100, factor)
    assert amount % 10_000 == 0
    assert exact <= amount < exact + 10_000


def test_rates_are_dated_data(db):
    from tests.factories import AwardTypeFactory

    award = AwardTypeFactory(code="giay-khen-tap-the", applies_to="collective")
    seed_cash_rates()
    seed_cash_rates()  # idempotent
    assert CashAwardRate.objects.filter(award_type=award).count() == 1
    assert CashTable(datetime.date(2025, 6, 30)).for_award(award.pk) is None  # NĐ 152's rates from 01/07/2025
    cash = CashTable(NOW).for_award(award.pk)
    assert (cash.amount, cash.factor) == (1_410_000, 2)
    BaseSalary.objects.create(
        valid_from=datetime.date(2026, 12, 1), amount=2_500_000, source="ví dụ kiểm thử"
    )
    assert CashTable(datetime.date(2026, 12, 1)).for_award(award.pk).amount == 1_500_000
    assert CashTable(NOW).for_award(award.pk).amount == 1_410_000


@pytest.fixture
def decision_now(issued_decision):
    """The small decision, dated today, with NĐ 152's rates: a Giấy khen tập thể and an
    individual award given LĐTT's 0.3."""
    seed_cash_rates()
    issued_decision.decision_date = NOW
    issued_decision.save()
    individual = issued_decision.nominations.get(nominee_kind="individual").award_type
    CashAwardRate.objects.create(
        award_type=individual,
        multiple=Decimal("0.3"),
        valid_from=datetime.date(2025, 7, 1),
        source="NĐ 152 (kiểm thử)",
    )
    return issued_decision


def test_decision_page_shows_each_amount_and_the_total(decision_now, office, login):
    page = login(office).get(f"/decisions/{decision_now.pk}/").content.decode()
    assert "1.410.000" in page and "710.000" in page
    assert "2.120.000 đồng" in page
    assert "Điều 49" in page


def test_decision_annex_lists_the_cash_awards_and_their_total(decision_now, office, login):
    client = login(office)
    content = client.get(f"/documents/decisions/{decision_now.pk}/quyet-dinh.docx").content
    tables = docx_tables(content)
    collectives = next(t for t in tables if t[0][:2] == ["STT", "Tên tập thể"])
    individuals = next(t for t in tables if t[0][:2] == ["STT", "Họ và tên"])
    assert collectives[0][-1] == "Tiền thưởng (đồng)"
    assert collectives[1][-1] == "1.410.000"
    assert individuals[1][-1] == "710.000"
    text = docx_text(content)
    assert "Tổng số tiền thưởng: 2.120.000 đồng" in text
    assert "Điều 49 khoản 2" in text
    rows = xlsx_rows(client.get(f"/documents/decisions/{decision_now.pk}/trich-ngang.xlsx").content)
    total = next(r for r in rows if "Tổng cộng" in r)
    assert total[-1] == 2_120_000


def test_decision_of_today_cites_nd152_not_nd98(decision_now, office, login):
    text = docx_text(login(office).get(f"/documents/decisions/{decision_now.pk}/quyet-dinh.docx").content)
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;" in text
    assert "98/2023/NĐ-CP" not in text


def test_decision_of_february_2025_cites_nd98(issued_decision, office, login):
    text = docx_text(login(office).get(f"/documents/decisions/{issued_decision.pk}/quyet-dinh.docx").content)
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in text
    assert "152/2025" not in text
    assert "Tiền thưởng" not in text  # no rate in force on 05/02/2025 in the seeded data
