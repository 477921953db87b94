"""Plain data the generators work from: read once from the database, then every generator is a
pure function of it (the benchmark and the tests build these without HTTP)."""

import datetime
from dataclasses import dataclass, field

from eligibility.cash import ROUNDING_SOURCE, CashTable, money
from eligibility.legal_texts import legal_bases
from nominations.models import NomineeKind
from permissions import policy

from . import layout


@dataclass
class Nominee:
    kind: str  # NomineeKind value
    name: str
    unit_name: str
    award_name: str
    achievement: str = ""
    position: str = ""
    professional_title: str = ""
    gender: str = ""
    date_of_birth: datetime.date | None = None
    staff_code: str = ""
    code: str = ""
    status: str = ""
    cash: int | None = None  # tiền thưởng in đồng, on a decision
    cash_formula: str = ""
    # The public verification address printed as a QR code on the certificate (once issued).
    verify_url: str = ""

    @property
    def is_collective(self) -> bool:
        return self.kind == NomineeKind.COLLECTIVE

    @property
    def addressed_name(self) -> str:
        """ "Bà Trần Thị Bích Ngọc" for a person; the collective's own name otherwise."""
        return self.name if self.is_collective else f"{layout.honorific(self.gender)} {self.name}"


@dataclass
class DecisionData:
    number: str
    date: datetime.date
    title: str
    signer_name: str = ""
    signer_is_deputy: bool = False
    issued: bool = False
    grounds: list[str] = field(default_factory=list)
    collectives: list[Nominee] = field(default_factory=list)
    individuals: list[Nominee] = field(default_factory=list)
    # “Căn cứ …;” lines of the legal texts in force on the decision's date.
    legal_bases: list[str] = field(default_factory=list)
    cash_note: str = ""  # base salary and articles behind the amounts

    @property
    def has_cash(self) -> bool:
        return any(n.cash is not None for n in self.collectives + self.individuals)

    @property
    def cash_total(self) -> int:
        return sum(n.cash or 0 for n in self.collectives + self.individuals)


@dataclass
class SubmissionData:
    """A unit's Tờ trình: the nominees it submits for one round."""

    unit_name: str
    unit_short_name: str
    round_name: str
    date: datetime.date
    head_name: str = ""
    collectives: list[Nominee] = field(default_factory=list)
    individuals: list[Nominee] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)


def nominee_of(nomination, on: datetime.date | None = None) -> Nominee:
    """``on``: the document's date; the unit is named as it was then (renames since are ignored)."""
    staff = nomination.staff
    return Nominee(
        kind=nomination.nominee_kind,
        name=nomination.nominee_name,
        unit_name=nomination.unit.name_on(on),
        award_name=nomination.award_type.name,
        achievement=nomination.achievement_summary,
        position=staff.position if staff else "",
        professional_title=staff.professional_title if staff else "",
        gender=staff.gender if staff else "",
        date_of_birth=staff.date_of_birth if staff else None,
        staff_code=staff.staff_code if staff else "",
        code=nomination.code,
        status=str(nomination.get_status_display()),
    )


def split_by_kind(
    nominations, on: datetime.date | None = None, cash: CashTable | None = None
) -> tuple[list[Nominee], list[Nominee]]:
    nominees = []
    for nomination in nominations:
        nominee = nominee_of(nomination, on)
        award = cash.for_award(nomination.award_type_id) if cash else None
        if award is not None:
            nominee.cash, nominee.cash_formula = award.amount, award.formula
        nominees.append(nominee)
    return [n for n in nominees if n.is_collective], [n for n in nominees if not n.is_collective]


def decision_data(decision) -> DecisionData:
    """Everything the Quyết định, its annex and the certificates need, in five queries. Units
    carry the names in force on the decision's date."""
    nominations = (
        decision.nominations.select_related("unit", "staff", "award_type", "campaign")
        .prefetch_related("unit__changes")
        .order_by("unit__name", "id")
    )
    cash = CashTable(decision.decision_date)
    collectives, individuals = split_by_kind(nominations, decision.decision_date, cash)
    sources = sorted(
        {cash.rates[n.award_type_id].source for n in nominations if n.award_type_id in cash.rates}
    )
    cash_note = (
        f"Mức lương cơ sở {money(cash.base_salary)} đồng ({cash.base_salary_source}); "
        f"mức thưởng: {'; '.join(sources)}; làm tròn lên hàng chục nghìn đồng: {ROUNDING_SOURCE}."
        if sources and cash.base_salary
        else ""
    )
    _add_verification_urls(decision, collectives + individuals)
    grounds = []
    for campaign in sorted({n.campaign for n in nominations if n.campaign_id}, key=lambda c: c.pk):
        plan = f" số {campaign.plan_number}" if campaign.plan_number else ""
        when = f" {layout.date_words(campaign.plan_date)}" if campaign.plan_date else ""
        grounds.append(
            f"Căn cứ Kế hoạch{plan}{when} của Sở Y tế về phát động phong trào thi đua “{campaign.name}”;"
        )
    signer = decision.signer
    return DecisionData(
        number=decision.number,
        date=decision.decision_date,
        title=decision.title,
        signer_name=signer.get_full_name() if signer else "",
        signer_is_deputy=bool(signer and policy.signs_as_deputy(signer)),
        issued=decision.status == "issued",
        grounds=grounds,
        collectives=collectives,
        individuals=individuals,
        legal_bases=legal_bases(decision.decision_date),
        cash_note=cash_note,
    )


def _add_verification_urls(decision, nominees: list[Nominee]) -> None:
    from .models import CertificateCode
    from .verification import verification_url

    tokens = dict(CertificateCode.objects.filter(decision=decision).values_list("nomination__code", "token"))
    for nominee in nominees:
        if nominee.code in tokens:
            nominee.verify_url = verification_url(tokens[nominee.code])


def nominations_data(nominations) -> list[Nominee]:
    return [nominee_of(n) for n in nominations]
