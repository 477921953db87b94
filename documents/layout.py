"""The fixed parts of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
national motto block, issuing body, number and symbol, place and date, signature block.

The issuing body and the place come from settings (``DOCUMENT_PARENT_BODY``,
``DOCUMENT_ISSUING_BODY``, ``DOCUMENT_PLACE``) so that another province only changes those.
"""

import datetime

from django.conf import settings

from common.text import fold

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def parent_body() -> str:
    return settings.DOCUMENT_PARENT_BODY


def issuing_body() -> str:
    return settings.DOCUMENT_ISSUING_BODY


def issuing_body_full() -> str:
    return settings.DOCUMENT_ISSUING_BODY_FULL


def place() -> str:
    return settings.DOCUMENT_PLACE


def place_and_date(day: datetime.date | None, where: str = "") -> str:
    """ "Đồng Nai, ngày 05 tháng 02 năm 2025": days under 10 and months 1–2 take a leading zero."""
    where = where or place()
    if day is None:
        return f"{where}, ngày      tháng      năm      "
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{where}, ngày {day.day:02d} tháng {month} năm {day.year}"


def date_words(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2025" for the body text."""
    return place_and_date(day).split(", ", 1)[1]


def honorific(gender: str) -> str:
    return "Bà" if gender == "female" else "Ông"


def subject_line(title: str) -> str:
    """The trích yếu under the document's name: "Về việc …", never "Về việc về việc …"."""
    title = title.strip()
    if fold(title).startswith("ve viec"):
        return title
    return f"Về việc {title[:1].lower()}{title[1:]}"
