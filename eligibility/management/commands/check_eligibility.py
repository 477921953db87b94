"""Explain one dossier's eligibility judgement from the terminal."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from eligibility.engine import evaluate_on
from nominations.models import Nomination


def _date(value: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD hoặc dd/mm/yyyy).")


class Command(BaseCommand):
    help = (
        "Print each eligibility rule of a dossier with its result, explanation, source text and "
        "article, and the rule set used (the one in force on its submission date, or --on DATE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="dossier code, e.g. KT-2024-000123")
        parser.add_argument("--on", help="judge as if submitted on this date (YYYY-MM-DD or dd/mm/yyyy)")

    def handle(self, *args, code, on=None, **options):
        try:
            nomination = Nomination.objects.select_related("award_type", "unit", "staff").get(code=code)
        except Nomination.DoesNotExist as exc:
            raise CommandError(f"Không có hồ sơ {code}.") from exc
        evaluation = evaluate_on(nomination, _date(on) if on else None)
        out = self.stdout.write
        out(
            f"Hồ sơ {nomination.code}: {nomination.nominee_name} — {nomination.award_type.name} năm {nomination.year}"
        )
        if on:
            out(f"Ngày xét (--on): {evaluation.on:%d/%m/%Y}")
        elif evaluation.submitted_on:
            out(f"Ngày trình Sở: {evaluation.submitted_on:%d/%m/%Y}")
        else:
            out(f"Chưa trình Sở: xét theo ngày hôm nay, {evaluation.on:%d/%m/%Y}")
        rule_set = evaluation.rule_set
        if rule_set is None:
            out(f"Không có bộ quy tắc nào áp dụng cho ngày {evaluation.on:%d/%m/%Y}.")
            return
        text = rule_set.legal_text
        out(f"Bộ quy tắc: {rule_set} — văn bản {text.number} ({text.title})")
        if not text.in_force_on(evaluation.on):
            # E.g. NĐ 152/2025 ends on 28/02/2027: its set judges on until an administrator adds the next.
            out(
                f"Lưu ý: văn bản {text.number} không còn hiệu lực ngày {evaluation.on:%d/%m/%Y}; "
                "cần thêm bộ quy tắc theo văn bản mới."
            )
        if not evaluation.results:
            out("Loại khen thưởng này không có quy tắc nào đang bật trong bộ quy tắc.")
            return
        for number, result in enumerate(evaluation.results, 1):
            out("")
            out(f"{number}. {result.label} [{result.rule}]: {result.status_label.upper()}")
            out(f"   {result.message}")
            out(f"   Căn cứ: {result.source}")
            out(f"   Độ tin cậy: {result.confidence_label}")
        out("")
        out(
            f"Tổng: {len(evaluation.results)} quy tắc, {evaluation.failures} không đạt, "
            f"{evaluation.unknowns} chưa xác định được."
        )
