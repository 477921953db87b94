"""Certificates of decisions issued before verification codes existed get their code too, so
that a reprint carries a QR code."""

import secrets

from django.db import migrations


def add_codes(apps, schema_editor):
    AwardDecision = apps.get_model("workflows", "AwardDecision")
    CertificateCode = apps.get_model("documents", "CertificateCode")
    for decision in AwardDecision.objects.filter(status="issued"):
        for nomination in decision.nominations.all():
            if not CertificateCode.objects.filter(nomination=nomination).exists():
                CertificateCode.objects.create(
                    nomination=nomination, decision=decision, token=secrets.token_urlsafe(18)
                )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("workflows", "0002_history_reason_text")]

    operations = [migrations.RunPython(add_codes, migrations.RunPython.noop)]
