from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from accounts.keys import hash_key
from accounts.models import Account, ApiKey, Plan
from accounts.services import api_key_authenticate
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def run_create_api_key(*args) -> list[str]:
    out = StringIO()
    call_command("create_api_key", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_plans_are_seeded_with_their_limits_and_write_rights():
    plans = {plan.slug: (plan.daily_request_limit, plan.can_write) for plan in Plan.objects.all()}
    assert plans == {
        "anonymous": (100, False),
        "free": (1000, False),
        "pro": (50000, True),
        "internal": (None, True),
    }


def test_create_api_key_prints_the_raw_key_last_and_stores_only_its_hash():
    lines = run_create_api_key("--account", "acme", "--plan", "pro")
    raw = lines[-1]
    key = ApiKey.objects.get()
    assert key.account.name == "acme"
    assert key.plan.slug == "pro"
    assert key.secret_hash == hash_key(raw)
    assert key.expires_at is None
    assert api_key_authenticate(raw_key=raw).plan_slug == "pro"


def test_create_api_key_reuses_an_existing_account_and_sets_expiry():
    Account.objects.create(name="acme")
    lines = run_create_api_key("--account", "acme", "--plan", "free", "--expires", "2030-01-31")
    key = ApiKey.objects.get()
    assert Account.objects.count() == 1
    assert key.expires_at.isoformat().startswith("2030-01-31T23:59:59")
    assert "expires 2030-01-31" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--account", "acme", "--plan", "gold"], "Unknown plan 'gold'"),
        (["--account", "acme", "--plan", "free", "--expires", "next week"], "--expires must be a date"),
    ],
)
def test_create_api_key_refuses_bad_arguments_without_creating_anything(args, message):
    with pytest.raises(CommandError, match=message):
        run_create_api_key(*args)
    assert ApiKey.objects.count() == 0


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("curator", "curator@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


def test_admin_key_creation_shows_the_raw_key_once(admin_client):
    account = AccountFactory()
    plan = Plan.objects.get(slug="free")
    response = admin_client.post(
        "/admin/accounts/apikey/add/",
        {"account": account.pk, "plan": plan.pk, "name": "ci", "expires_at_0": "", "expires_at_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    shown = [m for m in messages if "shown once" in m]
    assert len(shown) == 1
    raw = shown[0].rsplit(" ", 1)[-1]
    key = ApiKey.objects.get()
    assert key.secret_hash == hash_key(raw)
    assert api_key_authenticate(raw_key=raw) is not None
    detail = admin_client.get(f"/admin/accounts/apikey/{key.pk}/change/")
    assert raw not in detail.content.decode()


def test_admin_revoke_action_revokes_selected_keys(admin_client):
    lines = run_create_api_key("--account", "acme", "--plan", "free")
    raw = lines[-1]
    assert api_key_authenticate(raw_key=raw) is not None
    key = ApiKey.objects.get()
    response = admin_client.post(
        "/admin/accounts/apikey/", {"action": "revoke_keys", "_selected_action": [key.pk]}, follow=True
    )
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert api_key_authenticate(raw_key=raw) is None
