"""What a Quyết định khen thưởng says, once: title, legal grounds, articles, recipients, signer
and annex. The .docx and the PDF renderers only lay this out, so the two files of one decision
can never differ in what they say."""

from dataclasses import dataclass

from common.collation import vietnamese_key
from eligibility.cash import money
from workflows import award_decisions

from . import layout
from .data import DecisionData, Nominee

CASH_HEADER = "Tiền thưởng (đồng)"
PROPOSAL = "Xét đề nghị của Chánh Văn phòng Sở Y tế."
RECIPIENTS = ["Như Điều 3;", "Ban Giám đốc Sở;", "Công đoàn ngành Y tế;", "Lưu: VT, VP."]


def article_one(data: DecisionData) -> str:
    """Article 1 in the annex's order (collectives, then individuals): see
    ``workflows.award_decisions.article_one``."""
    return award_decisions.article_one(
        [(n.award_name, n.is_collective) for n in data.collectives + data.individuals]
    )


ARTICLE_TWO = (
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Các tập thể, cá nhân có tên tại Điều 1 "
    "được nhận Giấy khen và tiền thưởng theo quy định."
)
ARTICLE_THREE = (
    "Điều 3. Chánh Văn phòng Sở Y tế, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, "
    "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
)


def _annex_order(nominees: list[Nominee]) -> list[Nominee]:
    """Unit by unit, then name by name, in Vietnamese alphabetical order."""
    return sorted(nominees, key=lambda n: (vietnamese_key(n.unit_name), vietnamese_key(n.name)))


@dataclass(frozen=True)
class DecisionText:
    number: str
    place_and_date: str
    subject: str
    grounds: list[str]
    articles: list[str]
    recipients: list[str]
    signer_title: list[str]
    signer_name: str
    annex_heading: str
    collective_header: list[str]
    individual_header: list[str]
    collectives: list[list[str]]  # STT, name, unit, award[, cash]
    individuals: list[list[str]]  # STT, name, position, unit, award[, cash]
    has_cash: bool
    cash_total_line: str  # "Tổng số tiền thưởng: … đồng." with its legal sources, or ""

    @property
    def annex_total(self) -> str:
        return f"Danh sách này có {len(self.collectives)} tập thể và {len(self.individuals)} cá nhân./."


def _cash_cell(amount: int | None) -> list[str]:
    return [money(amount) if amount is not None else "—"]


def decision_text(data: DecisionData) -> DecisionText:
    collectives = _annex_order(data.collectives)
    individuals = _annex_order(data.individuals)
    cash = [CASH_HEADER] if data.has_cash else []
    ordered = DecisionData(**{**data.__dict__, "collectives": collectives, "individuals": individuals})
    return DecisionText(
        number=data.number,
        place_and_date=layout.place_and_date(data.date),
        subject=layout.subject_line(data.title),
        # The legal texts in force on the decision's date (``eligibility.legal_texts``), the plans.
        grounds=[*data.legal_bases, *data.grounds, PROPOSAL],
        articles=[article_one(ordered), ARTICLE_TWO, ARTICLE_THREE],
        recipients=RECIPIENTS,
        signer_title=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if data.signer_is_deputy else ["GIÁM ĐỐC"],
        signer_name=data.signer_name,
        annex_heading=f"(Kèm theo Quyết định số {data.number} {layout.date_words(data.date)} của Giám đốc Sở Y tế)",
        collective_header=["STT", "Tên tập thể", "Đơn vị", "Hình thức khen thưởng", *cash],
        individual_header=["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", *cash],
        collectives=[
            [str(i), n.name, n.unit_name, n.award_name, *(_cash_cell(n.cash) if cash else [])]
            for i, n in enumerate(collectives, 1)
        ],
        individuals=[
            [str(i), n.name, n.position, n.unit_name, n.award_name, *(_cash_cell(n.cash) if cash else [])]
            for i, n in enumerate(individuals, 1)
        ],
        has_cash=data.has_cash,
        cash_total_line=(
            f"Tổng số tiền thưởng: {money(data.cash_total)} đồng. {data.cash_note}".strip()
            if data.has_cash
            else ""
        ),
    )
