"""Property: whatever the history, the engine answers every rule and never raises."""

import logging
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.defaults import GENERAL_ONLY, rules_nd98, rules_nd152
from eligibility.engine import evaluate_facts
from eligibility.facts import AwardFact, CollectiveFact, DossierFact, Facts, InitiativeFact
from eligibility.rules import FAIL, PASS, RULES, UNKNOWN

SET_TABLES = [rules_nd98(), rules_nd152()]
CODES = sorted(
    {"ldtt", "csdt-co-so", "csdt-tinh", "csdt-bo", "bang-khen-ubnd-ca-nhan", "thay-thuoc-uu-tu"}
    | {code for table in SET_TABLES for code in table}
)
years = st.integers(min_value=0, max_value=3000)
codes = st.one_of(st.sampled_from(CODES), st.text(max_size=12))
facts_strategy = st.builds(
    Facts,
    year=years,
    award_code=codes,
    individual=st.booleans(),
    basis=st.sampled_from(["annual", "campaign", "ad_hoc", ""]),
    campaign_id=st.one_of(st.none(), st.integers(1, 5)),
    awards=st.lists(st.builds(AwardFact, codes, years), max_size=30).map(tuple),
    # Ratings and levels include values that are not in the choices (bad imported data).
    ratings=st.dictionaries(
        years, st.one_of(st.sampled_from(["htxs", "htt", "ht", "kht"]), st.text(max_size=4))
    ),
    initiatives=st.lists(
        st.builds(
            InitiativeFact,
            st.integers(1, 10**6),
            st.text(max_size=20),
            st.one_of(st.sampled_from(["co_so", "bo_tinh", "toan_quoc"]), st.text(max_size=4)),
            years,
            st.lists(st.text(max_size=8), max_size=3).map(tuple),
        ),
        max_size=8,
    ).map(tuple),
    other_dossiers=st.lists(
        st.builds(
            DossierFact, st.text(max_size=8), codes, years, st.sampled_from(["annual", "campaign"]), st.none()
        ),
        max_size=8,
    ).map(tuple),
    unit_dossiers_by_award=st.dictionaries(codes, st.integers(0, 10_000)),
    discipline_known=st.booleans(),
    unit_staff_count=st.integers(0, 10_000),
    under_review=st.booleans(),
    discipline_ended=st.one_of(st.none(), st.dates()),
    collective=st.one_of(
        st.none(),
        st.builds(
            CollectiveFact,
            st.integers(0, 500),
            st.text(max_size=10),
            st.dictionaries(codes, st.integers(0, 600)),
            st.dictionaries(codes, st.integers(0, 600)),
            st.integers(0, 600),
            st.integers(0, 600),
            st.one_of(st.none(), st.integers(0, 600)),
        ),
    ),
)
ALL_RULES = [
    SimpleNamespace(rule=code, params=params, source=source)
    for table in SET_TABLES
    for rules in [*table.values(), GENERAL_ONLY]
    for code, params, source, _confidence, _active in rules
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts_strategy)
def test_engine_never_raises_on_arbitrary_histories(the_facts):
    results = evaluate_facts(the_facts, ALL_RULES)
    assert len(results) == len(ALL_RULES)
    assert {r.status for r in results} <= {PASS, FAIL, UNKNOWN}
    assert all(r.message for r in results)


@settings(max_examples=25, deadline=None)
@given(
    facts_strategy,
    st.dictionaries(
        st.sampled_from(["rating", "years", "count", "titles", "x"]),
        st.one_of(st.integers(-5, 5), st.text(max_size=3), st.none()),
    ),
)
def test_bad_parameters_are_reported_as_cannot_tell(the_facts, params):
    logging.disable(logging.CRITICAL)
    try:
        for code in RULES:
            [result] = evaluate_facts(the_facts, [SimpleNamespace(rule=code, params=params, source="")])
            assert result.status in {PASS, FAIL, UNKNOWN}
    finally:
        logging.disable(logging.NOTSET)


def test_a_rule_that_raises_is_cannot_tell_and_logged(monkeypatch, caplog):
    def broken(facts):
        raise ZeroDivisionError

    monkeypatch.setitem(RULES, "broken", RULES["initiative_used_once"].__class__(broken, "broken", {}))
    [result] = evaluate_facts(
        Facts(year=2024, award_code="x", individual=True),
        [SimpleNamespace(rule="broken", params={}, source="")],
    )
    assert result.status == UNKNOWN
    assert "Không kiểm tra được" in result.message
    assert "eligibility rule broken failed" in caplog.text


def test_an_unknown_rule_code_is_cannot_tell():
    [result] = evaluate_facts(
        Facts(year=2024, award_code="x", individual=True),
        [SimpleNamespace(rule="gone", params={}, source="")],
    )
    assert result.status == UNKNOWN
