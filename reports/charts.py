"""Server-rendered SVG charts: horizontal bars, drawn with presentation attributes only
(no ``style``), so the pages' Content-Security-Policy needs no exception and the charts
work without JavaScript. Every chart carries a title for screen readers; the table beside
it holds the same figures."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#0b5d8c"
HIGHLIGHT_COLOUR = "#b3261e"
INK = "#1d2733"
MUTED = "#5b6b7b"
ROW_HEIGHT = 26
LABEL_WIDTH = 290
BAR_WIDTH = 320
VALUE_WIDTH = 70
MAX_LABEL_CHARS = 36


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(
    title: str, bars: list[tuple[str, float]], *, unit: str = "", highlight: str | None = None
) -> SafeString:
    """One bar per ``(label, value)``; the bar named ``highlight`` is drawn in red."""
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(1, len(bars)) * ROW_HEIGHT + 8
    top = max((value for _label, value in bars), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(bars):
        y = 4 + i * ROW_HEIGHT
        length = round(BAR_WIDTH * value / top) if value else 0
        colour = HIGHLIGHT_COLOUR if highlight is not None and label == highlight else BAR_COLOUR
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 17}" text-anchor="end" font-size="12" fill="{INK}">'
            f"{escape(_short(label))}<title>{escape(label)}</title></text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW_HEIGHT - 8}" rx="3"'
            f' fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 17}" font-size="13" fill="{MUTED}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
