"""Giấy khen: one A4 landscape page per awardee, ready to print on the certificate stock."""

import io

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from . import fonts, layout
from .data import DecisionData, Nominee

RED = colors.HexColor("#b3161b")
GOLD = colors.HexColor("#b8860b")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, font, size) <= width:
            line = candidate
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _page(c: canvas.Canvas, data: DecisionData, nominee: Nominee) -> None:
    width, height = landscape(A4)
    centre = width / 2
    c.setStrokeColor(GOLD)
    c.setLineWidth(4)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setLineWidth(1)
    c.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)

    c.setFillColor(colors.black)
    c.setFont(fonts.SERIF_BOLD, 14)
    c.drawCentredString(centre, height - 28 * mm, layout.NATIONAL_TITLE)
    c.setFont(fonts.SERIF_BOLD, 14)
    c.drawCentredString(centre, height - 35 * mm, layout.NATIONAL_MOTTO)
    c.line(centre - 30 * mm, height - 37 * mm, centre + 30 * mm, height - 37 * mm)

    c.setFont(fonts.SERIF_BOLD, 16)
    c.drawCentredString(centre, height - 50 * mm, f"GIÁM ĐỐC {layout.issuing_body_full().upper()}")
    c.setFont(fonts.SERIF_BOLD, 14)
    c.drawCentredString(centre, height - 58 * mm, "TẶNG")
    c.setFillColor(RED)
    c.setFont(fonts.SERIF_BOLD, 44)
    c.drawCentredString(centre, height - 78 * mm, "GIẤY KHEN")

    c.setFillColor(colors.black)
    c.setFont(fonts.SERIF_BOLD, 22)
    c.drawCentredString(centre, height - 94 * mm, nominee.addressed_name)
    c.setFont(fonts.SERIF, 15)
    y = height - 104 * mm
    if not nominee.is_collective and nominee.position:
        c.drawCentredString(centre, y, nominee.position)
        y -= 8 * mm
    c.drawCentredString(centre, y, nominee.unit_name)
    y -= 11 * mm
    c.setFont(fonts.SERIF_ITALIC, 14)
    reason = "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ."
    for line in _wrap(reason, fonts.SERIF_ITALIC, 14, width - 70 * mm)[:3]:
        c.drawCentredString(centre, y, line)
        y -= 7 * mm

    c.setFont(fonts.SERIF, 12)
    c.drawString(25 * mm, 32 * mm, f"Quyết định số {data.number} {layout.date_words(data.date)}")
    c.drawString(25 * mm, 26 * mm, f"Số sổ vàng: {nominee.code}")
    right = width - 80 * mm
    c.setFont(fonts.SERIF_ITALIC, 13)
    c.drawCentredString(right, 62 * mm, layout.place_and_date(data.date))
    c.setFont(fonts.SERIF_BOLD, 14)
    titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if data.signer_is_deputy else ["GIÁM ĐỐC"]
    for i, title in enumerate(titles):
        c.drawCentredString(right, (55 - 6 * i) * mm, title)
    c.drawCentredString(right, 25 * mm, data.signer_name)
    if nominee.verify_url:
        _verification_qr(c, nominee.verify_url)
    c.showPage()


QR_SIZE = 24 * mm


def _verification_qr(c: canvas.Canvas, url: str) -> None:
    """The QR code of the public verification page, bottom left, also a link for PDF readers.

    Drawn as an image of one pixel per module (no smoothing), so it scans at any print size."""
    qr = segno.make(url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=1, border=0)
    png.seek(0)
    x, y = 25 * mm, 44 * mm
    margin = 2 * mm  # the quiet zone a scanner needs, on the white of the page
    c.setFillColor(colors.white)
    c.rect(x - margin, y - margin, QR_SIZE + 2 * margin, QR_SIZE + 2 * margin, stroke=0, fill=1)
    c.drawImage(ImageReader(png), x, y, QR_SIZE, QR_SIZE)
    c.linkURL(url, (x, y, x + QR_SIZE, y + QR_SIZE), relative=0)
    c.setFillColor(colors.black)
    c.setFont(fonts.SERIF_ITALIC, 8)
    c.drawCentredString(x + QR_SIZE / 2, y - 4 * mm, "Quét mã để xác minh Giấy khen")


def build_certificates_pdf(data: DecisionData) -> bytes:
    """Collectives first, then individuals, as in the decision's annex."""
    fonts.register()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    c.setTitle(f"Giấy khen – Quyết định {data.number}")
    c.setAuthor(layout.issuing_body_full())
    for nominee in data.collectives + data.individuals:
        _page(c, data, nominee)
    c.save()
    return buffer.getvalue()
