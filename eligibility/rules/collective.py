"""Rules about a collective's members (Tập thể lao động tiên tiến / xuất sắc): shares of titles
and of completed duties, and discipline, counted in integer arithmetic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .registry import FAIL, PASS, UNKNOWN, Outcome, Param, rule

if TYPE_CHECKING:  # rules read facts but never build them
    from ..facts import Facts

# ---- collectives (Tập thể lao động tiên tiến / xuất sắc) -----------------------------------


def _collective(facts: Facts) -> tuple[object, Outcome | None]:
    members = facts.collective
    if facts.individual:
        return None, Outcome(UNKNOWN, "Quy tắc này chỉ áp dụng cho tập thể.")
    if members is None or members.size == 0:
        return None, Outcome(UNKNOWN, "Chưa xác định được thành viên của tập thể để tính tỷ lệ.")
    return members, None


@rule(
    "collective_title_share",
    _("Share of the collective's members holding a title"),
    title=Param(str, _("award code of the title")),
    percent=Param(int, _("percent")),
    strictly_more=Param(str, _("strictly more than the percent"), "no", ("yes", "no")),
)
def collective_title_share(facts: Facts, *, title: str, percent: int, strictly_more: str) -> Outcome:
    """The members holding ``title`` in the nomination year are more than (or at least)
    ``percent`` % of the collective (integer arithmetic)."""
    members, skip = _collective(facts)
    if skip is not None:
        return skip
    held = members.titles.get(title, 0)
    pending = members.pending_titles.get(title, 0)
    need = f"{'trên' if strictly_more == 'yes' else 'ít nhất'} {percent}%"

    def reached(n: int) -> bool:
        return (
            n * 100 > percent * members.size if strictly_more == "yes" else n * 100 >= percent * members.size
        )

    scope = f"{members.size} thành viên ({members.scope})"
    if reached(held):
        return Outcome(PASS, f"{held}/{scope} đạt {facts.name(title)} năm {facts.year} (cần {need}).")
    if reached(held + pending):
        return Outcome(
            UNKNOWN,
            f"{held}/{scope} đạt {facts.name(title)}; đủ {need} nếu {pending} hồ sơ đang xét được công nhận.",
        )
    return Outcome(FAIL, f"Chỉ {held}/{scope} đạt {facts.name(title)} năm {facts.year} (cần {need}).")


@rule(
    "collective_duties_completed",
    _("Share of the collective's members who completed their duties"),
    percent=Param(int, _("percent"), 100),
)
def collective_duties_completed(facts: Facts, *, percent: int) -> Outcome:
    """At least ``percent`` % of the members rated "hoàn thành nhiệm vụ" or better in the year."""
    members, skip = _collective(facts)
    if skip is not None:
        return skip
    scope = f"{members.size} thành viên ({members.scope})"
    if members.completed * 100 >= percent * members.size:
        return Outcome(PASS, f"{members.completed}/{scope} hoàn thành nhiệm vụ trở lên (cần {percent}%).")
    if (members.completed + members.unrated) * 100 >= percent * members.size:
        return Outcome(
            UNKNOWN,
            f"{members.completed}/{scope} hoàn thành nhiệm vụ trở lên; {members.unrated} người chưa có kết quả "
            f"đánh giá năm {facts.year}.",
        )
    return Outcome(FAIL, f"Chỉ {members.completed}/{scope} hoàn thành nhiệm vụ trở lên (cần {percent}%).")


@rule(
    "collective_title_count",
    _("Members of the collective holding a title"),
    title=Param(str, _("award code of the title")),
    count=Param(int, _("at least"), 1),
)
def collective_title_count(facts: Facts, *, title: str, count: int) -> Outcome:
    """At least ``count`` members hold ``title`` in the nomination year."""
    members, skip = _collective(facts)
    if skip is not None:
        return skip
    held = members.titles.get(title, 0)
    if held >= count:
        return Outcome(PASS, f"Có {held} thành viên đạt {facts.name(title)} năm {facts.year} (cần {count}).")
    if held + members.pending_titles.get(title, 0) >= count:
        return Outcome(UNKNOWN, f"Có {held} thành viên đạt {facts.name(title)}; hồ sơ khác đang được xét.")
    return Outcome(FAIL, f"Có {held} thành viên đạt {facts.name(title)} năm {facts.year} (cần {count}).")


@rule("collective_no_discipline", _("No member disciplined at “cảnh cáo” or above"))
def collective_no_discipline(facts: Facts) -> Outcome:
    """Nobody in the collective disciplined at "cảnh cáo" (warning) or above in the year."""
    members, skip = _collective(facts)
    if skip is not None:
        return skip
    if members.disciplined is None:
        return Outcome(
            UNKNOWN, "Hệ thống chưa có dữ liệu kỷ luật của các thành viên; Văn phòng kiểm tra thủ công."
        )
    if members.disciplined:
        return Outcome(
            FAIL,
            f"{members.disciplined} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên năm {facts.year}.",
        )
    return Outcome(PASS, f"Không thành viên nào bị kỷ luật từ hình thức cảnh cáo trở lên năm {facts.year}.")
