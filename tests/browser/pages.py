"""The main pages of each role, found as that person finds them: the menu, then the first
dossier, task and decision the lists offer. Shared by the phone and accessibility tests."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
ROLES = [
    "bvtn.canbo",
    "bvtn.truong",
    "vanphong",
    "chanhvanphong",
    "congdoan",
    "giamdoc",
    "phogiamdoc",
    "thanhtra",
    "admin",
]
# Django's own admin is not our page (its layout and markup are the framework's).
NOT_OURS = ("/admin/",)


def _first_href(page, selector: str) -> str | None:
    link = page.locator(selector).first
    return link.get_attribute("href") if link.count() else None


def main_pages(web) -> list[str]:
    """Home, every menu entry, and one dossier, task, decision and campaign page."""
    web.goto("/")
    paths = ["/"]
    for href in web.page.locator(".mainnav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        if href and not href.startswith(NOT_OURS) and href not in paths:
            paths.append(href)
    detail_links = {
        "/dossiers/": "main table a[href^='/dossiers/KT-']",
        "/tasks/": "main table a[href^='/tasks/'][href$='/']",
        "/tasks/queue/": "main table a[href^='/tasks/'][href$='/']",
        "/decisions/": "main table a[href^='/decisions/']",
        "/campaigns/": "main a[href^='/campaigns/'][href$='/']:not([href='/campaigns/rounds/'])",
    }
    for listing, selector in detail_links.items():
        if listing not in paths:
            continue
        web.goto(listing)
        href = _first_href(web.page, selector)
        if href and href not in paths and href != listing:
            paths.append(href)
    return paths


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core (vendored) on the page; the serious and critical violations, readable."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Through the DevTools protocol, so the page's CSP (no inline scripts) does not apply.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in result if v["impact"] in impacts
    ]
