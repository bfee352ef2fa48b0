"""Every operation of both surfaces and the health endpoints, fuzzed against our own OpenAPI schema.

All of schemathesis' checks run (server errors, status codes, content types,
response headers and bodies against the schema, invalid data rejected, valid
data accepted, authentication enforced, unsupported methods refused), with a
fixed seed and up to 100 generated cases per operation, on PostgreSQL against
a small seeded catalog. Path parameters are sometimes drawn from the seeded
rows, so operations are exercised on real objects and not only on 404s.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from accounts.keys import hash_key, parse_prefix
from accounts.models import ApiKey, Plan
from tests.api.seeded_catalog import kind_of, seed_catalog
from tests.factories import AccountFactory

SEED = 20261121
EXAMPLES_PER_OPERATION = 100

# A fixed key, so the schema can be loaded (and tests collected) before the database exists.
RAW_KEY = "amm_fuzzfuzz00_" + "F" * 43
REAL_VALUES: dict[str, list[str]] = {}
# 414: the cap is on the whole query string, which no single parameter's schema can state.
POSITIVE_ACCEPTANCES = ["2xx", "3xx", "401", "403", "404", "409", "414", "429", "5xx"]
# Rules a schema-valid request can still break, because OpenAPI cannot state them: these
# operations may answer a valid-looking request with 400 (each rule has its own contract test).
UNSTATABLE_RULES = {
    "GET /v1/models": "a cursor must be one the service issued (signed, opaque)",
    "GET /v1/rankings/{category}": "a cursor must be one the service issued (signed, opaque)",
    "GET /v1/models/{slug}/reviews": "a cursor must be one the service issued (signed, opaque)",
    "GET /v1/models/{slug}/scores": "startDate must not be after endDate",
    "GET /v1/models/{slug}/signals": "startDate must not be after endDate",
    "GET /v1/rankings/{category}/history": "startDate must not be after endDate",
    # The count (2-4) and non-blank slugs are in the schema's pattern; distinctness is not expressible.
    "GET /v1/models/compare": "the slugs must be distinct",
}
NEGATIVE_REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "5xx"]

schema = schemathesis.openapi.from_wsgi(
    "/openapi.json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES_PER_OPERATION, "with-security-parameters": False},
            # 413 and 414 are how the service rejects oversized input, so they count as rejections.
            "checks": {
                "negative_data_rejection": {"expected-statuses": NEGATIVE_REJECTIONS},
                "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTANCES},
            },
            "operations": [
                {
                    "include-name": label,
                    "checks": {"positive_data_acceptance": {"expected-statuses": [*POSITIVE_ACCEPTANCES, "400"]}},
                }
                for label in UNSTATABLE_RULES
            ],
        }
    ),
)


def real(kind: str):
    # Resolved at draw time: the rows (and their ids) are created per test.
    return st.integers(min_value=0, max_value=63).map(lambda i: REAL_VALUES[kind][i % len(REAL_VALUES[kind])])


@schema.hook
def before_generate_path_parameters(context, strategy):
    operation = context.operation
    kinds = {p.name: kind_of(operation.path, p.name) for p in operation.path_parameters}
    if not kinds or None in kinds.values():
        return strategy
    return st.one_of(strategy, st.fixed_dictionaries({name: real(kind) for name, kind in kinds.items()}))


@pytest.fixture
def seeded(db):
    REAL_VALUES.update(seed_catalog())
    account = AccountFactory(name="fuzzer")
    ApiKey.objects.create(
        account=account,
        plan=Plan.objects.get(slug="internal"),
        prefix=parse_prefix(RAW_KEY),
        secret_hash=hash_key(RAW_KEY),
    )
    # Django's test client detaches these for the same reason: the app must not
    # close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with override_settings(OPENMODELS_RATE_LIMIT_PER_MINUTE=1_000_000):
            yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_every_operation_conforms_to_the_schema(case, seeded):
    case.call_and_validate(headers={"X-API-Key": RAW_KEY})
