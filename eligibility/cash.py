"""Cash awards (tiền thưởng, NĐ 152/2025 Điều 49–55): an award's multiple of the base salary
in force on the decision's date, doubled for a collective where the decree says so, rounded
up to the next 10,000 đồng (Điều 49 khoản 2). Exact decimal arithmetic, no floats."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db.models import Q

from nominations.models import AwardType

from .models import BaseSalary, CashAwardRate

ROUND_TO = 10_000
ROUNDING_SOURCE = "NĐ 152/2025/NĐ-CP Điều 49 khoản 2"


def cash_amount(base_salary: int, multiple: Decimal | str, factor: int = 1) -> int:
    """``base_salary × multiple × factor`` rounded up to the next 10,000 đồng."""
    exact = Decimal(base_salary) * Decimal(multiple) * factor
    return int((exact / ROUND_TO).to_integral_value(rounding=ROUND_CEILING)) * ROUND_TO


@dataclass(frozen=True)
class CashAward:
    amount: int
    multiple: Decimal
    factor: int
    base_salary: int
    source: str  # the article of the multiple, and of the rounding

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    @property
    def formula(self) -> str:
        factor = f" × {self.factor}" if self.factor != 1 else ""
        return f"{self.multiple.normalize()} × {money(self.base_salary)}{factor}"


def money(amount: int) -> str:
    """``2340000`` → ``2.340.000`` (Vietnamese grouping)."""
    return f"{amount:,}".replace(",", ".")


def base_salary_on(day: datetime.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def rates_on(day: datetime.date) -> dict[int, CashAwardRate]:
    """The rate of each award type in force on ``day``, by award type id (one query)."""
    rates = (
        CashAwardRate.objects.filter(valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("award_type_id", "-valid_from")
    )
    found: dict[int, CashAwardRate] = {}
    for rate in rates:
        found.setdefault(rate.award_type_id, rate)
    return found


class CashTable:
    """The cash award of each award type on one date: two queries, then lookups."""

    def __init__(self, day: datetime.date):
        self.day = day
        salary = base_salary_on(day)
        self.base_salary = salary.amount if salary else None
        self.base_salary_source = salary.source if salary else ""
        self.rates = rates_on(day)

    def for_award(self, award_type_id: int) -> CashAward | None:
        rate = self.rates.get(award_type_id)
        if rate is None or self.base_salary is None:
            return None
        return CashAward(
            amount=cash_amount(self.base_salary, rate.multiple, rate.collective_factor),
            multiple=rate.multiple,
            factor=rate.collective_factor,
            base_salary=self.base_salary,
            source=f"{rate.source}; làm tròn: {ROUNDING_SOURCE}",
        )


# award code, multiple, collective factor (from shared/LAW.md, NĐ 152 Điều 49–55)
RATES_ND152 = [
    ("csdt-toan-quoc", "4.5", 1),
    ("csdt-tinh", "3.0", 1),
    ("csdt-bo", "3.0", 1),  # the same title as CSTĐ tỉnh (Chiến sĩ thi đua cấp bộ, ngành, tỉnh)
    ("csdt-co-so", "1.0", 1),
    ("ldtt", "0.3", 1),
    ("tt-ldxs", "1.5", 1),
    ("tt-ldtt", "0.8", 1),
    ("co-thi-dua-chinh-phu", "12.0", 1),
    ("co-thi-dua-tinh", "8.0", 1),
    ("bang-khen-ttg-ca-nhan", "3.5", 1),
    ("bang-khen-ttg-tap-the", "3.5", 2),
    ("bang-khen-ubnd-ca-nhan", "1.5", 1),
    ("bang-khen-ubnd-tap-the", "1.5", 2),
    ("bang-khen-byt-ca-nhan", "1.5", 1),
    ("bang-khen-byt-tap-the", "1.5", 2),
    ("giay-khen-ca-nhan", "0.3", 1),
    ("giay-khen-tap-the", "0.3", 2),
    ("hc-lao-dong-hang-ba", "4.5", 1),
    ("thay-thuoc-nhan-dan", "12.5", 1),
    ("thay-thuoc-uu-tu", "9.0", 1),
]
RATE_SOURCE = "NĐ 152/2025/NĐ-CP Điều 49–55"
ND152_FROM = datetime.date(2025, 7, 1)


def seed_cash_rates() -> None:
    """The base salary of NĐ 73/2024 and NĐ 152's multiples, unless present (idempotent)."""

    BaseSalary.objects.get_or_create(
        valid_from=datetime.date(2024, 7, 1),
        defaults={"amount": 2_340_000, "source": "NĐ 73/2024/NĐ-CP (kiểm tra khi có mức mới)"},
    )
    awards = dict(AwardType.objects.values_list("code", "pk"))
    for code, multiple, factor in RATES_ND152:
        if code in awards and not CashAwardRate.objects.filter(award_type_id=awards[code]).exists():
            CashAwardRate.objects.create(
                award_type_id=awards[code],
                multiple=Decimal(multiple),
                collective_factor=factor,
                valid_from=ND152_FROM,
                source=RATE_SOURCE + (" (tập thể: gấp 2 lần mức của cá nhân)" if factor == 2 else ""),
            )
