"""Open generated files with libraries, the way a clerk's software would."""

import io

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """The text of every page, spaces and line breaks collapsed (table cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in pdf(content).pages).split())


def xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))
