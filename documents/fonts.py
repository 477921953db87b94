"""The TrueType fonts embedded in our PDFs.

Liberation Serif 2 (SIL Open Font License 1.1, see fonts/LICENSE-LiberationSerif.txt) is
metric-compatible with Times New Roman, the font of Nghị định 30/2020, and covers every
Vietnamese letter. It ships inside the project, so PDFs are right on any fresh machine.
"""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"


@cache
def register() -> str:
    """Register the family once per process; returns the regular face's name."""
    for name, file in [
        (SERIF, "LiberationSerif-Regular.ttf"),
        (SERIF_BOLD, "LiberationSerif-Bold.ttf"),
        (SERIF_ITALIC, "LiberationSerif-Italic.ttf"),
    ]:
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD)
    return SERIF
