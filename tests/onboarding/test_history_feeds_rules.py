"""Award history imported from a sheet is what the eligibility rules judge from."""

from eligibility.defaults import seed_rule_sets
from eligibility.engine import evaluate
from eligibility.models import AwardRule
from eligibility.rules import PASS, UNKNOWN
from nominations.models import Staff
from tests.factories import AwardTypeFactory, UserFactory, make_nomination

from .conftest import csv_bytes
from .test_master_data_import import STAFF


def test_imported_award_history_turns_cannot_tell_into_pass(province, run_import):
    run_import("staff", csv_bytes("staff", STAFF))
    AwardTypeFactory(code="ldtt", name="Lao động tiên tiến", applies_to="individual")
    cstdcs = AwardTypeFactory(code="cstdcs", name="Chiến sĩ thi đua cơ sở", applies_to="individual")
    # In the rule set in force today (NĐ 152/2025), as an administrator would add it.
    rule_set = seed_rule_sets()["nd-152-2025"]
    AwardRule.objects.create(
        rule_set=rule_set,
        award_type=cstdcs,
        rule="same_year_title",
        params={"title": "ldtt"},
        source="Luật Điều 23",
    )
    officer = UserFactory(username="bva.canbo", unit=province["bva"], roles=["unit_officer"])
    nomination = make_nomination(
        unit=province["bva"],
        author=officer,
        staff=Staff.objects.get(staff_code="NV-1"),
        award_type=cstdcs,
        year=2024,
    )
    assert [r.status for r in evaluate(nomination)] == [UNKNOWN]

    run_import(
        "awards",
        csv_bytes(
            "awards", [{"staff": "NV-1", "award": "ldtt", "year": "2024", "decision_number": "9/QĐ-SYT"}]
        ),
    )

    assert [r.status for r in evaluate(nomination)] == [PASS]
