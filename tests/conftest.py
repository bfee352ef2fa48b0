"""Shared fixtures. The suite runs on PostgreSQL and Redis only (see the Makefile)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import Plan
from accounts.plans import DEFAULT_PLANS, plans_seed
from accounts.services import api_key_create, api_key_forget_local
from aimodelsmap.api.replay import replayed_reads
from aimodelsmap.cache import cache_breakers_reset
from aimodelsmap.dataversion import data_version_forget_local
from models_registry.identity.lookup import RESOLVERS
from rankings.selectors import MODEL_LABELS
from tests.factories import AccountFactory

# The full public data sets the project was built from live beside the
# checkout, not in it (README, "Test it"). Tests marked shared_data read them.
SHARED_DATA_DIR = Path(os.environ.get("SHARED_DATA_DIR") or Path(settings.BASE_DIR).parent / "shared" / "data")
SHARED_DATA_MISSING = f"need the data sets in {SHARED_DATA_DIR}, which is missing (set SHARED_DATA_DIR)"


def pytest_collection_modifyitems(config, items):
    if SHARED_DATA_DIR.is_dir():
        return
    for item in items:
        if item.get_closest_marker("shared_data"):
            item.add_marker(pytest.mark.skip(reason=SHARED_DATA_MISSING))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = [
        report.nodeid
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and SHARED_DATA_MISSING in str(report.longrepr[-1])
    ]
    if skipped:
        terminalreporter.write_sep("=", f"{len(skipped)} tests skipped: they {SHARED_DATA_MISSING}")
        for nodeid in sorted(skipped):
            terminalreporter.write_line(nodeid)


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or "redis" not in settings.CACHES["default"]["BACKEND"]:
        raise pytest.UsageError(
            "The test suite runs on PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (make test does)."
        )


def eager_tasks():
    """Tasks run in the caller's process, their errors raised there (the embedded default)."""
    from aimodelsmap.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks():
    eager_tasks()
    forget_everything_cached()
    yield
    forget_everything_cached()


def forget_everything_cached():
    """Every cache a request or a run may read: the shared one, and each process-local copy."""
    cache_breakers_reset()
    cache.delete_pattern("*")
    api_key_forget_local()
    data_version_forget_local()
    # Without a data version (Redis down) the resolvers would outlive the test's rows.
    RESOLVERS.forget()
    MODEL_LABELS.forget()
    replayed_reads.clear()


@pytest.fixture(autouse=True)
def _default_plans(request, django_db_blocker):
    """Re-seed the migration-seeded plans for database tests.

    A transactional test flushes every table when it ends, data-migration
    rows included, so the tests after it in the same worker would otherwise
    run without plans.
    """
    db_fixtures = {"db", "transactional_db", "django_db_setup"}
    if request.node.get_closest_marker("django_db") is None and not db_fixtures & set(request.fixturenames):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if Plan.objects.count() < len(DEFAULT_PLANS):
            plans_seed(Plan)


@pytest.fixture
def client():
    """A DRF test client without credentials."""
    return APIClient()


def make_key(plan_slug: str = "free", account=None, **kwargs) -> str:
    account = account or AccountFactory()
    _, raw = api_key_create(account=account, plan=Plan.objects.get(slug=plan_slug), **kwargs)
    return raw


@pytest.fixture
def api_key(db) -> str:
    """A raw free-plan key."""
    return make_key("free")


@pytest.fixture
def api_client(db, api_key):
    """A client sending a valid free-plan key."""
    c = APIClient()
    c.credentials(HTTP_X_API_KEY=api_key)
    return c


@pytest.fixture
def pro_client(db):
    c = APIClient()
    c.credentials(HTTP_X_API_KEY=make_key("pro"))
    return c
