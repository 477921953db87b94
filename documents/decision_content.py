"""What a Quyết định khen thưởng says, once: title, legal grounds, articles, recipients, signer
and annex. The .docx and the PDF renderers only lay this out, so the two files of one decision
can never differ in what they say."""

from dataclasses import dataclass

from common.collation import vietnamese_key
from workflows import award_decisions

from . import layout
from .data import DecisionData, Nominee

LEGAL_GROUNDS = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;",
]
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
    collectives: list[list[str]]  # STT, name, unit, award
    individuals: list[list[str]]  # STT, name, position, unit, award

    @property
    def annex_total(self) -> str:
        return f"Danh sách này có {len(self.collectives)} tập thể và {len(self.individuals)} cá nhân./."


def decision_text(data: DecisionData) -> DecisionText:
    collectives = _annex_order(data.collectives)
    individuals = _annex_order(data.individuals)
    ordered = DecisionData(**{**data.__dict__, "collectives": collectives, "individuals": individuals})
    return DecisionText(
        number=data.number,
        place_and_date=layout.place_and_date(data.date),
        subject=layout.subject_line(data.title),
        grounds=[*LEGAL_GROUNDS, *data.grounds, PROPOSAL],
        articles=[article_one(ordered), ARTICLE_TWO, ARTICLE_THREE],
        recipients=RECIPIENTS,
        signer_title=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if data.signer_is_deputy else ["GIÁM ĐỐC"],
        signer_name=data.signer_name,
        annex_heading=f"(Kèm theo Quyết định số {data.number} {layout.date_words(data.date)} của Giám đốc Sở Y tế)",
        collectives=[[str(i), n.name, n.unit_name, n.award_name] for i, n in enumerate(collectives, 1)],
        individuals=[
            [str(i), n.name, n.position, n.unit_name, n.award_name] for i, n in enumerate(individuals, 1)
        ],
    )
