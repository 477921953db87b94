import datetime

import pytest

from council.defaults import seed_policies
from eligibility.defaults import seed_rules
from eligibility.facts import AwardFact, DossierFact, Facts, InitiativeFact
from tests.factories import AwardTypeFactory

# The workflow's cast and dossiers, shared with these tests.
from tests.workflows.conftest import higher_award, people, submitted  # noqa: F401


def facts(year=2024, award="x", *, awards=(), ratings=None, initiatives=(), others=(), individual=True, **kw):
    """Facts for a rule test: ``awards`` as (code, year), ``initiatives`` as (level, year[, used_by])."""
    return Facts(
        year=year,
        award_code=award,
        individual=individual,
        awards=tuple(AwardFact(c, y) for c, y in awards),
        ratings=dict(ratings or {}),
        initiatives=tuple(
            InitiativeFact(n, f"Sáng kiến số {n}", i[0], i[1], tuple(i[2]) if len(i) > 2 else ())
            for n, i in enumerate(initiatives, 1)
        ),
        other_dossiers=tuple(
            DossierFact(f"KT-{year}-{n:06d}", *o)
            if len(o) == 4
            else DossierFact(f"KT-{year}-{n:06d}", o[0], o[1], "annual", None)
            for n, o in enumerate(others, 1)
        ),
        **kw,
    )


@pytest.fixture
def catalogue(db):
    """The award types the default rules name, with those rules and council policies."""
    types = {
        "ldtt": ("Lao động tiên tiến", False),
        "csdt-co-so": ("Chiến sĩ thi đua cơ sở", True),
        "csdt-tinh": ("Chiến sĩ thi đua cấp tỉnh", True),
        "bang-khen-ubnd-ca-nhan": ("Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", False),
        "giay-khen-ca-nhan": ("Giấy khen của Giám đốc Sở Y tế (cá nhân)", False),
    }
    made = {
        code: AwardTypeFactory(code=code, name=name, needs_council_vote=vote, authority="director")
        for code, (name, vote) in types.items()
    }
    seed_rules()
    seed_policies()
    return made


MEETING = datetime.date(2024, 12, 20)
