"""Article 1 names each award form once with its counts; the .docx and the PDF of a decision say
the same thing; people's and units' names are in Vietnamese alphabetical order."""

import datetime

import pytest

from common.collation import sorted_vietnamese, vietnamese
from documents.data import DecisionData, Nominee
from documents.decision_content import RECIPIENTS, article_one, decision_text
from documents.decision_docx import build_decision_docx
from documents.decision_pdf import build_decision_pdf
from tests.factories import UnitFactory

from .readers import docx_text, pdf_text

GK_PERSON = "Giấy khen của Giám đốc Sở Y tế (cá nhân)"
GK_GROUP = "Giấy khen của Giám đốc Sở Y tế (tập thể)"


def _decision(collectives=(), individuals=()) -> DecisionData:
    return DecisionData(
        number="125/QĐ-SYT",
        date=datetime.date(2025, 2, 5),
        title="Về việc tặng Giấy khen",
        signer_name="Trần Minh Khang",
        collectives=[Nominee("collective", name, unit, award) for name, unit, award in collectives],
        individuals=[Nominee("individual", name, unit, award) for name, unit, award in individuals],
    )


def test_article_one_for_one_award_to_individuals():
    data = _decision(individuals=[(f"Người {i}", "BV A", GK_PERSON) for i in range(3)])
    assert article_one(data) == (
        "Điều 1. Tặng Giấy khen của Giám đốc Sở Y tế cho 3 cá nhân (có danh sách kèm theo) "
        "đã có thành tích xuất sắc trong thực hiện nhiệm vụ."
    )


def test_article_one_for_collectives_and_individuals_of_the_same_award():
    data = _decision(
        collectives=[(f"Khoa {i}", "BV A", GK_GROUP) for i in range(10)],
        individuals=[(f"Người {i}", "BV A", GK_PERSON) for i in range(55)],
    )
    sentence = article_one(data)
    assert sentence.startswith("Điều 1. Tặng Giấy khen của Giám đốc Sở Y tế cho 10 tập thể và 55 cá nhân (có")
    assert "(cá nhân)" not in sentence and "(tập thể)" not in sentence
    for content in (docx_text(build_decision_docx(data)), pdf_text(build_decision_pdf(data))):
        assert "Tặng Giấy khen của Giám đốc Sở Y tế cho 10 tập thể và 55 cá nhân" in " ".join(content.split())


def test_article_one_for_two_award_types():
    data = _decision(
        collectives=[("Khoa Nội", "BV A", GK_GROUP), ("Khoa Ngoại", "BV A", GK_GROUP)],
        individuals=[
            ("An", "BV A", GK_PERSON),
            ("Bình", "BV A", "Lao động tiên tiến"),
            ("Chi", "BV A", "Lao động tiên tiến"),
        ],
    )
    assert article_one(data).startswith(
        "Điều 1. Tặng Giấy khen của Giám đốc Sở Y tế cho 2 tập thể và 1 cá nhân; "
        "tặng Lao động tiên tiến cho 2 cá nhân (có danh sách kèm theo)"
    )


def test_the_docx_and_the_pdf_carry_the_same_recipients_and_articles():
    data = _decision(individuals=[("Nguyễn Văn An", "BV A", GK_PERSON)])
    data.issued = True
    text = decision_text(data)
    word = " ".join(docx_text(build_decision_docx(data)).split())
    pdf = pdf_text(build_decision_pdf(data))
    for line in [*text.recipients, *text.articles, *text.grounds]:
        assert " ".join(line.split()) in word
        assert " ".join(line.split()) in pdf
    assert "Công đoàn ngành Y tế;" in RECIPIENTS and "Công đoàn ngành Y tế;" in pdf


def test_the_annex_lists_units_and_names_in_vietnamese_order():
    data = _decision(
        individuals=[
            ("Bình", "Bệnh viện Y dược cổ truyền", GK_PERSON),
            ("Ân", "Bệnh viện Đa khoa Thống Nhất", GK_PERSON),
            ("An", "Bệnh viện Đa khoa Thống Nhất", GK_PERSON),
        ]
    )
    rows = decision_text(data).individuals
    assert [(row[3], row[1]) for row in rows] == [
        ("Bệnh viện Đa khoa Thống Nhất", "An"),
        ("Bệnh viện Đa khoa Thống Nhất", "Ân"),
        ("Bệnh viện Y dược cổ truyền", "Bình"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bệnh viện Đa khoa Đồng Nai", "Bệnh viện Y dược cổ truyền"),  # đ comes before y
        ("Trung tâm Y tế khu vực Định Quán", "Trung tâm Y tế khu vực Thống Nhất"),
        ("trung tâm y tế khu vực Định Quán", "Trung tâm Y tế khu vực Thống Nhất"),  # case aside
        ("An", "Ân"),
        ("Ân", "Bình"),
        ("Dũng", "Đức"),  # d before đ
        ("Ơn", "Phúc"),
    ],
)
def test_vietnamese_order(first, second):
    assert sorted_vietnamese([second, first]) == [first, second]


@pytest.mark.django_db
def test_the_database_orders_in_vietnamese_on_both_backends():
    names = [
        "Bệnh viện Y dược cổ truyền",
        "bệnh viện An Phúc",
        "Bệnh viện Đa khoa Thống Nhất",
        "Ân Thi",
        "An Bình",
    ]
    for index, name in enumerate(names):
        UnitFactory(code=f"u{index}", name=name)
    ordered = list(
        UnitFactory._meta.model.objects.filter(code__startswith="u")
        .order_by(vietnamese("name"))
        .values_list("name", flat=True)
    )
    assert ordered == [
        "An Bình",
        "Ân Thi",
        "bệnh viện An Phúc",
        "Bệnh viện Đa khoa Thống Nhất",
        "Bệnh viện Y dược cổ truyền",
    ]
