"""What a curator sees on the catalog's admin pages: wide enough number fields, readable labels, the site link."""

import re

import pytest
from django.contrib.auth import get_user_model

from ingestion.models import DataSource
from models_registry.models import Model
from telemetry.models import ErrorKind
from tests.factories import EndpointFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/models_registry"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("curator", "curator@example.com", "pw-curator-123")
    client.force_login(user)
    return client


def number_input(html: str, name: str) -> str:
    return re.search(rf'<input type="number" name="{re.escape(name)}"[^>]*>', html).group(0)


def test_number_fields_are_wide_enough_for_a_million_token_context_window(staff):
    model = ModelFactory(context_window=1048576, max_output_tokens=65536)
    EndpointFactory(model=model, host=ProviderFactory(is_creator=False), context_window=2097152)

    html = staff.get(f"{ADMIN}/model/{model.pk}/change/").content.decode()

    for name, value in [("context_window", "1048576"), ("endpoints-0-context_window", "2097152")]:
        field = number_input(html, name)
        assert f'value="{value}"' in field
        assert 'class="vIntegerField"' in field
    # Django's own 5em fits six digits beside the spinner; the admin's style widens it for ten.
    width = re.search(r"input\.vIntegerField[^{]*\{\s*width:\s*(\d+)ch;", html)
    assert width and int(width.group(1)) >= len("2147483647") + 2


def test_the_view_site_link_leads_to_the_home_page(staff):
    html = staff.get("/admin/").content.decode()
    assert '<a href="/">View site</a>' in html


def test_model_types_read_as_people_write_them(staff):
    ModelFactory(model_type=Model.Type.LLM)

    html = staff.get(f"{ADMIN}/model/").content.decode()

    assert "Llm" not in html
    assert re.search(r"<td class=\"field-model_type\">LLM</td>", html)
    add_form = staff.get(f"{ADMIN}/model/add/").content.decode()
    assert '<option value="image-generation-model">Image generation</option>' in add_form


def test_acronyms_and_brands_keep_their_spelling_in_choice_labels():
    """Generated labels title-case the member name: LLM -> "Llm", LITELLM -> "Litellm"."""
    labels = {
        **{choice.value: choice.label for choice in Model.Type},
        **{choice.value: choice.label for choice in DataSource.Pipeline},
        **{choice.value: choice.label for choice in ErrorKind},
    }
    assert labels["large-language-model"] == "LLM"
    assert (labels["litellm"], labels["openrouter"], labels["models-dev"]) == ("LiteLLM", "OpenRouter", "models.dev")
    assert labels["4xx"] == "4xx client error"


def search_box(html: str, field_path: str) -> str:
    return re.search(rf'<select[^>]*id="ac_{field_path}"[^>]*>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("changelist", "field_path", "model_name", "field_name"),
    [
        (f"{ADMIN}/model/", "creator", "model", "creator"),
        (f"{ADMIN}/endpoint/", "host", "endpoint", "host"),
        ("/admin/pricing/price/", "endpoint__host", "endpoint", "host"),
        ("/admin/telemetry/probetarget/", "endpoint__host", "endpoint", "host"),
    ],
)
def test_long_filters_are_search_boxes_instead_of_lists(staff, changelist, field_path, model_name, field_name):
    hosts = [ProviderFactory(name=f"Host {index:03}", is_creator=False) for index in range(40)]

    html = staff.get(changelist).content.decode()

    box = search_box(html, field_path)
    assert f'data-model-name="{model_name}"' in box and f'data-field-name="{field_name}"' in box
    assert f'data-ajax--param="{field_path}__exact"' in box
    assert "admin/js/vendor/select2/select2.full" in html
    assert hosts[-1].name not in html  # not listed: searched for
    found = staff.get(
        "/admin/autocomplete/",
        {"term": "Host 037", "app_label": "models_registry", "model_name": model_name, "field_name": field_name},
    )
    # Found by name (a factory slug may also hold "037", so other hosts can match too).
    assert "Host 037" in [item["text"] for item in found.json()["results"]]


def test_a_search_filter_narrows_the_list_and_names_its_choice(staff):
    wanted, other = ProviderFactory(name="Fireworks", is_creator=False), ProviderFactory(is_creator=False)
    kept = EndpointFactory(host=wanted, provider_model_id="kept")
    EndpointFactory(host=other, provider_model_id="dropped")

    response = staff.get(f"{ADMIN}/endpoint/", {"host__exact": wanted.pk})

    assert [endpoint.pk for endpoint in response.context["cl"].result_list] == [kept.pk]
    assert re.search(r"<option selected=\"selected\">\s*Fireworks\s*</option>", response.content.decode())


@pytest.mark.parametrize("value", ["999999", "not-a-number"])
def test_a_search_filter_with_a_stale_or_bad_id_is_no_server_error(staff, value):
    response = staff.get(f"{ADMIN}/endpoint/", {"host__exact": value}, follow=True)
    assert response.status_code == 200
