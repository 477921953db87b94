"""The legal texts every deployment cites (frozen copy of ``eligibility.legal_texts.TEXTS`` as
of this migration), so documents have their legal bases right after ``migrate``. Rules written
before rule sets existed were NĐ 98/2023's: they join a published NĐ 98/2023 set (dossiers
submitted 01/01/2024–30/06/2025). ``seed_rules`` adds the NĐ 152/2025 set and the default rules."""

import datetime

from django.db import migrations

TEXTS = [{'code': 'luat-06-2022',
  'kind': 'law',
  'number': '06/2022/QH15',
  'title': 'Luật Thi đua, khen thưởng',
  'issued_on': datetime.date(2022, 6, 15),
  'in_force_from': datetime.date(2024, 1, 1),
  'in_force_until': None,
  'replaces': None,
  'citation': 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
  'cited_in_documents': True,
  'citation_order': 10,
  'confidence': 'high',
  'note': ''},
 {'code': 'nd-98-2023',
  'kind': 'decree',
  'number': '98/2023/NĐ-CP',
  'title': 'Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  'issued_on': datetime.date(2023, 12, 31),
  'in_force_from': datetime.date(2024, 1, 1),
  'in_force_until': datetime.date(2025, 6, 30),
  'replaces': None,
  'citation': 'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành '
              'một số điều của Luật Thi đua, khen thưởng',
  'cited_in_documents': True,
  'citation_order': 20,
  'confidence': 'high',
  'note': 'Bãi bỏ bởi Nghị định 152/2025/NĐ-CP Điều 59 từ 01/07/2025. Điều 60 khoản 3 NĐ 152: hồ sơ gửi '
          'trước 01/07/2025 được xét theo NĐ 98/2023. Điều 60 khoản 2: nơi chưa ban hành quy định được giao, '
          'NĐ 98/2023 còn áp dụng đến 31/12/2025.'},
 {'code': 'nd-152-2025',
  'kind': 'decree',
  'number': '152/2025/NĐ-CP',
  'title': 'Nghị định số 152/2025/NĐ-CP của Chính phủ (thi đua, khen thưởng)',
  'issued_on': datetime.date(2025, 6, 14),
  'in_force_from': datetime.date(2025, 7, 1),
  'in_force_until': datetime.date(2027, 2, 28),
  'replaces': 'nd-98-2023',
  'citation': 'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ',
  'cited_in_documents': True,
  'citation_order': 20,
  'confidence': 'high',
  'note': 'Điều 60 khoản 1: hết hiệu lực từ 01/03/2027, hoặc sớm hơn ở nội dung đã được luật mới quy định. '
          'Trích yếu đầy đủ của Nghị định cần đối chiếu văn bản trước khi bổ sung vào phần căn cứ.'},
 {'code': 'tt-15-2025',
  'kind': 'circular',
  'number': '15/2025/TT-BNV',
  'title': 'Thông tư hướng dẫn và biểu mẫu thi đua, khen thưởng (thay Thông tư 01/2024/TT-BNV)',
  'issued_on': datetime.date(2025, 8, 4),
  'in_force_from': datetime.date(2025, 8, 5),
  'in_force_until': None,
  'replaces': None,
  'citation': 'Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ',
  'cited_in_documents': True,
  'citation_order': 30,
  'confidence': 'medium',
  'note': 'Ngày có hiệu lực “khoảng 05/08/2025”: cần đối chiếu văn bản.'},
 {'code': 'luat-sua-doi-2026',
  'kind': 'law',
  'number': '06/2026/QH16',
  'title': 'Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng (theo thông tin báo chí)',
  'issued_on': None,
  'in_force_from': datetime.date(2026, 10, 1),
  'in_force_until': None,
  'replaces': None,
  'citation': '',
  'cited_in_documents': False,
  'citation_order': 15,
  'confidence': 'low',
  'note': 'Số hiệu và ngày hiệu lực theo thông tin báo chí; nội dung chưa đọc. Khi có văn bản: ghi ngày '
          'thông qua, câu căn cứ, bật “trích dẫn trong văn bản” và thêm bộ quy tắc mới nếu tiêu chuẩn thay '
          'đổi.'}]


def forwards(apps, schema_editor):
    LegalText = apps.get_model("eligibility", "LegalText")
    made = {}
    for row in TEXTS:
        values = dict(row)
        code = values.pop("code")
        values["replaces"] = made.get(values["replaces"])
        made[code], _created = LegalText.objects.get_or_create(code=code, defaults=values)
    AwardRule = apps.get_model("eligibility", "AwardRule")
    if not AwardRule.objects.filter(rule_set__isnull=True).exists():
        return
    RuleSet = apps.get_model("eligibility", "RuleSet")
    rule_set = RuleSet.objects.create(
        legal_text=made["nd-98-2023"],
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
