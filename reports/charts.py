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
# Narrow enough to be read at its own size on a 390 px phone: each label sits above its bar.
WIDTH = 360
ROW_HEIGHT = 40
BAR_HEIGHT = 14
VALUE_WIDTH = 56
MAX_LABEL_CHARS = 52


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(
    title: str, bars: list[tuple[str, float]], *, unit: str = "", highlight: str | None = None
) -> SafeString:
    """One bar per ``(label, value)``; the bar named ``highlight`` is drawn in red."""
    height = max(1, len(bars)) * ROW_HEIGHT + 4
    top = max((value for _label, value in bars), default=0) or 1
    longest = WIDTH - VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(bars):
        y = 2 + i * ROW_HEIGHT
        length = max(1, round(longest * value / top)) if value else 0
        colour = HIGHLIGHT_COLOUR if highlight is not None and label == highlight else BAR_COLOUR
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="12" fill="{INK}">{escape(_short(label))}<title>{escape(label)}</title></text>'
            f'<rect x="0" y="{y + 18}" width="{length}" height="{BAR_HEIGHT}" rx="3" fill="{colour}"/>'
            f'<text x="{length + 5}" y="{y + 30}" font-size="12" fill="{MUTED}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
