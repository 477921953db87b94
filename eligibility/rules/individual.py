"""Rules about one person's (and a dossier's) history: titles, ratings, initiatives, one award
per achievement, intervals, caps, and the discipline pause of NĐ 152/2025 Điều 4 khoản 4."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from ..scales import LEVEL_RANK, RATING_RANK, InitiativeLevel, Rating
from .registry import FAIL, PASS, UNKNOWN, Outcome, Param, rule

if TYPE_CHECKING:  # rules read facts but never build them
    from ..facts import Facts

# ---- helpers ---------------------------------------------------------------------------

RATING_NAMES = {
    Rating.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    Rating.GOOD: "hoàn thành tốt nhiệm vụ",
    Rating.COMPLETED: "hoàn thành nhiệm vụ",
    Rating.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}
LEVEL_NAMES = {
    InitiativeLevel.CO_SO: "cấp cơ sở",
    InitiativeLevel.BO_TINH: "cấp bộ, tỉnh",
    InitiativeLevel.TOAN_QUOC: "toàn quốc",
}
RATING_CODES = tuple(Rating.values)
LEVEL_CODES = tuple(InitiativeLevel.values)


def _years(facts: Facts, codes) -> set[int]:
    codes = {codes} if isinstance(codes, str) else set(codes)
    return {a.year for a in facts.awards if a.code in codes}


def _pending_years(facts: Facts, code: str) -> set[int]:
    return {d.year for d in facts.other_dossiers if d.award_code == code}


def _streak_ending(years: set[int], last: int) -> int:
    n = 0
    while last - n in years:
        n += 1
    return n


def _individual_only(facts: Facts) -> Outcome | None:
    if not facts.individual:
        return Outcome(UNKNOWN, "Quy tắc này chỉ áp dụng cho cá nhân; không kiểm tra được với tập thể.")
    return None


def _rating_ok(facts: Facts, year: int, minimum: str) -> bool | None:
    value = facts.ratings.get(year)
    if value is None:
        return None
    return RATING_RANK.get(value, 0) >= RATING_RANK[minimum]


def _qualifying_initiatives(facts: Facts, level: str) -> list:
    return [
        i
        for i in facts.initiatives
        if LEVEL_RANK.get(i.level, 0) >= LEVEL_RANK[level] and i.year <= facts.year
    ]


# ---- the rules -------------------------------------------------------------------------


@rule(
    "consecutive_title",
    _("Consecutive years of a prior title"),
    titles=Param(list, _("award codes of the prior title")),
    count=Param(int, _("consecutive times")),
)
def consecutive_title(facts: Facts, *, titles: list, count: int) -> Outcome:
    """``count`` consecutive years holding one of ``titles``, ending in the nomination year or
    the year before."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    names = " / ".join(facts.name(t) for t in titles)
    years = _years(facts, titles)
    best = max(_streak_ending(years, facts.year), _streak_ending(years, facts.year - 1))
    if best >= count:
        return Outcome(PASS, f"Đã có {best} năm liên tục đạt {names} (cần {count}).")
    pending = any(d.year == facts.year and d.award_code in titles for d in facts.other_dossiers)
    if pending and _streak_ending(years, facts.year - 1) + 1 >= count:
        return Outcome(
            UNKNOWN,
            f"Đủ {count} năm liên tục đạt {names} nếu hồ sơ năm {facts.year} cho danh hiệu này được công nhận; "
            "hồ sơ đó chưa có kết quả.",
        )
    return Outcome(FAIL, f"Theo quá trình khen thưởng, chỉ có {best} năm liên tục đạt {names} (cần {count}).")


@rule(
    "same_year_title",
    _("Meets a title in the same year"),
    title=Param(str, _("award code of the title")),
    minimum_rating=Param(str, _("rating that meets its standard"), Rating.GOOD, RATING_CODES),
)
def same_year_title(facts: Facts, *, title: str, minimum_rating: str) -> Outcome:
    """Holds (or meets the standard of) ``title`` in the nomination year."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    if facts.year in _years(facts, title):
        return Outcome(PASS, f"Đã được công nhận {facts.name(title)} năm {facts.year}.")
    if facts.year in _pending_years(facts, title):
        return Outcome(UNKNOWN, f"Hồ sơ {facts.name(title)} năm {facts.year} đang được xét; chưa có kết quả.")
    rated = _rating_ok(facts, facts.year, minimum_rating)
    if rated is None:
        return Outcome(
            UNKNOWN, f"Chưa có danh hiệu {facts.name(title)} và chưa có kết quả đánh giá năm {facts.year}."
        )
    if rated:
        return Outcome(
            UNKNOWN,
            f"Chưa có danh hiệu {facts.name(title)} năm {facts.year}, nhưng kết quả đánh giá đạt mức "
            f"“{RATING_NAMES[minimum_rating]}”: cần xác định có đạt tiêu chuẩn không.",
        )
    return Outcome(
        FAIL, f"Không có {facts.name(title)} năm {facts.year} và đánh giá năm đó dưới mức yêu cầu."
    )


@rule(
    "minimum_rating",
    _("Annual rating at least"),
    rating=Param(str, _("lowest rating"), None, RATING_CODES),
    years=Param(int, _("consecutive years up to the nomination year"), 1),
)
def minimum_rating(facts: Facts, *, rating: str, years: int) -> Outcome:
    """Rated at least ``rating`` in each of the ``years`` years up to the nomination year."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    wanted = range(facts.year - max(years, 1) + 1, facts.year + 1)
    below = [y for y in wanted if _rating_ok(facts, y, rating) is False]
    missing = [y for y in wanted if _rating_ok(facts, y, rating) is None]
    need = f"“{RATING_NAMES[rating]}” trở lên"
    if below:
        return Outcome(FAIL, f"Năm {', '.join(map(str, below))} được đánh giá dưới mức {need}.")
    if missing:
        return Outcome(UNKNOWN, f"Chưa có kết quả đánh giá năm {', '.join(map(str, missing))} (cần {need}).")
    span = f"{years} năm liên tục" if years > 1 else f"năm {facts.year}"
    return Outcome(PASS, f"Được đánh giá {need} {span}.")


@rule(
    "rating_or_initiative",
    _("Excellent rating or a recognised initiative"),
    rating=Param(str, _("rating"), Rating.EXCELLENT, RATING_CODES),
    level=Param(str, _("lowest level of the initiative"), InitiativeLevel.CO_SO, LEVEL_CODES),
)
def rating_or_initiative(facts: Facts, *, rating: str, level: str) -> Outcome:
    """Rated ``rating`` in the nomination year, or has an initiative recognised at ``level`` or above."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    initiatives = _qualifying_initiatives(facts, level)
    if initiatives:
        return Outcome(PASS, f"Có sáng kiến được công nhận {LEVEL_NAMES[level]}: “{initiatives[0].title}”.")
    rated = _rating_ok(facts, facts.year, rating)
    if rated:
        return Outcome(PASS, f"Được đánh giá “{RATING_NAMES[rating]}” năm {facts.year}.")
    if rated is None:
        return Outcome(
            UNKNOWN,
            f"Chưa có kết quả đánh giá năm {facts.year} và hồ sơ chưa đính kèm sáng kiến {LEVEL_NAMES[level]}.",
        )
    return Outcome(
        FAIL,
        f"Năm {facts.year} không đạt “{RATING_NAMES[rating]}” và hồ sơ chưa đính kèm sáng kiến "
        f"được công nhận {LEVEL_NAMES[level]}.",
    )


@rule(
    "initiatives",
    _("Recognised initiatives attached"),
    level=Param(str, _("lowest level"), InitiativeLevel.CO_SO, LEVEL_CODES),
    count=Param(int, _("how many"), 1),
    alternatives=Param(
        str, _("if missing"), "fail", ("fail", "unknown")
    ),  # "unknown" where a research project may stand in for it
)
def initiatives(facts: Facts, *, level: str, count: int, alternatives: str) -> Outcome:
    """At least ``count`` initiatives recognised at ``level`` or above attached to the dossier."""
    found = _qualifying_initiatives(facts, level)
    if len(found) >= count:
        return Outcome(PASS, f"Có {len(found)} sáng kiến được công nhận {LEVEL_NAMES[level]} trở lên.")
    message = f"Hồ sơ có {len(found)} sáng kiến được công nhận {LEVEL_NAMES[level]} trở lên (cần {count})."
    if alternatives == "unknown":
        return Outcome(
            UNKNOWN,
            message + " Nếu có đề tài, đề án khoa học đã nghiệm thu thay cho sáng kiến, cần kiểm tra hồ sơ.",
        )
    return Outcome(FAIL, message)


@rule("initiative_used_once", _("Each initiative used for one award only"))
def initiative_used_once(facts: Facts) -> Outcome:
    """No attached initiative also stands behind another live dossier."""
    reused = [i for i in facts.initiatives if i.used_by]
    if reused:
        items = "; ".join(f"“{i.title}” (hồ sơ {', '.join(i.used_by)})" for i in reused)
        return Outcome(FAIL, f"Sáng kiến đã dùng cho hồ sơ khác: {items}.")
    return Outcome(PASS, "Không có sáng kiến nào được dùng cho hồ sơ khác.")


@rule(
    "one_award_per_achievement",
    _("One award per achievement"),
    same_kind=Param(list, _("award codes of the same kind"), []),
)
def one_award_per_achievement(facts: Facts, *, same_kind: list) -> Outcome:
    """No award of the same type already received for the year, and no other live dossier for
    the same achievement (same nominee, year and round) proposing this award or one of
    ``same_kind`` (forms of commendation exclude each other; emulation titles such as Lao động
    tiên tiến and Chiến sĩ thi đua cơ sở go together, so they list none)."""
    if facts.year in _years(facts, facts.award_code):
        return Outcome(FAIL, f"Đã được tặng {facts.name(facts.award_code)} cho năm {facts.year}.")
    kinds = {facts.award_code, *same_kind}
    same = [
        f"{d.code} ({facts.name(d.award_code)}" + (f", do {d.unit_name} đề nghị)" if d.unit_name else ")")
        for d in facts.other_dossiers
        if d.award_code in kinds
        and d.year == facts.year
        and d.basis == facts.basis
        and d.campaign_id == facts.campaign_id
    ]
    if same:
        return Outcome(
            FAIL,
            f"Cùng thành tích (năm {facts.year}, cùng đợt xét) đang được đề nghị ở hồ sơ {', '.join(same)}.",
        )
    return Outcome(PASS, "Không có hồ sơ hoặc khen thưởng khác cho cùng thành tích.")


@rule(
    "interval_since_same_award",
    _("Years since the same award"),
    years=Param(int, _("years")),
)
def interval_since_same_award(facts: Facts, *, years: int) -> Outcome:
    """At least ``years`` years between the last award of the same type and this one."""
    earlier = [y for y in _years(facts, facts.award_code) if y < facts.year]
    if not earlier:
        return Outcome(PASS, "Chưa được tặng hình thức này trước đây.")
    last = max(earlier)
    if facts.year - last >= years:
        return Outcome(PASS, f"Lần gần nhất năm {last}, đã đủ {years} năm.")
    return Outcome(FAIL, f"Lần gần nhất được tặng năm {last}: chưa đủ {years} năm tính đến năm {facts.year}.")


@rule(
    "prior_award",
    _("Already holds one of these awards"),
    awards=Param(list, _("award codes")),
)
def prior_award(facts: Facts, *, awards: list) -> Outcome:
    """Has received one of ``awards`` before the nomination year (or in it)."""
    held = sorted(y for y in _years(facts, awards) if y <= facts.year)
    if held:
        return Outcome(PASS, f"Đã được tặng (năm {held[-1]}).")
    if any(d.award_code in awards for d in facts.other_dossiers):
        return Outcome(UNKNOWN, "Hồ sơ đề nghị hình thức yêu cầu đang được xét; chưa có kết quả.")
    return Outcome(FAIL, f"Chưa được tặng: {', '.join(facts.name(a) for a in awards)}.")


@rule(
    "title_count_in_window",
    _("Times a title was received within recent years"),
    title=Param(str, _("award code of the title")),
    count=Param(int, _("times")),
    years=Param(int, _("years up to the nomination year")),
)
def title_count_in_window(facts: Facts, *, title: str, count: int, years: int) -> Outcome:
    """``title`` received at least ``count`` times in the ``years`` years up to the nomination year."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    window = range(facts.year - years + 1, facts.year + 1)
    got = len([y for y in _years(facts, title) if y in window])
    if got >= count:
        return Outcome(
            PASS, f"Trong {years} năm gần nhất có {got} lần đạt {facts.name(title)} (cần {count})."
        )
    return Outcome(
        FAIL, f"Trong {years} năm gần nhất chỉ có {got} lần đạt {facts.name(title)} (cần {count})."
    )


@rule(
    "title_streak_or_ratings_with_initiatives",
    _("Consecutive titles, or consecutive ratings with initiatives"),
    title=Param(str, _("award code of the title")),
    count=Param(int, _("consecutive times")),
    rating=Param(str, _("rating"), Rating.EXCELLENT, RATING_CODES),
    rating_years=Param(int, _("consecutive years rated")),
    initiative_count=Param(int, _("initiatives")),
    level=Param(str, _("lowest level"), InitiativeLevel.CO_SO, LEVEL_CODES),
    otherwise=Param(str, _("if neither"), UNKNOWN, (FAIL, UNKNOWN)),
)
def title_streak_or_ratings_with_initiatives(
    facts: Facts, *, title, count, rating, rating_years, initiative_count, level, otherwise
) -> Outcome:
    """``count`` consecutive ``title``s, or ``rating_years`` consecutive years rated ``rating``
    with ``initiative_count`` initiatives. ``otherwise``: what to answer when neither holds
    (UNKNOWN where other points of the article, judged by people, may still apply)."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    years = _years(facts, title)
    streak = max(_streak_ending(years, facts.year), _streak_ending(years, facts.year - 1))
    if streak >= count:
        return Outcome(PASS, f"Có {streak} năm liên tục đạt {facts.name(title)} (cần {count}).")
    rated = [_rating_ok(facts, y, rating) for y in range(facts.year - rating_years + 1, facts.year + 1)]
    found = len(_qualifying_initiatives(facts, level))
    if all(rated) and found >= initiative_count:
        return Outcome(
            PASS,
            f"{rating_years} năm liên tục “{RATING_NAMES[rating]}” và có {found} sáng kiến {LEVEL_NAMES[level]}.",
        )
    message = (
        f"Chưa có {count} năm liên tục {facts.name(title)} (có {streak}), cũng chưa đủ {rating_years} năm liên tục "
        f"“{RATING_NAMES[rating]}” kèm {initiative_count} sáng kiến {LEVEL_NAMES[level]} (có {found})."
    )
    if otherwise == UNKNOWN or None in rated:
        return Outcome(
            UNKNOWN, message + " Cần xét theo các tiêu chuẩn khác của điều này hoặc bổ sung dữ liệu."
        )
    return Outcome(FAIL, message)


@rule(
    "quota_share",
    _("Share of the unit's base title"),
    base_title=Param(str, _("award code of the base title")),
    percent=Param(int, _("at most this percent")),
)
def quota_share(facts: Facts, *, base_title: str, percent: int) -> Outcome:
    """The unit's live dossiers for this award in the year are at most ``percent`` % of its
    dossiers for ``base_title`` (integer arithmetic)."""
    base = facts.unit_dossiers_by_award.get(base_title, 0)
    used = facts.unit_dossiers_by_award.get(facts.award_code, 0)
    if base == 0:
        return Outcome(
            UNKNOWN, f"Đơn vị chưa có hồ sơ {facts.name(base_title)} năm {facts.year} để tính tỷ lệ."
        )
    if used * 100 <= percent * base:
        return Outcome(
            PASS, f"Đơn vị đề nghị {used} trên {base} {facts.name(base_title)} (tối đa {percent}%)."
        )
    return Outcome(FAIL, f"Đơn vị đề nghị {used} trên {base} {facts.name(base_title)}, vượt {percent}%.")


# ---- discipline (NĐ 152/2025 Điều 4 khoản 4) -----------------------------------------------


@rule("not_under_discipline", _("Not under disciplinary review, and achievements counted after discipline"))
def not_under_discipline(facts: Facts) -> Outcome:
    """While a person is under disciplinary review, inspection or complaint the proposal is
    paused; after a discipline, achievements count again from its end."""
    if (skip := _individual_only(facts)) is not None:
        return skip
    if not facts.discipline_known:
        return Outcome(
            UNKNOWN, "Hệ thống chưa có dữ liệu kỷ luật của cá nhân này; Văn phòng kiểm tra thủ công."
        )
    if facts.under_review:
        return Outcome(
            FAIL,
            "Cá nhân đang bị xem xét kỷ luật, thanh tra hoặc giải quyết khiếu nại: tạm dừng xét khen thưởng.",
        )
    if facts.discipline_ended and facts.discipline_ended.year >= facts.year:
        return Outcome(
            FAIL,
            f"Kỷ luật kết thúc ngày {facts.discipline_ended:%d/%m/%Y}: thành tích chỉ được tính từ sau ngày đó.",
        )
    return Outcome(PASS, "Không đang bị xem xét kỷ luật; không có kỷ luật ảnh hưởng năm xét.")


@rule(
    "quota_staff_share",
    _("Share of the unit's staff proposed for a title (the province's optional cap)"),
    percent=Param(int, _("at most this percent of the staff")),
)
def quota_staff_share(facts: Facts, *, percent: int) -> Outcome:
    """The unit's live dossiers for this award in the year are at most ``percent`` % of its
    active staff (integer arithmetic). A cap only where the province's regulation sets one."""
    staff = facts.unit_staff_count
    used = facts.unit_dossiers_by_award.get(facts.award_code, 0)
    if not staff:
        return Outcome(UNKNOWN, "Chưa có danh sách nhân sự của đơn vị để tính tỷ lệ.")
    if used * 100 <= percent * staff:
        return Outcome(PASS, f"Đơn vị đề nghị {used} trên {staff} người (tối đa {percent}%).")
    return Outcome(FAIL, f"Đơn vị đề nghị {used} trên {staff} người, vượt {percent}% theo quy định của tỉnh.")
