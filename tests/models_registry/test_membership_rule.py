"""The membership and capability rules, without a database."""

from datetime import date

import pytest

from ingestion.claims import SourceClaim, capabilities_from_claims
from models_registry.lifecycle import status_on
from models_registry.membership import MembershipEvidence, categories_for


def evidence(*, model_type="large-language-model", capabilities=(), context_window=None, measured=()):
    return MembershipEvidence(
        model_type=model_type,
        capabilities=frozenset(capabilities),
        context_window=context_window,
        measured_categories=frozenset(measured),
    )


def test_a_model_without_evidence_is_only_in_overall():
    assert categories_for(evidence()) == {"overall"}


def test_signals_capabilities_type_and_window_each_place_a_model():
    assert categories_for(
        evidence(
            model_type="embedding-model",
            capabilities={"vision", "tools", "reasoning"},
            context_window=1_000_000,
            measured={"coding-debugging", "math"},
        )
    ) == {"overall", "embeddings", "vision", "reasoning", "long-context", "coding-debugging", "math"}


def test_a_window_below_the_long_context_threshold_is_not_long_context():
    assert "long-context" not in categories_for(evidence(context_window=499_999))
    assert "long-context" in categories_for(evidence(context_window=500_000))


def claim(*capabilities, by_maker=False):
    return SourceClaim(frozenset(capabilities), by_maker)


@pytest.mark.parametrize(
    ("claims", "capabilities"),
    [
        ([claim("chat", "vision")], {"chat", "vision"}),
        # One host of two: no majority.
        ([claim("chat", "vision"), claim("chat")], {"chat"}),
        ([claim("chat", "vision"), claim("chat", "vision"), claim("chat")], {"chat", "vision"}),
        # The maker's word holds against every host.
        ([claim("chat", "vision", by_maker=True), claim("chat"), claim("chat")], {"chat", "vision"}),
        ([claim("chat", by_maker=True), claim("chat", "tools"), claim("chat", "tools")], {"chat", "tools"}),
        ([], set()),
    ],
)
def test_a_capability_is_the_makers_or_the_majoritys_claim(claims, capabilities):
    assert capabilities_from_claims(claims) == capabilities


@pytest.mark.parametrize(
    ("status", "deprecation_date", "on", "expected"),
    [
        ("active", date(2026, 6, 30), date(2026, 7, 1), "deprecated"),
        ("active", date(2026, 7, 1), date(2026, 7, 1), "deprecated"),
        ("preview", date(2026, 6, 30), date(2026, 7, 1), "deprecated"),
        ("active", date(2026, 7, 2), date(2026, 7, 1), "active"),
        ("active", None, date(2026, 7, 1), "active"),
        ("retired", date(2026, 6, 30), date(2026, 7, 1), "retired"),
    ],
)
def test_a_deprecation_date_that_has_come_deprecates_an_active_model(status, deprecation_date, on, expected):
    assert status_on(status, deprecation_date, on=on) == expected
