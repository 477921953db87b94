"""Read the QR code of a certificate page back: its link target, and the code's modules from
the embedded image, compared with what segno encodes for that target."""

import io

import segno
from pypdf import PdfReader


def page_links(content: bytes) -> list[list[str]]:
    """The URI links of each page."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        links = []
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                links.append(str(action["/URI"]))
        pages.append(links)
    return pages


def page_qr_modules(content: bytes) -> list[list[tuple[bool, ...]]]:
    """Each page's QR image as rows of dark (True) and light modules, one pixel a module."""
    result = []
    for page in PdfReader(io.BytesIO(content)).pages:
        (image,) = page.images
        picture = image.image.convert("L")
        width, height = picture.size
        result.append([tuple(picture.getpixel((x, y)) < 128 for x in range(width)) for y in range(height)])
    return result


def modules_of(url: str) -> list[tuple[bool, ...]]:
    return [tuple(bool(cell) for cell in row) for row in segno.make(url, error="m").matrix]


def decode_page(content: bytes, index: int) -> str:
    """The target the QR code of page ``index`` encodes: its link, once the image is checked to
    be exactly the QR code of that link."""
    (url,) = page_links(content)[index]
    assert page_qr_modules(content)[index] == modules_of(url), "the QR image does not encode the link"
    return url
