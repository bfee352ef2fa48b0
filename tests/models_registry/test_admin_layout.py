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
    assert width and int(width.group(1)) >= len("2147483647") + 3


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
