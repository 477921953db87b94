"""Rules written before rule sets existed were NĐ 98/2023's: they join a published NĐ 98/2023
set (dossiers submitted 01/01/2024–30/06/2025). ``seed_rules`` adds the NĐ 152/2025 set."""

import datetime

from django.db import migrations


def forwards(apps, schema_editor):
    AwardRule = apps.get_model("eligibility", "AwardRule")
    if not AwardRule.objects.filter(rule_set__isnull=True).exists():
        return
    LegalText = apps.get_model("eligibility", "LegalText")
    RuleSet = apps.get_model("eligibility", "RuleSet")
    text, _created = LegalText.objects.get_or_create(
        code="nd-98-2023",
        defaults={
            "kind": "decree",
            "number": "98/2023/NĐ-CP",
            "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
            "issued_on": datetime.date(2023, 12, 31),
            "in_force_from": datetime.date(2024, 1, 1),
            "in_force_until": datetime.date(2025, 6, 30),
            "citation": "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
            "tiết thi hành một số điều của Luật Thi đua, khen thưởng",
            "cited_in_documents": True,
            "citation_order": 20,
            "confidence": "high",
        },
    )
    rule_set = RuleSet.objects.create(
        legal_text=text,
        name="Nghị định 98/2023/NĐ-CP",
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2025, 6, 30),
        is_published=True,
        note="Các quy tắc đã có trước khi có bộ quy tắc theo văn bản.",
    )
    AwardRule.objects.filter(rule_set__isnull=True).update(rule_set=rule_set)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0003_legal_texts_rule_sets")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
