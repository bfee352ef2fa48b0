import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths():
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/v1/models/{slug}/reviews", "get", {"200", "400", "401", "404", "429"}),
        ("/v1/models/{slug}/reviews", "post", {"200", "201", "400", "401", "403", "404", "413", "415", "429"}),
        ("/v1/reviews/{review_id}/helpful", "post", {"200", "401", "403", "404", "429"}),
        ("/v1/models/{slug}/pricing", "get", {"200", "400", "401", "404", "429"}),
        ("/v1/pricing/calculate", "post", {"200", "400", "401", "404", "413", "415", "429"}),
    ],
)
def test_every_status_is_documented(paths, path, method, statuses):
    assert statuses <= set(paths[path][method]["responses"])


def test_the_submission_body_is_documented_strictly(paths):
    operation = paths["/v1/models/{slug}/reviews"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ReviewSubmitRequest"
    }
