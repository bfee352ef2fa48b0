import pytest
from rest_framework.test import APIClient

from accounts.models import ApiKey
from accounts.services import api_key_revoke
from aimodelsmap.api.conditional import canonical_query, compute_etag, if_none_match_matches
from aimodelsmap.dataversion import data_version, data_version_bump
from tests.api import conditional_urls
from tests.conftest import make_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.conditional_urls")]

V1_CACHE = "private, max-age=0, must-revalidate"


@pytest.fixture(autouse=True)
def _reset_calls():
    conditional_urls.CALLS.update(v1=0, api=0)


def keyed(raw_key):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    return client


def test_a_v1_read_carries_a_weak_etag_and_private_cache_control():
    response = keyed(make_key("free")).get("/v1/things")
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == V1_CACHE
    assert "X-API-Key" in response["Vary"]


def test_a_matching_if_none_match_gives_304_without_running_the_view_or_counting_the_quota():
    client = keyed(make_key("free"))
    first = client.get("/v1/things")
    not_modified = client.get("/v1/things", HTTP_IF_NONE_MATCH=first["ETag"])
    after = client.get("/v1/things")
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert not_modified["Cache-Control"] == V1_CACHE
    assert conditional_urls.CALLS["v1"] == 2
    assert first["X-RateLimit-Remaining"] == "999"
    assert after["X-RateLimit-Remaining"] == "998"


def test_it_matches_any_tag_in_a_list_and_ignores_weakness():
    client = keyed(make_key("free"))
    etag = client.get("/v1/things")["ETag"]
    strong = etag.removeprefix("W/")
    response = client.get("/v1/things", HTTP_IF_NONE_MATCH=f'"other", {strong}')
    assert response.status_code == 304


def test_a_stale_tag_gets_the_full_response():
    client = keyed(make_key("free"))
    response = client.get("/v1/things", HTTP_IF_NONE_MATCH='W/"stale"')
    assert response.status_code == 200
    assert response.json() == {"data": [1, 2, 3]}


def test_it_does_not_honour_a_wildcard_before_the_view_has_run():
    response = keyed(make_key("free")).get("/v1/things", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_X_API_KEY": "amm_notakey"},
        {"HTTP_X_API_KEY": "amm_abcdefghij_" + "A" * 43},
    ],
    ids=["missing", "malformed", "unknown"],
)
def test_it_still_requires_a_valid_key_for_a_304(headers):
    etag = keyed(make_key("free")).get("/v1/things")["ETag"]
    response = APIClient().get("/v1/things", HTTP_IF_NONE_MATCH=etag, **headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_a_revoked_key_gets_401_not_304():
    raw = make_key("free")
    etag = keyed(raw).get("/v1/things")["ETag"]
    api_key_revoke(api_key=ApiKey.objects.get(prefix=raw.split("_")[1]))
    response = keyed(raw).get("/v1/things", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 401


def test_keys_of_one_plan_share_tags_and_different_plans_never_do():
    free_a = keyed(make_key("free")).get("/v1/things")["ETag"]
    free_b = keyed(make_key("free")).get("/v1/things")["ETag"]
    pro = keyed(make_key("pro")).get("/v1/things")["ETag"]
    assert free_a == free_b
    assert pro != free_a
    assert keyed(make_key("pro")).get("/v1/things", HTTP_IF_NONE_MATCH=free_a).status_code == 200


def test_the_tag_ignores_parameter_order_but_not_parameter_values():
    client = keyed(make_key("free"))
    ab = client.get("/v1/things?a=1&b=2")["ETag"]
    ba = client.get("/v1/things?b=2&a=1")["ETag"]
    other = client.get("/v1/things?a=1&b=3")["ETag"]
    plain = client.get("/v1/things")["ETag"]
    assert ab == ba
    assert len({ab, other, plain}) == 3


def test_a_data_change_invalidates_the_tag(django_capture_on_commit_callbacks):
    client = keyed(make_key("free"))
    before = client.get("/v1/things")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()
    response = client.get("/v1/things", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def test_head_gets_the_same_tag_as_get():
    client = keyed(make_key("free"))
    get_tag = client.get("/v1/things")["ETag"]
    head = client.head("/v1/things")
    assert head.status_code == 200
    assert head["ETag"] == get_tag
    assert client.head("/v1/things", HTTP_IF_NONE_MATCH=get_tag).status_code == 304


def test_an_openmodels_read_is_publicly_cacheable_and_a_304_skips_the_per_ip_limit():
    client = APIClient()
    first = client.get("/api/things")
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Vary" not in first or "X-API-Key" not in first["Vary"]
    revalidations = [client.get("/api/things", HTTP_IF_NONE_MATCH=first["ETag"]).status_code for _ in range(10)]
    assert revalidations == [304] * 10
    # The stand-in per-IP limit is 3: only the two full responses were counted.
    assert client.get("/api/things").status_code == 200
    assert client.get("/api/things").status_code == 200
    assert conditional_urls.CALLS["api"] == 3


def test_openmodels_and_v1_tags_differ_for_the_same_version():
    version = data_version()
    assert compute_etag(version=version, path="/api/things", query_string="") == APIClient().get("/api/things")["ETag"]
    assert compute_etag(version=version, path="/v1/things", query_string="", plan="free") != compute_etag(
        version=version, path="/api/things", query_string=""
    )


def test_errors_are_never_cached():
    limited = APIClient()
    statuses = [limited.get("/api/things").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = limited.get("/api/things")
    assert refused["Cache-Control"] == "no-store"
    assert "ETag" not in refused


@pytest.mark.parametrize("path", ["/health", "/api/health"])
def test_health_is_live_so_it_is_never_tagged_or_stored(path):
    response = APIClient().get(path, HTTP_IF_NONE_MATCH='W/"anything"')
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_canonical_query_keeps_the_order_of_repeated_parameters():
    assert canonical_query("b=2&a=x&a=y") == "a=x&a=y&b=2"
    assert canonical_query("a=y&a=x") == "a=y&a=x"


@pytest.mark.parametrize(
    ("header", "matches"),
    [('W/"abc"', True), ('"abc"', True), (' "x" , W/"abc" ', True), ('"abcd"', False), ("", False), ("*", False)],
)
def test_if_none_match_uses_weak_comparison(header, matches):
    assert if_none_match_matches(header, 'W/"abc"') is matches
