"""Accent folding, so that "nguyen van an" finds "Nguyễn Văn An" on any database."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text``, strip Vietnamese diacritics (đ → d) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())
