import pytest
from rest_framework.test import APIClient

from accounts.models import Account, ApiKey
from reviews.models import Review, review_public_id
from tests.conftest import make_key
from tests.factories import AccountFactory, ModelFactory

pytestmark = pytest.mark.django_db

VALID = {
    "rating": 5,
    "authorName": "dev_jane",
    "title": "Great for code review",
    "body": "I use it daily for code review and refactoring suggestions.",
    "useCase": "code-review",
}


def writer(account=None, plan="pro"):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key(plan, account=account))
    return client


def submit(client, slug, payload):
    return client.post(f"/v1/models/{slug}/reviews", payload, format="json")


def assert_error(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    return body["error"]


def test_it_creates_a_review_and_returns_201_with_the_spec_shape():
    model = ModelFactory(slug="claude-3-5-sonnet")
    client = writer()
    response = submit(client, model.slug, VALID)
    assert response.status_code == 201
    review = Review.objects.get()
    data = response.json()["data"]
    assert set(data) == {
        "id",
        "author_name",
        "rating",
        "title",
        "body",
        "use_case",
        "verified",
        "helpful_count",
        "created_at",
    }
    assert data["id"] == review_public_id(review.pk)
    assert data["id"].startswith("rev_")
    assert {key: data[key] for key in ("author_name", "rating", "title", "body", "use_case")} == {
        "author_name": "dev_jane",
        "rating": 5,
        "title": "Great for code review",
        "body": VALID["body"],
        "use_case": "code-review",
    }
    assert data["verified"] is False
    assert data["helpful_count"] == 0
    assert data["created_at"].endswith("Z")
    assert review.model == model
    assert review.account_id == ApiKey.objects.get().account_id


def test_it_updates_the_same_review_on_resubmission_and_returns_200():
    model = ModelFactory()
    client = writer()
    first = submit(client, model.slug, VALID).json()["data"]
    response = submit(client, model.slug, {**VALID, "rating": 2, "body": "Changed my mind after a month."})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == first["id"]
    assert data["rating"] == 2
    assert data["body"] == "Changed my mind after a month."
    assert data["created_at"] == first["created_at"]
    assert Review.objects.count() == 1


def test_a_resubmission_without_optional_fields_clears_them():
    model = ModelFactory()
    client = writer()
    submit(client, model.slug, VALID)
    response = submit(client, model.slug, {"rating": 3, "authorName": "dev_jane", "body": "Shorter review now."})
    assert response.status_code == 200
    assert response.json()["data"]["title"] is None
    assert response.json()["data"]["use_case"] is None
    review = Review.objects.get()
    assert (review.title, review.use_case) == (None, None)


def test_two_accounts_get_two_reviews():
    model = ModelFactory()
    assert submit(writer(), model.slug, VALID).status_code == 201
    assert submit(writer(), model.slug, VALID).status_code == 201
    assert Review.objects.filter(model=model).count() == 2


def test_it_trims_text_and_treats_blank_optional_fields_as_absent():
    model = ModelFactory()
    payload = {"rating": 4, "authorName": "  jane  ", "body": "   Ten chars!   ", "title": "   ", "useCase": ""}
    response = submit(writer(), model.slug, payload)
    assert response.status_code == 201
    data = response.json()["data"]
    assert (data["author_name"], data["body"], data["title"], data["use_case"]) == ("jane", "Ten chars!", None, None)


def test_it_marks_reviews_of_verified_accounts_as_verified():
    model = ModelFactory()
    account = AccountFactory(is_verified=True)
    response = submit(writer(account), model.slug, VALID)
    assert response.json()["data"]["verified"] is True


@pytest.mark.parametrize("rating", [4.5, 5.0, "5", True, False, None, 0, 6, -1, [5], {"v": 5}])
def test_it_rejects_a_rating_that_is_not_an_integer_from_1_to_5(rating):
    model = ModelFactory()
    error = assert_error(submit(writer(), model.slug, {**VALID, "rating": rating}), 400, "bad_request")
    assert set(error["details"]) == {"rating"}
    assert Review.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", "too short"),
        ("body", "x" * 5001),
        ("body", "          "),
        ("body", 1234567890123),
        ("body", None),
        ("body", "has a NUL \x00 byte inside"),
        ("authorName", ""),
        ("authorName", "   "),
        ("authorName", "n" * 101),
        ("authorName", 42),
        ("authorName", "nul\x00"),
        ("title", "t" * 201),
        ("title", 7),
        ("useCase", "u" * 501),
        ("useCase", ["a"]),
        ("useCase", "nul\x00"),
    ],
)
def test_it_rejects_invalid_text_fields_with_one_detail_entry(field, value):
    model = ModelFactory()
    error = assert_error(submit(writer(), model.slug, {**VALID, field: value}), 400, "bad_request")
    assert set(error["details"]) == {field}
    assert Review.objects.count() == 0


def test_it_accepts_boundary_lengths():
    model = ModelFactory()
    payload = {"rating": 1, "authorName": "a", "body": "b" * 5000, "title": "t" * 200, "useCase": "u" * 500}
    assert submit(writer(), model.slug, payload).status_code == 201
    payload = {"rating": 1, "authorName": "a" * 100, "body": "b" * 10}
    assert submit(writer(), model.slug, payload).status_code == 201


def test_it_reports_every_invalid_and_missing_field_at_once():
    model = ModelFactory()
    error = assert_error(submit(writer(), model.slug, {"rating": "5", "title": "t" * 300}), 400, "bad_request")
    assert set(error["details"]) == {"rating", "body", "authorName", "title"}
    assert all(isinstance(messages, list) and messages for messages in error["details"].values())


def test_it_rejects_a_body_that_is_not_an_object():
    model = ModelFactory()
    assert_error(submit(writer(), model.slug, [VALID]), 400, "bad_request")


def test_unknown_fields_are_ignored_and_cannot_set_server_fields():
    model = ModelFactory()
    other = AccountFactory()
    payload = {
        **VALID,
        "id": "rev_zzz",
        "verified": True,
        "helpful_count": 999,
        "helpfulCount": 999,
        "account": other.pk,
        "account_id": other.pk,
        "created_at": "2020-01-01T00:00:00Z",
        "createdAt": "2020-01-01T00:00:00Z",
        "is_hidden": True,
        "surprise": {"nested": 1},
    }
    response = submit(writer(), model.slug, payload)
    assert response.status_code == 201
    data = response.json()["data"]
    review = Review.objects.get()
    assert data["id"] == review_public_id(review.pk) != "rev_zzz"
    assert data["verified"] is False
    assert data["helpful_count"] == review.helpful_count == 0
    assert not data["created_at"].startswith("2020")
    assert review.account_id != other.pk
    assert review.is_hidden is False


def test_it_requires_a_key():
    model = ModelFactory()
    error = assert_error(submit(APIClient(), model.slug, VALID), 401, "unauthorized")
    assert error["message"] == "An API key is required to submit reviews."
    assert Review.objects.count() == 0


def test_it_treats_an_anonymous_plan_key_as_no_key():
    model = ModelFactory()
    error = assert_error(submit(writer(plan="anonymous"), model.slug, VALID), 401, "unauthorized")
    assert "API key is required to submit reviews" in error["message"]
    assert Review.objects.count() == 0


def test_it_refuses_a_plan_without_write_access():
    model = ModelFactory()
    error = assert_error(submit(writer(plan="free"), model.slug, VALID), 403, "forbidden")
    assert error["message"] == "Your plan does not allow write access."
    assert Review.objects.count() == 0


def test_it_rejects_an_invalid_key():
    model = ModelFactory()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="amm_abcdefghij_" + "x" * 43)
    assert_error(submit(client, model.slug, VALID), 401, "unauthorized")


def test_it_returns_404_for_an_unknown_model():
    error = assert_error(submit(writer(), "no-such-model", VALID), 404, "not_found")
    assert error["message"] == "Model not found."
    assert Review.objects.count() == 0


def test_it_refuses_a_non_json_body():
    model = ModelFactory()
    response = writer().post(f"/v1/models/{model.slug}/reviews", "rating=5", content_type="text/plain")
    assert_error(response, 415, "unsupported_media_type")


def test_deleting_the_account_deletes_its_reviews():
    model = ModelFactory()
    submit(writer(), model.slug, VALID)
    Account.objects.all().delete()
    assert Review.objects.count() == 0


def test_losing_the_insert_race_updates_the_winners_row(monkeypatch):
    """The branch a concurrent first submission takes, made deterministic.

    The lock lookup misses (the other transaction has not committed yet), the
    insert then hits the unique constraint, and the submission updates the
    row the winner wrote instead of failing.
    """
    from reviews import services
    from tests.factories import ReviewFactory

    winner = ReviewFactory(body="The first submission's text.")
    real_lookup = services._locked_review
    calls = []

    def lookup_that_misses_once(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(services, "_locked_review", lookup_that_misses_once)

    result = services.review_submit(
        model=winner.model, account_id=winner.account_id, author_name="late", rating=2, body="The second one's text."
    )

    assert len(calls) == 2  # the miss, then the lookup after the failed insert
    assert result.created is False
    assert result.review.pk == winner.pk
    assert Review.objects.get().body == "The second one's text."


def test_a_submission_renews_the_review_lists_tag_and_keeps_the_catalogs(django_capture_on_commit_callbacks):
    model = ModelFactory(slug="claude-3-5-sonnet")
    client = writer()
    reviews_tag = client.get("/v1/models/claude-3-5-sonnet/reviews")["ETag"]
    model_tag = client.get("/v1/models/claude-3-5-sonnet")["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, model.slug, VALID).status_code == 201

    reviews = client.get("/v1/models/claude-3-5-sonnet/reviews", HTTP_IF_NONE_MATCH=reviews_tag)
    assert reviews.status_code == 200
    assert reviews.json()["summary"]["total_reviews"] == 1
    assert reviews["ETag"] != reviews_tag
    assert client.get("/v1/models/claude-3-5-sonnet/reviews", HTTP_IF_NONE_MATCH=reviews["ETag"]).status_code == 304
    # The catalog did not change: its cached body and its tag stay valid.
    assert client.get("/v1/models/claude-3-5-sonnet", HTTP_IF_NONE_MATCH=model_tag).status_code == 304


def test_verifying_an_account_renews_the_review_lists_tag(admin_client, django_capture_on_commit_callbacks):
    account = AccountFactory(name="jane", email="jane@example.com")
    model = ModelFactory(slug="claude-3-5-sonnet")
    client = writer(account=account)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, model.slug, VALID)
    before = client.get("/v1/models/claude-3-5-sonnet/reviews")

    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(
            f"/admin/accounts/account/{account.pk}/change/",
            {
                "name": "jane",
                "email": "jane@example.com",
                "is_verified": "on",
                "api_keys-TOTAL_FORMS": "0",
                "api_keys-INITIAL_FORMS": "0",
            },
        )

    assert saved.status_code == 302
    after = client.get("/v1/models/claude-3-5-sonnet/reviews", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["data"][0]["verified"] is True
